import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { encodeCompas, loadCompasRaw } from '../../src/data/index.js';
import { readCountsTable } from '../../src/data/counts/index.js';
import { withDuckDb, sqlString } from '../../src/data/duckdb/connection.js';
import { duckDbSource } from '../../src/data/duckdb/index.js';
import { aggregationQuery } from '../../src/data/sql/index.js';
import { distributionFromCellCounts, distributionFromTable } from '../../src/distribution/index.js';
import { InputError } from '../../src/errors.js';
import { sweepFrontier } from '../../src/limits/index.js';
import { COMPAS_SPEC } from './duckdb-fixtures.js';

const dataDir = process.env.FAIRLIMIT_DATA ?? path.resolve(import.meta.dirname, '../../../shared/data');
const tmp = mkdtempSync(path.join(tmpdir(), 'fairlimit-counts-'));
const compasFile = path.join(dataDir, 'compas/compas-scores-two-years.csv');

/** Runs the emitted DuckDB query on the raw COMPAS file and saves its result as a counts table (`COPY`). */
async function compasCounts(format: 'csv' | 'parquet'): Promise<string> {
  const out = path.join(tmp, `compas-counts.${format}`);
  await withDuckDb(async (c) => {
    const from = duckDbSource(compasFile);
    const columnNames = (await c.runAndReadAll(`SELECT * FROM ${from} LIMIT 0`)).columnNames();
    const { sql } = aggregationQuery(COMPAS_SPEC, { dialect: 'duckdb', from, columnNames });
    await c.run(`COPY (${sql}) TO ${sqlString(out)} (FORMAT ${format})`);
  });
  return out;
}

test('the emitted DuckDB query, saved as a CSV counts table, gives the COMPAS distribution and frontier of the rows', async () => {
  const file = await compasCounts('csv');
  expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(
    'age_bucket,c_charge_degree_felony,sex_male,priors_count,stay_months,race,is_recid,weight,n_rows',
  );
  const fromCounts = distributionFromCellCounts(
    await readCountsTable(file, { group: 'race', label: 'is_recid' }),
  );
  const fromRows = distributionFromTable(encodeCompas(loadCompasRaw({ dataDir }))).distribution;
  expect(fromCounts.cellKeys).toEqual(fromRows.cellKeys);
  expect(Array.from(fromCounts.mass)).toEqual(Array.from(fromRows.mass));
  expect(Array.from(fromCounts.rowsPerCell)).toEqual(Array.from(fromRows.rowsPerCell));
  const alphas = [0, 0.02, 0.05];
  const a = await sweepFrontier(fromCounts, { measure: 'eo', alphas });
  const b = await sweepFrontier(fromRows, { measure: 'eo', alphas });
  for (let i = 0; i < alphas.length; i++)
    expect(Math.abs(a.points[i].accuracy - b.points[i].accuracy)).toBeLessThanOrEqual(1e-12);
});

test('a Parquet counts table (read through DuckDB) gives the same distribution as the CSV one', async () => {
  const csv = distributionFromCellCounts(
    await readCountsTable(await compasCounts('csv'), { group: 'race', label: 'is_recid' }),
  );
  const parquet = distributionFromCellCounts(
    await readCountsTable(await compasCounts('parquet'), { group: 'race', label: 'is_recid' }),
  );
  expect(parquet.cellKeys).toEqual(csv.cellKeys);
  expect(Array.from(parquet.mass)).toEqual(Array.from(csv.mass));
  expect(parquet.nRows).toBe(5278);
});

test('repeated keys add up, text cell values become codes in sorted order, and the group joins the key', async () => {
  const file = path.join(tmp, 'small.csv');
  writeFileSync(file, 'color,g,y,count\nred,a,0,2\nblue,a,1,1\nred,a,0,3\nblue,b,0,4\nred,b,1,2\n');
  const c = await readCountsTable(file, { group: 'g', label: 'y' });
  expect(c.cellKeys).toEqual(['color=0|group=0', 'color=0|group=1', 'color=1|group=0', 'color=1|group=1']);
  expect(c.features).toEqual([{ name: 'color', encoding: 'categorical', levels: ['blue', 'red'] }]);
  // (cell, group, label) weights: blue/a: y1 = 1; blue/b: y0 = 4; red/a: y0 = 2 + 3; red/b: y1 = 2.
  expect(Array.from(c.weights).filter((w) => w > 0)).toEqual([1, 4, 5, 2]);
  expect(c.nRows).toBe(12);
  const blind = await readCountsTable(file, { group: 'g', label: 'y', isGroupAware: false });
  expect(blind.cellKeys).toEqual(['color=0', 'color=1']);
});

