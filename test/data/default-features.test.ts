import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { defaultFeatures } from '../../src/data/default-features.js';
import { readCsvTable } from '../../src/data/index.js';
import { FairlimitError } from '../../src/errors.js';
import { runCli } from '../cli/run-cli.js';
import { csvFile, sharedDataFile } from './csv-fixtures.js';

const ADULT_COLUMNS =
  'age,workclass,fnlwgt,education,education-num,marital-status,occupation,relationship,race,sex,capital-gain,capital-loss,hours-per-week,native-country,income'.split(
    ',',
  );

async function refusal(run: () => Promise<unknown>): Promise<FairlimitError> {
  try {
    await run();
  } catch (e) {
    if (e instanceof FairlimitError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** A seeded table of 200 rows with one column of each kind the default leaves out, and three it keeps. */
function mixedTable(): string {
  let state = 7;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ['uid,rownum,g,y,when,note,flag,score,count,color,sparse,unused'];
  for (let i = 0; i < 200; i++) {
    const uid = `u${(i * 7919) % 1000}x`; // distinct texts, not in order
    const day = `2020-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const note = `note number ${i} about this row`;
    const score = next().toFixed(6); // continuous: distinct in (almost) every row, but a measurement
    const count = Math.floor(next() * 5);
    const color = ['red', 'green', 'blue'][i % 3];
    const sparse = i % 10 === 0 ? '' : String(i % 4);
    lines.push(
      `${uid},${i + 1},${i % 2 ? 'a' : 'b'},${next() < 0.5 ? 1 : 0},${day},${note},same,${score},${count},${color},${sparse},${i % 7 === 0 ? '' : i % 3 ? 'x' : 'y'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

test('leaves out ids, row numbers, dates, free text, constants and columns with missing values, and keeps measurements', async () => {
  const r = await readCsvTable(csvFile(mixedTable()), { group: 'g', label: 'y' });
  expect(r.table.featureNames).toEqual(['score', 'count', 'color']);
  const reasons = Object.fromEntries((r.summary.leftOut ?? []).map((l) => [l.column, l.reason]));
  expect(reasons).toEqual({
    uid: 'identifier',
    rownum: 'identifier',
    when: 'date',
    note: 'identifier',
    flag: 'constant',
    sparse: 'missing',
    unused: 'missing',
  });
  // A missing value in a column that is not used never removes a row.
  expect(r.table.nRows).toBe(200);
  expect(r.summary.nRowsMissing).toBe(0);
  // Counted by hand from the generator: sparse is empty when i % 10 === 0 (20 rows), unused when i % 7 === 0 (29).
  expect(r.summary.leftOut?.find((l) => l.column === 'sparse')?.detail).toBe('missing in 20 rows');
  expect(r.summary.leftOut?.find((l) => l.column === 'unused')?.detail).toBe('missing in 29 rows');
});

test('named features are used as given: nothing is left out and a left-out column can be put back', async () => {
  const r = await readCsvTable(csvFile(mixedTable()), {
    group: 'g',
    label: 'y',
    features: ['rownum', 'color'],
  });
  expect(r.table.featureNames).toEqual(['rownum', 'color']);
  expect(r.summary.leftOut).toBeUndefined();
  expect(Array.from(r.table.features[0]).slice(0, 3)).toEqual([1, 2, 3]);
});

test('small tables keep their columns: distinct shares decide nothing below 50 rows, but a column named id does', () => {
  const small = defaultFeatures([
    { name: 'x', values: [1, 2, 3, 4, 5, 6] },
    { name: 'color', values: ['r', 'g', 'b', 'k', 'w', 'y'] },
    { name: 'customer_id', values: [11, 42, 7, 9, 13, 8] },
    { name: 'empty', values: [null, null, null, null, null, null] },
  ]);
  expect(small.features).toEqual(['x', 'color']);
  expect(small.leftOut.map((l) => [l.column, l.reason])).toEqual([
    ['customer_id', 'identifier'],
    ['empty', 'constant'],
  ]);
});

test('names that say id: id, user_id, customerId, row-key, ID; not paid, valid, grid or width', () => {
  const distinct = [3, 1, 4, 15, 9, 2];
  const names = ['id', 'user_id', 'customerId', 'row-key', 'ID', 'paid', 'valid', 'grid', 'width'];
  const r = defaultFeatures(names.map((name) => ({ name, values: distinct })));
  expect(r.leftOut.map((l) => l.column)).toEqual(['id', 'user_id', 'customerId', 'row-key', 'ID']);
  expect(r.features).toEqual(['paid', 'valid', 'grid', 'width']);
});

test('a text category with more than 100 levels is free text; a numeric column with 150 distinct integers out of order is a feature', () => {
  const n = 1000;
  const r = defaultFeatures([
    { name: 'city', values: Array.from({ length: n }, (_, i) => `c${i % 150}`) },
    { name: 'income', values: Array.from({ length: n }, (_, i) => ((i * 37) % 150) * 1000) },
    { name: 'zone', values: Array.from({ length: n }, (_, i) => `z${i % 100}`) },
  ]);
  expect(r.features).toEqual(['income', 'zone']);
  expect(r.leftOut).toEqual([{ column: 'city', reason: 'text', detail: '150 distinct texts in 1000 rows' }]);
});

test('raw COMPAS: ids, names, birth dates and the other dates are not picked; no row is removed', async () => {
  const file = sharedDataFile('compas/compas-scores-two-years.csv');
  const r = await readCsvTable(file, { group: 'race', label: 'two_year_recid' });
  const leftOut = new Map((r.summary.leftOut ?? []).map((l) => [l.column, l.reason]));
  for (const c of ['id', 'name', 'c_case_number', 'r_case_number', 'vr_case_number'])
    expect(leftOut.get(c)).toBe('identifier');
  for (const c of ['dob', 'compas_screening_date', 'screening_date', 'c_jail_in', 'c_jail_out', 'in_custody'])
    expect(leftOut.get(c)).toBe('date');
  for (const c of ['type_of_assessment', 'v_type_of_assessment', 'violent_recid'])
    expect(leftOut.get(c)).toBe('constant');
  expect(leftOut.get('first')).toBe('text');
  expect(leftOut.get('days_b_screening_arrest')).toBe('missing');
  for (const c of ['sex', 'age', 'age_cat', 'priors_count', 'juv_fel_count', 'c_charge_degree'])
    expect(r.table.featureNames).toContain(c);
  // Independent count: the file has 7214 data lines, and days_b_screening_arrest is empty in 307 of them
  // (counted on the raw text: the 16th field).
  const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  expect(r.table.nRows).toBe(lines.length);
  const emptyDays = lines.filter((l) => l.split(',')[15] === '').length;
  expect(r.summary.leftOut?.find((l) => l.column === 'days_b_screening_arrest')?.detail).toBe(
    `missing in ${emptyDays} rows`,
  );
});

test('raw Adult with a header given: "?" columns are left out with their counts, every row is kept', async () => {
  const file = sharedDataFile('adult/adult.data');
  const r = await readCsvTable(
    file,
    { group: 'sex', label: 'income' },
    { hasHeader: false, columns: ADULT_COLUMNS, naValues: ['?'] },
  );
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  expect(r.table.nRows).toBe(lines.length);
  const questionMarks = (j: number) => lines.filter((l) => l.split(', ')[j] === '?').length;
  expect(r.summary.leftOut).toEqual(
    ['workclass', 'occupation', 'native-country'].map((column) => ({
      column,
      reason: 'missing',
      detail: `missing in ${questionMarks(ADULT_COLUMNS.indexOf(column))} rows`,
    })),
  );
  expect(r.table.featureNames).toEqual(
    ADULT_COLUMNS.filter((c) => !['workclass', 'occupation', 'native-country', 'sex', 'income'].includes(c)),
  );
});

test('--drop-missing says how many rows it removed and which columns caused it', async () => {
  const file = csvFile(
    'g,y,x,z\na,1,3,1\na,0,,1\nb,1,2,\nb,0,1,2\na,0,,\nb,1,5,3\na,1,4,4\na,0,6,5\nb,0,7,6\n',
  );
  const r = await readCsvTable(file, { group: 'g', label: 'y', features: ['x', 'z'], dropMissing: true });
  expect(r.table.nRows).toBe(6);
  expect(r.summary.missingByColumn).toEqual([
    { column: 'x', rows: 2 },
    { column: 'z', rows: 2 },
  ]);
  expect(r.summary.warnings).toContain(
    '3 of 9 rows dropped for a missing value in a used column ("x" 2, "z" 2)',
  );
  const refused = await refusal(() => readCsvTable(file, { group: 'g', label: 'y', features: ['x', 'z'] }));
  expect(refused.code).toBe('E_MISSING_VALUE');
  expect(refused.message).toContain('3 of 9 rows have a missing value in a used column ("x" 2, "z" 2)');
  expect(refused.where).toMatchObject({ line: 3, column: 'x' });
});

test('--drop-missing refuses to remove every row, with the numbers', async () => {
  const file = csvFile('g,y,x,z\na,1,3,\na,0,,1\nb,1,,\nb,0,1,\n');
  const e = await refusal(() =>
    readCsvTable(file, { group: 'g', label: 'y', features: ['x', 'z'], dropMissing: true }),
  );
  expect(e.code).toBe('E_MISSING_VALUE');
  expect(e.message).toContain('would remove all 4 rows');
  expect(e.message).toContain('"x" 2, "z" 3');
  expect(e.where?.option).toBe('--drop-missing');
});

test('the frontier command says what it left out and why, in the text and the JSON report', async () => {
  const file = csvFile(mixedTable());
  const text = await runCli(['frontier', file, '--group', 'g', '--label', 'y', '--eo', '0', '--quiet']);
  expect(text.code).toBe(0);
  expect(text.stdout).toContain(
    'left out of the default features: identify rows: uid, rownum, note; dates: when; constant: flag; missing values: sparse (20 rows), unused (29 rows) (to use one, name the features: --features)',
  );
  const json = await runCli(['frontier', file, '--group', 'g', '--label', 'y', '--eo', '0', '--json']);
  const report = JSON.parse(json.stdout) as {
    data: { leftOut: { column: string; reason: string }[]; features: { name: string }[] };
  };
  expect(report.data.features.map((f) => f.name)).toEqual(['score', 'count', 'color']);
  const { htmlReport } = await import('../../src/plot/index.js');
  expect(await htmlReport(report as never)).toContain(
    '<p class="left-out">Left out of the default features: identify rows: uid, rownum, note;',
  );
  expect(report.data.leftOut.map((l) => l.column)).toEqual([
    'uid',
    'rownum',
    'when',
    'note',
    'flag',
    'sparse',
    'unused',
  ]);
});

test('the DuckDB engine, which does not screen columns, says so and how to name the features', async () => {
  const rows = Array.from({ length: 12 }, (_, i) => `${i % 2 ? 'a' : 'b'},${(i >> 1) % 2},${i + 1},${i % 3}`);
  const file = csvFile(`g,y,id,x\n${rows.join('\n')}\n`);
  const args = ['frontier', file, '--group', 'g', '--label', 'y', '--eo', '0', '--engine', 'duckdb'];
  const run = await runCli(args);
  expect(run.code).toBe(0);
  expect(run.stderr).toContain('the DuckDB engine uses every other column as a feature');
  const named = await runCli([...args, '--features', 'x']);
  expect(named.code).toBe(0);
  expect(named.stderr).not.toContain('every other column');
});
