import { InputError } from '../errors.js';

/** The missingness mechanisms (Rubin's taxonomy): the rate may depend on nothing, on another column, or on the value. */
export const MechanismKind = { mcar: 'mcar', mar: 'mar', mnar: 'mnar' } as const;
export type MechanismKind = keyof typeof MechanismKind;
export const isMechanismKind = (m: string): m is MechanismKind => Object.hasOwn(MechanismKind, m);

/**
 * How values go missing. Every kind has a target rate per group, `rateByGroup[s]` in [0, 1] (the paper's
 * r_major / r_minor); every selected column is hit independently given the row.
 * - mcar: P(missing) = rateByGroup[s] (missing completely at random within a group; the paper's scenario).
 * - mar: P(missing) = sigmoid(b_s + strength * z), z = the standardized value of another, always observed
 *   column (`driver`); b_s is calibrated so that the group's mean probability equals rateByGroup[s].
 * - mnar: as mar, with z = the standardized value of the column itself (large values hide themselves when
 *   strength > 0).
 */
export type Mechanism =
  | { readonly kind: 'mcar'; readonly rateByGroup: readonly number[] }
  | {
      readonly kind: 'mar';
      readonly rateByGroup: readonly number[];
      /** Name of the driving column; it must not be perturbed itself. */
      readonly driver: string;
      /** Logistic slope per standard deviation of the driver; default DEFAULT_LOGISTIC_STRENGTH. */
      readonly strength?: number;
    }
  | { readonly kind: 'mnar'; readonly rateByGroup: readonly number[]; readonly strength?: number };

/** rateByGroup for two-rate scenarios: `minor` for the minority group, `major` for every other group. */
export function majorMinorRates(
  nGroups: number,
  minorityGroup: number,
  major: number,
  minor: number,
): number[] {
  return Array.from({ length: nGroups }, (_, s) => (s === minorityGroup ? minor : major));
}

/**
 * Checks a rate list against the number of groups.
 * @throws InputError E_BAD_OPTION (wrong length, a rate outside [0, 1])
 */
export function checkRates(rateByGroup: readonly number[], nGroups: number, option = 'rates'): void {
  if (rateByGroup.length !== nGroups)
    throw new InputError(
      'E_BAD_OPTION',
      `need one missingness rate per group (${nGroups}), got ${rateByGroup.length}`,
      { option },
    );
  for (const r of rateByGroup)
    if (typeof r !== 'number' || !(r >= 0 && r <= 1))
      throw new InputError('E_BAD_OPTION', `a missingness rate must be a number in [0, 1], got ${r}`, {
        option,
      });
}

/** A short label for tables and charts: "mcar 10%/50%" (rates in group order). */
export function mechanismLabel(m: Mechanism): string {
  const rates = m.rateByGroup.map((r) => `${+(r * 100).toFixed(2)}%`).join('/');
  if (m.kind === 'mar') return `mar(${m.driver}) ${rates}`;
  return `${m.kind} ${rates}`;
}
