import { tableFromArrays } from 'apache-arrow';
import { expect, test } from 'vitest';
import {
  binIndex,
  daysBetween,
  edgesFor,
  loadReferenceDataset,
  parseBinSpec,
  readCsvTable,
  tableFromData,
  type EncodedTable,
  type TableSpec,
} from '../../src/data/index.js';
import { distributionFromTable } from '../../src/distribution/index.js';
import { FairlimitError } from '../../src/errors.js';
import { COMPAS_CLI_OPTIONS, SMALL_CSV, csvFile, sharedDataFile } from './csv-fixtures.js';

async function refusal(f: () => unknown): Promise<FairlimitError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof FairlimitError) return e;
    throw e;
  }
  throw new Error('expected a FairlimitError, nothing was thrown');
}

const plain = (t: EncodedTable) => ({
  nRows: t.nRows,
  featureNames: t.featureNames,
  features: t.features.map((f) => Array.from(f)),
  group: Array.from(t.group),
  groupNames: t.groupNames,
  label: Array.from(t.label),
  classNames: t.classNames,
  weight: t.weight ? Array.from(t.weight) : undefined,
});

test('encodes roles: sorted groups and classes, numeric and categorical features, weights', async () => {
  const r = await readCsvTable(csvFile(SMALL_CSV), { group: 'g', label: 'y', weights: 'w' });
  expect(plain(r.table)).toEqual({
    nRows: 6,
    featureNames: ['age', 'color'],
    features: [
      [21, 35, 47, 52, 19, 33],
      [1, 0, 1, 0, 1, 1], // blue < red
    ],
    group: [0, 0, 0, 1, 1, 1],
    groupNames: ['a', 'b'],
    label: [1, 0, 1, 0, 1, 0],
    classNames: ['0', '1'],
    weight: [1, 2, 1, 1, 0.5, 1],
  });
  expect(r.summary.features.map((f) => f.encoding)).toEqual(['numeric', 'categorical']);
  expect(r.summary.features[1].levels).toEqual(['blue', 'red']);
});

test('bins: edges count the edges <= x; quantile and uniform edges by hand', () => {
  const edges = [20, 25, 70];
  expect([19.9, 20, 24, 25, 69, 70, 99].map((x) => binIndex(edges, x))).toEqual([0, 1, 1, 2, 2, 3, 3]);
  const v = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  // type-7 quantiles at 0.2, 0.4, 0.6, 0.8 of 1..10: 1 + 9 * q
  expect(edgesFor({ kind: 'quantile', count: 5 }, v).map((e) => Number(e.toFixed(12)))).toEqual([
    2.8, 4.6, 6.4, 8.2,
  ]);
  expect(edgesFor({ kind: 'uniform', count: 3 }, v)).toEqual([4, 7]);
  // ties collapse repeated edges
  expect(edgesFor({ kind: 'quantile', count: 4 }, Float64Array.from([0, 0, 0, 0, 1, 2]))).toEqual([0, 0.75]);
});

test('applies --bins specs to columns and records the edges', async () => {
  const r = await readCsvTable(csvFile(SMALL_CSV), {
    group: 'g',
    label: 'y',
    features: ['age', 'color'],
    bins: { age: 'edges:30,50', color: 'categorical' },
  });
  expect(Array.from(r.table.features[0])).toEqual([0, 1, 1, 2, 0, 1]);
  expect(r.summary.features[0]).toEqual({
    name: 'age',
    encoding: 'bins',
    edges: [30, 50],
    bins: 'edges:30,50',
  });
});

test('intersectional groups join the columns in sorted order', async () => {
  const csv = 'race,sex,y\nA,F,1\nA,M,0\nB,F,0\nB,M,1\nA,F,0\nA,M,1\nB,F,1\nB,M,0\n';
  const r = await readCsvTable(csvFile(csv), { group: ['race', 'sex'], label: 'y', features: [] });
  expect(r.table.groupNames).toEqual(['A & F', 'A & M', 'B & F', 'B & M']);
  expect(Array.from(r.table.group)).toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
});

