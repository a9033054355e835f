import { InputError, describeValue } from '../errors.js';

/**
 * Every group-fairness criterion the frontier LP can impose (see docs/constraints.md). All are linear in the
 * conditional matrix P[(s,y), yHat] = P(Yhat = yHat | S = s, Y = y), so each is a family of LP rows:
 * - differences (`sp`, `eo`, `oae`, `tpr`, `fpr`, `errorRate`): |r_s - r_s'| <= alpha for every pair of groups;
 * - ratios (`spRatio`, `tprRatio`, `fprRatio`): r_s >= R r_s' for every ordered pair (the four-fifths rule at
 *   R = 0.8);
 * - `groupLoss`: every group's error rate is at most Z (bounded group loss).
 * The first three are the measures of the paper (`Measure`); the others extend them.
 */
export const Criterion = {
  sp: 'sp',
  eo: 'eo',
  oae: 'oae',
  tpr: 'tpr',
  fpr: 'fpr',
  errorRate: 'errorRate',
  spRatio: 'spRatio',
  tprRatio: 'tprRatio',
  fprRatio: 'fprRatio',
  groupLoss: 'groupLoss',
} as const;
export type Criterion = keyof typeof Criterion;
export const CRITERIA: readonly Criterion[] = [
  'sp',
  'eo',
  'oae',
  'tpr',
  'fpr',
  'errorRate',
  'spRatio',
  'tprRatio',
  'fprRatio',
  'groupLoss',
];
export const isCriterion = (c: string): c is Criterion => Object.hasOwn(Criterion, c);

/** How a criterion's bound reads: a largest difference, a smallest ratio, or a largest group error. */
export type CriterionKind = 'difference' | 'ratio' | 'groupLoss';
export const CRITERION_KIND: Readonly<Record<Criterion, CriterionKind>> = {
  sp: 'difference',
  eo: 'difference',
  oae: 'difference',
  tpr: 'difference',
  fpr: 'difference',
  errorRate: 'difference',
  spRatio: 'ratio',
  tprRatio: 'ratio',
  fprRatio: 'ratio',
  groupLoss: 'groupLoss',
};

/** The bound that makes a criterion vacuous: 1 for differences and group loss, 0 for ratios. */
export const VACUOUS_BOUND: Readonly<Record<Criterion, number>> = {
  sp: 1,
  eo: 1,
  oae: 1,
  tpr: 1,
  fpr: 1,
  errorRate: 1,
  spRatio: 0,
  tprRatio: 0,
  fprRatio: 0,
  groupLoss: 1,
};

export const CRITERION_TITLES: Readonly<Record<Criterion, string>> = {
  sp: 'statistical parity',
  eo: 'equalized odds',
  oae: 'overall accuracy equality',
  tpr: 'equal opportunity (TPR parity)',
  fpr: 'false-positive-rate parity',
  errorRate: 'error-rate parity',
  spRatio: 'selection-rate ratio (four-fifths rule)',
  tprRatio: 'true-positive-rate ratio',
  fprRatio: 'false-positive-rate ratio',
  groupLoss: 'bounded group loss',
};

/** The CLI flag of each criterion. */
export const CRITERION_FLAGS: Readonly<Record<Criterion, string>> = {
  sp: '--sp',
  eo: '--eo',
  oae: '--oae',
  tpr: '--tpr',
  fpr: '--fpr',
  errorRate: '--error-rate',
  spRatio: '--sp-ratio',
  tprRatio: '--tpr-ratio',
  fprRatio: '--fpr-ratio',
  groupLoss: '--group-loss',
};

/**
 * One bound per criterion: alpha for differences, R for ratios, Z for group loss; each in [0, 1]. A record with
 * every criterion is also an `Alphas` record (sp, eo, oae).
 */
export type Bounds = Readonly<Record<Criterion, number>>;

/** True when `bound` imposes nothing (alpha or Z >= 1, R <= 0). */
export function isVacuousBound(criterion: Criterion, bound: number): boolean {
  return CRITERION_KIND[criterion] === 'ratio' ? bound <= 0 : bound >= 1;
}

/**
 * True when a measured value (`criterionValues`) meets the bound within `tolerance`: a difference or a group
 * error at most the bound, a ratio at least the bound.
 */
export function meetsBound(criterion: Criterion, value: number, bound: number, tolerance: number): boolean {
  return CRITERION_KIND[criterion] === 'ratio' ? value >= bound - tolerance : value <= bound + tolerance;
}

/**
 * Checks a bound record and fills the absent criteria with their vacuous bound.
 * @throws InputError E_BAD_ALPHA when a bound is not a number in [0, 1]; E_BAD_OPTION for an unknown criterion
 */
export function completeBounds(bounds: Partial<Record<Criterion, number>>): Bounds {
  if (bounds === null || typeof bounds !== 'object' || Array.isArray(bounds))
    throw new InputError('E_BAD_ALPHA', 'the bounds must be an object such as { eo: 0.05 }', {
      option: 'alpha',
    });
  const out = { ...VACUOUS_BOUND } as Record<Criterion, number>;
  for (const key of Object.keys(bounds)) {
    const value = (bounds as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (!isCriterion(key))
      throw new InputError(
        'E_BAD_OPTION',
        `unknown fairness criterion "${key}" (use ${CRITERIA.join(', ')})`,
        {
          option: key,
        },
      );
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1)
      throw new InputError(
        'E_BAD_ALPHA',
        `the bound of ${key} (${CRITERION_FLAGS[key]}) must be a number in [0, 1], got ${describeValue(value)}`,
        { option: CRITERION_FLAGS[key] },
      );
    out[key] = value;
  }
  return out;
}

/** The criteria whose bound in `bounds` is not vacuous, in the order of `CRITERIA`. */
export function activeCriteria(bounds: Partial<Record<Criterion, number>>): Criterion[] {
  return CRITERIA.filter((c) => bounds[c] !== undefined && !isVacuousBound(c, bounds[c]!));
}
