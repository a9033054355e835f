import { InputError, describeValue } from '../errors.js';
import { isCriterion, VACUOUS_BOUND } from './criterion.js';

/** The group-fairness measures of docs/design.md (Fairness measures). alpha = 1 makes any of them vacuous. */
export const Measure = { sp: 'sp', eo: 'eo', oae: 'oae' } as const;
export type Measure = keyof typeof Measure;
export const MEASURES: readonly Measure[] = ['sp', 'eo', 'oae'];
export const isMeasure = (m: string): m is Measure => Object.hasOwn(Measure, m);

/** One tolerance per measure; 1 = the constraint is vacuous. */
export type Alphas = Readonly<Record<Measure, number>>;

export const VACUOUS_ALPHA = 1;

export const MEASURE_TITLES: Readonly<Record<Measure, string>> = {
  sp: 'statistical parity',
  eo: 'equalized odds',
  oae: 'overall accuracy equality',
};

/**
 * Checks an alpha record and fills the absent measures with 1 (vacuous).
 * @throws InputError E_BAD_ALPHA when an alpha is not a number in [0, 1] or a key is not a measure
 */
export function completeAlphas(alpha: Partial<Alphas>): Alphas {
  if (alpha === null || typeof alpha !== 'object' || Array.isArray(alpha))
    throw new InputError('E_BAD_ALPHA', 'alpha must be an object such as { eo: 0.05 }', { option: 'alpha' });
  for (const key of Object.keys(alpha)) {
    if (isMeasure(key)) continue;
    // Records built for the wider criteria carry every criterion; where only the paper's measures apply, the
    // others must be at their vacuous bound, or the caller would silently drop a constraint.
    if (isCriterion(key)) {
      const bound = (alpha as Record<string, unknown>)[key];
      if (bound === undefined || bound === VACUOUS_BOUND[key]) continue;
      throw new InputError(
        'E_BAD_ALPHA',
        `the criterion "${key}" is not supported here (only ${MEASURES.join(', ')}); leave it unconstrained`,
        { option: key },
      );
    }
    throw new InputError('E_BAD_ALPHA', `unknown alpha key "${key}" (use ${MEASURES.join(', ')})`, {
      option: 'alpha',
    });
  }
  const out = { sp: VACUOUS_ALPHA, eo: VACUOUS_ALPHA, oae: VACUOUS_ALPHA };
  for (const m of MEASURES) {
    const a = alpha[m];
    if (a === undefined) continue;
    if (typeof a !== 'number' || !Number.isFinite(a) || a < 0 || a > 1)
      throw new InputError(
        'E_BAD_ALPHA',
        `alpha for ${m} must be a number in [0, 1], got ${describeValue(a)}`,
        {
          option: m,
        },
      );
    out[m] = a;
  }
  return out;
}
