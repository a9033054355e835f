import { InputError } from '../errors.js';
import {
  type Bounds,
  CRITERIA,
  type Criterion,
  completeBounds,
  criterionValues,
  isVacuousBound,
  meetsBound,
} from '../metrics/index.js';
import { addCriterionRows, boundsAt } from './criterion-rows.js';
import type { SparseLp } from './sparse-lp.js';

/**
 * Checks a bound record of any criteria (alpha for differences, R for ratios, Z for group loss, each in [0, 1];
 * absent = vacuous). The one definition lives beside the criteria (`completeBounds`).
 * @throws InputError E_BAD_ALPHA, E_BAD_OPTION (unknown criterion)
 */
export const checkAlphas = (alpha: Partial<Bounds>): Bounds => completeBounds(alpha);

/**
 * Appends the rows of every bound criterion (docs/constraints.md: the paper's SP / EO / OAE, and the TPR, FPR,
 * error-rate, ratio and group-loss families) on joint-matrix columns `Z[(s,y), yHat]` (at `zColumn +
 * (s*C+y)*C + yHat`), with P = Z / mu(s,y) substituted, in the compact form of docs/constraints.md (LP rows):
 * the rows of `addCriterionRows`, the same the exact LP uses, so the cutting planes and the exact LP bound the
 * same set. A difference is one auxiliary column lo and 0 <= r_s - lo <= alpha per group (O(A) rows); a ratio
 * one column hi, hi >= r_s and r_s >= R hi; group loss acc_s >= 1 - Z per group. Every criterion is linear in
 * P, hence in Z: the Blackwell cuts (which only see Z) apply unchanged. Auxiliary columns are appended to `lp`
 * (cost 0); a vacuous criterion adds nothing. Returns the rows added per criterion.
 */
export function addFairnessRows(
  lp: SparseLp,
  mu: Float64Array,
  nGroups: number,
  nClasses: number,
  alpha: Partial<Bounds>,
  zColumn: number,
): Record<Criterion, number> {
  const C = nClasses;
  const nZ = mu.length * C;
  const counts = Object.fromEntries(CRITERIA.map((c) => [c, 0])) as Record<Criterion, number>;
  // P = Z / mu: a coefficient on P[(s,y), yHat] becomes coefficient / mu(s,y) on the Z column.
  const scale = (column: number) =>
    column >= zColumn && column < zColumn + nZ ? 1 / mu[Math.floor((column - zColumn) / C)] : 1;
  for (const c of CRITERIA) {
    const t = alpha[c];
    if (t === undefined || isVacuousBound(c, t)) continue;
    // Entries are stored as given (explicit zeros too): the ratio rows' R-dependent coefficients are set by
    // position below.
    const rows = addCriterionRows(
      {
        addColumn(lower, upper) {
          lp.colCost = grow(lp.colCost, 0);
          lp.colLower = grow(lp.colLower, lower);
          lp.colUpper = grow(lp.colUpper, upper);
          return lp.numCols++;
        },
        addRow(entries, lower, upper) {
          for (const [column, value] of entries) {
            lp.indices.push(column);
            lp.values.push(value * scale(column));
          }
          lp.starts.push(lp.indices.length);
          lp.rowLower.push(lower);
          lp.rowUpper.push(upper);
          return lp.rowLower.length - 1;
        },
        nextEntry: () => lp.indices.length,
      },
      c,
      mu,
      nGroups,
      C,
      (j) => zColumn + j,
      'compact',
    );
    const { lower, upper } = boundsAt(rows, t);
    for (let i = 0; i < rows.count; i++) {
      lp.rowLower[rows.first + i] = lower[i];
      lp.rowUpper[rows.first + i] = upper[i];
    }
    for (let j = 0; j < rows.entry.length; j++)
      lp.values[rows.entry[j]] = rows.entrySlope[j] * t * scale(rows.entryColumn[j]);
    counts[c] = rows.count;
  }
  return counts;
}

const grow = (a: Float64Array, v: number): Float64Array => {
  const out = new Float64Array(a.length + 1);
  out.set(a);
  out[a.length] = v;
  return out;
};

/**
 * The value of every criterion for a joint matrix Z (rows summing to mu; P = Z / mu), re-measured by the metric
 * engine (`criterionValues`), and whether each meets its bound within `tolerance`.
 */
export function jointCriterionValues(
  Z: ArrayLike<number>,
  mu: Float64Array,
  nGroups: number,
  nClasses: number,
): { P: Float64Array; values: Record<Criterion, number> } {
  const C = nClasses;
  const P = new Float64Array(mu.length * C);
  for (let t = 0; t < mu.length; t++) for (let j = 0; j < C; j++) P[t * C + j] = Z[t * C + j] / mu[t];
  return { P, values: criterionValues(P, mu, nGroups, C) };
}

/** The first criterion whose measured value misses its bound by more than `tolerance`, if any. */
export function missedBound(
  values: Readonly<Record<Criterion, number>>,
  alpha: Bounds,
  tolerance: number,
): Criterion | undefined {
  return CRITERIA.find((c) => !meetsBound(c, values[c], alpha[c], tolerance));
}

/** Checks the shape of a fairness experiment: at least two groups and classes, every (s, y) of positive mass. */
export function checkFairnessPrior(mu: Float64Array, nGroups: number, nClasses: number): void {
  if (nGroups < 2) throw new InputError('E_TOO_FEW_GROUPS', `need at least 2 groups, found ${nGroups}`);
  if (nClasses < 2) throw new InputError('E_TOO_FEW_CLASSES', `need at least 2 classes, found ${nClasses}`);
  for (let s = 0; s < nGroups; s++)
    for (let y = 0; y < nClasses; y++)
      if (!(mu[s * nClasses + y] > 0))
        throw new InputError(
          'E_EMPTY_GROUP_LABEL',
          `group ${s} has no mass with label ${y}; equalized odds conditions on every (group, label) pair`,
        );
}
