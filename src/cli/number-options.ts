import { InputError } from '../errors.js';

/**
 * Ranges of the CLI's numeric options, each with the reason for its bound. A value outside is a usage error
 * naming the option and the range, before any data is read.
 */
export const OPTION_LIMITS = {
  /** Seeds are integers the generator takes exactly (createRng uses all 53 bits). */
  seed: { min: 0, max: Number.MAX_SAFE_INTEGER },
  /** Replicates of benchmark and missing: each is a full fit and frontier; 10 000 already takes hours. */
  seeds: { min: 1, max: 10_000 },
  /** Bootstrap resamples: each is a full sweep; bands stabilise long before 100 000. */
  bootstrap: { min: 2, max: 100_000 },
  /** Cross-fitting folds (the library also needs at least one row per fold). */
  folds: { min: 2, max: 1000 },
  /** Lines skipped before the header: any count that fits a file. */
  skipRows: { min: 0, max: Number.MAX_SAFE_INTEGER },
  /** Declared label classes: the LP has cells x classes^2 variables; 1000 classes is far beyond any frontier. */
  classes: { min: 2, max: 1000 },
  /** One LP solve: at most a week (HiGHS takes any finite limit). */
  timeLimitSeconds: { min: 0, max: 7 * 24 * 3600 },
} as const;

/**
 * An integer option in [min, max] (digits only: no sign, exponent or fraction).
 * @throws InputError E_BAD_OPTION naming the option and the range
 */
export function integerInRange(text: string, option: string, min: number, max: number): number {
  const trimmed = text.trim();
  const v = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(v) || v < min || v > max)
    throw new InputError(
      'E_BAD_OPTION',
      `${option} must be an integer from ${min} to ${max}, got "${text}"`,
      { option },
    );
  return v;
}

/**
 * A finite number option checked by `isValid` (described by `what`, e.g. "a fraction strictly between 0 and 1").
 * @throws InputError E_BAD_OPTION naming the option
 */
export function numberOption(
  text: string,
  option: string,
  isValid: (v: number) => boolean,
  what: string,
): number {
  const v = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(v) || !isValid(v))
    throw new InputError('E_BAD_OPTION', `${option} must be ${what}, got "${text}"`, { option });
  return v;
}
