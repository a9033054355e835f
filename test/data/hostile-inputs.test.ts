import { existsSync } from 'node:fs';
import { expect, test } from 'vitest';
import {
  MAX_BIN_COUNT,
  edgesFor,
  parseBinSpec,
  readCsvFrame,
  readCsvTable,
  tableFromData,
  type TableSpec,
} from '../../src/data/index.js';
import { readCountsTable } from '../../src/data/counts/index.js';
import { MAX_EXPRESSION_CHARS } from '../../src/data/expressions.js';
import { FairlimitError } from '../../src/errors.js';
import { csvFile, sharedDataFile } from './csv-fixtures.js';

/** Regression tests for data that tries to break the data layer: one test (or more) per class of defect. */

function refusal(f: () => unknown): FairlimitError {
  try {
    f();
  } catch (e) {
    if (e instanceof FairlimitError) return e;
    throw e;
  }
  throw new Error('expected a FairlimitError, nothing was thrown');
}

/** Six rows per group, both labels in each; x and z vary. */
function rows(groups: readonly string[], extra: (i: number) => Record<string, unknown> = () => ({})) {
  return groups.flatMap((g, s) =>
    Array.from({ length: 6 }, (_, i) => ({ g, y: (i + s) % 2, x: i % 3, ...extra(i) })),
  );
}

test('values "constructor", "__proto__" and "toString" are ordinary groups, levels and classes', async () => {
  const names = ['constructor', '__proto__', 'toString'];
  const r = tableFromData(
    names.flatMap((g) =>
      Array.from({ length: 4 }, (_, i) => ({ g, y: names[i % 3], x: names[(i + 1) % 3] })),
    ),
    { group: 'g', label: 'y' },
  );
  expect(r.table.groupNames).toEqual(['__proto__', 'constructor', 'toString']);
  expect(r.table.classNames).toEqual(['__proto__', 'constructor', 'toString']);
  expect(r.summary.features[0].levels).toEqual(['__proto__', 'constructor', 'toString']);
  // CSV fields and counts tables too (the field typer used to read "constructor" as Object's constructor).
  const text = ['g,y,x,count', ...names.flatMap((g) => names.map((y) => `${g},${y},${y},2`))].join('\n');
  const counts = await readCountsTable(csvFile(text, 'proto-counts.csv'), { group: 'g', label: 'y' });
  expect(counts.groupNames).toEqual(['__proto__', 'constructor', 'toString']);
  expect(counts.features[0].levels).toEqual(['__proto__', 'constructor', 'toString']);
  const frame = await readCsvFrame(csvFile(text, 'proto-rows.csv'));
  expect(frame.columns[0].slice(0, 3)).toEqual(['constructor', 'constructor', 'constructor']);
});

test('bins and value maps keyed "__proto__" apply to the column "__proto__"', () => {
  const data = rows(['a', 'b'], (i) => ({ ['__proto__']: i }));
  for (const r of data) Object.defineProperty(r, '__proto__', { value: r.x * 10, enumerable: true });
  const bins = Object.create(null) as Record<string, string>;
  bins['__proto__'] = 'edges:15';
  const { summary, table } = tableFromData(data, { group: 'g', label: 'y', features: ['__proto__'], bins });
  expect(summary.features[0]).toMatchObject({ name: '__proto__', encoding: 'bins', edges: [15] });
  expect(Array.from(table.features[0])).toEqual(data.map((r) => (r.x * 10 >= 15 ? 1 : 0)));
});

