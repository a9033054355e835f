import { distributionFromCounts, type CountRecord, type Distribution } from '../distribution/index.js';
import { InputError } from '../errors.js';
import { checkRates } from './mechanism.js';

/** A population pmf on discrete features: cell features, group, and the mass of each label. */
export interface PopulationCell {
  readonly features: readonly number[];
  readonly group: number;
  /** p(x, s, y) for each class y (any non-negative scale; normalized by the distribution). */
  readonly mass: readonly number[];
}

export interface Population {
  readonly featureNames: readonly string[];
  readonly groupNames: readonly string[];
  readonly classNames: readonly string[];
  readonly cells: readonly PopulationCell[];
}

/** What happens to a missing value in the exact population computation. */
export type PopulationStrategy =
  | { readonly kind: 'constant'; readonly substitutes: readonly number[] }
  | { readonly kind: 'indicator' }
  | { readonly kind: 'complete-case' };

export interface PopulationMissingOptions {
  /** Feature indices that can go missing. */
  readonly columns: readonly number[];
  /** MCAR rate per group; each selected value goes missing independently with this probability. */
  readonly rateByGroup: readonly number[];
  readonly strategy: PopulationStrategy;
}

/** Cell key of the group-aware distributions built here (the indicator category prints as "NA"). */
const keyOf = (features: readonly (number | 'NA')[], group: number): string =>
  `${features.join(',')}|s=${group}`;

/**
 * The exact pmf of the handled data when every selected feature goes missing independently (MCAR, rate per
 * group) — no sampling: each cell's mass is split over all 2^m missingness patterns of its m selected
 * columns with probability prod r^miss (1 - r)^obs, and each pattern lands in the cell the strategy makes.
 * Cells are group-aware. With `constant` substitutes this is the paper's scenario in the population: a
 * channel from x (which contains s) that ignores y, hence a garbling of the complete data (Blackwell), so
 * its FairFront is at most the complete data's for every alpha.
 * @throws InputError E_BAD_OPTION (rates, columns, substitutes)
 */
export function missingPopulation(population: Population, options: PopulationMissingOptions): Distribution {
  const { columns, rateByGroup, strategy } = options;
  checkRates(rateByGroup, population.groupNames.length);
  const nFeatures = population.featureNames.length;
  for (const j of columns)
    if (!Number.isInteger(j) || j < 0 || j >= nFeatures)
      throw new InputError('E_BAD_OPTION', `feature index ${j} is out of range 0..${nFeatures - 1}`, {
        option: 'columns',
      });
  if (strategy.kind === 'constant' && strategy.substitutes.length !== columns.length)
    throw new InputError('E_BAD_OPTION', 'give one substitute value per selected column', {
      option: 'substitutes',
    });
  const records: CountRecord[] = [];
  const m = columns.length;
  for (const cell of population.cells) {
    const r = rateByGroup[cell.group];
    for (let pattern = 0; pattern < 1 << m; pattern++) {
      let probability = 1;
      const features: (number | 'NA')[] = [...cell.features];
      for (let t = 0; t < m; t++) {
        const isMissing = (pattern >> t) & 1;
        probability *= isMissing ? r : 1 - r;
        if (!isMissing) continue;
        if (strategy.kind === 'constant') features[columns[t]] = strategy.substitutes[t];
        else features[columns[t]] = 'NA';
      }
      if (probability === 0) continue;
      if (strategy.kind === 'complete-case' && pattern !== 0) continue;
      const cellKey = keyOf(features, cell.group);
      cell.mass.forEach((mass, y) =>
        records.push({
          features: [cellKey],
          groups: [population.groupNames[cell.group]],
          label: population.classNames[y],
          weight: mass * probability,
        }),
      );
    }
  }
  return distributionFromCounts(records, {
    groupNames: population.groupNames,
    classNames: population.classNames,
    isGroupAware: true,
  });
}

/** The complete population as a group-aware distribution (the reference of every drop). */
export function populationDistribution(population: Population): Distribution {
  return missingPopulation(population, {
    columns: [],
    rateByGroup: population.groupNames.map(() => 0),
    strategy: { kind: 'indicator' },
  });
}
