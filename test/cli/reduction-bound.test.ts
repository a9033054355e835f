import { expect, test } from 'vitest';
import { syntheticCsv } from '../helpers/csv-file.js';
import { runCli, tempDir } from './run-cli.js';

const args = ['--group', 'g', '--label', 'y', '--model', 'logit', '--methods', 'reduction', '--seeds', '2'];

test("benchmark --reduction-bound to-overall fits Reduction with fairlearn's bound, and says so per point", async () => {
  const file = syntheticCsv(tempDir(), { nRows: 300, levels: 3 });
  const run = await runCli([
    'benchmark',
    file,
    ...args,
    '--knobs',
    'reduction=0.02',
    '--reduction-bound',
    'to-overall',
    '--json',
  ]);
  expect(run.code).toBe(0);
  const points = JSON.parse(run.stdout).benchmark.points as {
    method: string;
    diagnostics?: Record<string, unknown>;
  }[];
  const reduction = points.filter((p) => p.method === 'reduction');
  expect(reduction).toHaveLength(1);
  expect(reduction[0].diagnostics?.bound).toBe('to-overall');
});

test('--reduction-bound refuses anything but pairwise and to-overall', async () => {
  const file = syntheticCsv(tempDir(), { nRows: 200, levels: 3 });
  const run = await runCli(['benchmark', file, ...args, '--reduction-bound', 'overall']);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/reduction-bound/);
});
