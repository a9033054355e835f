import { expect, test } from 'vitest';
import type { EncodedTable } from '../../src/data/table.js';
import {
  bayesAccuracy,
  cellLabelMass,
  constantAccuracy,
  distributionFromCounts,
  distributionFromTable,
  groupLabelMass,
  groupMass,
  locateCells,
  massIndex,
  supportSummary,
  type CountRecord,
} from '../../src/distribution/index.js';
import { FairlimitError } from '../../src/errors.js';
import { createRng, permutation, randomInt } from '../../src/rng.js';

// Truths: masses counted by hand on a six-row table, brute force over every deterministic classifier for the Bayes
// accuracy, a plain recount of rows for random tables, and the invariances the definitions imply (row order, row
// weights versus repeated rows).

/** Six rows: feature x in {0, 1}, group in {a, b}, label in {no, yes}. */
const SIX_ROWS: EncodedTable = {
  name: 'six',
  nRows: 6,
  featureNames: ['x'],
  features: [Float64Array.from([0, 0, 1, 1, 1, 0])],
  group: Int32Array.from([0, 1, 0, 1, 1, 0]),
  groupNames: ['a', 'b'],
  label: Int32Array.from([0, 1, 1, 1, 0, 0]),
  classNames: ['no', 'yes'],
};

function randomTable(seed: number, nRows: number, weighted = false): EncodedTable {
  const rng = createRng(seed);
  const col = (levels: number) => Float64Array.from({ length: nRows }, () => randomInt(rng, levels));
  // The first four rows cover every (group, label) pair, so the table is always valid.
  const group = Int32Array.from({ length: nRows }, (_, i) => (i < 4 ? i % 2 : randomInt(rng, 2)));
  const label = Int32Array.from({ length: nRows }, (_, i) => (i < 4 ? (i >> 1) % 2 : randomInt(rng, 3)));
  return {
    name: `random-${seed}`,
    nRows,
    featureNames: ['u', 'v'],
    features: [col(3), col(2)],
    group,
    groupNames: ['g0', 'g1'],
    label,
    classNames: ['c0', 'c1', 'c2'],
    ...(weighted ? { weight: Float64Array.from({ length: nRows }, () => 1 + randomInt(rng, 3)) } : {}),
  };
}

test('group-aware cells of a six-row table hold the hand-counted masses', () => {
  const { distribution: d, cellOfRow } = distributionFromTable(SIX_ROWS);
  // Cells (x, group) in lexicographic order: (0,a) rows 0,5; (0,b) row 1; (1,a) row 2; (1,b) rows 3,4.
  expect(d.cellKeys).toEqual(['x=0|group=0', 'x=0|group=1', 'x=1|group=0', 'x=1|group=1']);
  expect([...cellOfRow]).toEqual([0, 1, 2, 3, 3, 0]);
  expect([...d.rowsPerCell]).toEqual([2, 1, 1, 2]);
  const expected: [number, number, number, number][] = [
    [0, 0, 0, 2 / 6],
    [1, 1, 1, 1 / 6],
    [2, 0, 1, 1 / 6],
    [3, 1, 1, 1 / 6],
    [3, 1, 0, 1 / 6],
  ];
  const mass = new Float64Array(4 * 2 * 2);
  for (const [k, s, y, p] of expected) mass[massIndex(d, k, s, y)] = p;
  expect([...d.mass]).toEqual([...mass]);
  expect([...groupLabelMass(d)]).toEqual([2 / 6, 1 / 6, 1 / 6, 2 / 6]);
  expect([...groupMass(d)]).toEqual([0.5, 0.5]);
  expect(d.nRows).toBe(6);
  expect(d.totalWeight).toBe(6);
});

test('group-blind cells merge the groups: two cells, p(x, y) as counted by hand', () => {
  const { distribution: d } = distributionFromTable(SIX_ROWS, { isGroupAware: false });
  expect(d.cellKeys).toEqual(['x=0', 'x=1']);
  expect(d.isGroupAware).toBe(false);
  // x=0: rows 0 (no), 1 (yes), 5 (no); x=1: rows 2 (yes), 3 (yes), 4 (no).
  expect([...cellLabelMass(d)].map((p) => p * 6)).toEqual([2, 1, 1, 2]);
  expect(bayesAccuracy(d)).toBeCloseTo(4 / 6, 15);
  expect(constantAccuracy(d)).toBeCloseTo(3 / 6, 15);
});

