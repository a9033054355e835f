/**
 * Named tolerances and tuning numbers of the post-processing interventions (EqOdds, CalEqOdds, LevEqOpp,
 * FairProjection), each with the reason for its value.
 */

/** |sum of a score row - 1| accepted from the base classifier (scores arrive from float32 models and CSVs). */
export const SCORE_ROW_SUM_TOL = 1e-6;

/** Largest negative score or score above 1 accepted (then clipped): rounding in the base model's softmax. */
export const SCORE_RANGE_TOL = 1e-9;

/**
 * Largest excess of a re-measured EqOdds rate gap over its alpha, and largest gap between the LP objective and
 * the re-computed accuracy: above the LP feasibility tolerance times the number of mixed thresholds.
 */
export const LP_RECHECK_TOL = 1e-7;

/** Mixing weights below this are dropped from a fitted mixture of thresholds (LP noise, not a decision). */
export const MIXTURE_WEIGHT_FLOOR = 1e-12;

/**
 * Additive smoothing of the base scores before FairProjection, y <- (y + eps) / (1 + C eps): the authors' `fudge`
 * (Alghamdi et al. 2022, code `GroupFair.buildG`). It keeps log y finite and lets the projection move mass to a
 * class the base model gave probability 0.
 */
export const FAIR_PROJECTION_SMOOTHING = 1e-4;

/** Residual balancing (Boyd et al. 2011, 3.4.1): rescale rho when one residual exceeds the other this many times ... */
export const RESIDUAL_BALANCE = 10;
/** ... by this factor ... */
export const RHO_FACTOR = 2;
/** ... during the first this many iterations (then rho stays fixed, as convergence proofs of ADMM assume). */
export const RHO_ADAPT_ITER = 500;

/** Maximum ADMM iterations (the authors run 500 to 1000). */
export const FAIR_PROJECTION_MAX_ITER = 2000;

/** Stop ADMM once every fairness constraint holds to this (rate units) ... */
export const FAIR_PROJECTION_FEASIBILITY_TOL = 1e-7;

/** ... and complementary slackness |lambda' g(h)| (= primal minus dual objective) is below this. */
export const FAIR_PROJECTION_GAP_TOL = 1e-9;

/** How often (in ADMM iterations) the primal classifier is rebuilt to test the stopping rule. */
export const FAIR_PROJECTION_CHECK_EVERY = 10;

/** Inner solves (the per-row proximal step, the lambda quadratic program) stop at this change. */
export const INNER_TOL = 1e-13;

/** Iteration caps of the inner solves (they converge linearly or quadratically in a handful of steps). */
export const INNER_MAX_ITER = 100;
export const QP_MAX_SWEEPS = 500;

// Defaults live in src/defaults.ts.
export { INTERVENTION_LP_TIME_LIMIT_SECONDS as LP_TIME_LIMIT_SECONDS } from '../../defaults.js';
