import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { syntheticCsv as sharedSyntheticCsv } from '../helpers/csv-file.js';
import { missingSpec } from '../../src/plot/index.js';
import { reportSchemaErrors, type ReportV1 } from '../../src/report/index.js';
import { runCli, tempDir } from '../cli/run-cli.js';

const syntheticCsv = (dir: string): string => sharedSyntheticCsv(dir, { nRows: 600, levels: 4 });

test("missing on COMPAS --json: a schema-valid report whose section reproduces the paper's 10%/70% drop", async () => {
  const run = await runCli([
    'missing',
    '--dataset',
    'compas',
    '--rate-minor',
    '0.1,0.7',
    '--seeds',
    '2',
    '--eo',
    '0,0.05',
    '--json',
  ]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout) as ReportV1;
  expect(reportSchemaErrors(report)).toEqual([]);
  const section = report.missing!;
  expect(section.minorityGroup).toBe('African-American');
  expect(section.columns).toEqual(['age', 'isFelony', 'isMale', 'priorsCount', 'stayDays']);
  expect(section.settings.map((s) => s.scenario)).toEqual(['10%/10%', '10%/70%']);
  expect(report.frontier[0].accuracy).toBeCloseTo(section.complete.accuracy[0], 12);
  expect(Math.abs(section.settings[1].accuracy[0].mean - 0.597)).toBeLessThan(0.015);
  // The realized minority rate of every column is near 70%.
  for (const c of section.settings[1].missingRate)
    expect(Math.abs(c.byGroup[0].mean - 0.7)).toBeLessThan(0.03);
});

test('missing on a CSV: table output with the drops, CSV rows per setting and alpha, SVG chart, same seed same bytes', async () => {
  const dir = tempDir();
  const file = syntheticCsv(dir);
  const args = [
    'missing',
    file,
    '--group',
    'g',
    '--label',
    'y',
    '--impute',
    'mode,indicator',
    '--rate-minor',
    '0.5',
    '--seeds',
    '2',
    '--eo',
    '0,0.1',
  ];
  const table = await runCli([...args, '--plot', join(dir, 'missing.svg')]);
  expect(table.code).toBe(0);
  expect(table.stdout).toContain('drop eo=0');
  expect(table.stdout).toMatch(/10%\/50%\s+indicator/);
  expect(readFileSync(join(dir, 'missing.svg'), 'utf8')).toContain('<svg');
  const csv = await runCli([...args, '--format', 'csv']);
  expect(csv.stdout.trim().split('\n')).toHaveLength(1 + 2 + 2 * 2);
  const a = await runCli([...args, '--json']);
  const b = await runCli([...args, '--json']);
  expect(b.stdout).toBe(a.stdout);
  const spec = missingSpec(JSON.parse(a.stdout) as ReportV1) as { data: { values: { setting: string }[] } };
  expect(new Set(spec.data.values.map((v) => v.setting))).toEqual(
    new Set(['complete data', '10%/50% mode', '10%/50% indicator']),
  );
});

test('usage errors: MAR without a driver, an unknown strategy, an unknown minority group', async () => {
  const mar = await runCli(['missing', '--dataset', 'compas', '--mechanism', 'mar']);
  expect(mar.code).toBe(2);
  expect(mar.stderr).toContain('--driver');
  const strategy = await runCli(['missing', '--dataset', 'compas', '--impute', 'mode,hotdeck']);
  expect(strategy.code).toBe(2);
  expect(strategy.stderr).toContain('hotdeck');
  const minority = await runCli(['missing', '--dataset', 'compas', '--minority', 'Martian', '--seeds', '1']);
  expect(minority.code).toBe(2);
  expect(minority.stderr).toContain('Martian');
});
