import type { CellCounts } from '../data/counts/cell-counts.js';
import { normalizeDistribution, type Distribution } from './distribution.js';

/**
 * The distribution of aggregated counts (`readCountsTable`, `aggregateWithDuckDb`): weights / total.
 * @throws InputError E_TOO_FEW_GROUPS, E_TOO_FEW_CLASSES, E_EMPTY_INPUT, E_EMPTY_GROUP, E_EMPTY_GROUP_LABEL
 */
export function distributionFromCellCounts(counts: CellCounts): Distribution {
  return normalizeDistribution(
    {
      cellKeys: counts.cellKeys,
      groupNames: counts.groupNames,
      classNames: counts.classNames,
      isGroupAware: counts.isGroupAware,
    },
    counts.weights,
    counts.rowsPerCell,
    counts.nRows,
  );
}