test('expressions: a column "a-b" never shadows "a_b"; backquotes name any column; ambiguity is refused', () => {
  const data = rows(['p', 'q'], (i) => ({ 'a-b': 100 + i, a_b: i, sum: 2 * i, e: 3, 'x,y': 1, '🎉': 5 }));
  const derive = (expression: string) =>
    tableFromData(data, { group: 'g', label: 'y', features: ['z'], derive: [`z = ${expression}`] });
  const z = (expression: string) => Array.from(derive(expression).table.features[0]);
  const i = data.map((_, r) => r % 6);
  expect(z('`a_b` * 10')).toEqual(i.map((v) => v * 10));
  expect(z('`a-b` * 10')).toEqual(i.map((v) => (100 + v) * 10));
  expect(z('sum + `sum` + `x,y` + `🎉`')).toEqual(i.map((v) => 4 * v + 6));
  expect(z('`e` + 1')).toEqual(i.map(() => 4));
  expect(refusal(() => derive('a_b * 10'))).toMatchObject({ code: 'E_BAD_EXPRESSION' });
  expect(refusal(() => derive('a_b * 10')).message).toMatch(/ambiguous.*"a_b".*"a-b"/);
  expect(refusal(() => derive('e + 1')).message).toMatch(/ambiguous.*constant/);
  const missing = refusal(() => derive('nothere + 1'));
  expect(missing.code).toBe('E_MISSING_COLUMN');
  expect(missing.message).toContain('names: g, y, x, `a-b`, `a_b`, sum, `e`, x_y or `x,y`, `🎉`)');
  expect(refusal(() => derive('`no such` + 1')).code).toBe('E_MISSING_COLUMN');
  expect(refusal(() => derive('`unclosed + 1')).code).toBe('E_BAD_EXPRESSION');
});

test('expressions: only row formulas are allowed, bounded in size, on a private evaluator', () => {
  const data = rows(['p', 'q']);
  const derive = (expression: string) =>
    tableFromData(data, { group: 'g', label: 'y', features: ['z'], derive: [`z = ${expression}`] });
  for (const bad of [
    'sum(ones(3000, 3000))',
    'ones(30000, 30000)[1]',
    'config({number: "BigNumber"})',
    'random()',
    'import({x: 1})',
    'evaluate("1")',
    '[1, 2]',
    'x.constructor',
    'f(t) = t',
    '1:3',
    "x'",
    '5 cm',
    '0 < x < 2',
    'x ; x',
  ])
    expect(
      refusal(() => derive(bad)),
      bad,
    ).toMatchObject({ code: expect.stringMatching(/^E_(BAD_EXPRESSION|MISSING_COLUMN)$/) });
  // 20 000 terms: a coded refusal, not a stack overflow.
  const huge = refusal(() => derive(Array.from({ length: 20_000 }, () => 'x').join(' + ')));
  expect(huge.code).toBe('E_BAD_EXPRESSION');
  expect(huge.message).toContain(`at most ${MAX_EXPRESSION_CHARS}`);
  expect(refusal(() => derive(`${'('.repeat(1500)}x${')'.repeat(1500)}`)).code).toBe('E_BAD_EXPRESSION');
  // What formulas need still works, and gives the same value twice (no randomness, no shared state).
  const ok =
    'x > 0 and x != 2 ? max(x, 1) ^ 2 + floor(log(exp(x))) + round(sqrt(x), 3) % 5 : -abs(x) + pi - e';
  const values = data.map(({ x }) => {
    const v =
      x > 0 && x !== 2
        ? Math.max(x, 1) ** 2 +
          Math.floor(Math.log(Math.exp(x))) +
          ((Math.round(Math.sqrt(x) * 1000) / 1000) % 5)
        : -Math.abs(x) + Math.PI - Math.E;
    return v;
  });
  const first = Array.from(derive(ok).table.features[0]);
  first.forEach((v, r) => expect(v).toBeCloseTo(values[r], 12));
  expect(Array.from(derive(ok).table.features[0])).toEqual(first);
});

test('value maps: keys that never occur are warned about', () => {
  const { summary } = tableFromData(rows(['a', 'b']), {
    group: 'g',
    label: 'y',
    valueMaps: { g: { a: 'A', typo: 'T', 'also missing': 'M' } },
  });
  expect(summary.warnings).toContain(
    'value map of column "g": "typo", "also missing" never occur in the data',
  );
});

