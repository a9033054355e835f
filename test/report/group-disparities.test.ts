import { expect, test } from 'vitest';
import { wilsonInterval } from '../../src/report/group-table.js';
import type { GroupTableV1, ReportV1 } from '../../src/report/report-types.js';
import { modelCard, reportSchemaErrors } from '../../src/report/index.js';
import { htmlReport } from '../../src/plot/index.js';
import { runCli } from '../cli/run-cli.js';
import { csvFile } from '../data/csv-fixtures.js';

// Per-group rates as Aequitas and fairlearn users read them: intervals, a reference group, a named positive class.

/** 120 seeded rows: three groups, labels yes/no, a prediction column, one feature. */
function rows(): string[][] {
  let state = 11;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: 120 }, (_, i) => {
    const g = ['a', 'b', 'c'][i % 3];
    const x = Math.floor(next() * 4);
    const y = next() < 0.25 + 0.12 * x ? 'yes' : 'no';
    const yhat = x >= 2 || (g === 'b' && x >= 1) ? 'yes' : 'no';
    return [g, y, String(x), yhat];
  });
}
const DATA = rows();
const FILE = csvFile(`g,y,x,yhat\n${DATA.map((r) => r.join(',')).join('\n')}\n`);
const BASE = [
  'frontier',
  FILE,
  '--group',
  'g',
  '--label',
  'y',
  '--predictions',
  'yhat',
  '--eo',
  '0',
  '--json',
];

async function table(extra: string[]): Promise<{ report: ReportV1; t: GroupTableV1 }> {
  const r = await runCli([...BASE, ...extra]);
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout) as ReportV1;
  return { report, t: report.models![0].byGroup![0] };
}

/** Counts by hand: rows of group g (or all) where `pred` holds, out of those where `cond` holds. */
function count(g: string | undefined, cond: (r: string[]) => boolean, pred: (r: string[]) => boolean) {
  const inGroup = DATA.filter((r) => (g === undefined || r[0] === g) && cond(r));
  return { x: inGroup.filter(pred).length, n: inGroup.length };
}

test('the Wilson interval matches published values: 0/10 -> [0, 0.2775], 5/10 -> [0.2366, 0.7634], 81/263', () => {
  const zero = wilsonInterval(0, 10)!;
  expect(zero.lower).toBe(0);
  expect(zero.upper).toBeCloseTo(0.27753, 5);
  const half = wilsonInterval(5, 10)!;
  expect(half.lower).toBeCloseTo(0.23659, 5);
  expect(half.upper).toBeCloseTo(0.76341, 5);
  // Newcombe (1998), Table I, example 1: 81/263 gives 0.2553 to 0.3662.
  const n = wilsonInterval(81, 263)!;
  expect(n.lower).toBeCloseTo(0.2553, 4);
  expect(n.upper).toBeCloseTo(0.3662, 4);
  expect(wilsonInterval(0, 0)).toBeNull();
});

test('each group row carries Wilson intervals of its rates, from the rows counted by hand', async () => {
  const { report, t } = await table(['--positive', 'yes']);
  expect(reportSchemaErrors(report)).toEqual([]);
  for (const row of [...t.byGroup, t.overall]) {
    const g = row.group === 'overall' ? undefined : row.group;
    const sel = count(
      g,
      () => true,
      (r) => r[3] === 'yes',
    );
    const tpr = count(
      g,
      (r) => r[1] === 'yes',
      (r) => r[3] === 'yes',
    );
    const fpr = count(
      g,
      (r) => r[1] === 'no',
      (r) => r[3] === 'yes',
    );
    const acc = count(
      g,
      () => true,
      (r) => r[1] === r[3],
    );
    expect(row.selectionRate).toBeCloseTo(sel.x / sel.n, 12);
    const expectInterval = (
      got: { lower: number; upper: number } | null | undefined,
      c: { x: number; n: number },
    ) => {
      const want = wilsonInterval(c.x, c.n)!;
      expect(got!.lower).toBeCloseTo(want.lower, 12);
      expect(got!.upper).toBeCloseTo(want.upper, 12);
    };
    expectInterval(row.intervals!.selectionRate, sel);
    expectInterval(row.intervals!.truePositiveRate, tpr);
    expectInterval(row.intervals!.falsePositiveRate, fpr);
    expectInterval(row.intervals!.accuracy, acc);
    expect(row.intervals!.level).toBe(0.95);
  }
});