async function refusal(text: string, spec = { group: 'g', label: 'y' }) {
  const file = path.join(tmp, `bad-${Math.abs(hash(text))}.csv`);
  writeFileSync(file, text);
  const e = await readCountsTable(file, spec).catch((error) => error);
  expect(e).toBeInstanceOf(InputError);
  return e as InputError;
}
const hash = (s: string) => [...s].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, 7);

test('a negative count is refused with its line', async () => {
  const e = await refusal('x,g,y,count\n1,a,0,3\n1,b,1,-2\n');
  expect(e.code).toBe('E_NEGATIVE_WEIGHT');
  expect(e.where).toMatchObject({ line: 3, column: 'count' });
});

test('a non-numeric count is refused with its line', async () => {
  const e = await refusal('x,g,y,weight\n1,a,0,3\n1,b,1,2\n2,a,1,many\n');
  expect(e.code).toBe('E_NOT_NUMERIC');
  expect(e.where).toMatchObject({ line: 4, column: 'weight' });
  expect(e.message).toContain('"many"');
});

test('a missing role column or count column is refused by name', async () => {
  const noGroup = await refusal('x,grp,y,count\n1,a,0,3\n', { group: 'g', label: 'y' });
  expect(noGroup.code).toBe('E_MISSING_COLUMN');
  expect(noGroup.where).toMatchObject({ column: 'g', option: '--group' });
  const noCount = await refusal('x,g,y,total\n1,a,0,3\n');
  expect(noCount.code).toBe('E_MISSING_COLUMN');
  expect(noCount.where).toMatchObject({ option: 'count' }); // CountsSpec.count (the CLI has no such flag)
});

test('a missing cell value and a ragged line are refused with their lines', async () => {
  const missing = await refusal('x,g,y,count\n1,a,0,3\n,b,1,2\n');
  expect(missing.code).toBe('E_MISSING_VALUE');
  expect(missing.where).toMatchObject({ line: 3, column: 'x' });
  const ragged = await refusal('x,g,y,count\n1,a,0,3\n1,b,1\n');
  expect(ragged.code).toBe('E_RAGGED_LINE');
  expect(ragged.where).toMatchObject({ line: 3 });
});

test('counts with a single group are refused with the group column named, as rows are', async () => {
  const file = path.join(tmp, 'one-group.csv');
  writeFileSync(file, 'x,g,y,count\n1,a,0,3\n2,a,1,2\n');
  const error = await readCountsTable(file, { group: 'g', label: 'y' }).catch((e) => e);
  expect(error).toMatchObject({ code: 'E_TOO_FEW_GROUPS', where: { file, column: 'g' } });
  expect(error.message).toMatch(/at least 2 groups/);
});

test('two counts files with the same key columns in another order are summed by key, as one file', async () => {
  const a = path.join(tmp, 'order-a.csv');
  const b = path.join(tmp, 'order-b.csv');
  const both = path.join(tmp, 'order-both.csv');
  writeFileSync(a, 'color,size,g,y,count\nred,1,a,0,2\nblue,2,b,1,1\n');
  // The same keys with color and size swapped, and the group before the label columns moved.
  writeFileSync(b, 'size,y,color,g,count\n1,0,red,a,3\n2,1,blue,a,4\n1,0,red,b,5\n');
  writeFileSync(
    both,
    'color,size,g,y,count\nred,1,a,0,2\nblue,2,b,1,1\nred,1,a,0,3\nblue,2,a,1,4\nred,1,b,0,5\n',
  );
  const spec = { group: 'g', label: 'y' };
  const summed = await readCountsTable([a, b], spec);
  const one = await readCountsTable(both, spec);
  expect(summed.cellKeys).toEqual(one.cellKeys);
  expect(Array.from(summed.weights)).toEqual(Array.from(one.weights));
});
