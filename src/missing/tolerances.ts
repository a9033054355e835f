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

/** Strategies that add cells (a "missing" category), so their in-sample frontier is inflated (docs/missing-values.md). */
export const CELL_ADDING_STRATEGIES: readonly string[] = ['indicator'];

/** Held-out protocol used by default when a cell-adding strategy is studied. */
export const DEFAULT_HELD_OUT = { folds: 5 } as const;

/** A mean in-sample frontier more than this above the complete data's is flagged as inflated. */
export const INFLATION_TOL = 1e-9;
