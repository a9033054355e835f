import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { writeCsv } from '../helpers/csv-file.js';
import { encodeCompas, loadCompasRaw, readCsvTable, type TableSpec } from '../../src/data/index.js';
import { aggregateWithDuckDb } from '../../src/data/duckdb/index.js';
import {
  type Distribution,
  distributionFromCellCounts,
  distributionFromTable,
} from '../../src/distribution/index.js';
import { InputError } from '../../src/errors.js';
import { createRng } from '../../src/rng.js';
import { AGE_EDGES, COMPAS_SPEC } from './duckdb-fixtures.js';

const dataDir = process.env.FAIRLIMIT_DATA ?? path.resolve(import.meta.dirname, '../../../shared/data');
const tmp = mkdtempSync(path.join(tmpdir(), 'fairlimit-duckdb-'));

/** Every field of two distributions equal (masses bit for bit). */
function expectSameDistribution(a: Distribution, b: Distribution) {
  expect(a.cellKeys).toEqual(b.cellKeys);
  expect(a.groupNames).toEqual(b.groupNames);
  expect(a.classNames).toEqual(b.classNames);
  expect(a.nRows).toBe(b.nRows);
  expect(a.totalWeight).toBe(b.totalWeight);
  expect(Array.from(a.rowsPerCell)).toEqual(Array.from(b.rowsPerCell));
  expect(Array.from(a.mass)).toEqual(Array.from(b.mass));
}

async function bothEngines(file: string, spec: TableSpec, csv: Parameters<typeof readCsvTable>[2] = {}) {
  const rows = distributionFromTable((await readCsvTable(file, spec, csv)).table).distribution;
  const duck = distributionFromCellCounts((await aggregateWithDuckDb(file, spec, csv)).counts);
  return { rows, duck };
}

test('DuckDB on the raw COMPAS file reproduces the reference distribution (1640 cells, N = 5278) exactly', async () => {
  const file = path.join(dataDir, 'compas/compas-scores-two-years.csv');
  const { counts, nRowsKept } = await aggregateWithDuckDb(file, COMPAS_SPEC);
  const reference = distributionFromTable(encodeCompas(loadCompasRaw({ dataDir }))).distribution;
  expect(nRowsKept).toBe(5278);
  expectSameDistribution(distributionFromCellCounts(counts), { ...reference, classNames: ['0', '1'] });
});

test('DuckDB and the in-process engine give the same Adult distribution (adult.data, paper bins)', async () => {
  const columns = [
    'age',
    'workclass',
    'fnlwgt',
    'education',
    'education-num',
    'marital-status',
    'occupation',
    'relationship',
    'race',
    'sex',
    'capital-gain',
    'capital-loss',
    'hours-per-week',
    'native-country',
    'income',
  ];
  const spec: TableSpec = {
    group: 'sex',
    label: 'income',
    filter: ['race == "White" or race == "Black"'],
    derive: [
      'age_bucket = age',
      'hours_bucket = hours_per_week',
      'married_civ_spouse = marital_status == "Married-civ-spouse"',
      'husband = relationship == "Husband"',
      'wife = relationship == "Wife"',
    ],
    features: ['age_bucket', 'education-num', 'hours_bucket', 'married_civ_spouse', 'husband', 'wife'],
    bins: { age_bucket: AGE_EDGES, hours_bucket: 'edges:10,15,20,25,30,35,40,45,50,55,60,65,70' },
  };
  const { rows, duck } = await bothEngines(path.join(dataDir, 'adult/adult.data'), spec, {
    hasHeader: false,
    columns,
  });
  expect(duck.nCells).toBeGreaterThan(3000);
  expect(duck.groupNames).toEqual(['Female', 'Male']);
  expectSameDistribution(duck, rows);
});

