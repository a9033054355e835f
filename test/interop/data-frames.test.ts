import { tableFromArrays } from 'apache-arrow';
import * as dfd from 'danfojs';
import { expect, test } from 'vitest';
import { syntheticTable, tableFromData, type EncodedTable } from '../../src/data/index.js';
import { bayesAccuracy, distributionFromTable } from '../../src/distribution/index.js';
import { InputError } from '../../src/errors.js';
import { fairFront } from '../../src/limits/index.js';

// Data scientists hand fairlimit the frames they already have: a danfo.js DataFrame or an Apache Arrow table.
// Each must give exactly the frontier of the same data given as a checked table.

const source = syntheticTable({ seed: 12, nRows: 800, nGroups: 3, nClasses: 2, nFeatures: 2, levels: 4 });
const spec = {
  group: 'group',
  label: 'label',
  groupValues: source.groupNames,
  labelValues: source.classNames,
};

function rowsOf(t: EncodedTable): Record<string, number | string>[] {
  return Array.from({ length: t.nRows }, (_, i) => ({
    ...Object.fromEntries(t.featureNames.map((name, j) => [name, t.features[j][i]])),
    group: t.groupNames[t.group[i]],
    label: t.classNames[t.label[i]],
  }));
}

async function expectSameFrontier(table: EncodedTable): Promise<void> {
  expect(table.nRows).toBe(source.nRows);
  expect(table.groupNames).toEqual(source.groupNames);
  expect(Array.from(table.group)).toEqual(Array.from(source.group));
  expect(Array.from(table.label)).toEqual(Array.from(source.label));
  const mine = distributionFromTable(table).distribution;
  const truth = distributionFromTable(source).distribution;
  expect(mine.nCells).toBe(truth.nCells);
  expect(bayesAccuracy(mine)).toBeCloseTo(bayesAccuracy(truth), 12);
  for (const alpha of [{ eo: 0 }, { sp: 0.03 }, { eo: 0.05, oae: 0.02 }]) {
    const [a, b] = await Promise.all([fairFront(mine, { alpha }), fairFront(truth, { alpha })]);
    expect(Math.abs(a.accuracy - b.accuracy)).toBeLessThan(1e-9);
  }
}

test('a danfo.js DataFrame gives the same table and frontier as the data it holds', async () => {
  const df = new dfd.DataFrame(rowsOf(source));
  expect(df.shape).toEqual([source.nRows, source.featureNames.length + 2]);
  await expectSameFrontier(tableFromData(df, spec).table);
});

test('a danfo.js DataFrame with a missing value is refused, naming the column', () => {
  const rows = rowsOf(source).slice(0, 50);
  rows[7] = { ...rows[7], x1: NaN };
  const df = new dfd.DataFrame(rows);
  let error: unknown;
  try {
    tableFromData(df, spec);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).where?.column).toBe('x1');
});

test('an Apache Arrow table (typed numeric columns, string group and label) gives the same frontier', async () => {
  const columns: Record<string, Float64Array | string[]> = Object.fromEntries(
    source.featureNames.map((name, j) => [name, Float64Array.from(source.features[j])]),
  );
  columns.group = Array.from(source.group, (s) => source.groupNames[s]);
  columns.label = Array.from(source.label, (y) => source.classNames[y]);
  const arrow = tableFromArrays(columns);
  expect(arrow.numRows).toBe(source.nRows);
  await expectSameFrontier(tableFromData(arrow, spec).table);
});

test('an Arrow table with an integer label column is read with the declared classes', async () => {
  const arrow = tableFromArrays({
    ...Object.fromEntries(source.featureNames.map((name, j) => [name, Int32Array.from(source.features[j])])),
    group: Array.from(source.group, (s) => source.groupNames[s]),
    label: Int32Array.from(source.label),
  });
  const { table } = tableFromData(arrow, {
    ...spec,
    labelValues: source.classNames.map((_, y) => String(y)),
  });
  expect(Array.from(table.label)).toEqual(Array.from(source.label));
  expect(bayesAccuracy(distributionFromTable(table).distribution)).toBeCloseTo(
    bayesAccuracy(distributionFromTable(source).distribution),
    12,
  );
});