test('--group-values keeps and orders the listed groups, counting the dropped rows', async () => {
  const csv = 'g,y,x\nc,1,1\na,0,1\nb,1,2\nc,0,2\nb,0,1\na,1,2\n';
  const r = await readCsvTable(csvFile(csv), { group: 'g', label: 'y', groupValues: ['c', 'a'] });
  expect(r.table.groupNames).toEqual(['c', 'a']);
  expect(Array.from(r.table.group)).toEqual([0, 1, 0, 1]);
  expect(r.summary.nRowsOtherGroups).toBe(2);
  expect(r.summary.warnings).toContain('2 rows dropped because their group is not in --group-values');
});

test('value maps rename and merge values before encoding', async () => {
  const csv = 'g,y,x\nwhite,yes,1\nblack,no,1\nasian,yes,2\nwhite,no,2\n';
  const r = await readCsvTable(csvFile(csv), {
    group: 'g',
    label: 'y',
    valueMaps: { g: { asian: 'other', black: 'other' }, y: { yes: '1', no: '0' } },
  });
  expect(r.table.groupNames).toEqual(['other', 'white']);
  expect(r.table.classNames).toEqual(['0', '1']);
  expect(Array.from(r.table.label)).toEqual([1, 0, 1, 0]);
});

test('derived columns and filters run through mathjs, with text equality and days()', async () => {
  const csv = [
    'g,y,code,t_in,t_out,gap',
    'a,1,F,2013-01-26 03:45:27,2013-02-05 05:36:53,0',
    'a,0,O,2013-01-01,2013-01-02,0',
    'b,0,M,2013-03-01 00:00:00,2013-02-27 12:00:00,-40',
    'b,1,M,2013-03-01 00:00:00,2013-03-01 06:00:00,',
    'a,0,M,2013-03-01,2013-04-30,5',
    'b,1,F,2014-12-31 23:00:00,2015-01-01 01:00:00,-3',
    'b,0,F,2014-01-01,2014-01-01,0',
  ].join('\n');
  const r = await readCsvTable(csvFile(csv), {
    group: 'g',
    label: 'y',
    features: ['felony', 'stay'],
    derive: ['stay = days(t_in, t_out)', 'felony = code == "F"'],
    filter: ['code != "O"', 'gap >= -30 and gap <= 30'],
  });
  // Row 2 (code O) and row 3 (gap -40) are filtered; row 4 has a missing gap: NaN fails the comparison (pandas).
  expect(r.summary.nRowsFiltered).toBe(3);
  expect(Array.from(r.table.features[0])).toEqual([1, 0, 1, 1]);
  const expectedStay = [
    (10 * 86400 + (5 * 3600 + 36 * 60 + 53) - (3 * 3600 + 45 * 60 + 27)) / 86400,
    60,
    2 / 24,
    0,
  ];
  r.table.features[1].forEach((v, i) => expect(v).toBeCloseTo(expectedStay[i], 12));
  expect(daysBetween('2013-03-01', '2013-02-27 12:00:00')).toBe(-1.5);
  expect(Number.isNaN(daysBetween('2013-02-30', '2013-03-01'))).toBe(true);
});

test('a derived value that fails only on filtered rows is not an error; on a kept row it is, with its line', async () => {
  const csv =
    'g,y,t\na,1,2013-01-01\nb,0,not a date\na,0,2013-01-03\nb,1,2013-01-04\na,1,2013-01-01\nb,0,2013-01-02\n';
  const ok = await readCsvTable(csvFile(csv), {
    group: 'g',
    label: 'y',
    features: ['d'],
    derive: ['d = days("2013-01-01", t)'],
    filter: ['not isna(d)'],
  });
  expect(ok.table.nRows).toBe(5);
  const e = await refusal(() =>
    readCsvTable(csvFile(csv), {
      group: 'g',
      label: 'y',
      features: ['d'],
      derive: ['d = days("2013-01-01", t)'],
    }),
  );
  expect(e.code).toBe('E_NOT_FINITE');
  expect(e.where?.line).toBe(3);
  expect(e.where?.column).toBe('d');
});

