import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { SparkSQL, TrinoSQL } from 'dt-sql-parser';
import { parse as parseCst } from 'sql-parser-cst';
import { expect, test } from 'vitest';
import type { TableSpec } from '../../src/data/index.js';
import { withDuckDb } from '../../src/data/duckdb/connection.js';
import { SQL_DIALECTS, aggregationQuery } from '../../src/data/sql/index.js';
import { InputError } from '../../src/errors.js';

const goldenDir = path.resolve(import.meta.dirname, 'sql/__golden__');
/** Set FAIRLIMIT_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change (then review the diff). */
const update = process.env.FAIRLIMIT_UPDATE_GOLDEN === '1';

/** Every construct the emitter has: edges, quantile and uniform bins, derive, filter, maps, groups, weights. */
const SPEC: TableSpec = {
  group: ['race', 'sex'],
  label: 'is_recid',
  weights: 'w',
  features: ['age', 'priors_count', 'charge', 'stay', 'score'],
  derive: ['stay = days(c_jail_in, c_jail_out) < 1 ? 0 : floor(days(c_jail_in, c_jail_out) / 30) + 1'],
  filter: ['is_recid != -1 and charge != "O"', 'not isna(age)'],
  bins: { age: 'edges:20,25,70', priors_count: 'quantile:3', score: 'uniform:2' },
  valueMaps: { charge: { F: 'felony', "it's": 'quote' } },
  groupValues: ['African-American & Male', 'Caucasian & Female'],
  dropMissing: true,
};
const COLUMNS = [
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

for (const dialect of SQL_DIALECTS)
  test(`the ${dialect} query matches its golden file`, () => {
    // ClickHouse gets quantile and uniform edges as literals (its engine computes them in stages).
    const edgeValues =
      dialect === 'clickhouse'
        ? new Map([
            ['priors_count', [1, 3.5]],
            ['score', [0.1]],
          ])
        : undefined;
    const { sql } = aggregationQuery(SPEC, {
      dialect,
      from: 'events',
      columnNames: COLUMNS,
      ...(edgeValues ? { edgeValues } : {}),
    });
    const file = path.join(goldenDir, `${dialect}.sql`);
    if (update || !existsSync(file)) writeFileSync(file, `${sql}\n`);
    expect(`${sql}\n`).toBe(readFileSync(file, 'utf8'));
  });

test('DuckDB parses, plans and runs the golden DuckDB query on a table with the source columns', async () => {
  const sql = readFileSync(path.join(goldenDir, 'duckdb.sql'), 'utf8');
  const rows = await withDuckDb(async (c) => {
    await c.run(`CREATE TABLE events AS SELECT * FROM (VALUES
      ('19', '0', 'F', '2013-01-01 10:00:00', '2013-03-05 09:00:00', '0.5', 'African-American', 'Male', '1', '2'),
      ('30', '4', 'M', '2013-01-01 10:00:00', '2013-01-01 11:00:00', '0.9', 'African-American', 'Male', '0', '1'),
      ('71', '9', 'F', '2013-01-01', '2013-01-20', '0.1', 'Caucasian', 'Female', '0', '3'),
      ('44', '2', 'O', '2013-01-01', '2013-01-20', '0.3', 'Caucasian', 'Female', '1', '1'),
      ('50', '1', 'M', '2013-01-01', '2013-01-20', '0.2', 'Other', 'Male', '1', '1')
    ) AS t(${COLUMNS.map((c) => `"${c}"`).join(', ')})`);
    return (await c.runAndReadAll(sql)).getRowObjectsJS();
  });
  // Rows 4 (charge O) and 5 (other group) are dropped; quantile:3 of priors {0, 4, 9} has edges 3, 6;
  // uniform:2 of score {0.1, 0.5, 0.9} has the edge 0.5; stays: 64 days -> 3, 1 hour -> 0, 19 days -> 1.
  expect(rows).toEqual([
    {
      age: 0,
      priors_count: 0,
      charge: 'felony',
      stay: 3,
      score: 1,
      race: 'African-American',
      sex: 'Male',
      is_recid: '1',
      weight: 2,
      n_rows: 1n,
    },
    {
      age: 2,
      priors_count: 1,
      charge: 'M',
      stay: 0,
      score: 1,
      race: 'African-American',
      sex: 'Male',
      is_recid: '0',
      weight: 1,
      n_rows: 1n,
    },
    {
      age: 3,
      priors_count: 2,
      charge: 'felony',
      stay: 1,
      score: 0,
      race: 'Caucasian',
      sex: 'Female',
      is_recid: '0',
      weight: 3,
      n_rows: 1n,
    },
  ]);
});

test('an expression without a SQL translation is refused by name', () => {
  const spec: TableSpec = { group: 'g', label: 'y', derive: ['z = atan2(x, 1)'] };
  expect(() => aggregationQuery(spec, { dialect: 'trino', from: 't', columnNames: ['x', 'g', 'y'] })).toThrow(
    expect.objectContaining({
      code: 'E_BAD_EXPRESSION',
      message: expect.stringContaining('atan2(2 arguments)'),
    }),
  );
});

test('a feature named like an aggregate column is refused', () => {
  const e = (() => {
    try {
      aggregationQuery(
        { group: 'g', label: 'y' },
        { dialect: 'spark', from: 't', columnNames: ['weight', 'g', 'y'] },
      );
    } catch (error) {
      return error;
    }
  })();
  expect(e).toBeInstanceOf(InputError);
  expect((e as InputError).code).toBe('E_DUPLICATE_COLUMN');
});

test('the single ClickHouse query refuses quantile bins without their edges, naming the column', () => {
  const e = (() => {
    try {
      return aggregationQuery(SPEC, { dialect: 'clickhouse', from: 'events', columnNames: COLUMNS });
    } catch (error) {
      return error;
    }
  })();
  expect(e).toMatchObject({ code: 'E_BAD_OPTION', where: { column: 'priors_count', option: '--bins' } });
});

/** Syntax errors of a query under a real grammar of its dialect (DuckDB is checked by running it, above). */
function grammarErrors(dialect: 'spark' | 'trino' | 'bigquery', sql: string): string[] {
  if (dialect === 'bigquery') {
    try {
      parseCst(sql, { dialect: 'bigquery' });
      return [];
    } catch (e) {
      return [(e as Error).message.split('\n')[0]];
    }
  }
  const parser = dialect === 'spark' ? new SparkSQL() : new TrinoSQL();
  return parser.validate(sql).map((e) => `${e.startLine}:${e.startColumn} ${e.message}`);
}

for (const dialect of ['spark', 'trino', 'bigquery'] as const) {
  test(`the ${dialect} golden query parses under the ${dialect} grammar, and a broken one does not`, () => {
    const golden = readFileSync(path.join(goldenDir, `${dialect}.sql`), 'utf8');
    expect(grammarErrors(dialect, golden)).toEqual([]);
    // The grammar is not vacuous: a query with a missing parenthesis is refused.
    expect(grammarErrors(dialect, 'SELECT SUM(w AS weight FROM kept GROUP BY 1').length).toBeGreaterThan(0);
  });

  test(`${dialect}: columns with awkward names, every expression construct and every bin kind parse`, () => {
    const spec: TableSpec = {
      group: ['race-x', "it's"],
      label: 'y y',
      weights: 'w`q',
      features: ['a-b', 'a_b', 'sum', 'z', 'ok'],
      derive: [
        'z = `a-b` * 10 + floor(`a_b` / 3) - abs(`sum`) + (isna(`e`) ? 1 : 0) + days(`d 1`, `d 2`) ^ 2',
        'ok = not (`x,y` == "🎉" or `x,y` != "b") and sqrt(exp(log(`a_b`))) >= ceil(-1.5)',
      ],
      filter: ['`a-b` > 0 and `e` < pi'],
      bins: { 'a-b': 'quantile:4', a_b: 'uniform:3', sum: 'edges:1,2.5,1e300' },
      valueMaps: { 'race-x': { "o'k": 'x\\y' } },
      groupValues: ["1 & o'k", '2 & b'],
      dropMissing: true,
    };
    const columnNames = ['a-b', 'a_b', 'sum', 'e', 'x,y', 'd 1', 'd 2', 'race-x', "it's", 'y y', 'w`q'];
    const { sql } = aggregationQuery(spec, { dialect, from: 'db.events', columnNames });
    expect(grammarErrors(dialect, sql)).toEqual([]);
  });
}
