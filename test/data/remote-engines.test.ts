import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readCsvTable, type TableSpec } from '../../src/data/index.js';
import { aggregateRemote, openRemote, redactUrl } from '../../src/data/remote/index.js';
import { type RemoteEngine } from '../../src/data/remote/remote-client.js';
import { distributionFromCellCounts, distributionFromTable } from '../../src/distribution/index.js';
import { sweepFrontier } from '../../src/limits/index.js';
import {
  type ClickHouseCluster,
  type PostgresServer,
  CH_READER_PASSWORD,
  PG_READER_PASSWORD,
  clickHouseMissing,
  clickHouseRun,
  loadClickHouseSharded,
  loadPostgres,
  postgresMissing,
  startClickHouseCluster,
  startPostgres,
} from '../helpers/db-servers.js';
import { AGE_EDGES, COMPAS_SPEC } from './duckdb-fixtures.js';
import { sharedDataFile } from './csv-fixtures.js';

// Truth: the in-process reader on the same files (a separate code path: csv-parse or the plain reader, mathjs
// expressions, bins in memory). The servers hold the raw files as text columns; ClickHouse holds them split
// across two shards and is read through a Distributed table.

const ADULT_COLUMNS = [
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
const ADULT_SPEC: TableSpec = {
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
/** Data-dependent bins (computed in stages remotely), value maps, group values, weights, dropped missing values. */
const ADULT_STAGED_SPEC: TableSpec = {
  group: ['sex', 'race'],
  label: 'income',
  groupValues: ['Female & White', 'Male & White', 'Female & Black', 'Male & Black'],
  weights: 'capital-loss',
  valueMaps: { workclass: { '?': 'unknown', 'Never-worked': 'Without-pay' } },
  dropMissing: true,
  features: ['age', 'fnlwgt', 'hours-per-week', 'workclass'],
  bins: { age: 'quantile:7', fnlwgt: 'uniform:5', 'hours-per-week': 'quantile:4' },
  filter: ['capital_loss > 0'],
};

const compasFile = sharedDataFile('compas/compas-scores-two-years.csv');
const adultFile = sharedDataFile('adult/adult.data');
const compasRecords = parse(readFileSync(compasFile), { skip_empty_lines: true }) as string[][];
const adultRecords = (
  parse(readFileSync(adultFile), { skip_empty_lines: true, relax_column_count: true }) as string[][]
).filter((r) => r.length === ADULT_COLUMNS.length);

async function inProcess(file: string, spec: TableSpec, csv = {}) {
  return distributionFromTable((await readCsvTable(file, spec, csv)).table).distribution;
}

/** The frontier's points as JSON, without timings. */
async function frontierJson(d: Parameters<typeof sweepFrontier>[0]) {
  const sweep = await sweepFrontier(d, { measure: 'eo', alphas: [0, 0.02, 0.05, 0.1, 1] });
  return JSON.stringify(
    sweep.points.map((p) => ({ ...p, h: Array.from(p.h), solver: { ...p.solver, elapsedMs: undefined } })),
  );
}

function sameDistribution(a: ReturnType<typeof distributionFromCellCounts>, b: typeof a) {
  expect(JSON.stringify({ ...a, mass: Array.from(a.mass), rowsPerCell: Array.from(a.rowsPerCell) })).toBe(
    JSON.stringify({ ...b, mass: Array.from(b.mass), rowsPerCell: Array.from(b.rowsPerCell) }),
  );
}

function engineTests(engine: RemoteEngine, url: () => string) {
  test(`${engine}: raw COMPAS with the paper's preprocessing gives the in-process distribution and frontier, bit for bit`, async () => {
    const remote = await aggregateRemote({ engine, connection: url(), table: 'compas' }, COMPAS_SPEC);
    const local = await inProcess(compasFile, COMPAS_SPEC);
    expect(remote.nRowsKept).toBe(5278);
    const d = distributionFromCellCounts(remote.counts);
    sameDistribution(d, local);
    expect(await frontierJson(d)).toBe(await frontierJson(local));
  });

  test(`${engine}: raw Adult (paper bins) gives the in-process distribution and frontier, bit for bit`, async () => {
    const remote = await aggregateRemote({ engine, connection: url(), table: 'adult' }, ADULT_SPEC);
    const local = await inProcess(adultFile, ADULT_SPEC, { hasHeader: false, columns: ADULT_COLUMNS });
    const d = distributionFromCellCounts(remote.counts);
    expect(d.nCells).toBeGreaterThan(3000);
    sameDistribution(d, local);
    expect(await frontierJson(d)).toBe(await frontierJson(local));
  });

  test(`${engine}: quantile and uniform bins (in stages), maps, weights, intersectional groups, dropped missing values`, async () => {
    const remote = await aggregateRemote({ engine, connection: url(), table: 'adult' }, ADULT_STAGED_SPEC);
    const local = await inProcess(adultFile, ADULT_STAGED_SPEC, { hasHeader: false, columns: ADULT_COLUMNS });
    // Order statistics: quantile:7 reads at most 12 ranks, uniform 2, quantile:4 at most 6; per binned column a
    // check for non-numbers and a count; the column names; the counts. Never a query per row.
    expect(remote.nQueries).toBeLessThanOrEqual(1 + 3 * 2 + 12 + 2 + 6 + 1);
    sameDistribution(distributionFromCellCounts(remote.counts), local);
  });
}

describe.skipIf(postgresMissing)('PostgreSQL 15, one server', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
    await loadPostgres(server.adminUrl, 'compas', compasRecords[0], compasRecords.slice(1));
    await loadPostgres(server.adminUrl, 'adult', ADULT_COLUMNS, adultRecords);
  }, 120_000);
  afterAll(async () => server?.stop());
  engineTests('postgres', () => server.readerUrl);

  test('postgres: a wrong password is E_DB_AUTH, and the password appears nowhere in the message', async () => {
    const url = server.readerUrl.replace(PG_READER_PASSWORD, 'not-the-password');
    const e = await aggregateRemote(
      { engine: 'postgres', connection: url, table: 'compas' },
      COMPAS_SPEC,
    ).catch((x) => x);
    expect(e.code).toBe('E_DB_AUTH');
    expect(e.message).not.toContain('not-the-password');
    expect(e.message).toContain(redactUrl(url));
  });
});

