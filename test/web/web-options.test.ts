/// <reference lib="dom" />
/**
 * The analyzer page's options beyond SP / EO / OAE: the other criteria, another objective, and the population
 * interval. The page sends the CLI's flags, so the in-process CLI on the same file is the independent truth for
 * every number, and the JSON bytes must be the CLI's. Also the per-group (MetricFrame-like) table of a placed
 * model against the report's own.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { ReportV1 } from '../../src/report/report-types.js';
import { runCli, tempDir } from '../cli/run-cli.js';
import { userStyleCsv } from './user-style-csv.js';
import { type Session, framePoints, openAnalyzer, useBrowser, waitForResult } from './web-harness.js';

const TOL = 1e-9;
const browser = useBrowser();
const dir = tempDir('fairlimit-web-options-');
const csv = join(dir, 'loans.csv');
writeFileSync(csv, userStyleCsv(11, 2000));

/** Opens the page on the CSV with group Gender, label Approved and two features, and no EO sweep. */
async function openWithRoles() {
  const s = await openAnalyzer(browser());
  const { page } = s;
  await page.setInputFiles('input[data-testid="csv-file"]', csv);
  await page.waitForSelector('#form:not([hidden])', { timeout: 60_000 });
  await page.selectOption('select[data-testid="group"]', 'Gender');
  await page.selectOption('select[data-testid="label"]', 'Approved');
  await page.click('#features-none');
  for (const f of ['Region', 'Prior defaults'])
    await page.check(`input[data-testid="feature"][value="${f}"]`);
  await page.fill('input[data-testid="eo"]', '');
  await page.click('#more-criteria summary');
  return s;
}

