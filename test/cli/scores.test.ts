import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type ReportV1, reportSchemaErrors } from '../../src/report/index.js';
import { runCli, tempDir } from './run-cli.js';

/** 200 rows: group, label, a feature, a score and its two class probabilities; `edit` changes one line. */
function scoresCsv(dir: string, edit?: (line: string, i: number) => string): string {
  const lines = ['g,y,x,s,p_no,p_yes,y3'];
  for (let i = 0; i < 200; i++) {
    const g = i % 3 === 0 ? 'b' : 'a';
    const x = i % 4;
    const y = (x + (g === 'b' ? 1 : 0) + (i % 7 === 0 ? 1 : 0)) % 2;
    const s = Number((0.1 + 0.2 * x + (g === 'b' ? 0.05 : 0)).toFixed(2));
    const line = `${g},${y},${x},${s},${(1 - s).toFixed(2)},${s},${i % 3}`;
    lines.push(edit ? edit(line, i) : line);
  }
  const file = join(dir, 'scores.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const base = (file: string) => [
  'frontier',
  file,
  '--group',
  'g',
  '--label',
  'y',
  '--features',
  'x',
  '--eo',
  '0:0.2:0.1',
  '--quiet',
];

describe('frontier --scores', () => {
  test('places one model per column, a comma list and per-class columns alike, with a valid report', async () => {
    const file = scoresCsv(tempDir());
    const r = await runCli([...base(file), '--scores', 's', '--scores', 'p_no+p_yes', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ReportV1;
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.scoreCurves!.map((c) => c.name)).toEqual(['s', 'p_no+p_yes']);
    // The positive-class column of the per-class form is the same score: the same curve.
    const [a, b] = report.scoreCurves!;
    // (FairFront there comes from warm-started LPs: equal up to rounding.)
    const measured = (c: typeof a) => c.points.map(({ frontierAccuracy, gap, ...p }) => p);
    expect(measured(b)).toEqual(measured(a));
    b.points.forEach((p, i) =>
      expect(p.frontierAccuracy ?? 0).toBeCloseTo(a.points[i].frontierAccuracy ?? 0, 9),
    );
    expect(b.groupThresholds.map((g) => g.accuracy)).toEqual(a.groupThresholds.map((g) => g.accuracy));
    // Each score is a function of x here, and x is the only feature: never above the frontier.
    expect(a.isCellFunction).toBe(true);
    expect(a.groupThresholds.every((g) => !g.isAboveFrontier)).toBe(true);
  });

  test('prints the score table in text and marks score rows in CSV', async () => {
    const file = scoresCsv(tempDir());
    const text = await runCli([...base(file), '--scores', 's']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/score model +rule +measure/);
    expect(text.stdout).toMatch(/equalized_odds/);
    const csv = await runCli([...base(file), '--scores', 's', '--format', 'csv']);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/,row,score_model,rule,frontier_accuracy,gap,above_frontier$/);
    expect(lines.filter((l) => l.includes(',group thresholds,s,'))).toHaveLength(4);
  });

  test.each([
    ['a missing column', undefined, 'nope', /E_MISSING_COLUMN.*nope/],
    [
      'a text score',
      (l: string, i: number) => (i === 5 ? l.replace(/,0\.\d+,0\.\d+,/, ',high,0.5,') : l),
      's',
      /E_NOT_NUMERIC.*"high".*line 7/,
    ],
    [
      'a NaN score',
      (l: string, i: number) => (i === 9 ? l.replace(/,0\.\d+,0\.\d+,/, ',NaN,0.5,') : l),
      's',
      /E_NOT_FINITE.*line 11/,
    ],
    [
      'an empty score',
      (l: string, i: number) => (i === 3 ? l.replace(/,0\.\d+,0\.\d+,/, ',,0.5,') : l),
      's',
      /E_MISSING_VALUE.*line 5/,
    ],
    [
      'per-class columns not summing to 1',
      (l: string, i: number) => (i === 2 ? l.replace(/,(0\.\d+),(0\.\d+),(\d)$/, ',$1,0.99,$3') : l),
      'p_no+p_yes',
      /E_NOT_A_DISTRIBUTION.*line 4/,
    ],
    ['three per-class columns for two classes', undefined, 'p_no+p_yes+s', /E_USAGE.*not 3/],
  ])(
    'refuses %s with a coded error naming the place, and writes nothing',
    async (_, edit, scores, message) => {
      const dir = tempDir();
      const file = scoresCsv(dir, edit);
      const out = join(dir, 'r.json');
      const r = await runCli([...base(file), '--scores', scores, '--out', out]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/^fairlimit: E_/);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    },
  );

  test('refuses more than two classes, saying why', async () => {
    const file = scoresCsv(tempDir());
    const r = await runCli([...base(file).map((a) => (a === 'y' ? 'y3' : a)), '--scores', 's']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/E_USAGE.*binary labels.*ThresholdOptimizer is binary-only/);
  });

  test('refuses --scores with a counts table', async () => {
    const dir = tempDir();
    const counts = join(dir, 'c.csv');
    writeFileSync(counts, 'g,y,x,n\na,0,0,3\na,1,0,2\nb,0,0,2\nb,1,0,4\n');
    const r = await runCli(['frontier', '--counts', counts, '--group', 'g', '--label', 'y', '--scores', 's']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/E_USAGE.*--scores/);
  });
});
