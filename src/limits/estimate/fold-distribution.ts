import { rowWeight, type EncodedTable } from '../../data/table.js';
import { normalizeDistribution, type Distribution } from '../../distribution/index.js';
import { POOLED_CELL_VALUE } from './pool-rare-cells.js';

/** A training distribution built from some rows of a table, and where the other rows fall in it. */
export interface FoldDistribution {
  readonly train: Distribution;
  /** Training cell of every evaluation row (in the order given), -1 where the cell is unseen. */
  readonly evalCells: Int32Array;
  /** Training rows moved into a pooled cell (0: the back-off changed nothing). */
  readonly pooledRows: number;
}

/**
 * The distribution of the rows `trainRows` of `table`, from the table's cell of every row (`cellOfRow`, cells
 * numbered in the sorted order of `distributionFromTable` on the whole table, whose keys are `cellKeys`).
 * Equal, cell order included, to `distributionFromTable` on the selected rows (and, with `minCellRows > 1`, on
 * the rows after `poolRareCells`), but counts integer cell ids instead of building a string key per row: the
 * interval and the coverage simulation build many folds of one table (see docs/estimation.md, Measured
 * coverage).
 */
export function foldDistribution(
  table: EncodedTable,
  cellOfRow: Int32Array,
  cellKeys: readonly string[],
  isGroupAware: boolean,
  trainRows: ArrayLike<number>,
  evalRows: ArrayLike<number>,
  minCellRows = 1,
): FoldDistribution {
  const A = table.groupNames.length;
  const C = table.classNames.length;
  const nFull = cellKeys.length;
  const count = new Float64Array(nFull);
  for (let i = 0; i < trainRows.length; i++) count[cellOfRow[trainRows[i]]] += 1;
  const pooling = minCellRows > 1;
  // Pooled cells sort first (POOLED_CELL_VALUE is below every encoded value), one per group when group-aware.
  const nPooledCells = pooling ? (isGroupAware ? A : 1) : 0;
  const trainIndex = new Int32Array(nFull).fill(-1);
  const keys: string[] = [];
  const isPooled = (k: number) => pooling && count[k] < minCellRows;
  const pooledIndex = new Int32Array(nPooledCells).fill(-1);
  if (pooling) {
    // Which pooled cells occur among the training rows (only those become cells).
    const used = new Uint8Array(nPooledCells);
    for (let i = 0; i < trainRows.length; i++) {
      const r = trainRows[i];
      if (isPooled(cellOfRow[r])) used[isGroupAware ? table.group[r] : 0] = 1;
    }
    const featureKey = table.featureNames.map((name) => `${name}=${POOLED_CELL_VALUE}`);
    for (let p = 0; p < nPooledCells; p++)
      if (used[p]) {
        pooledIndex[p] = keys.length;
        keys.push([...featureKey, ...(isGroupAware ? [`group=${p}`] : [])].join('|'));
      }
  }
  for (let k = 0; k < nFull; k++)
    if (count[k] > 0 && !isPooled(k)) {
      trainIndex[k] = keys.length;
      keys.push(cellKeys[k]);
    }
  const cellOf = (r: number): number => {
    const k = cellOfRow[r];
    if (isPooled(k)) return pooledIndex[isGroupAware ? table.group[r] : 0];
    return trainIndex[k];
  };
  let pooledRows = 0;
  if (pooling) for (let i = 0; i < trainRows.length; i++) if (isPooled(cellOfRow[trainRows[i]])) pooledRows++;
  const nCells = keys.length;
  const weights = new Float64Array(nCells * A * C);
  const rowsPerCell = new Float64Array(nCells);
  for (let i = 0; i < trainRows.length; i++) {
    const r = trainRows[i];
    const k = cellOf(r);
    rowsPerCell[k] += 1;
    weights[(k * A + table.group[r]) * C + table.label[r]] += rowWeight(table, r);
  }
  const train = normalizeDistribution(
    { cellKeys: keys, groupNames: table.groupNames, classNames: table.classNames, isGroupAware },
    weights,
    rowsPerCell,
    trainRows.length,
  );
  const evalCells = new Int32Array(evalRows.length);
  for (let i = 0; i < evalRows.length; i++) evalCells[i] = cellOf(evalRows[i]);
  return { train, evalCells, pooledRows };
}
