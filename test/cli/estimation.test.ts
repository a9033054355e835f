import { expect, test } from 'vitest';
import { type ReportV1, reportSchemaErrors } from '../../src/report/index.js';
import { runCli } from './run-cli.js';

/** The report's estimation section (the JSON is validated against the schema first). */
type Estimation = NonNullable<ReportV1['estimation']>;

const run = async (args: string[]) => {
  const r = await runCli(['demo', '--rows', '500', '--eo', '0,0.1', '--json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout) as ReportV1;
  expect(reportSchemaErrors(report)).toEqual([]);
  const estimation: Estimation = report.estimation!;
  return { report, estimation };
};

test('--method cutting-plane certifies the exact LP value at every alpha (same cells)', async () => {
  const { report, estimation } = await run(['--method', 'cutting-plane']);
  expect(report.settings.method).toBe('cutting-plane');
  estimation.cuttingPlane!.forEach((p, i) => {
    expect(p.converged).toBe(true);
    expect(Math.abs(p.upperBound - report.frontier[i].accuracy)).toBeLessThan(1e-6);
  });
});

test('--method bracket brackets the exact value', async () => {
  const { report, estimation } = await run(['--method', 'bracket']);
  estimation.bracket!.forEach((b, i) => {
    expect(b.lower).toBeLessThanOrEqual(report.frontier[i].accuracy + 1e-6);
    expect(b.upper).toBeGreaterThanOrEqual(report.frontier[i].accuracy - 1e-6);
  });
});

test('--folds and --bootstrap use the seed, and their in-sample values are the frontier', async () => {
  const { report, estimation } = await run(['--folds', '3', '--bootstrap', '4']);
  expect(report.settings.seed).toBe(1); // the demo's seed
  expect(estimation.honest!.protocol.kind).toBe('folds');
  estimation.honest!.points.forEach((p, i) => {
    expect(p.inSample).toBeCloseTo(report.frontier[i].accuracy, 9);
    expect(p.heldOut.rows).toBe(500); // cross-fitting holds every row out once
  });
  expect(estimation.bootstrap!.replicates).toBe(4);
  estimation.bootstrap!.bands.forEach((b, i) => {
    expect(b.estimate).toBeCloseTo(report.frontier[i].accuracy, 9);
    expect(b.lower).toBeLessThanOrEqual(b.upper);
  });
});

test('a random protocol without a seed takes seed 0, prints it and records it: the same bytes as --seed 0', async () => {
  const args = ['frontier', '--dataset', 'compas', '--eo', '0', '--holdout', '0.3', '--json'];
  const noSeed = await runCli(args);
  expect(noSeed.code).toBe(0);
  expect(noSeed.stderr).toContain('fairlimit: seed 0 (the default; give --seed N');
  const seeded = await runCli([...args, '--seed', '0']);
  expect(seeded.stdout).toBe(noSeed.stdout);
  expect((JSON.parse(noSeed.stdout) as { settings: { seed: number } }).settings.seed).toBe(0);
  const other = await runCli([...args, '--seed', '5']);
  expect(other.stdout).not.toBe(noSeed.stdout);
});

test('holdout with folds, or a bad fraction, is a usage error', async () => {
  const both = await runCli(['demo', '--holdout', '0.3', '--folds', '3']);
  expect(both.code).toBe(2);
  const badFraction = await runCli(['demo', '--holdout', '1.5']);
  expect(badFraction.code).toBe(2);
});

test('--folds reports the back-off chosen per split on training rows; --interval which size gave the lower end', async () => {
  const { estimation } = await run(['--folds', '3', '--interval']);
  const backOff = estimation.honest!.backOff!;
  expect(backOff.choice).toBe('inner-cross-validation');
  expect(backOff.candidates).toEqual([1, 3, 5, 10, 20]);
  expect(backOff.perPart).toHaveLength(3);
  for (const m of backOff.perPart) expect(backOff.candidates).toContain(m);
  expect(backOff.perPart).toContain(estimation.honest!.minCellRows);
  expect(estimation.intervalInfo!.backOffSizes).toEqual([1, 3, 10]);
  for (const p of estimation.interval!) expect([1, 3, 10]).toContain(p.lowerMinCellRows);
});
