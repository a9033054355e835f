/**
 * Tolerances of the Blackwell module (docs/design.md, Blackwell, cuts and continuous features). HiGHS is
 * asked for feasibility tolerances of 1e-9; every check
 * below sits above that, so a correct solve passes and a wrong one fails loudly.
 */

export { SOLVER_FEASIBILITY_TOL } from '../lp/tolerances.js';

/** Largest negative entry or row-sum error of a garbling h accepted from the solver before cleaning it. */
export const GARBLING_FEASIBILITY_TOL = 1e-6;

/**
 * A target is declared achievable when its l1 distance to the achievable set is at most this. The distance LP
 * works on matrices whose entries sum to 1, so 1e-7 is a hundred times the solver's feasibility tolerance.
 */
export const ACHIEVABLE_TOL = 1e-7;

/**
 * Largest gap allowed between the two certified sides of the distance: ||Z - Q(h)||_1 from the garbling (upper)
 * and <A,Z> - sigma(A) from the cut (lower). Both are recomputed in TypeScript.
 */
export const CERTIFICATE_GAP_TOL = 1e-6;

/** Default stopping tolerance of Algorithm 1 on the separation value (l1 distance above the slack). */
export const DEFAULT_SEPARATION_TOL = 1e-8;

/** Default iteration limit of Algorithm 1. */
export const DEFAULT_MAX_ITERATIONS = 500;

/** Largest violation above alpha accepted when re-measuring a master-LP solution in TypeScript. */
export const ALPHA_TOL = 1e-6;

/** Posterior rows must sum to 1 within this before renormalization (probabilistic classifiers round). */
export const POSTERIOR_SUM_TOL = 1e-6;

/** Default wall-clock limit for one LP solve. */
export const DEFAULT_TIME_LIMIT_SECONDS = 600;