test('the Bayes accuracy equals the best deterministic classifier found by brute force', () => {
  for (const seed of [1, 2, 3]) {
    const { distribution: d } = distributionFromTable(randomTable(seed, 40), { isGroupAware: false });
    const pxy = cellLabelMass(d);
    let best = 0;
    // Every map from the cells to the classes.
    for (let code = 0; code < d.nClasses ** d.nCells; code++) {
      let acc = 0;
      for (let k = 0, c = code; k < d.nCells; k++, c = Math.floor(c / d.nClasses))
        acc += pxy[k * d.nClasses + (c % d.nClasses)];
      best = Math.max(best, acc);
    }
    expect(bayesAccuracy(d)).toBeCloseTo(best, 14);
  }
});

test('the best constant accuracy is the share of the most frequent label', () => {
  const table = randomTable(4, 200);
  const counts = [0, 0, 0];
  for (const y of table.label) counts[y]++;
  expect(constantAccuracy(distributionFromTable(table).distribution)).toBeCloseTo(
    Math.max(...counts) / 200,
    14,
  );
});

test('masses equal a plain recount of the rows, and sum to one', () => {
  const table = randomTable(5, 300);
  const { distribution: d, cellOfRow } = distributionFromTable(table);
  const recount = new Float64Array(d.mass.length);
  for (let i = 0; i < table.nRows; i++) {
    const key = `u=${table.features[0][i]}|v=${table.features[1][i]}|group=${table.group[i]}`;
    expect(d.cellKeys[cellOfRow[i]]).toBe(key);
    recount[massIndex(d, cellOfRow[i], table.group[i], table.label[i])] += 1 / 300;
  }
  for (let i = 0; i < recount.length; i++) expect(d.mass[i]).toBeCloseTo(recount[i], 15);
  expect(d.mass.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
});

test('the distribution does not depend on row order', () => {
  const table = randomTable(6, 120);
  const order = permutation(createRng(7), table.nRows);
  const shuffled: EncodedTable = {
    ...table,
    features: table.features.map((f) => Float64Array.from(order, (i) => f[i])),
    group: Int32Array.from(order, (i) => table.group[i]),
    label: Int32Array.from(order, (i) => table.label[i]),
  };
  const a = distributionFromTable(table).distribution;
  const b = distributionFromTable(shuffled).distribution;
  expect(b.cellKeys).toEqual(a.cellKeys);
  expect([...b.mass]).toEqual([...a.mass]);
});

test('a row of weight w counts as w repeated rows', () => {
  const weighted = randomTable(8, 50, true);
  const rows: number[] = [];
  for (let i = 0; i < weighted.nRows; i++) for (let r = 0; r < weighted.weight![i]; r++) rows.push(i);
  const repeated: EncodedTable = {
    ...weighted,
    weight: undefined,
    nRows: rows.length,
    features: weighted.features.map((f) => Float64Array.from(rows, (i) => f[i])),
    group: Int32Array.from(rows, (i) => weighted.group[i]),
    label: Int32Array.from(rows, (i) => weighted.label[i]),
  };
  const a = distributionFromTable(weighted).distribution;
  const b = distributionFromTable(repeated).distribution;
  expect(b.cellKeys).toEqual(a.cellKeys);
  for (let i = 0; i < a.mass.length; i++) expect(a.mass[i]).toBeCloseTo(b.mass[i], 15);
  expect(a.totalWeight).toBe(rows.length);
});

test('counts records give the same distribution as the rows they count', () => {
  const table = randomTable(9, 200);
  const { distribution: fromRows } = distributionFromTable(table);
  const records: CountRecord[] = [];
  for (let i = 0; i < table.nRows; i++)
    records.push({
      features: [`u=${table.features[0][i]}`, `v=${table.features[1][i]}`, `group=${table.group[i]}`],
      groups: [table.groupNames[table.group[i]]],
      label: table.classNames[table.label[i]],
      weight: 1,
    });
  const names = { groupNames: table.groupNames, classNames: table.classNames };
  const fromCounts = distributionFromCounts(records, names);
  // The deprecated keyed form of the same records gives the same distribution.
  const keyed = records.map((r) => ({
    cell: r.features.join('|'),
    group: String(r.groups[0]),
    label: String(r.label),
    count: r.weight,
  }));
  expect(distributionFromCounts(keyed, names)).toEqual(fromCounts);
  // Counts order cells by their text, rows by their numeric tuple: compare cell by cell.
  for (let k = 0; k < fromRows.nCells; k++) {
    const j = fromCounts.cellKeys.indexOf(fromRows.cellKeys[k]);
    for (let s = 0; s < 2; s++)
      for (let y = 0; y < 3; y++)
        expect(fromCounts.mass[massIndex(fromCounts, j, s, y)]).toBeCloseTo(
          fromRows.mass[massIndex(fromRows, k, s, y)],
          15,
        );
  }
  expect(fromCounts.nRows).toBe(200);
});

test('locateCells finds the cell of rows seen when building and -1 for unseen cells', () => {
  const { distribution: d } = distributionFromTable(SIX_ROWS);
  const other: EncodedTable = {
    ...SIX_ROWS,
    nRows: 3,
    features: [Float64Array.from([1, 2, 0])],
    group: Int32Array.from([1, 0, 0]),
    label: Int32Array.from([0, 0, 1]),
  };
  expect([...locateCells(d, other)]).toEqual([3, -1, 0]);
});

test('supportSummary counts single-row cells and cells per row', () => {
  const { distribution: d } = distributionFromTable(SIX_ROWS);
  expect(supportSummary(d)).toEqual({ cellsPerRow: 4 / 6, singleRowCellShare: 2 / 4 });
});

const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return e instanceof FairlimitError ? e.code : `not a FairlimitError: ${String(e)}`;
  }
  return 'no error';
};

