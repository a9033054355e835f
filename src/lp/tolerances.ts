/**
 * Tolerances of the LP layer, shared by every LP of fairlimit (see docs/design.md, Solving and checking). HiGHS is
 * asked for feasibility tolerances of 1e-9; every check below sits above that, so a correct solve passes and a wrong
 * one (a misreported status, a bad basis after a time-out) fails loudly.
 */

/** HiGHS primal and dual feasibility tolerances (tighter than HiGHS's 1e-7 default, so the checks have margin). */
export const SOLVER_FEASIBILITY_TOL = 1e-9;

/**
 * Largest negative entry or row-sum error of a classifier (or garbling) h accepted from the solver before it is
 * cleaned (clipped and renormalized): a thousand times the feasibility tolerance, for sums over many columns.
 */
export const CLASSIFIER_FEASIBILITY_TOL = 1e-6;

/** Largest violation above its bound accepted when a solution is re-measured in TypeScript. */
export const ALPHA_TOL = 1e-6;

/**
 * Largest gap between a certified bound and the value recomputed from the returned solution (the FairFront dual
 * bound against the accuracy of h; the garbling distance against the cut's value).
 */
export const DUALITY_GAP_TOL = 1e-6;
