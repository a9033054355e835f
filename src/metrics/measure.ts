/** The group-fairness measures of DESIGN §2. alpha = 1 makes any of them vacuous. */
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
