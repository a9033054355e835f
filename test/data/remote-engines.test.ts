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
import { COMPAS_CLI_OPTIONS, sharedDataFile } from './csv-fixtures.js';
import { runCli } from '../cli/run-cli.js';
import { CASES, SPEC as CASE_SPEC } from './malformed-fixtures.js';
import { readCsvFrameCarefully } from '../../src/data/csv/read-csv.js';
import { freePort } from '../helpers/db-servers.js';

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

/** The JSON report of `frontier` without its source block (a file's name and hash, or the engine and table). */
async function cliReport(args: readonly string[]) {
  const r = await runCli(['frontier', ...args, '--eo', '0,0.05,1', '--json']);
  expect(r.stderr).not.toMatch(/Secret/);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).not.toMatch(/Secret/);
  const report = JSON.parse(r.stdout) as { data: { source: unknown } };
  return { source: report.data.source, rest: r.stdout };
}

async function cliError(args: readonly string[]) {
  const r = await runCli(['frontier', ...args, '--eo', '0,0.05']);
  expect(r.code).not.toBe(0);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/Secret/);
  return r.stderr;
}

function failureTests(engine: RemoteEngine, url: () => string) {
  const remote = (table: string, ...rest: string[]) => [
    '--engine',
    engine,
    '--connection',
    url(),
    '--table',
    table,
    ...rest,
  ];
  test(`${engine}: the CLI report through the database equals the in-process report of the CSV file, and names no credentials`, async () => {
    const local = await cliReport([compasFile, '--engine', 'in-process', ...COMPAS_CLI_OPTIONS]);
    const viaDb = await cliReport(remote('compas', ...COMPAS_CLI_OPTIONS));
    // Everything but the source and the row bookkeeping (rows read and filtered: a database returns counts only).
    const { data: _a, ...a } = JSON.parse(viaDb.rest) as Record<string, unknown>;
    const { data: _b, ...b } = JSON.parse(local.rest) as Record<string, unknown>;
    expect(Object.keys(a).length).toBeGreaterThan(3);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(viaDb.source).toEqual({ kind: 'database', name: `${engine} table compas` });
  });

  test(`${engine}: a missing table, a missing column, a text in numeric bins, a NULL: coded errors naming the place`, async () => {
    expect(await cliError(remote('no_such_table', '--group', 'race', '--label', 'is_recid'))).toMatch(
      /^fairlimit: E_MISSING_TABLE: .*no_such_table/,
    );
    expect(await cliError(remote('compas', '--group', 'race', '--label', 'no_such_label'))).toMatch(
      /^fairlimit: E_MISSING_COLUMN: .*no_such_label/,
    );
    expect(
      await cliError(
        remote(
          'compas',
          '--group',
          'race',
          '--label',
          'is_recid',
          '--features',
          'sex',
          '--bins',
          'sex=quantile:3',
        ),
      ),
    ).toMatch(/^fairlimit: E_NOT_NUMERIC: value "(Male|Female)" .*column "sex"/);
    expect(
      await cliError(
        remote('compas_null', '--group', 'race', '--label', 'is_recid', '--features', 'priors_count'),
      ),
    ).toMatch(/^fairlimit: E_MISSING_VALUE: .*column "priors_count".*table compas_null/);
    // The same options on the same rows in a CSV file give the same codes in process.
    expect(await cliError([compasFile, '--group', 'race', '--label', 'no_such_label'])).toMatch(
      /^fairlimit: E_MISSING_COLUMN/,
    );
    expect(
      await cliError([
        compasFile,
        '--group',
        'race',
        '--label',
        'is_recid',
        '--features',
        'sex',
        '--bins',
        'sex=quantile:3',
      ]),
    ).toMatch(/^fairlimit: E_NOT_NUMERIC/);
  });

  test(`${engine}: an unreachable server is E_DB_UNREACHABLE, with the password redacted`, async () => {
    const port = await freePort();
    const dead =
      engine === 'postgres'
        ? `postgres://someone:Secret-unreachable@127.0.0.1:${port}/db`
        : `http://someone:Secret-unreachable@127.0.0.1:${port}/default`;
    const stderr = await cliError([
      '--engine',
      engine,
      '--connection',
      dead,
      '--table',
      't',
      '--group',
      'g',
      '--label',
      'y',
    ]);
    expect(stderr).toMatch(/^fairlimit: E_DB_UNREACHABLE: /);
    expect(stderr).toContain('someone:***@127.0.0.1');
  });

  test(`${engine}: fairlimit's session is read-only, even with a user that may write`, async () => {
    const admin = engine === 'postgres' ? pgServer.adminUrl : `${chCluster.adminUrl(0)}/default`;
    const client = await openRemote(engine, admin);
    try {
      const e = await client
        .query(
          engine === 'postgres'
            ? 'CREATE TABLE fairlimit_wrote (a TEXT)'
            : 'CREATE TABLE fairlimit_wrote (a String) ENGINE = Memory',
        )
        .catch((x) => x);
      expect(e).toMatchObject({ code: 'E_DB_FAILED' });
      expect(e.message).toMatch(/read-only|readonly/i);
    } finally {
      await client.close();
    }
  });
}

/**
 * The malformed fixtures of the file engines that a table can hold (a table has no ragged lines, no empty file
 * and no repeated column names): their fields, as csv-parse reads them, loaded as text columns.
 */
