/**
 * Tolerances of the exact FairFront solver (docs/design.md, Solving and checking). The LP-wide ones are
 * defined once in src/lp/tolerances.ts and re-exported here under the names this folder uses.
 */

export {
  SOLVER_FEASIBILITY_TOL,
  CLASSIFIER_FEASIBILITY_TOL as H_FEASIBILITY_TOL,
  ALPHA_TOL,
  DUALITY_GAP_TOL,
} from '../lp/tolerances.js';

/**
 * At alpha = 1 the value must match the Bayes value to this: the LP then has no binding fairness row, and the
 * value is a sum of per-cell maxima that the solver and TypeScript compute alike up to rounding.
 */
export const BAYES_TOL = 1e-7;

export { DEFAULT_TIME_LIMIT_SECONDS } from '../defaults.js';
