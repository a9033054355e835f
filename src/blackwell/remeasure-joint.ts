import { SolverError } from '../errors.js';
import { MEASURES, type Alphas, type Measure } from '../metrics/measure.js';
import { ALPHA_TOL } from './tolerances.js';
import { violationsFromConditional } from '../metrics/violations.js';

/**
 * A solved joint Z[(s,y), yHat] = mu(s,y) P(yHat | s,y) turned back into P, with its violations re-measured by the
 * one definition (docs/design.md, Fairness measures): each must be within alpha, else the LP that produced Z is
 * not trusted (`E_SELF_CHECK`, naming `solver`).
 */
export function remeasureJoint(
  Z: Float64Array,
  mu: Float64Array,
  nGroups: number,
  nClasses: number,
  alpha: Alphas,
  solver: string,
): { P: Float64Array; violations: Record<Measure, number> } {
  const C = nClasses;
  const S = nGroups * C;
  const P = new Float64Array(S * C);
  for (let t = 0; t < S; t++) for (let j = 0; j < C; j++) P[t * C + j] = Z[t * C + j] / mu[t];
  const violations = violationsFromConditional(P, mu, nGroups, C);
  for (const m of MEASURES)
    if (violations[m] > alpha[m] + ALPHA_TOL)
      throw new SolverError(
        'E_SELF_CHECK',
        `${solver}: re-measured ${m} violation ${violations[m]} exceeds alpha ${alpha[m]}`,
      );
  return { P, violations };
}