test('refuses an unparsable expression, an unknown symbol and an assignment', async () => {
  const file = csvFile(SMALL_CSV);
  const parseError = await refusal(() => readCsvTable(file, { group: 'g', label: 'y', filter: ['age >'] }));
  expect(parseError.code).toBe('E_BAD_EXPRESSION');
  expect(parseError.where?.option).toBe('--filter');
  const unknown = await refusal(() => readCsvTable(file, { group: 'g', label: 'y', filter: ['agee > 3'] }));
  expect(unknown.code).toBe('E_MISSING_COLUMN');
  expect(unknown.where?.column).toBe('agee');
  const assignment = await refusal(() =>
    readCsvTable(file, { group: 'g', label: 'y', derive: ['z = (age = 3)'] }),
  );
  expect(assignment.code).toBe('E_BAD_EXPRESSION');
});

const badInput: [
  string,
  string,
  Partial<TableSpec>,
  string,
  { line?: number; column?: string; option?: string },
][] = [
  ['a missing column', SMALL_CSV, { label: 'income' }, 'E_MISSING_COLUMN', { column: 'income' }],
  [
    'more classes than declared',
    'g,y\na,0\na,1\nb,2\nb,0\na,1\n',
    { labelValues: ['0', '1'] },
    'E_TOO_MANY_CLASSES',
    { line: 4, column: 'y' },
  ],
  [
    'more classes than --classes',
    'g,y\na,0\na,1\nb,2\nb,0\nb,1\na,2\n',
    { nClasses: 2 },
    'E_TOO_MANY_CLASSES',
    { column: 'y' },
  ],
  ['fewer than 2 classes', 'g,y\na,1\nb,1\n', {}, 'E_TOO_FEW_CLASSES', { column: 'y' }],
  [
    'a declared group with no rows',
    'g,y\na,1\na,0\nb,1\nb,0\n',
    { groupValues: ['a', 'b', 'c'] },
    'E_EMPTY_GROUP',
    { column: 'g' },
  ],
  [
    'a (group, label) pair with no rows',
    'g,y\na,1\na,0\nb,1\nb,1\n',
    {},
    'E_EMPTY_GROUP_LABEL',
    { column: 'y' },
  ],
  [
    'text in a numeric bin column',
    'g,y,x\na,1,3\na,0,abc\nb,1,2\nb,0,1\n',
    { bins: { x: 'uniform:2' } },
    'E_NOT_NUMERIC',
    { line: 3, column: 'x' },
  ],
  ['a non-numeric bin edge', SMALL_CSV, { bins: { age: 'edges:10,x' } }, 'E_BAD_BINS', { option: '--bins' }],
  [
    'NaN in a used column',
    'g,y,x\na,1,3\na,0,NaN\nb,1,2\nb,0,1\n',
    {},
    'E_NOT_FINITE',
    { line: 3, column: 'x' },
  ],
  [
    'a missing value in a used column',
    'g,y,x\na,1,3\na,0,\nb,1,2\nb,0,1\n',
    { features: ['x'] },
    'E_MISSING_VALUE',
    { line: 3, column: 'x' },
  ],
  [
    'a negative weight',
    'g,y,w\na,1,1\na,0,2\nb,1,-0.5\nb,0,1\n',
    { weights: 'w', features: [] },
    'E_NEGATIVE_WEIGHT',
    { line: 4, column: 'w' },
  ],
  [
    'a text weight',
    'g,y,w\na,1,1\na,0,heavy\nb,1,1\nb,0,1\n',
    { weights: 'w', features: [] },
    'E_NOT_NUMERIC',
    { line: 3, column: 'w' },
  ],
  [
    'a prediction that is not a class',
    'g,y,p\na,1,1\na,0,1\nb,1,7\nb,0,0\n',
    { predictions: ['p'] },
    'E_BAD_OPTION',
    { line: 4, column: 'p' },
  ],
];

test.each(badInput)('refuses %s with its code and place', async (_what, csv, spec, code, where) => {
  const file = csvFile(csv);
  const e = await refusal(() => readCsvTable(file, { group: 'g', label: 'y', ...spec }));
  expect(e.code).toBe(code);
  if (where.option !== undefined) expect(e.where?.option).toBe(where.option);
  else expect(e.where?.file).toBe(file);
  if (where.line !== undefined) expect(e.where?.line).toBe(where.line);
  if (where.column !== undefined) expect(e.where?.column).toBe(where.column);
});