/** Runs the page, checks it showed no error, and returns the CLI's JSON for the same flags. */
async function runBoth(s: Session, flags: readonly string[]): Promise<{ json: string; report: ReportV1 }> {
  const command = await s.page.locator('#command-text').textContent();
  // the command line shown under the button names the new flags (shell-quoted where needed)
  for (const f of flags.filter((f) => f.startsWith('--'))) expect(command).toContain(` ${f} `);
  await s.page.click('button[data-testid="run"]');
  await waitForResult(s.page);
  expect(await s.page.locator('[data-testid="error"]').textContent()).toBe('');
  const base = [
    'frontier',
    csv,
    '--group',
    'Gender',
    '--label',
    'Approved',
    '--features',
    'Region,Prior defaults',
  ];
  const r = await runCli([...base, ...flags, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return { json: r.stdout, report: JSON.parse(r.stdout) as ReportV1 };
}

async function downloadedJson(s: Session): Promise<string> {
  const [download] = await Promise.all([
    s.page.waitForEvent('download'),
    s.page.click('[data-testid="download-json"]'),
  ]);
  return readFileSync(await download.path(), 'utf8');
}

test('equal opportunity with the four-fifths rule and a placed model: the CLI numbers, JSON bytes and group table', async () => {
  const s = await openWithRoles();
  const { page } = s;
  await page.selectOption('select[data-testid="predictions"]', 'Model A');
  await page.fill('input[data-testid="tpr"]', '0:0.08:0.02');
  await page.fill('input[data-testid="sp-ratio"]', '0.8');
  const { json, report } = await runBoth(s, [
    '--predictions',
    'Model A',
    '--tpr',
    '0:0.08:0.02',
    '--sp-ratio',
    '0.8',
  ]);
  expect(report.frontier).toHaveLength(5);
  const points = await framePoints(page);
  expect(points).toHaveLength(5);
  points.forEach((p, i) => {
    const q = report.frontier[i];
    expect(Number(p.tpr)).toBe(q.alpha.tpr);
    expect(Number(p.spRatio)).toBe(0.8);
    expect(Math.abs(Number(p.accuracy) - q.accuracy)).toBeLessThanOrEqual(TOL);
  });
  const header = await page.$$eval('#frontier-table thead th', (th) => th.map((h) => h.textContent));
  expect(header).toEqual(
    expect.arrayContaining(['TPR violation', 'SP ratio ratio', 'TPR price', 'SP ratio price']),
  );

  // the model's per-group table: the report's rates, group by group
  const groups = report.models![0].byGroup!;
  expect(groups).toHaveLength(1);
  const shown = await page.$$eval('table[data-testid="model-groups"] tbody tr', (rows) =>
    rows.map((tr) => Array.from(tr.children, (c) => c.textContent ?? '')),
  );
  const table = groups[0];
  expect(shown).toHaveLength(table.byGroup.length + 3);
  table.byGroup.forEach((g, i) => {
    expect(shown[i][0]).toBe(g.group);
    expect(Number(shown[i][1])).toBe(g.rows);
    expect(Math.abs(Number(shown[i][2]) - g.selectionRate!)).toBeLessThanOrEqual(5e-7);
    expect(Math.abs(Number(shown[i][3]) - g.truePositiveRate!)).toBeLessThanOrEqual(5e-7);
    expect(Math.abs(Number(shown[i][4]) - g.falsePositiveRate!)).toBeLessThanOrEqual(5e-7);
  });
  expect(await downloadedJson(s)).toBe(json);
  expect(s.problems).toEqual([]);
  expect(s.refused).toEqual([]);
  await s.context.close();
}, 180_000);

test('balanced accuracy under error-rate parity and bounded group loss: the objective column is the CLI value', async () => {
  const s = await openWithRoles();
  await s.page.fill('input[data-testid="error-rate"]', '0,0.05');
  await s.page.fill('input[data-testid="group-loss"]', '0.45');
  await s.page.fill('input[data-testid="objective"]', 'balanced-accuracy');
  const { json, report } = await runBoth(s, [
    '--error-rate',
    '0,0.05',
    '--group-loss',
    '0.45',
    '--objective',
    'balanced-accuracy',
  ]);
  const points = await framePoints(s.page);
  expect(points).toHaveLength(2);
  points.forEach((p, i) => {
    const q = report.frontier[i];
    expect(Number(p.errorRate)).toBe(q.alpha.errorRate);
    expect(Number(p.groupLoss)).toBe(0.45);
    expect(Math.abs(Number(p.value) - q.value!)).toBeLessThanOrEqual(TOL);
    expect(Math.abs(Number(p.accuracy) - q.accuracy)).toBeLessThanOrEqual(TOL);
  });
  const header = await s.page.$$eval('#frontier-table thead th', (th) => th.map((h) => h.textContent));
  expect(header).toEqual(
    expect.arrayContaining(['balanced accuracy', 'error rate violation', 'group loss price']),
  );
  expect(await downloadedJson(s)).toBe(json);
  expect(s.problems).toEqual([]);
  await s.context.close();
}, 180_000);

test('the population interval (--interval --level) gives the CLI bytes and its columns in the table', async () => {
  const s = await openWithRoles();
  await s.page.fill('input[data-testid="eo"]', '0,0.05');
  await s.page.click('#more-constraints summary');
  await s.page.check('#interval');
  await s.page.fill('#level', '0.9');
  await s.page.fill('#seed', '3');
  const { json, report } = await runBoth(s, [
    '--eo',
    '0,0.05',
    '--interval',
    '--level',
    '0.9',
    '--seed',
    '3',
  ]);
  const interval = report.estimation!.interval!;
  expect(interval).toHaveLength(2);
  expect(interval.every((b) => b.level === 0.9 && b.lower <= b.upper)).toBe(true);
  const rows = await s.page.$$eval('#frontier-table tbody tr', (trs) =>
    trs.map((tr) => Array.from(tr.children, (c) => c.textContent ?? '')),
  );
  const header = await s.page.$$eval('#frontier-table thead th', (th) => th.map((h) => h.textContent ?? ''));
  const lower = header.findIndex((h) => /lower/i.test(h));
  const upper = header.findIndex((h) => /upper/i.test(h));
  expect(lower).toBeGreaterThan(0);
  expect(upper).toBeGreaterThan(0);
  rows.forEach((r, i) => {
    expect(Math.abs(Number(r[lower]) - interval[i].lower)).toBeLessThanOrEqual(5e-7);
    expect(Math.abs(Number(r[upper]) - interval[i].upper)).toBeLessThanOrEqual(5e-7);
  });
  expect(await downloadedJson(s)).toBe(json);
  expect(s.problems).toEqual([]);
  await s.context.close();
}, 180_000);

test('a score column gives its threshold rules with gaps, and the CLI bytes', async () => {
  const s = await openWithRoles();
  await s.page.selectOption('select[data-testid="scores"]', 'Score');
  await s.page.fill('input[data-testid="eo"]', '0:0.1:0.05');
  const { json, report } = await runBoth(s, ['--scores', 'Score', '--eo', '0:0.1:0.05']);
  const curve = report.scoreCurves![0];
  const rules = await s.page.$$eval('[data-testid="score-rule"]', (trs) =>
    trs.map((tr) => Array.from(tr.children, (c) => c.textContent ?? '')),
  );
  const expected = [curve.best, ...curve.groupThresholds];
  expect(rules).toHaveLength(expected.length);
  rules.forEach((r, i) => {
    expect(r[0]).toBe('Score');
    expect(Math.abs(Number(r[4]) - expected[i].accuracy)).toBeLessThanOrEqual(5e-7);
    expect(Math.abs(Number(r[6].replace(' above', '')) - expected[i].gap)).toBeLessThanOrEqual(5e-7);
  });
  expect(await downloadedJson(s)).toBe(json);
  expect(s.problems).toEqual([]);
  await s.context.close();
}, 180_000);
