import {
  CRITERION_KIND,
  type Criterion,
  type GroupRate,
  VACUOUS_BOUND,
  groupRates,
} from '../metrics/index.js';

/**
 * How the "for every pair of groups" rows of a criterion are written (see docs/constraints.md, LP rows):
 * - `compact` (default): O(A) rows. |r_s - r_s'| <= alpha for all pairs iff lo <= r_s <= lo + alpha for one
 *   free variable lo per rate; r_s >= R r_s' for all ordered pairs iff r_s >= R hi and hi >= r_s for one
 *   variable hi (take hi = max_s r_s). 1000 groups need about 2000 rows per rate instead of 500 000.
 * - `pairwise`: the textbook O(A^2) rows, kept to test the compact form against.
 */
export type FairnessRowForm = 'compact' | 'pairwise';

/** Where the rows go: an LP under construction (columns and CSR rows appended in order). */
export interface RowSink {
  /** Appends a column with these bounds and zero cost; returns its index. */
  addColumn(lower: number, upper: number): number;
  /** Appends a row; returns its index and the position of its first entry in the CSR arrays. */
  addRow(entries: readonly (readonly [number, number])[], lower: number, upper: number): number;
  /** Position in the CSR arrays where the next entry will be stored. */
  nextEntry(): number;
}

/**
 * The rows of one criterion, contiguous, and how they depend on its bound t (alpha, R or Z):
 * row i has lower = lowerBase[i] + lowerSlope[i] t and upper = upperBase[i] + upperSlope[i] t (infinite bases
 * stay infinite), and the coefficient at CSR position `entry[j]` (row `entryRow[j]`, column `entryColumn[j]`)
 * equals entrySlope[j] t (the ratio rows).
 */
export interface CriterionRows {
  readonly criterion: Criterion;
  readonly first: number;
  readonly count: number;
  readonly lowerBase: Float64Array;
  readonly lowerSlope: Float64Array;
  readonly upperBase: Float64Array;
  readonly upperSlope: Float64Array;
  readonly entry: Int32Array;
  readonly entryRow: Int32Array;
  readonly entryColumn: Int32Array;
  readonly entrySlope: Float64Array;
}

/**
 * Appends the rows of `criterion` on P columns (`pColumn(index)` for index = (s*C + y)*C + yHat into P), set to
 * its vacuous bound; `boundsAt` / `coefficientsAt` give the values for another bound. Rates are
 * `groupRates(criterion, mu)`; groups where a rate is undefined are left out, and a rate with fewer than two
 * groups adds nothing (except group loss, which bounds each group alone).
 */
export function addCriterionRows(
  sink: RowSink,
  criterion: Criterion,
  muSY: ArrayLike<number>,
  nGroups: number,
  nClasses: number,
  pColumn: (index: number) => number,
  form: FairnessRowForm = 'compact',
): CriterionRows {
  const kind = CRITERION_KIND[criterion];
  const t0 = VACUOUS_BOUND[criterion];
  const rows: { lb: number; ls: number; ub: number; us: number }[] = [];
  const entries: { entry: number; row: number; column: number; slope: number }[] = [];
  let first = -1;
  const push = (
    terms: readonly (readonly [number, number])[],
    bounds: { lb: number; ls: number; ub: number; us: number },
    parametric: readonly (readonly [number, number])[] = [],
  ) => {
    // Parametric entries (coefficient = slope * t) go last in the row, so their CSR positions are known.
    const start = sink.nextEntry() + terms.length;
    const row = sink.addRow(
      [...terms, ...parametric.map(([col, slope]) => [col, slope * t0] as [number, number])],
      bounds.lb + bounds.ls * t0,
      bounds.ub + bounds.us * t0,
    );
    if (first < 0) first = row;
    rows.push(bounds);
    parametric.forEach(([column, slope], j) => entries.push({ entry: start + j, row, column, slope }));
  };
  const termsOf = (form: readonly (readonly [number, number])[], scale = 1) =>
    form.map(([index, coefficient]) => [pColumn(index), scale * coefficient] as [number, number]);

  const rates: GroupRate[] = groupRates(criterion, muSY, nGroups, nClasses);
  for (const rate of rates) {
    const present = rate.forms.flatMap((f, s) => (f === null ? [] : [s]));
    if (kind === 'groupLoss') {
      // acc_s >= 1 - Z for every group: e_s = 1 - acc_s <= Z.
      for (const s of present) push(termsOf(rate.forms[s]!), { lb: 1, ls: -1, ub: Infinity, us: 0 });
      continue;
    }
    if (present.length < 2) continue;
    if (kind === 'difference') {
      if (form === 'pairwise') {
        for (let i = 0; i < present.length; i++)
          for (let j = i + 1; j < present.length; j++)
            push([...termsOf(rate.forms[present[i]]!), ...termsOf(rate.forms[present[j]]!, -1)], {
              lb: 0,
              ls: -1,
              ub: 0,
              us: 1,
            });
      } else {
        // lo <= r_s <= lo + alpha; r_s in [0, 1] keeps lo in [-1, 1].
        const lo = sink.addColumn(-1, 1);
        for (const s of present) push([...termsOf(rate.forms[s]!), [lo, -1]], { lb: 0, ls: 0, ub: 0, us: 1 });
      }
      continue;
    }
    // Ratio: r_s - R r_s' >= 0.
    if (form === 'pairwise') {
      for (const s of present)
        for (const other of present)
          if (other !== s)
            push(
              termsOf(rate.forms[s]!),
              { lb: 0, ls: 0, ub: Infinity, us: 0 },
              termsOf(rate.forms[other]!, -1),
            );
    } else {
      const hi = sink.addColumn(0, 1);
      for (const s of present)
        push([[hi, 1], ...termsOf(rate.forms[s]!, -1)], { lb: 0, ls: 0, ub: Infinity, us: 0 });
      for (const s of present)
        push(termsOf(rate.forms[s]!), { lb: 0, ls: 0, ub: Infinity, us: 0 }, [[hi, -1]]);
    }
  }
  const n = rows.length;
  return {
    criterion,
    first: n === 0 ? 0 : first,
    count: n,
    lowerBase: Float64Array.from(rows, (r) => r.lb),
    lowerSlope: Float64Array.from(rows, (r) => r.ls),
    upperBase: Float64Array.from(rows, (r) => r.ub),
    upperSlope: Float64Array.from(rows, (r) => r.us),
    entry: Int32Array.from(entries, (e) => e.entry),
    entryRow: Int32Array.from(entries, (e) => e.row),
    entryColumn: Int32Array.from(entries, (e) => e.column),
    entrySlope: Float64Array.from(entries, (e) => e.slope),
  };
}

