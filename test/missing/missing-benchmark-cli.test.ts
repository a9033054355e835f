import { expect, test } from 'vitest';
import { loadCompasRaw } from '../../src/data/index.js';
import { distributionFromTable } from '../../src/distribution/index.js';
import { fairFront } from '../../src/limits/index.js';
import { compasSource, drawMissingMask, handleMissing, selectColumns } from '../../src/missing/index.js';
import { missingSpec } from '../../src/plot/index.js';
import { reportSchemaErrors, type ReportV1 } from '../../src/report/index.js';
import { createRng } from '../../src/rng.js';
import { runCli } from '../cli/run-cli.js';

/** HiGHS solves to ~1e-9 relative; the gap is one LP value minus an accuracy, both recomputed here. */
const LP_TOLERANCE = 1e-7;

const args = [
  'missing',
  '--dataset',
  'compas',
  '--rate-minor',
  '0.7',
  '--seeds',
  '2',
  '--seed',
  '3',
  '--eo',
  '0,0.1',
  '--benchmark',
  '--model',
  'logit',
  '--methods',
  'eqodds',
  '--knobs',
  'eqodds=0,1',
];

test('missing --benchmark on COMPAS: schema-valid JSON whose every gap is FairFront of the same perturbed cells at the measured violation minus the accuracy', async () => {
  const run = await runCli([...args, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout) as ReportV1;
  expect(reportSchemaErrors(report)).toEqual([]);
  const section = report.missing!;
  const setting = section.settings[0];
  expect(setting.scenario).toBe('10%/70%');
  for (const points of [section.complete.benchmark!, setting.benchmark!]) {
    expect(points.map((p) => `${p.model} ${p.method} ${p.knob}`).sort()).toEqual([
      'logit base null',
      'logit eqodds 0',
      'logit eqodds 1',
    ]);
    for (const p of points) {
      expect(p.replicates!.map((x) => x.seedIndex)).toEqual([0, 1]);
      for (const x of p.replicates!) {
        expect(x.gap).toBeCloseTo(x.frontierAccuracy - x.accuracy, 12);
        // In sample, on every row of its handled data, no classifier of the cells lies above the frontier.
        expect(x.fullDataGap).toBeGreaterThanOrEqual(-LP_TOLERANCE);
      }
      expect(p.gap.mean).toBeCloseTo((p.replicates![0].gap + p.replicates![1].gap) / 2, 12);
    }
  }

  // Recompute independently: redraw replicate r's mask, mode-impute, and solve FairFront at each point's violation.
  const source = compasSource(loadCompasRaw());
  const columns = selectColumns(source, undefined);
  const rateByGroup = source.groupNames.map((_, s) => (s === source.minorityGroup ? 0.7 : 0.1));
  for (const r of [0, 1]) {
    const mask = drawMissingMask(source, columns, { kind: 'mcar', rateByGroup }, createRng(3).fork(r));
    const handled = handleMissing(source, mask, 'mode', { modes: 'fixed' });
    const distribution = distributionFromTable(handled.table, { isGroupAware: true }).distribution;
    for (const p of setting.benchmark!) {
      const x = p.replicates!.find((y) => y.seedIndex === r)!;
      const front = await fairFront(distribution, { alpha: { eo: Math.min(1, x.violation) } });
      expect(Math.abs(front.accuracy - x.frontierAccuracy)).toBeLessThan(LP_TOLERANCE);
      expect(Math.abs(front.accuracy - x.accuracy - x.gap)).toBeLessThan(LP_TOLERANCE);
    }
  }
  // The perturbed cells are not the complete ones: the complete data's frontier at the same violation is higher.
  const completeDist = distributionFromTable(source.encode(source.columns.map((c) => c.values))).distribution;
  const base = setting.benchmark!.find((p) => p.method === 'base')!.replicates![0];
  const onComplete = await fairFront(completeDist, { alpha: { eo: Math.min(1, base.violation) } });
  expect(onComplete.accuracy).toBeGreaterThan(base.frontierAccuracy + 0.01);

  // The chart draws each point with its gap segment up to FairFront.
  const spec = missingSpec(report) as { layer: { data?: { values: { frontier: number }[] } }[] };
  const bench = spec.layer.find((l) => l.data !== undefined)!.data!.values;
  expect(bench).toHaveLength(6);
}, 120_000);

test('missing --benchmark: table and CSV show each method per setting; --model without --benchmark is refused', async () => {
  const table = await runCli(args);
  expect(table.code).toBe(0);
  expect(table.stdout).toContain('Interventions under missingness');
  expect(table.stdout).toMatch(/10%\/70%\s+mode\s+logit\s+eqodds\s+0\s+0\.\d{4} ± 0\.\d{4}/);
  const csv = await runCli([...args, '--format', 'csv']);
  const lines = csv.stdout.trim().split('\n');
  const width = lines[0].split(',').length;
  expect(lines[0]).toContain('gap_mean');
  // 2 alphas x (complete + 1 setting) frontier rows, then 3 points x (complete + 1 setting).
  expect(lines).toHaveLength(1 + 2 * 2 + 3 * 2);
  for (const line of lines) expect(line.split(',')).toHaveLength(width);
  const stray = await runCli(['missing', '--dataset', 'compas', '--model', 'rf', '--seeds', '1']);
  expect(stray.code).toBe(2);
  expect(stray.stderr).toContain('--benchmark');
}, 120_000);
