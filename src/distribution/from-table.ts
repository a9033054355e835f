import { type EncodedTable, checkEncodedTable } from '../data/table.js';
import { InputError } from '../errors.js';
import { checkMassSize, checkOptionsObject } from '../check-masses.js';
import { normalizeDistribution, type Distribution } from './distribution.js';

export interface CellOptions {
  /** Put the group into each cell key (the paper's default, a group-aware classifier). Default true. */
  readonly isGroupAware?: boolean;
}

/** A distribution together with the cell of every row it was built from. */
export interface CellAssignment {
  readonly distribution: Distribution;
  /** Cell index of each row of the table. */
  readonly cellOfRow: Int32Array;
}

const KEY_SEPARATOR = '|';

/** The cell key of row i: every feature value, and the group when group-aware. */
export function rowCellKey(table: EncodedTable, i: number, isGroupAware: boolean): string {
  // One string built by concatenation: this runs once per row, and an array per row was most of the cost.
  const { featureNames, features } = table;
  let key = '';
  for (let j = 0; j < featureNames.length; j++)
    key += `${j === 0 ? '' : KEY_SEPARATOR}${featureNames[j]}=${features[j][i]}`;
  if (isGroupAware) key += `${featureNames.length === 0 ? '' : KEY_SEPARATOR}group=${table.group[i]}`;
  return key;
}

function rowCellTuple(table: EncodedTable, i: number, isGroupAware: boolean): number[] {
  const t = table.features.map((f) => f[i]);
  if (isGroupAware) t.push(table.group[i]);
  return t;
}

/**
 * Counts rows per (cell, group, label). Cells are the distinct feature tuples (with the group when group-aware),
 * ordered lexicographically by their numeric values so that the result does not depend on row order.
 * @throws InputError E_EMPTY_INPUT, E_TOO_FEW_GROUPS, E_TOO_FEW_CLASSES, E_EMPTY_GROUP, E_EMPTY_GROUP_LABEL
 */
export function distributionFromTable(table: EncodedTable, options: CellOptions = {}): CellAssignment {
  checkEncodedTable(table);
  checkOptionsObject(options, 'options');
  const isGroupAware = options.isGroupAware ?? true;
  if (table.nRows === 0) throw new InputError('E_EMPTY_INPUT', `data set "${table.name}" has no rows`);
  const { nRows } = table;
  // Each row's cell as one number (mixed radix over the dense ids of its values), so that only the first row
  // of each cell builds the cell's key text: a string per row was most of the cost on millions of rows.
  const codeOfRow = cellCodes(table, isGroupAware);
  const firstRowOfCode = new Map<number, number>();
  for (let i = 0; i < nRows; i++) if (!firstRowOfCode.has(codeOfRow[i])) firstRowOfCode.set(codeOfRow[i], i);
  const tuples = [...firstRowOfCode.entries()].map(([code, row]) => ({
    code,
    key: rowCellKey(table, row, isGroupAware),
    t: rowCellTuple(table, row, isGroupAware),
  }));
  tuples.sort((a, b) => {
    for (let j = 0; j < a.t.length; j++) if (a.t[j] !== b.t[j]) return a.t[j] - b.t[j];
    return 0;
  });
  const indexOfCode = new Map<number, number>();
  tuples.forEach(({ code }, k) => indexOfCode.set(code, k));
  const nCells = tuples.length;
  const nGroups = table.groupNames.length;
  const nClasses = table.classNames.length;
  checkMassSize(nCells, nGroups, nClasses);
  const weights = new Float64Array(nCells * nGroups * nClasses);
  const rowsPerCell = new Float64Array(nCells);
  const cellOfRow = new Int32Array(nRows);
  for (let i = 0; i < nRows; i++) {
    const k = indexOfCode.get(codeOfRow[i])!;
    cellOfRow[i] = k;
    rowsPerCell[k] += 1;
    weights[(k * nGroups + table.group[i]) * nClasses + table.label[i]] += table.weight ? table.weight[i] : 1;
  }
  const distribution = normalizeDistribution(
    {
      cellKeys: tuples.map((t) => t.key),
      groupNames: table.groupNames,
      classNames: table.classNames,
      isGroupAware,
    },
    weights,
    rowsPerCell,
    nRows,
  );
  return { distribution, cellOfRow };
}

/**
 * A number per row that is equal for two rows exactly when their cell keys are equal: the mixed-radix code of
 * the dense ids of the row's feature values (and group), or, when the product of the numbers of distinct values
 * passes 2^53, the key's text interned to its first row.
 */
function cellCodes(table: EncodedTable, isGroupAware: boolean): Float64Array {
  const { nRows } = table;
  const columns: ArrayLike<number>[] = [...table.features];
  if (isGroupAware) columns.push(table.group);
  const code = new Float64Array(nRows);
  const id = new Int32Array(nRows);
  let radix = 1;
  for (const column of columns) {
    // Map keys compare as SameValueZero: -0 and 0 share an id, as they share the key text "0".
    const idOf = new Map<number, number>();
    for (let i = 0; i < nRows; i++) {
      const x = column[i];
      let v = idOf.get(x);
      if (v === undefined) idOf.set(x, (v = idOf.size));
      id[i] = v;
    }
    if (radix * idOf.size > Number.MAX_SAFE_INTEGER) return textCodes(table, isGroupAware);
    for (let i = 0; i < nRows; i++) code[i] += radix * id[i];
    radix *= idOf.size;
  }
  return code;
}

function textCodes(table: EncodedTable, isGroupAware: boolean): Float64Array {
  const firstRowOfKey = new Map<string, number>();
  const code = new Float64Array(table.nRows);
  for (let i = 0; i < table.nRows; i++) {
    const key = rowCellKey(table, i, isGroupAware);
    let first = firstRowOfKey.get(key);
    if (first === undefined) firstRowOfKey.set(key, (first = i));
    code[i] = first;
  }
  return code;
}

/** Cell index of every row of `table` in `distribution` (built from other rows); -1 where the cell is unseen. */
export function locateCells(distribution: Distribution, table: EncodedTable): Int32Array {
  const index = new Map<string, number>();
  distribution.cellKeys.forEach((key, k) => index.set(key, k));
  const out = new Int32Array(table.nRows);
  for (let i = 0; i < table.nRows; i++)
    out[i] = index.get(rowCellKey(table, i, distribution.isGroupAware)) ?? -1;
  return out;
}
