/**
 * Tolerances of the exact FairFront solver (docs/design.md, The exact LP). HiGHS works to primal and dual
 * feasibility
 * tolerances of 1e-7 by default; every check below sits above that, so a correct solve passes and a wrong
 * one (a misreported status, a bad basis after a time-out) fails loudly.
 */

/** Largest negative entry or row-sum error of h accepted from the solver before cleaning it. */
export const H_FEASIBILITY_TOL = 1e-6;

/** Largest violation above alpha accepted when re-measuring the cleaned h in TypeScript. */
export const ALPHA_TOL = 1e-6;

/** Largest gap between the certified dual bound and the accuracy of the returned h. */
export const DUALITY_GAP_TOL = 1e-6;

/** At alpha = 1 the value must match the Bayes accuracy to this. */
export const BAYES_TOL = 1e-7;

export { SOLVER_FEASIBILITY_TOL } from '../lp/tolerances.js';

/** Default wall-clock limit for one LP solve. */
export const DEFAULT_TIME_LIMIT_SECONDS = 600;
