import type { EncodedTable } from '../data/table.js';
import type { FeatureMatrix } from './types.js';
import { checkEncodedTable } from '../data/table.js';
import { checkOptionsObject } from '../check-masses.js';

export interface FeatureMatrixOptions {
  /**
   * Append the group code as the last feature (named "group"). Default true: the paper's classifiers are
   * group-aware, like the default (group-aware) cells of the frontier.
   */
  readonly includeGroup?: boolean;
}

/** The feature columns of an encoded table (plus the group by default) as a row-major FeatureMatrix. */
export function featureMatrixFromTable(
  table: EncodedTable,
  options: FeatureMatrixOptions = {},
): FeatureMatrix {
  checkEncodedTable(table);
  checkOptionsObject(options, 'options');
  const includeGroup = options.includeGroup ?? true;
  const columns: readonly ArrayLike<number>[] = includeGroup
    ? [...table.features, table.group]
    : table.features;
  const nFeatures = columns.length;
  const values = new Float64Array(table.nRows * nFeatures);
  for (let j = 0; j < nFeatures; j++) {
    const column = columns[j];
    for (let i = 0; i < table.nRows; i++) values[i * nFeatures + j] = column[i];
  }
  return {
    nRows: table.nRows,
    nFeatures,
    values,
    featureNames: includeGroup ? [...table.featureNames, 'group'] : [...table.featureNames],
  };
}
