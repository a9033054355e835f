/**
 * Tuning numbers of the exponentiated-gradient reduction (Agarwal et al. 2018, Algorithm 1), named as in
 * fairlearn's `reductions/_exponentiated_gradient/_constants.py` so that runs can be compared with it.
 */

/** Lagrangian values closer than this count as equal (a new best response must improve by more). */
export const PRECISION = 1e-8;

/** Multiplier of the automatic nu: nu = ACCURACY_MUL * std(|h_0(x) - y|) / sqrt(n) (statistical accuracy). */
export const ACCURACY_MUL = 0.5;

/** The learning rate is checked for shrinking first at this iteration, then at 1.6x the last check. */
export const REGRET_CHECK_START_T = 5;
export const REGRET_CHECK_INCREASE_T = 1.6;
/** Shrink eta by SHRINK_ETA when the best gap did not fall below SHRINK_REGRET times its last checked value. */
export const SHRINK_REGRET = 0.8;
export const SHRINK_ETA = 0.8;

/** Never stop before this many iterations, even when the gap is already below nu. */
export const MIN_ITER = 5;

/** Multipliers of the averaged lambda tried by the gap evaluation (a cheap search for the best response). */
export const GAP_LAMBDA_MULTIPLIERS: readonly number[] = [1, 2, 5, 10];

/** Defaults of the public knobs (fairlearn's): eps = 0.01, max_iter = 50, eta0 = 2, LP step on. */
export const DEFAULT_EPS = 0.01;
export const DEFAULT_MAX_ITER = 50;
export const DEFAULT_ETA0 = 2;

/** Time limit for the small LP over the classifiers found so far (it has at most max_iter * 5 columns). */
export { INTERVENTION_LP_TIME_LIMIT_SECONDS as LP_TIME_LIMIT_SECONDS } from '../../defaults.js';

/** A best-response classifier predicts 1 where its probability of class 1 exceeds this. */
export const DECISION_THRESHOLD = 0.5;