describe.skipIf(clickHouseMissing)('ClickHouse, two shards and a Distributed table', () => {
  let cluster: ClickHouseCluster;
  beforeAll(async () => {
    cluster = await startClickHouseCluster();
    await loadClickHouseSharded(cluster, 'compas', compasRecords[0], compasRecords.slice(1));
    await loadClickHouseSharded(cluster, 'adult', ADULT_COLUMNS, adultRecords);
  }, 120_000);
  afterAll(async () => cluster?.stop());
  engineTests('clickhouse', () => cluster.readerUrl);

  test('clickhouse: both shards hold part of the rows', async () => {
    const counts = await Promise.all(
      [0, 1].map(async (i) =>
        Number(await clickHouseRun(cluster.adminUrl(i), 'SELECT count() FROM compas_local')),
      ),
    );
    expect(counts[0]).toBeGreaterThan(3000);
    expect(counts[0] + counts[1]).toBe(compasRecords.length - 1);
  });

  test('clickhouse: a wrong password is E_DB_AUTH, and the password appears nowhere in the message', async () => {
    const url = cluster.readerUrl.replace(CH_READER_PASSWORD, 'not-the-password');
    const e = await aggregateRemote(
      { engine: 'clickhouse', connection: url, table: 'compas' },
      COMPAS_SPEC,
    ).catch((x) => x);
    expect(e.code).toBe('E_DB_AUTH');
    expect(e.message).not.toContain('not-the-password');
    void openRemote;
  });
});

void path;