test('refuses tables without two groups, two classes, or a row for every (group, label) pair', () => {
  const oneGroup = { ...SIX_ROWS, group: new Int32Array(6), groupNames: ['a'] };
  expect(codeOf(() => distributionFromTable(oneGroup))).toBe('E_TOO_FEW_GROUPS');
  const oneClass = { ...SIX_ROWS, label: new Int32Array(6), classNames: ['no'] };
  expect(codeOf(() => distributionFromTable(oneClass))).toBe('E_TOO_FEW_CLASSES');
  // Group b's only "no" row (row 4) becomes "yes".
  const noPair = { ...SIX_ROWS, label: Int32Array.from([0, 1, 1, 1, 1, 0]) };
  expect(codeOf(() => distributionFromTable(noPair))).toBe('E_EMPTY_GROUP_LABEL');
  const empty = {
    ...SIX_ROWS,
    nRows: 0,
    features: [new Float64Array(0)],
    group: new Int32Array(0),
    label: new Int32Array(0),
  };
  expect(codeOf(() => distributionFromTable(empty))).toBe('E_EMPTY_INPUT');
  // nRows that does not match the columns is a malformed table, named as such.
  expect(codeOf(() => distributionFromTable({ ...SIX_ROWS, nRows: 0 }))).toBe('E_LENGTH_MISMATCH');
});

test('refuses counts that are negative, not finite, or name an undeclared group', () => {
  // The deprecated keyed form (cell, group, label, count).
  const base = [
    { cell: 'c', group: 'a', label: '0', count: 1 },
    { cell: 'c', group: 'b', label: '0', count: 1 },
    { cell: 'c', group: 'a', label: '1', count: 1 },
    { cell: 'c', group: 'b', label: '1', count: 1 },
  ];
  expect(distributionFromCounts(base).nCells).toBe(1);
  const withCount = (count: number) => [...base, { cell: 'd', group: 'a', label: '0', count }];
  expect(codeOf(() => distributionFromCounts(withCount(-1)))).toBe('E_NEGATIVE_WEIGHT');
  expect(codeOf(() => distributionFromCounts(withCount(Number.NaN)))).toBe('E_NOT_FINITE');
  expect(codeOf(() => distributionFromCounts(base, { groupNames: ['a'] }))).toBe('E_BAD_OPTION');
  expect(codeOf(() => distributionFromCounts([]))).toBe('E_EMPTY_INPUT');
  expect(codeOf(() => distributionFromCounts(base.map((r) => ({ ...r, count: 0 }))))).toBe('E_EMPTY_INPUT');
});
