import type { Highs, Model } from 'highs';

/** An LP in row form: max/min c'x, rowLower <= Ax <= rowUpper, colLower <= x <= colUpper, A in CSR. */
export interface LpData {
  readonly numCols: number;
  readonly colCost: ArrayLike<number>;
  readonly colLower: ArrayLike<number>;
  readonly colUpper: ArrayLike<number>;
  /** CSR rows: row i holds entries starts[i] .. starts[i+1]-1. */
  readonly starts: ArrayLike<number>;
  readonly indices: ArrayLike<number>;
  readonly values: ArrayLike<number>;
  readonly rowLower: ArrayLike<number>;
  readonly rowUpper: ArrayLike<number>;
}

/** An LP under construction: push rows with `addRow` (and columns with `addColumn`), then `createModel`. */
export interface SparseLp extends LpData {
  /** Grows with `addColumn`. */
  numCols: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  starts: number[];
  indices: number[];
  values: number[];
  rowLower: number[];
  rowUpper: number[];
}

/** An LP with these columns and no rows yet. */
export function emptyLp(
  numCols: number,
  colCost: Float64Array,
  colLower: Float64Array,
  colUpper: Float64Array,
): SparseLp {
  return {
    numCols,
    colCost,
    colLower,
    colUpper,
    starts: [0],
    indices: [],
    values: [],
    rowLower: [],
    rowUpper: [],
  };
}

/** Appends a column (e.g. an auxiliary variable of the compact fairness rows); returns its index. */
export function addColumn(lp: SparseLp, cost: number, lower: number, upper: number): number {
  const grow = (a: Float64Array, v: number) => {
    const out = new Float64Array(a.length + 1);
    out.set(a);
    out[a.length] = v;
    return out;
  };
  lp.colCost = grow(lp.colCost, cost);
  lp.colLower = grow(lp.colLower, lower);
  lp.colUpper = grow(lp.colUpper, upper);
  return lp.numCols++;
}

/** Appends the row lower <= sum value * x[col] <= upper (zero entries are left out); returns its index. */
export function addRow(
  lp: SparseLp,
  entries: readonly (readonly [number, number])[],
  lower: number,
  upper: number,
): number {
  for (const [col, value] of entries) {
    if (value === 0) continue;
    lp.indices.push(col);
    lp.values.push(value);
  }
  lp.starts.push(lp.indices.length);
  lp.rowLower.push(lower);
  lp.rowUpper.push(upper);
  return lp.rowLower.length - 1;
}

const f64 = (a: ArrayLike<number>): Float64Array => (a instanceof Float64Array ? a : Float64Array.from(a));
const i32 = (a: ArrayLike<number>): Int32Array => (a instanceof Int32Array ? a : Int32Array.from(a));

/** A HiGHS model of `lp` (typed arrays are passed as they are, other arrays copied). Dispose it after use. */
export function createModel(highs: Highs, lp: LpData, sense: 'maximize' | 'minimize'): Model {
  const numRows = lp.rowLower.length;
  return highs.createModel({
    numCols: lp.numCols,
    numRows,
    sense: highs.constants.objectiveSense[sense],
    colCost: f64(lp.colCost),
    colLower: f64(lp.colLower),
    colUpper: f64(lp.colUpper),
    rowLower: f64(lp.rowLower),
    rowUpper: f64(lp.rowUpper),
    matrix: {
      format: 'csr',
      numRows,
      numCols: lp.numCols,
      starts: i32(lp.starts),
      indices: i32(lp.indices),
      values: f64(lp.values),
    },
  });
}