async function tableCases() {
  const out: { name: string; table: string; names: string[]; rows: string[][]; c: (typeof CASES)[number] }[] =
    [];
  for (const [i, c] of CASES.entries()) {
    const f = c.file();
    const frame = await readCsvFrameCarefully(f, c.options ?? {}, new Set()).catch(() => undefined);
    if (!frame || new Set(frame.columnNames).size !== frame.columnNames.length) continue;
    const rows = Array.from({ length: frame.nRows }, (_, r) =>
      frame.columns.map((col) => String(col[r] ?? '')),
    );
    out.push({ name: c.name, table: `case_${i}`, names: [...frame.columnNames], rows, c });
  }
  return out;
}

function malformedTests(
  engine: RemoteEngine,
  url: () => string,
  load: (t: string, n: string[], r: string[][]) => Promise<void>,
) {
  test(`${engine}: the file engines' malformed fixtures that fit in a table give the same codes and columns`, async () => {
    const cases = await tableCases();
    expect(cases.length).toBeGreaterThanOrEqual(12);
    for (const { name, table, names, rows, c } of cases) {
      await load(table, names, rows);
      const e = await aggregateRemote({ engine, connection: url(), table }, c.spec ?? CASE_SPEC).catch(
        (x) => x,
      );
      expect({ name, code: e?.code, column: e?.where?.column }).toEqual({
        name,
        code: c.expected.code,
        column: c.expected.column,
      });
    }
  });
}

let pgServer: PostgresServer;
let chCluster: ClickHouseCluster;

describe.skipIf(postgresMissing)('PostgreSQL 15, one server', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = pgServer = await startPostgres();
    await loadPostgres(server.adminUrl, 'compas', compasRecords[0], compasRecords.slice(1));
    await loadPostgres(server.adminUrl, 'adult', ADULT_COLUMNS, adultRecords);
    const withNull = compasRecords
      .slice(1)
      .map((r, i) => r.map((v, j) => (i === 77 && compasRecords[0][j] === 'priors_count' ? null : v)));
    await loadPostgres(server.adminUrl, 'compas_null', compasRecords[0], withNull);
  }, 120_000);
  afterAll(async () => server?.stop());
  engineTests('postgres', () => server.readerUrl);
  failureTests('postgres', () => server.readerUrl);
  malformedTests(
    'postgres',
    () => server.readerUrl,
    (t, n, r) => loadPostgres(server.adminUrl, t, n, r),
  );

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

  test('postgres: the golden query of `fairlimit sql --dialect postgres` (window-function quantiles) runs and counts every kept row', async () => {
    const names = [
      'age',
      'priors_count',
      'charge',
      'c_jail_in',
      'c_jail_out',
      'score',
      'race',
      'sex',
      'is_recid',
      'w',
    ];
    const rows = Array.from({ length: 40 }, (_, i) => [
      String(18 + i),
      String(i % 5),
      i % 3 ? 'F' : 'M',
      '2013-01-01 10:00:00',
      `2013-0${1 + (i % 3)}-15 10:00:00`,
      String((i * 7) % 11),
      i % 2 ? 'African-American' : 'Caucasian',
      i % 2 ? 'Male' : 'Female',
      String(i % 2),
      '1',
    ]);
    await loadPostgres(server.adminUrl, 'events', names, rows);
    const sql = readFileSync(path.join(import.meta.dirname, 'sql/__golden__/postgres.sql'), 'utf8');
    const client = await openRemote('postgres', server.readerUrl);
    try {
      const r = await client.query(sql);
      const nRows = r.rows.reduce((sum, row) => sum + Number(row[r.names.indexOf('n_rows')]), 0);
      // The spec keeps the two group values it names: every row here is one of them.
      expect(nRows).toBe(40);
    } finally {
      await client.close();
    }
  });

  // Last: it stops the server.
  test('postgres: a query past the time limit is E_DB_TIMEOUT; a server stopped mid-query is E_DB_UNREACHABLE', async () => {
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    await admin.query('CREATE VIEW compas_slow AS SELECT c.* FROM compas c, pg_sleep(3) AS s');
    await admin.query('GRANT SELECT ON compas_slow TO fairlimit_reader');
    await admin.end();
    const source = { engine: 'postgres' as const, connection: server.readerUrl, table: 'compas_slow' };
    await expect(aggregateRemote(source, COMPAS_SPEC, { timeoutSeconds: 0.5 })).rejects.toMatchObject({
      code: 'E_DB_TIMEOUT',
    });
    const running = aggregateRemote(source, COMPAS_SPEC).catch((x) => x);
    await new Promise((r) => setTimeout(r, 1000));
    await server.kill();
    const e = await running;
    expect(e.code).toBe('E_DB_UNREACHABLE');
    expect(e.message).not.toContain(PG_READER_PASSWORD);
  });
});

describe.skipIf(clickHouseMissing)('ClickHouse, two shards and a Distributed table', () => {
  let cluster: ClickHouseCluster;
  beforeAll(async () => {
    cluster = chCluster = await startClickHouseCluster();
    await loadClickHouseSharded(cluster, 'compas', compasRecords[0], compasRecords.slice(1));
    await loadClickHouseSharded(cluster, 'adult', ADULT_COLUMNS, adultRecords);
    const withNull = compasRecords
      .slice(1)
      .map((r, i) => r.map((v, j) => (i === 77 && compasRecords[0][j] === 'priors_count' ? null : v)));
    await loadClickHouseSharded(cluster, 'compas_null', compasRecords[0], withNull);
  }, 120_000);
  afterAll(async () => cluster?.stop());
  engineTests('clickhouse', () => cluster.readerUrl);
  failureTests('clickhouse', () => cluster.readerUrl);
  malformedTests(
    'clickhouse',
    () => cluster.readerUrl,
    (t, n, r) => loadClickHouseSharded(cluster, t, n, r),
  );

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
  });
});
