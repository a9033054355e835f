import { InputError } from '../errors.js';
import { VACUOUS_ALPHA, completeAlphas, type Alphas, type Measure } from '../metrics/measure.js';
import { addRow, type SparseLp } from './sparse-lp.js';

/** Checks an alpha record: each in [0, 1]; absent = vacuous (1). The one definition lives beside the measures. */
export const checkAlphas = completeAlphas;

/**
 * Appends the SP / EO / OAE rows of docs/design.md (Fairness measures) on joint-matrix columns `Z[(s,y),
 * yHat]` (at `zColumn + (s*C+y)*C + yHat`), with P = Z / mu(s,y) substituted; each |.| <= alpha is one ranged
 * row. As in the exact LP, with two classes the yHat = 1 rows of SP and EO repeat the yHat = 0 rows and are
 * left out. Rows of a vacuous measure (alpha = 1) are not added at all.
 */
export function addFairnessRows(
  lp: SparseLp,
  mu: Float64Array,
  nGroups: number,
  nClasses: number,
  alpha: Alphas,
  zColumn: number,
): Record<Measure, number> {
  const C = nClasses;
  const col = (s: number, y: number, yHat: number) => zColumn + (s * C + y) * C + yHat;
  const muS = new Float64Array(nGroups);
  for (let s = 0; s < nGroups; s++) for (let y = 0; y < C; y++) muS[s] += mu[s * C + y];
  const yHatRange = C === 2 ? 1 : C;
  const counts = { sp: 0, eo: 0, oae: 0 };
  for (let s1 = 0; s1 < nGroups; s1++)
    for (let s2 = s1 + 1; s2 < nGroups; s2++) {
      if (alpha.sp < VACUOUS_ALPHA)
        for (let yHat = 0; yHat < yHatRange; yHat++) {
          const entries: [number, number][] = [];
          for (let y = 0; y < C; y++)
            entries.push([col(s1, y, yHat), 1 / muS[s1]], [col(s2, y, yHat), -1 / muS[s2]]);
          addRow(lp, entries, -alpha.sp, alpha.sp);
          counts.sp++;
        }
      if (alpha.eo < VACUOUS_ALPHA)
        for (let y = 0; y < C; y++)
          for (let yHat = 0; yHat < yHatRange; yHat++) {
            addRow(
              lp,
              [
                [col(s1, y, yHat), 1 / mu[s1 * C + y]],
                [col(s2, y, yHat), -1 / mu[s2 * C + y]],
              ],
              -alpha.eo,
              alpha.eo,
            );
            counts.eo++;
          }
      if (alpha.oae < VACUOUS_ALPHA) {
        const entries: [number, number][] = [];
        for (let y = 0; y < C; y++) entries.push([col(s1, y, y), 1 / muS[s1]], [col(s2, y, y), -1 / muS[s2]]);
        addRow(lp, entries, -alpha.oae, alpha.oae);
        counts.oae++;
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
