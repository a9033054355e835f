import { expect, test } from 'vitest';
import { mixturePopulation } from '../../src/limits/estimate/mixture-population.js';
import { type ReportV1, reportSchemaErrors } from '../../src/report/index.js';
import { createRng } from '../../src/rng.js';
import { writeCsv } from '../helpers/csv-file.js';
import { runCli, tempDir } from './run-cli.js';

/**
 * `frontier FILE.csv` without named cells reports the posterior estimate (docs/estimation.md, The default
 * estimate on a CSV). The file: 3000 rows of a two-group population with one informative continuous feature z1,
 * two noise columns, and a model's predictions (threshold 0 on z1, in the same file).
 */
function populationCsv(): string {
  const table = mixturePopulation({
    groupShare: [0.6, 0.4],
    classRate: [
      [0.55, 0.45],
      [0.7, 0.3],
    ],
    mean: [
      [
        [-0.9, 0],
        [0.9, 0],
      ],
      [
        [-0.5, 0],
        [0.5, 0],
      ],
    ],
  }).sample(3000, createRng(21));
  const lines = ['z1,noise1,noise2,g,y,yhat'];
  for (let i = 0; i < table.nRows; i++) {
    const [z1, n1, n2] = table.features.map((f) => f[i]);
    lines.push(`${z1},${n1},${n2},${table.groupNames[table.group[i]]},${table.label[i]},${z1 > 0 ? 1 : 0}`);
  }
  return writeCsv(tempDir(), 'population.csv', lines);
}

function parsed(stdout: string): ReportV1 {
  const report = JSON.parse(stdout) as ReportV1;
  expect(reportSchemaErrors(report)).toEqual([]);
  return report;
}

test('a CSV without --features or --bins reports the posterior estimate with its interval', async () => {
  const file = populationCsv();
  const base = ['frontier', file, '--group', 'g', '--label', 'y', '--predictions', 'yhat', '--eo', '0,0.05'];
  const r = await runCli([...base, '--json']);
  expect(r.code).toBe(0);
  const report = parsed(r.stdout);
  expect(report.settings.estimate).toBe('posterior');
  expect(report.settings.seed).toBe(1); // the default seed, recorded
  const interval = report.estimation!.interval!;
  expect(interval).toHaveLength(2);
  for (const [i, p] of interval.entries()) {
    expect(Object.keys(p).slice(0, 6).sort()).toEqual(
      ['alpha', 'estimate', 'level', 'lower', 'method', 'upper'].sort(),
    );
    expect(p.method).toBe('posterior-cross-fit');
    expect(p.lower).toBeLessThanOrEqual(p.estimate!);
    expect(p.estimate!).toBeLessThanOrEqual(p.upper);
    // The frontier is the exact LP on the posterior's cells: its accuracy is the unclamped estimate.
    expect(report.frontier[i].accuracy).toBeCloseTo(p.inSample, 9);
  }
  // Few cells: the posterior's quantiles, not one cell per row.
  expect(report.data.cells.count).toBeLessThanOrEqual(2 * 32);
  // The model is placed against the estimate; gapLow = lower end at its violation - its accuracy.
  const model = report.models![0];
  expect(model.gapLow).toBeDefined();
  expect(model.gapLow!).toBeLessThanOrEqual(model.gap + 1e-9);
  // check gates on the certified gap (the bracket's lower end); the HF card carries it and the lower ends.
  const reportFile = writeCsv(tempDir(), 'report.json', [r.stdout.trimEnd()]);
  const passed = await runCli(['check', reportFile, '--max-gap', String(Math.max(0, model.gapLow!) + 1e-6)]);
  expect(passed.code).toBe(0);
  if (model.gapLow! > 0.001) {
    const failed = await runCli(['check', reportFile, '--max-gap', String(model.gapLow! - 0.001)]);
    expect(failed.code).toBe(3);
  }
  const card = await runCli(['card', reportFile, '--format', 'hf']);
  expect(card.code).toBe(0);
  expect(card.stdout).toContain('type: certified_epistemic_gap');
  expect(card.stdout.match(/type: fairfront_accuracy_limit_lower_bound/g)).toHaveLength(2);
  // The text says which estimate the headline is.
  const text = await runCli(base);
  expect(text.code).toBe(0);
  expect(text.stdout).toContain('posterior estimate');
  expect(text.stdout).toMatch(/lower end: for all the features; upper end: through the learned score only/);
}, 180_000);

test('--features names cells: the exact LP on them, as before; --estimate decides explicitly', async () => {
  const file = populationCsv();
  const cells = await runCli([
    'frontier',
    file,
    '--group',
    'g',
    '--label',
    'y',
    '--features',
    'noise1',
    '--json',
  ]);
  expect(cells.code).toBe(0);
  const report = parsed(cells.stdout);
  expect(report.settings.estimate).toBeUndefined();
  expect(report.estimation).toBeUndefined();
  const refused = [
    [['--estimate', 'posterior', '--interval', '--seed', '1'], '--interval'],
    [['--estimate', 'posterior', '--group-blind'], '--group-blind'],
  ] as const;
  for (const [extra, option] of refused) {
    const r = await runCli(['frontier', file, '--group', 'g', '--label', 'y', ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^fairlimit: E_USAGE: /);
    expect(r.stderr).toContain(option);
  }
});

test('a (group, label) pair too rare for the folds is refused with a hint to the cell LP', async () => {
  // Group b has two positive rows: some fold misses the pair, so the estimate cannot be made there.
  const lines = ['x,g,y'];
  for (let i = 0; i < 400; i++) {
    const g = i % 4 === 0 ? 'b' : 'a';
    const y = g === 'a' ? i % 3 === 0 : i === 0 || i === 4;
    lines.push(`${(i * 37) % 101},${g},${y ? 1 : 0}`);
  }
  const file = writeCsv(tempDir(), 'rare.csv', lines);
  const r = await runCli(['frontier', file, '--group', 'g', '--label', 'y']);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toMatch(/^fairlimit: E_EMPTY_GROUP_LABEL: /);
  expect(r.stderr).toContain('--estimate cells');
  const cells = await runCli(['frontier', file, '--group', 'g', '--label', 'y', '--estimate', 'cells']);
  expect(cells.code).toBe(0);
});