test('--reference-group gives ratios and differences against the reference, passing within [0.8, 1.25]', async () => {
  const { t } = await table(['--positive', 'yes', '--reference-group', 'a']);
  const ref = t.reference!;
  expect(ref.referenceGroup).toBe('a');
  expect(ref.band).toEqual([0.8, 1.25]);
  const selection = (g: string) => {
    const c = count(
      g,
      () => true,
      (r) => r[3] === 'yes',
    );
    return c.x / c.n;
  };
  for (const d of ref.byGroup) {
    const ratio = selection(d.group) / selection('a');
    expect(d.ratio.selectionRate).toBeCloseTo(ratio, 12);
    expect(d.difference.selectionRate).toBeCloseTo(selection(d.group) - selection('a'), 12);
    expect(d.passes.selectionRate).toBe(ratio >= 0.8 && ratio <= 1.25);
  }
  expect(ref.byGroup.find((d) => d.group === 'a')!.ratio.selectionRate).toBe(1);
  // A stricter band, 0.9: the pass marks follow it.
  const strict = (await table(['--reference-group', 'a', '--disparity-band', '0.9'])).t.reference!;
  expect(strict.band[0]).toBe(0.9);
  for (const d of strict.byGroup)
    if (d.ratio.selectionRate !== null)
      expect(d.passes.selectionRate).toBe(d.ratio.selectionRate >= 0.9 && d.ratio.selectionRate <= 1 / 0.9);
});

test('the text, Markdown, HTML and the card show the disparity rows with their verdicts', async () => {
  const r = await runCli([...BASE.slice(0, -1), '--reference-group', 'a', '--quiet']);
  expect(r.stdout).toMatch(/disparities against "a": ratio \(pass within \[0\.8, 1\.25\]\)/);
  expect(r.stdout).toMatch(/^b \/ a\s+\d\.\d{4} (pass|fail)/m);
  expect(r.stdout).toMatch(/^c - a\s+-?\d\.\d{4}/m);
  const md = await runCli([...BASE.slice(0, -1), '--reference-group', 'a', '--format', 'md']);
  expect(md.stdout).toMatch(/\| b \/ a \| {2}\| \d\.\d{4} (pass|fail) \|/);
  const { report } = await table(['--reference-group', 'a']);
  expect(await htmlReport(report)).toMatch(
    /<th scope="row">b \/ a<\/th><td><\/td><td>\d\.\d{6} (pass|fail)<\/td>/,
  );
  expect(modelCard(report, 'md')).toMatch(/\| c - a \| {2}\| -?\d\.\d{4} \|/);
});

test('--positive names the positive class: the other label gives the complementary selection rates', async () => {
  const yes = (await table(['--positive', 'yes'])).t;
  const no = (await table(['--positive', 'no'])).t;
  expect(yes.className).toBe('yes');
  expect(no.className).toBe('no');
  yes.byGroup.forEach((g, i) => expect(no.byGroup[i].selectionRate).toBeCloseTo(1 - g.selectionRate!, 12));
  // The TPR of "no" is the true-negative rate of "yes": 1 - FPR.
  yes.byGroup.forEach((g, i) =>
    expect(no.byGroup[i].truePositiveRate).toBeCloseTo(1 - g.falsePositiveRate!, 12),
  );
});

test('refusals: an unknown reference group (with the nearest name), no placed model, a band alone, an unknown positive class', async () => {
  const unknown = await runCli([...BASE, '--reference-group', 'aa']);
  expect(unknown.code).not.toBe(0);
  expect(unknown.stderr).toContain('E_BAD_OPTION: reference group "aa" is not a group; did you mean "a"?');
  expect(unknown.stderr).toContain('option --reference-group');
  const noModel = await runCli([
    'frontier',
    FILE,
    '--group',
    'g',
    '--label',
    'y',
    '--eo',
    '0',
    '--reference-group',
    'a',
  ]);
  expect(noModel.stderr).toMatch(/E_USAGE: referenceGroup compares the groups of a placed model/);
  const bandAlone = await runCli([...BASE, '--disparity-band', '0.8']);
  expect(bandAlone.code).toBe(2);
  const badBand = await runCli([...BASE, '--reference-group', 'a', '--disparity-band', '1.5']);
  expect(badBand.stderr).toContain('--disparity-band');
  const positive = await runCli([...BASE, '--positive', 'Yes']);
  expect(positive.stderr).toContain('positive class "Yes" is not a label value; did you mean "yes"?');
});
