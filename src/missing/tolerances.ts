/** Numerical constants of the missing-value area, each with the reason for its value. */

/**
 * Bisection stops when the calibrated intercept of a MAR / MNAR logistic moves less than this: the mean
 * missingness probability of a group is then within ~1e-12 of its target, far below any sampling error.
 */
export const INTERCEPT_TOL = 1e-12;

/** Bisection bracket for the logistic intercept: sigmoid(+-60) is 1 - 1e-26 / 1e-26, i.e. 0 and 1 in doubles. */
export const INTERCEPT_BRACKET = 60;

/**
 * Default slope of the MAR / MNAR logistic, in logits per standard deviation of the driver: strong enough
 * that the rate visibly follows the driver (about 7x between -1 and +1 sd), weak enough that both ends keep
 * some observed values.
 */
export const DEFAULT_LOGISTIC_STRENGTH = 1;

/** Default held-out share of the honest frontier in the study (the paper's evaluation share is 0.3). */
export const DEFAULT_HOLDOUT_SHARE = 0.3;

/** Default number of seeds (the issue: mean and spread over 10 seeds). */
export const DEFAULT_SEEDS = 10;

/** Strategies that add cells (a "missing" category), so their in-sample frontier is inflated (docs/missing-values.md). */
export const CELL_ADDING_STRATEGIES: readonly string[] = ['indicator'];

/** Held-out protocol used by default when a cell-adding strategy is studied. */
export const DEFAULT_HELD_OUT = { folds: 5 } as const;

/** A mean in-sample frontier more than this above the complete data's is flagged as inflated. */
export const INFLATION_TOL = 1e-9;
