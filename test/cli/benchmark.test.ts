import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { syntheticCsv as sharedSyntheticCsv } from '../helpers/csv-file.js';
import { reportSchemaErrors } from '../../src/report/index.js';
import { runCli, tempDir } from './run-cli.js';

/** A small synthetic CSV: three discrete features, group g, label y. */
const syntheticCsv = (dir: string): string => sharedSyntheticCsv(dir, { nRows: 500, levels: 3 });

const args = [
  '--group',
  'g',
  '--label',
  'y',
  '--model',
  'logit',
  '--methods',
  'reduction,eqodds,fairfront-rule',
  '--seeds',
  '2',
  '--knobs',
  'reduction=0.02',
  '--knobs',
  'eqodds=0,0.05',
  '--knobs',
  'fairfront-rule=0,0.05',
];

test('benchmark --json writes a schema-valid report whose benchmark section holds every point, without timings', async () => {
  const dir = tempDir();
  const run = await runCli([
    'benchmark',
    syntheticCsv(dir),
    ...args,
    '--json',
    '--plot',
    join(dir, 'bench.svg'),
  ]);
  expect(run.stderr).not.toContain('E_');
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout);
  expect(reportSchemaErrors(report)).toEqual([]);
  const section = report.benchmark;
  expect(section.methods).toEqual(['base', 'reduction', 'eqodds', 'fairfront-rule']);
  expect(section.points).toHaveLength(1 + 1 + 2 + 2);
  expect(section.points[0].fitMs).toBeUndefined();
  expect(section.timing).toBeUndefined();
  expect(report.models).toHaveLength(section.points.length);
  expect(readFileSync(join(dir, 'bench.svg'), 'utf8')).toContain('<svg');
  // Same seed, same bytes.
  const again = await runCli(['benchmark', join(dir, 'synthetic.csv'), ...args, '--json']);
  expect(again.stdout).toBe(run.stdout);
});

test('the default output is a readable table of the points', async () => {
  const dir = tempDir();
  const run = await runCli(['benchmark', syntheticCsv(dir), ...args]);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/logit\s+reduction\s+eps=0\.02/);
  expect(run.stdout).toMatch(/none\s+fairfront-rule\s+alpha=0\s/);
});

test('refuses an unknown method and an unknown model with a usage error naming the option', async () => {
  const dir = tempDir();
  const file = syntheticCsv(dir);
  const badMethod = await runCli(['benchmark', file, '--group', 'g', '--label', 'y', '--methods', 'magic']);
  expect(badMethod.code).toBe(2);
  expect(badMethod.stderr).toContain('--methods');
  const badModel = await runCli(['benchmark', file, '--group', 'g', '--label', 'y', '--model', 'svm']);
  expect(badModel.code).toBe(2);
  expect(badModel.stderr).toContain('--model');
});

test('--model takes settings and presets: the report names them, a bad setting is a coded usage error', async () => {
  const dir = tempDir();
  const file = syntheticCsv(dir);
  const base = [
    'benchmark',
    file,
    '--group',
    'g',
    '--label',
    'y',
    '--methods',
    'eqodds',
    '--knobs',
    'eqodds=0',
  ];
  const run = await runCli([
    ...base,
    '--seeds',
    '1',
    '--model',
    'rf:nEstimators=3,minSamplesLeaf=3,bootstrap=false,criterion=entropy,rf-paper:nEstimators=2',
    '--json',
  ]);
  expect(run.stderr).not.toContain('E_');
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout).benchmark.models).toEqual(['rf', 'rf-paper']);
  // Without --model the paper protocol uses the paper's preset (rf-paper for a file of unknown name).
  const byDefault = await runCli([...base, '--seeds', '1', '--json']);
  expect(JSON.parse(byDefault.stdout).benchmark.models).toEqual(['rf-paper']);
  const bad = await runCli([...base, '--model', 'rf:minSamplesLeaf=three']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(
    /^fairlimit: E_BAD_OPTION: base model rf: minSamplesLeaf must be a non-negative integer/,
  );
  const unknown = await runCli([...base, '--model', 'rf:leaves=3']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/unknown setting "leaves"/);
});

test('--post-fit all fits post-processors on every row (the shares say so); a bad share is refused', async () => {
  const dir = tempDir();
  const file = syntheticCsv(dir);
  const base = ['benchmark', file, '--group', 'g', '--label', 'y', '--model', 'logit', '--methods', 'eqodds'];
  const run = await runCli([...base, '--knobs', 'eqodds=0', '--seeds', '2', '--post-fit', 'all', '--json']);
  expect(run.code).toBe(0);
  const section = JSON.parse(run.stdout).benchmark;
  expect(section.shares).toMatchObject({ postFitOnAllRows: 1 });
  const bad = await runCli([...base, '--post-fit', '1.5']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/^fairlimit: E_BAD_OPTION: --post-fit must be a share in \(0, 1\] or "all"/);
});
