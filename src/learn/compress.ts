import { binKey, selectBinnedRows, type BinnedFeatures } from './binning.js';
import { groupRows, selectMatrixRows, type RowGroups } from './row-groups.js';
import type { FeatureMatrix } from './types.js';

/** Training rows merged by identical (bin tuple, label): what the tree learners fit on (see row-groups.ts). */
export interface CompressedTreeData {
  readonly groups: RowGroups;
  readonly binned: BinnedFeatures;
  readonly y: Int32Array;
  /** One representative raw row per group (for traversing fitted trees). */
  readonly x: FeatureMatrix;
}

export function compressForTrees(
  binned: BinnedFeatures,
  x: FeatureMatrix,
  y: Int32Array,
): CompressedTreeData {
  const groups = groupRows(binned.nRows, (i) => `${binKey(binned, i)}${y[i]}`);
  return {
    groups,
    binned: selectBinnedRows(binned, groups.representative),
    y: Int32Array.from(groups.representative, (i) => y[i]),
    x: selectMatrixRows(x, groups.representative),
  };
}
