import { rowCellKey } from '../../distribution/index.js';
import type { EncodedTable } from '../../data/table.js';

/** Feature value that marks the pooled rare cell (finite, far outside any encoded level or bin). */
export const POOLED_CELL_VALUE = -1e300;

/**
 * Backs off rare cells to a coarser partition (see docs/estimation.md, held-out frontier): rows of training
 * cells with fewer than `minCellRows` rows, and held-out rows whose cell has fewer than `minCellRows` training
 * rows (including unseen cells), get every feature replaced by POOLED_CELL_VALUE, so they share one cell per
 * group (group-aware) or one cell overall (group-blind). The LP then fits one rule for all of them instead of
 * memorizing single rows, and new rows in unseen cells get that fitted rule.
 */
export function poolRareCells(
  train: EncodedTable,
  held: EncodedTable,
  minCellRows: number,
  isGroupAware: boolean,
): { train: EncodedTable; held: EncodedTable } {
  if (minCellRows <= 1) return { train, held };
  const count = new Map<string, number>();
  for (let i = 0; i < train.nRows; i++) {
    const key = rowCellKey(train, i, isGroupAware);
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  const pool = (t: EncodedTable): EncodedTable => {
    const features = t.features.map((f) => Float64Array.from(f));
    for (let i = 0; i < t.nRows; i++)
      if ((count.get(rowCellKey(t, i, isGroupAware)) ?? 0) < minCellRows)
        for (const f of features) f[i] = POOLED_CELL_VALUE;
    return { ...t, features };
  };
  return { train: pool(train), held: pool(held) };
}