/** Row bounds of `rows` at bound t (alpha, R or Z). */
export function boundsAt(rows: CriterionRows, t: number): { lower: Float64Array; upper: Float64Array } {
  const lower = new Float64Array(rows.count);
  const upper = new Float64Array(rows.count);
  for (let i = 0; i < rows.count; i++) {
    lower[i] = rows.lowerBase[i] === -Infinity ? -Infinity : rows.lowerBase[i] + rows.lowerSlope[i] * t;
    upper[i] = rows.upperBase[i] === Infinity ? Infinity : rows.upperBase[i] + rows.upperSlope[i] * t;
  }
  return { lower, upper };
}

/**
 * d(value)/dt at an optimum, from the row multipliers `dual` (in the sign convention where the Lagrangian bound
 * is sum_i max(dual_i L_i, dual_i U_i) + max_x (c - A' dual) x, see the certified dual bound) and the primal
 * columns x: a bound moves the row bounds (dual_i dU_i/dt or dual_i dL_i/dt, by the side the multiplier
 * prices) and the ratio coefficients (-dual_i x_j dA_ij/dt). By the envelope theorem this is the slope of the
 * frontier in t where it is differentiable, a supergradient at its kinks.
 */
export function boundDerivative(rows: CriterionRows, dual: ArrayLike<number>, x: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < rows.count; i++) {
    const y = dual[rows.first + i];
    if (y > 0) d += rows.upperBase[i] === Infinity ? 0 : y * rows.upperSlope[i];
    else if (y < 0) d += rows.lowerBase[i] === -Infinity ? 0 : y * rows.lowerSlope[i];
  }
  for (let j = 0; j < rows.entry.length; j++)
    d -= dual[rows.entryRow[j]] * rows.entrySlope[j] * x[rows.entryColumn[j]];
  return d;
}

/** Rows, auxiliary columns and nonzeros that `addCriterionRows` would append, counted with a sink that stores nothing. */
export function criterionRowsSize(
  criterion: Criterion,
  muSY: ArrayLike<number>,
  nGroups: number,
  nClasses: number,
  form: FairnessRowForm = 'compact',
): { nRows: number; nColumns: number; nNonzeros: number } {
  let nRows = 0;
  let nColumns = 0;
  let nNonzeros = 0;
  addCriterionRows(
    {
      addColumn: () => nColumns++,
      addRow: (entries) => {
        nNonzeros += entries.length;
        return nRows++;
      },
      nextEntry: () => nNonzeros,
    },
    criterion,
    muSY,
    nGroups,
    nClasses,
    (j) => j,
    form,
  );
  return { nRows, nColumns, nNonzeros };
}
