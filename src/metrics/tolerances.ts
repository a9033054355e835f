/** Tolerances of the metric engine, each with the reason for its value. */

/**
 * |sum_yHat distribution[i, yHat] - 1| allowed per row. Predicted distributions come from softmax, LP solutions
 * or mixtures of a few classifiers; their row sums are off by a few ulps times nClasses, far below 1e-9.
 */
export const ROW_SUM_TOL = 1e-9;

/**
 * Smallest probability allowed in a predicted distribution: a tiny negative from floating-point cancellation
 * (e.g. 1 - sum of the others) is tolerated and clipped to 0; anything below is an input error.
 */
export const NEGATIVE_PROBABILITY_TOL = 1e-12;

/** Probabilities are clipped to [LOG_LOSS_CLIP, 1] in the log loss, as scikit-learn's `log_loss` did (eps=1e-15). */
export const LOG_LOSS_CLIP = 1e-15;

// Defaults live in src/defaults.ts.
export { DEFAULT_MIN_COUNT } from '../defaults.js';
