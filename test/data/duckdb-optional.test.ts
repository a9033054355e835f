import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, vi } from 'vitest';
import { runFrontierGY } from '../helpers/frontier-cli.js';
import { runCli, tempDir } from '../cli/run-cli.js';

// @duckdb/node-api is an optional dependency: here it is made unloadable (as on an install without it), and the
// engine that needs it must stop with a coded error that says how to install it, while the in-process engine
// keeps working.
vi.mock('@duckdb/node-api', () => {
  throw new Error("Cannot find package '@duckdb/node-api'");
});

const csv = () => {
  const dir = tempDir();
  const file = path.join(dir, 'rows.csv');
  const rows = Array.from(
    { length: 40 },
    (_, i) => `${i % 3},${i % 2 ? 'a' : 'b'},${(i * 7) % 5 > 1 ? 1 : 0}`,
  );
  writeFileSync(file, `x,g,y\n${rows.join('\n')}\n`);
  return { dir, file };
};

test('--engine duckdb without the optional package stops with E_DEPENDENCY_MISSING and the install command', async () => {
  const { dir, file } = csv();
  const out = path.join(dir, 'report.json');
  const r = await runFrontierGY(file, '--eo', '0', '--engine', 'duckdb', '--out', out);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^fairlimit: E_DEPENDENCY_MISSING: .*npm install @duckdb\/node-api/);
});

test('a Parquet file under --engine auto needs DuckDB too, and says so', async () => {
  const { dir } = csv();
  const parquet = path.join(dir, 'rows.parquet');
  writeFileSync(parquet, 'PAR1');
  const r = await runCli(['frontier', parquet, '--group', 'g', '--label', 'y', '--eo', '0']);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/E_DEPENDENCY_MISSING/);
});

test('the in-process engine (and auto on a small CSV) works without DuckDB', async () => {
  const { file } = csv();
  for (const engine of ['in-process', 'auto']) {
    const r = await runFrontierGY(file, '--eo', '0', '--json', '--engine', engine);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).frontier[0].status).toBe('optimal');
  }
});
