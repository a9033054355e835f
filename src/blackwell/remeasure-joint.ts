import { SolverError } from '../errors.js';
import type { Bounds, Criterion } from '../metrics/criterion.js';
import { jointCriterionValues, missedBound } from '../lp/fairness-rows.js';
import { ALPHA_TOL } from './tolerances.js';

/**
 * A solved joint Z[(s,y), yHat] = mu(s,y) P(yHat | s,y) turned back into P, with every criterion re-measured by
 * the metric engine (`criterionValues`, docs/constraints.md): each must meet its bound (a difference or group
 * error at most it, a ratio at least it) within ALPHA_TOL, else the LP that produced Z is not trusted
 * (`E_SELF_CHECK`, naming `solver`).
 */
export function remeasureJoint(
  Z: Float64Array,
  mu: Float64Array,
  nGroups: number,
  nClasses: number,
  alpha: Bounds,
  solver: string,
): { P: Float64Array; violations: Record<Criterion, number> } {
  const { P, values } = jointCriterionValues(Z, mu, nGroups, nClasses);
  const missed = missedBound(values, alpha, ALPHA_TOL);
  if (missed)
    throw new SolverError(
      'E_SELF_CHECK',
      `${solver}: re-measured ${missed} ${values[missed]} misses its bound ${alpha[missed]}`,
    );
  return { P, violations: values };
}
