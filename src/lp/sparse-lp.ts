import type { Highs, Model } from 'highs';
import { SolverError } from '../errors.js';
import { HIGHS_STATUS_NAMES as STATUS_NAMES } from './highs-runtime.js';
import { Accumulator } from '../numeric.js';
import { SOLVER_FEASIBILITY_TOL } from './tolerances.js';

/** A sparse LP in row form: max/min c'x, rowLower <= Ax <= rowUpper, colLower <= x <= colUpper. */
export interface SparseLp {
  readonly numCols: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  /** CSR rows. */
  starts: number[];
  indices: number[];
  values: number[];
  rowLower: number[];
  rowUpper: number[];
}

/** Incremental CSR builder: push entries, then close the row with its bounds. */
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

export function createModel(highs: Highs, lp: SparseLp, sense: 'maximize' | 'minimize'): Model {
  const numRows = lp.rowLower.length;
  return highs.createModel({
    numCols: lp.numCols,
    numRows,
    sense: highs.constants.objectiveSense[sense],
    colCost: lp.colCost,
    colLower: lp.colLower,
    colUpper: lp.colUpper,
    rowLower: Float64Array.from(lp.rowLower),
    rowUpper: Float64Array.from(lp.rowUpper),
    matrix: {
      format: 'csr',
      numRows,
      numCols: lp.numCols,
      starts: Int32Array.from(lp.starts),
      indices: Int32Array.from(lp.indices),
      values: Float64Array.from(lp.values),
    },
  });
}

export function configure(model: Model, timeLimitSeconds: number): void {
  model.options.set({
    output_flag: false,
    solver: 'simplex',
    time_limit: timeLimitSeconds,
    primal_feasibility_tolerance: SOLVER_FEASIBILITY_TOL,
    dual_feasibility_tolerance: SOLVER_FEASIBILITY_TOL,
    // Keep coefficients down to 1e-12 (the default drops below 1e-9): w_k g_k(theta) is tiny for many samples.
    small_matrix_value: 1e-12,
  });
}

/**
 * Runs the model and returns its solution, or throws a SolverError naming the LP (`what`) and the status.
 * @throws SolverError E_SOLVER_TIME_LIMIT, E_INFEASIBLE, E_SOLVER_STATUS
 */
export function runChecked(
  model: Model,
  what: string,
  timeLimitSeconds: number,
): { colValue: Float64Array; rowDual: Float64Array; iterations: number } {
  model.run();
  const status = model.getModelStatus() as number;
  const name = STATUS_NAMES[status] ?? `status ${status}`;
  if (status === 13)
    throw new SolverError(
      'E_SOLVER_TIME_LIMIT',
      `the ${what} hit its time limit of ${timeLimitSeconds} s; raise timeLimitSeconds`,
    );
  if (status === 8 || status === 9)
    throw new SolverError('E_INFEASIBLE', `HiGHS reports the ${what} ${name}`);
  if (status !== 7) throw new SolverError('E_SOLVER_STATUS', `HiGHS ended the ${what} with status "${name}"`);
  const solution = model.getSolution();
  const iterations = Number(model.info.get('simplex_iteration_count') ?? 0);
  return {
    colValue: Float64Array.from(solution.colValue),
    rowDual: Float64Array.from(solution.rowDual),
    iterations,
  };
}

/**
 * Weak duality for max c'x, L <= Ax <= U, l <= x <= u: for any row multipliers y,
 * c'x <= sum_i max(y_i L_i, y_i U_i) + sum_j max(z_j l_j, z_j u_j) with z = c - A'y (infinite bounds give an
 * infinite term unless the multiplier has the right sign). Valid whatever the solver's accuracy or sign
 * convention: both signs are tried and the smaller bound kept. For a minimization pass the negated costs.
 */
export function certifiedMaxBound(lp: SparseLp, rowDual: ArrayLike<number>): number {
  const term = (coef: number, lo: number, hi: number): number => {
    if (coef === 0) return 0;
    return coef > 0 ? coef * hi : coef * lo; // may be +Infinity when the bound is infinite
  };
  const bound = (sign: number): number => {
    const z = Float64Array.from(lp.colCost);
    const acc = new Accumulator();
    let infinite = false;
    for (let i = 0; i < lp.rowLower.length; i++) {
      const y = sign * rowDual[i];
      if (y === 0) continue;
      const t = term(y, lp.rowLower[i], lp.rowUpper[i]);
      // A multiplier of the wrong sign on a one-sided row (solver noise) is replaced by 0: still a valid bound.
      if (!Number.isFinite(t)) continue;
      for (let e = lp.starts[i]; e < lp.starts[i + 1]; e++) z[lp.indices[e]] -= y * lp.values[e];
      acc.add(t);
    }
    for (let j = 0; j < z.length; j++) {
      const t = term(z[j], lp.colLower[j], lp.colUpper[j]);
      if (!Number.isFinite(t)) infinite = true;
      else acc.add(t);
    }
    return infinite ? Infinity : acc.value();
  };
  return Math.min(bound(1), bound(-1));
}
