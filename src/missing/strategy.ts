/**
 * How the missing values are handled before the frontier is computed (docs/missing-values.md says what each
 * can and cannot recover).
 * - mode: every missing value becomes the column's mode (the paper's; fixed modes for the reference sets).
 * - mean / median: numeric columns get the mean / median of the observed values, categorical ones the mode.
 * - indicator: a separate "missing" category in the encoded column (the cell remembers what was missing).
 * - complete-case: rows with any missing value are dropped.
 * - conditional-mode: model-based; the most frequent value of the column among rows of the same group that
 *   agree on the row's observed (encoded) columns, backing off to fewer columns when no such row exists.
 */
export const Strategy = {
  mode: 'mode',
  mean: 'mean',
  median: 'median',
  indicator: 'indicator',
  'complete-case': 'complete-case',
  'conditional-mode': 'conditional-mode',
} as const;
export type Strategy = keyof typeof Strategy;
export const STRATEGIES: readonly Strategy[] = Object.keys(Strategy) as Strategy[];
export const isStrategy = (s: string): s is Strategy => Object.hasOwn(Strategy, s);
