/** Numerical constants of the missing-value area, each with the reason for its value. */

/**
 * Bisection stops when the calibrated intercept of a MAR / MNAR logistic moves less than this: the mean
 * missingness probability of a group is then within ~1e-12 of its target, far below any sampling error.
 */
export const INTERCEPT_TOL = 1e-12;

/** Bisection bracket for the logistic intercept: sigmoid(+-60) is 1 - 1e-26 / 1e-26, i.e. 0 and 1 in doubles. */
export const INTERCEPT_BRACKET = 60;

// Defaults live in src/defaults.ts; re-exported under the names this folder used.
export {
  DEFAULT_LOGISTIC_STRENGTH,
  DEFAULT_HELD_OUT_SHARE,
  DEFAULT_HELD_OUT_SHARE as DEFAULT_HOLDOUT_SHARE,
  DEFAULT_SEEDS,
} from '../defaults.js';
