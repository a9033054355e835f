import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadDistributionForCli } from '../../src/cli/scale-input.js';
import { withDuckDb, sqlString } from '../../src/data/duckdb/connection.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'fairlimit-sql-cli-'));

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: {} };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

function writeData(): string {
  const lines = ['age,prior,sex,y'];
  for (let i = 0; i < 400; i++) lines.push(`${18 + ((i * 7) % 60)},${(i * 13) % 9},${i % 3 === 0 ? 'F' : 'M'},${(i * 5) % 7 < 3 ? 1 : 0}`);
  const file = path.join(tmp, 'data.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
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
  const bad = await run(['sql', '--dialect', 'oracle', '--table', 't', '--group', 'g', '--label', 'y', '--features', 'x']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('E_BAD_OPTION: unknown dialect "oracle"');
  const noTable = await run(['sql', '--dialect', 'trino', '--group', 'g', '--label', 'y', '--features', 'x']);
  expect(noTable.code).toBe(2);
  expect(noTable.stderr).toContain('--table');
});
