import { InputError } from '../errors.js';
import { groupRates } from '../metrics/criterion-values.js';
import { MEASURES, VACUOUS_ALPHA, completeAlphas, type Alphas, type Measure } from '../metrics/measure.js';
import { addColumn, addRow, type SparseLp } from './sparse-lp.js';

/** Checks an alpha record: each in [0, 1]; absent = vacuous (1). The one definition lives beside the measures. */
export const checkAlphas = completeAlphas;

/**
 * Appends the SP / EO / OAE rows of docs/design.md (Fairness measures) on joint-matrix columns `Z[(s,y), yHat]` (at `zColumn + (s*C+y)*C
 * + yHat`), with P = Z / mu(s,y) substituted, in the compact form of docs/constraints.md (LP rows): for each
 * rate r_s of a measure (`groupRates`, the metric engine's definition) one auxiliary column lo in [-1, 1] and one
 * row 0 <= r_s - lo <= alpha per group, which holds for some lo iff max_s r_s - min_s r_s <= alpha. O(A) rows
 * instead of A(A-1)/2 per rate: 1000 groups fit. The auxiliary columns are appended to `lp` (cost 0). Rows of a
 * vacuous measure (alpha = 1) are not added at all. Returns the rows added per measure.
 */
export function addFairnessRows(
  lp: SparseLp,
  mu: Float64Array,
  nGroups: number,
  nClasses: number,
  alpha: Alphas,
  zColumn: number,
): Record<Measure, number> {
  const counts = { sp: 0, eo: 0, oae: 0 };
  for (const m of MEASURES) {
    if (alpha[m] >= VACUOUS_ALPHA) continue;
    for (const rate of groupRates(m, mu, nGroups, nClasses)) {
      const present = rate.forms.flatMap((f, s) => (f === null ? [] : [s]));
      if (present.length < 2) continue;
      const lo = addColumn(lp, 0, -1, 1);
      for (const s of present) {
        const entries: [number, number][] = rate.forms[s]!.map(([index, coefficient]) => [
          zColumn + index,
          coefficient / mu[Math.floor(index / nClasses)],
        ]);
        entries.push([lo, -1]);
        addRow(lp, entries, 0, alpha[m]);
        counts[m]++;
      }
    }
  }
  return counts;
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