test('bin counts are capped with a clear error; edges stay finite near +-1.8e308', () => {
  for (const spec of ['quantile:200000000', `uniform:${MAX_BIN_COUNT + 1}`])
    expect(refusal(() => parseBinSpec(spec))).toMatchObject({
      code: 'E_BAD_BINS',
      message: expect.stringContaining(`at most ${MAX_BIN_COUNT} bins`),
    });
  expect(refusal(() => parseBinSpec('uniform:1e9')).code).toBe('E_BAD_BINS');
  expect(parseBinSpec(`quantile:${MAX_BIN_COUNT}`)).toEqual({ kind: 'quantile', count: MAX_BIN_COUNT });
  const extreme = Float64Array.from([-Number.MAX_VALUE, -1e308, 0, 1e308, Number.MAX_VALUE]);
  for (const spec of [parseBinSpec('uniform:4'), parseBinSpec('quantile:4')]) {
    const edges = edgesFor(spec, extreme);
    expect(edges.every(Number.isFinite)).toBe(true);
    expect(edges).toHaveLength(3);
  }
  // uniform: min + (max - min) i / k in exact arithmetic, computed without overflow.
  const M = Number.MAX_VALUE;
  edgesFor(parseBinSpec('uniform:4'), extreme).forEach((e, i) =>
    expect(Math.abs(e - M * ((i + 1) / 2 - 1)) / M).toBeLessThan(1e-15),
  );
});

test('prediction, weight, group and label columns never become default features', () => {
  const data = rows(['a', 'b'], (i) => ({ yhat: i % 2, w: 1 + (i % 2) }));
  const { table } = tableFromData(data, { group: 'g', label: 'y', weights: 'w', predictions: ['yhat'] });
  expect(table.featureNames).toEqual(['x']);
  const both = refusal(() =>
    tableFromData(data, { group: 'g', label: 'y', predictions: ['yhat'], features: ['x', 'yhat'] }),
  );
  expect(both).toMatchObject({
    code: 'E_BAD_OPTION',
    message: expect.stringContaining('a prediction column'),
  });
});

test('--delimiter whitespace reads runs of spaces and tabs, trailing spaces and blank lines included', async () => {
  const text = 'g  y\tx   \n  a 0   1  \n\na\t1 2\nb 0  3 \nb   1 4\n';
  const spec: TableSpec = { group: 'g', label: 'y' };
  const r = await readCsvTable(csvFile(text, 'spaces.data'), spec, { delimiter: 'whitespace' });
  expect(r.table.featureNames).toEqual(['x']);
  expect(Array.from(r.table.features[0])).toEqual([1, 2, 3, 4]);
  expect(Array.from(r.table.group)).toEqual([0, 0, 1, 1]);
  const ragged = await readCsvTable(csvFile('g y x\na 0 1\na 1\n', 'ragged.data'), spec, {
    delimiter: 'whitespace',
  }).catch((e) => e);
  expect(ragged).toMatchObject({ code: 'E_RAGGED_LINE', where: { line: 3 } });
});

const german = sharedDataFile('german/german.data');
test.skipIf(!existsSync(german))(
  'the UCI German credit file (trailing spaces) reads with --delimiter whitespace',
  async () => {
    const r = await readCsvTable(
      german,
      { group: 'c9', label: 'c21', features: ['c1', 'c2'] },
      {
        delimiter: 'whitespace',
        hasHeader: false,
      },
    );
    // 1000 applicants, 21 columns, label 1 = good (700) / 2 = bad (300), as documented by UCI.
    expect(r.table.nRows).toBe(1000);
    expect(r.table.classNames).toEqual(['1', '2']);
    expect(Array.from(r.table.label).filter((y) => y === 0)).toHaveLength(700);
  },
);
