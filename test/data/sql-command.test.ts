import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { writeCsv } from '../helpers/csv-file.js';
import { main } from '../../src/cli/main.js';
import { loadDistributionForCli } from '../../src/cli/scale-input.js';
import { withDuckDb, sqlString } from '../../src/data/duckdb/connection.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'fairlimit-sql-cli-'));

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

function writeData(): string {
  const lines = ['age,prior,sex,y'];
  for (let i = 0; i < 400; i++)
    lines.push(
      `${18 + ((i * 7) % 60)},${(i * 13) % 9},${i % 3 === 0 ? 'F' : 'M'},${(i * 5) % 7 < 3 ? 1 : 0}`,
    );
  return writeCsv(tmp, 'data.csv', lines);
}

test('fairlimit sql --dialect duckdb prints a query whose saved result, read with --counts, equals the rows', async () => {
  const file = writeData();
  const args = ['--group', 'sex', '--label', 'y', '--bins', 'age=quantile:4', '--bins', 'prior=edges:2,5'];
  const { code, stdout } = await run(['sql', file, '--dialect', 'duckdb', ...args]);
  expect(code).toBe(0);
  const counts = path.join(tmp, 'counts.csv');
  await withDuckDb(async (c) => {
    await c.run(`COPY (${stdout.trim().replace(/;$/, '')}) TO ${sqlString(counts)} (FORMAT csv)`);
  });
  const fromCounts = await loadDistributionForCli({ counts, countsSpec: { group: 'sex', label: 'y' } });
  const spec = { group: 'sex', label: 'y', bins: { age: 'quantile:4', prior: 'edges:2,5' } };
  const inProcess = await loadDistributionForCli({ file, spec, engine: 'in-process' });
  const duck = await loadDistributionForCli({ file, spec, engine: 'duckdb' });
  expect(fromCounts.engine).toBe('counts');
  expect(duck.engine).toBe('duckdb');
  for (const d of [fromCounts.distribution, duck.distribution]) {
    expect(d.cellKeys).toEqual(inProcess.distribution.cellKeys);
    expect(Array.from(d.mass)).toEqual(Array.from(inProcess.distribution.mass));
  }
});

test('fairlimit sql refuses an unknown dialect and a missing table (usage errors, exit 2)', async () => {
  const bad = await run([
    'sql',
    '--dialect',
    'oracle',
    '--table',
    't',
    '--group',
    'g',
    '--label',
    'y',
    '--features',
    'x',
  ]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('E_BAD_OPTION: unknown dialect "oracle"');
  const noTable = await run(['sql', '--dialect', 'trino', '--group', 'g', '--label', 'y', '--features', 'x']);
  expect(noTable.code).toBe(2);
  expect(noTable.stderr).toContain('--table');
});

test('fairlimit frontier gives the same frontier from rows, from DuckDB (--engine duckdb) and from --counts', async () => {
  const file = writeData();
  const args = ['--group', 'sex', '--label', 'y', '--bins', 'age=quantile:4', '--bins', 'prior=edges:2,5'];
  const { stdout } = await run(['sql', file, '--dialect', 'duckdb', ...args]);
  const counts = path.join(tmp, 'counts-frontier.csv');
  await withDuckDb(async (c) => {
    await c.run(`COPY (${stdout.trim().replace(/;$/, '')}) TO ${sqlString(counts)} (FORMAT csv)`);
  });
  const sweep = ['--eo', '0,0.05,0.2', '--json'];
  const rows = await run(['frontier', file, ...args, ...sweep]);
  const duck = await run(['frontier', file, ...args, '--engine', 'duckdb', ...sweep]);
  const fromCounts = await run(['frontier', '--counts', counts, '--group', 'sex', '--label', 'y', ...sweep]);
  for (const r of [rows, duck, fromCounts]) expect(r.code, r.stderr).toBe(0);
  const accuracies = (r: { stdout: string }) =>
    (JSON.parse(r.stdout) as { frontier: { accuracy: number }[] }).frontier.map((p) => p.accuracy);
  const expected = accuracies(rows);
  for (const r of [duck, fromCounts]) {
    const got = accuracies(r);
    got.forEach((a, i) => expect(Math.abs(a - expected[i])).toBeLessThanOrEqual(1e-12));
  }
  const report = JSON.parse(fromCounts.stdout) as { data: { nRows: number; groups: { rows: number }[] } };
  expect(report.data.nRows).toBe(400);
  expect(report.data.groups.reduce((a, g) => a + g.rows, 0)).toBe(400);
});

test('fairlimit frontier refuses predictions and held-out estimates with --counts (they need rows)', async () => {
  const counts = path.join(tmp, 'counts-frontier.csv');
  const r = await run([
    'frontier',
    '--counts',
    counts,
    '--group',
    'sex',
    '--label',
    'y',
    '--folds',
    '3',
    '--seed',
    '1',
  ]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('need row-level data');
});