/** A CSV with ties, texts, missing values, an intersectional group and integer weights. */
function syntheticCsv(name: string, nRows: number, seed: number): string {
  const rng = createRng(seed);
  const lines = ['score,income,color,region,sex,weight,outcome,note'];
  for (let i = 0; i < nRows; i++) {
    const score = Math.round(rng.next() * 40) / 4; // many ties
    const income = (rng.next() * 1e5).toFixed(2);
    const color = ['red', 'green', '10', '2'][Math.floor(rng.next() * 4)];
    const region = ['north', 'south'][Math.floor(rng.next() * 2)];
    const sex = rng.next() < 0.5 ? 'F' : 'M';
    const weight = 1 + Math.floor(rng.next() * 3);
    const outcome = rng.next() < 0.3 + score / 40 ? 'yes' : 'no';
    const note = rng.next() < 0.1 ? 'NA' : 'ok';
    lines.push(`${score},${income},${color}, ${region} ,${sex},${weight},${outcome},${note}`);
  }
  return writeCsv(tmp, name, lines);
}

test('quantile and uniform bins, text levels, intersectional groups, weights and value maps agree with the in-process engine', async () => {
  const file = syntheticCsv('mixed.csv', 3000, 7);
  const spec: TableSpec = {
    group: ['region', 'sex'],
    label: 'outcome',
    weights: 'weight',
    features: ['score', 'income', 'color', 'twice'],
    derive: ['twice = 2 * score + (color == "red")'],
    bins: { score: 'quantile:7', income: 'uniform:5', twice: 'quantile:4' },
    valueMaps: { color: { green: 'red' } },
    filter: ['income > 1000'],
  };
  const { rows, duck } = await bothEngines(file, spec);
  expect(duck.groupNames).toEqual(['north & F', 'north & M', 'south & F', 'south & M']);
  expectSameDistribution(duck, rows);
});

test('group selection and --drop-missing agree with the in-process engine', async () => {
  const file = syntheticCsv('missing.csv', 2000, 11);
  const spec: TableSpec = {
    group: 'sex',
    label: 'outcome',
    features: ['score', 'note', 'region'],
    bins: { score: 'quantile:3' },
    groupValues: ['M', 'F'],
    dropMissing: true,
  };
  const { rows, duck } = await bothEngines(file, spec);
  expect(duck.groupNames).toEqual(['M', 'F']);
  expect(duck.nRows).toBeLessThan(2000);
  expectSameDistribution(duck, rows);
});

test('DuckDB refuses a text in a column with numeric bins, naming the column and the row', async () => {
  const file = path.join(tmp, 'text-in-bins.csv');
  writeFileSync(file, 'x,g,y\n1,a,0\n2,b,1\nseven,a,1\n3,b,0\n');
  const error = await aggregateWithDuckDb(file, { group: 'g', label: 'y', bins: { x: 'edges:2' } }).catch(
    (e) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  expect(error.code).toBe('E_NOT_NUMERIC');
  expect(error.where).toMatchObject({ column: 'x', line: 4 });
  expect(error.message).toContain('"seven"');
});

test('DuckDB refuses a missing value and a missing column', async () => {
  const file = path.join(tmp, 'missing-value.csv');
  writeFileSync(file, 'x,g,y\n1,a,0\n,b,1\n3,a,1\n3,b,0\n');
  const missing = await aggregateWithDuckDb(file, { group: 'g', label: 'y' }).catch((e) => e);
  expect(missing.code).toBe('E_MISSING_VALUE');
  expect(missing.where).toMatchObject({ column: 'x', line: 3 });
  const noColumn = await aggregateWithDuckDb(file, { group: 'race', label: 'y' }).catch((e) => e);
  expect(noColumn.code).toBe('E_MISSING_COLUMN');
  expect(noColumn.where).toMatchObject({ column: 'race', option: '--group' });
});

test('DuckDB refuses a negative weight with its row', async () => {
  const file = path.join(tmp, 'negative-weight.csv');
  writeFileSync(file, 'x,g,y,w\n1,a,0,1\n2,b,1,2\n3,a,1,-1\n3,b,0,1\n');
  const error = await aggregateWithDuckDb(file, { group: 'g', label: 'y', weights: 'w' }).catch((e) => e);
  expect(error.code).toBe('E_NEGATIVE_WEIGHT');
  expect(error.where).toMatchObject({ column: 'w', line: 4 });
});