test('names the group and the label of an empty (group, label) pair', async () => {
  const e = await refusal(() =>
    readCsvTable(csvFile('g,y\na,1\na,0\nb,1\nb,1\n'), { group: 'g', label: 'y' }),
  );
  expect(e.message).toMatch(/group "b" has no rows with label "0"/);
});

test('--drop-missing drops rows with a missing used value and says how many', async () => {
  const r = await readCsvTable(csvFile('g,y,x,unused\na,1,3,\na,0,,1\nb,1,2,\nb,0,1,\na,0,2,\n'), {
    group: 'g',
    label: 'y',
    features: ['x'],
    dropMissing: true,
  });
  expect(r.table.nRows).toBe(4);
  expect(r.summary.nRowsMissing).toBe(1);
});

test('refuses bad bin specs by their text', () => {
  for (const bad of ['edges:3,2', 'quantile:0', 'quantile:x', 'uniform:', 'decile:3'])
    expect(() => parseBinSpec(bad)).toThrowError(expect.objectContaining({ code: 'E_BAD_BINS' }));
  expect(parseBinSpec(' quantile:5 ')).toEqual({ kind: 'quantile', count: 5 });
});

test('row objects, column arrays, an Arrow table and a danfo-shaped frame give the CSV table', async () => {
  const fromCsv = await readCsvTable(csvFile(SMALL_CSV), { group: 'g', label: 'y', weights: 'w' });
  const columns = {
    g: ['a', 'a', 'a', 'b', 'b', 'b'],
    y: [1, 0, 1, 0, 1, 0],
    age: [21, 35, 47, 52, 19, 33],
    color: ['red', 'blue', 'red', 'blue', 'red', 'red'],
    w: Float64Array.from([1, 2, 1, 1, 0.5, 1]),
  };
  const rows = columns.g.map((_, i) => ({
    g: columns.g[i],
    y: columns.y[i],
    age: columns.age[i],
    color: columns.color[i],
    w: columns.w[i],
  }));
  const arrow = tableFromArrays({
    g: columns.g,
    y: Int32Array.from(columns.y),
    age: Float64Array.from(columns.age),
    color: columns.color,
    w: columns.w,
  });
  const danfoLike = {
    columns: Object.keys(rows[0]),
    values: rows.map((r) => Object.values(r)),
    shape: [6, 5],
  };
  const spec = { group: 'g', label: 'y', weights: 'w' };
  for (const input of [rows, columns, arrow, danfoLike])
    expect(plain(tableFromData(input as never, spec).table)).toEqual(plain(fromCsv.table));
});

test('plain CSV options reproduce the COMPAS reference table row for row (docs/design.md, Reference data sets)', async () => {
  // The same options as the README's command (COMPAS_CLI_OPTIONS), through the library API.
  const r = await readCsvTable(sharedDataFile('compas/compas-scores-two-years.csv'), {
    group: 'race',
    groupValues: ['African-American', 'Caucasian'],
    label: 'is_recid',
    filter: COMPAS_CLI_OPTIONS.filter((_, i, a) => a[i - 1] === '--filter'),
    derive: COMPAS_CLI_OPTIONS.filter((_, i, a) => a[i - 1] === '--derive'),
    valueMaps: { c_charge_degree: { F: '1', M: '0' }, sex: { Male: '1', Female: '0' } },
    bins: { age: 'edges:20,25,30,35,40,45,50,55,60,65,70' },
    features: ['age', 'c_charge_degree', 'sex', 'priors_count', 'stay'],
  });
  const reference = loadReferenceDataset('compas');
  expect(r.table.nRows).toBe(5278);
  const a = plain(r.table);
  const b = plain(reference);
  expect(a.features).toEqual(b.features);
  expect(a.group).toEqual(b.group);
  expect(a.label).toEqual(b.label);
  expect(a.groupNames).toEqual(b.groupNames);
  expect(distributionFromTable(r.table).distribution.nCells).toBe(1640);
});
