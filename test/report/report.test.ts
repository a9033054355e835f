import { parse as parseYaml } from 'yaml';
import { expect, test } from 'vitest';
import { syntheticTable, tableFromData } from '../../src/data/index.js';
import {
  checkReport,
  formatReport,
  frontierReport,
  modelCard,
  parseReport,
  reportSchemaErrors,
  type ReportV1,
} from '../../src/report/index.js';

/**
 * Groups with identical (x, y) distributions: every fairness constraint is free, so the frontier is flat at the
 * Bayes accuracy, which here is (by hand) per x the larger label count: x=0: 3 vs 1, x=1: 1 vs 2, x=2: 2 vs 2,
 * for each of the two groups: 2 * (3 + 2 + 2) / 2 * (4 + 3 + 4) = 14 / 22.
 */
function identicalGroups() {
  const perGroup = [
    [0, 1],
    [0, 1],
    [0, 1],
    [0, 0],
    [1, 0],
    [1, 1],
    [1, 1],
    [2, 0],
    [2, 0],
    [2, 1],
    [2, 1],
  ];
  const rows = ['a', 'b'].flatMap((g) => perGroup.map(([x, y]) => ({ g, y, x })));
  return tableFromData(rows, { group: 'g', label: 'y', name: 'identical' });
}

const sourceOf = (name: string) => ({ kind: 'memory' as const, name });

test('identical groups: the frontier is flat at the hand-computed Bayes accuracy, and the report validates', async () => {
  const { table, summary } = identicalGroups();
  const report = await frontierReport(
    { table, tableSummary: summary, source: sourceOf('identical') },
    { alphas: { eo: [0, 0.05, 1] } },
  );
  expect(reportSchemaErrors(report)).toEqual([]);
  expect(report.reference.bayesAccuracy).toBeCloseTo(14 / 22, 12);
  for (const p of report.frontier) {
    expect(p.accuracy).toBeCloseTo(14 / 22, 9);
    expect(p.dualBound).toBeGreaterThanOrEqual(p.accuracy - 1e-9);
  }
  expect(report.frontier.map((p) => [p.alpha.sp, p.alpha.eo, p.alpha.oae])).toEqual([
    [1, 0, 1],
    [1, 0.05, 1],
    [1, 1, 1],
  ]);
  // Every other criterion is written at its vacuous bound (ratios 0, the rest 1).
  expect(report.frontier[0].alpha).toMatchObject({ tpr: 1, fpr: 1, errorRate: 1, spRatio: 0, groupLoss: 1 });
  expect(report.settings.constraints).toEqual({
    swept: ['eo'],
    alphas: { sp: [1], eo: [0, 0.05, 1], oae: [1] },
  });
});

test('the data summary counts rows, shares and cells by hand', async () => {
  const { table, summary } = identicalGroups();
  const report = await frontierReport(
    { table, tableSummary: summary, source: sourceOf('identical') },
    { alphas: { eo: [0] } },
  );
  const d = report.data;
  expect(d.nRows).toBe(22);
  expect(d.groups).toEqual([
    { name: 'a', rows: 11, share: 0.5 },
    { name: 'b', rows: 11, share: 0.5 },
  ]);
  expect(d.labels.map((l) => l.rows)).toEqual([8, 14]);
  expect(d.groupLabels.find((p) => p.group === 'b' && p.label === '0')).toEqual({
    group: 'b',
    label: '0',
    rows: 4,
    share: Number((4 / 22).toPrecision(12)),
  });
  expect(d.cells).toEqual({
    count: 6,
    isGroupAware: true,
    perRow: Number((6 / 22).toPrecision(12)),
    singleRowShare: 0,
  });
  // 6 cells for 22 rows is above CELLS_PER_ROW_WARNING; every (group, label) pair has fewer than 20 rows.
  expect(d.warnings[0]).toMatch(/^6 cells for 22 rows/);
  expect(d.warnings.filter((w) => /only \d+ rows with label/.test(w))).toHaveLength(4);
});

test('the same input gives the same bytes', async () => {
  const table = syntheticTable({ seed: 3, nRows: 800 });
  const run = () =>
    frontierReport({ table, source: sourceOf(table.name) }, { alphas: { sp: [0, 0.1], eo: [0.02] } });
  expect(JSON.stringify(await run())).toBe(JSON.stringify(await run()));
});

test('a 2-D sweep is stored row-major with its grid, and each point equals the 1-D solve at the same alphas', async () => {
  const table = syntheticTable({ seed: 5, nRows: 1500, nGroups: 3, nClasses: 3 });
  const grid = await frontierReport(
    { table, source: sourceOf(table.name) },
    { alphas: { sp: [0.02, 0.1, 1], oae: [0, 0.05] } },
  );
  expect(reportSchemaErrors(grid)).toEqual([]);
  expect(grid.grid).toEqual({ x: 'sp', y: 'oae', xAlphas: [0.02, 0.1, 1], yAlphas: [0, 0.05] });
  expect(grid.frontier.map((p) => [p.alpha.sp, p.alpha.oae])).toEqual([
    [0.02, 0],
    [0.02, 0.05],
    [0.1, 0],
    [0.1, 0.05],
    [1, 0],
    [1, 0.05],
  ]);
  const line = await frontierReport(
    { table, source: sourceOf(table.name) },
    { alphas: { sp: [0.02, 0.1, 1], oae: [0.05] } },
  );
  line.frontier.forEach((p, i) => expect(grid.frontier[2 * i + 1].accuracy).toBeCloseTo(p.accuracy, 7));
  // More tolerance never lowers the frontier.
  for (let i = 0; i < 2; i++)
    expect(grid.frontier[2 * i + 2].accuracy).toBeGreaterThanOrEqual(grid.frontier[2 * i].accuracy - 1e-7);
});

test('refuses three swept measures', async () => {
  const table = syntheticTable({ seed: 1, nRows: 200 });
  await expect(
    frontierReport({ table, source: sourceOf('s') }, { alphas: { sp: [0, 1], eo: [0, 1], oae: [0, 1] } }),
  ).rejects.toMatchObject({ code: 'E_USAGE' });
});

test('models: a constant classifier has no violation and its class share as accuracy; a perfect one reaches 1', async () => {
  const table = syntheticTable({ seed: 2, nRows: 1000 });
  const constant = new Int32Array(table.nRows).fill(1);
  let ones = 0;
  for (const y of table.label) if (y === 1) ones++;
  const report = await frontierReport(
    {
      table,
      source: sourceOf(table.name),
      predictions: [
        { name: 'always 1', prediction: constant },
        { name: 'oracle', prediction: Int32Array.from(table.label) },
      ],
    },
    { alphas: { eo: [0, 0.1] }, models: [{ name: 'given', measure: 'eo', violation: 0.1, accuracy: 0.6 }] },
  );
  expect(reportSchemaErrors(report)).toEqual([]);
  const [given, always, oracle] = report.models!;
  expect(given.frontierAccuracy).toBeCloseTo(report.frontier[1].accuracy, 9);
  expect(given.gap).toBeCloseTo(report.frontier[1].accuracy - 0.6, 9);
  expect(always.accuracy).toBeCloseTo(ones / table.nRows, 12);
  expect(always.violations).toMatchObject({
    sp: 0,
    eo: 0,
    oae: expect.any(Number),
    tpr: 0,
    fpr: 0,
    spRatio: 1,
  });
  expect(always.frontierAccuracy).toBeCloseTo(report.frontier[0].accuracy, 9);
  expect(oracle.accuracy).toBe(1);
  expect(oracle.violation).toBe(0);
  // The oracle sees the label, the frontier only the cells: a negative gap, reported as is.
  expect(oracle.gap).toBeLessThan(0);
});

async function smallReport(): Promise<ReportV1> {
  const table = syntheticTable({ seed: 4, nRows: 600 });
  return frontierReport(
    { table, source: sourceOf(table.name) },
    {
      alphas: { eo: [0, 0.05, 0.1] },
      models: [{ name: 'logit|v2', measure: 'eo', violation: 0.05, accuracy: 0.55 }],
    },
  );
}

test('formats: csv has every digit, md and table show each point, json round-trips through the schema', async () => {
  const report = await smallReport();
  const csv = formatReport(report, 'csv').trim().split('\n');
  // 12 columns for sp, eo, oae; the other criteria's columns appear only when the report uses them.
  expect(csv[0].split(',')).toHaveLength(12);
  expect(csv).toHaveLength(4);
  expect(Number(csv[2].split(',')[3])).toBe(report.frontier[1].accuracy);
  const md = formatReport(report, 'md');
  expect(md).toContain('| alpha eo | accuracy | dual bound | price eo |');
  expect(md).toContain('logit\\|v2'); // pipes escaped
  expect(formatReport(report, 'table')).toContain(report.frontier[2].accuracy.toFixed(6));
  expect(parseReport(formatReport(report, 'json'))).toEqual(report);
});

test('parseReport refuses a wrong version and a report that breaks the schema', async () => {
  const report = await smallReport();
  expect(() => parseReport(JSON.stringify({ ...report, schemaVersion: 2 }), 'r.json')).toThrowError(
    /schemaVersion 2/,
  );
  const broken = { ...report, frontier: [{ ...report.frontier[0], accuracy: 'high' }] };
  expect(() => parseReport(JSON.stringify(broken), 'r.json')).toThrowError(
    expect.objectContaining({ code: 'E_BAD_REPORT' }),
  );
  expect(() => parseReport('{', 'r.json')).toThrowError(expect.objectContaining({ code: 'E_BAD_REPORT' }));
});

test('model cards: hf is front matter with typed metrics, mct a quantitative_analysis fragment, md a section', async () => {
  const report = await smallReport();
  const hf = modelCard(report, 'hf', { name: 'my-model' });
  const front = parseYaml(hf.slice(4, hf.indexOf('\n---\n', 4) + 1)) as {
    'model-index': { name: string; results: { metrics: { type: string; value: number }[] }[] }[];
  };
  expect(front['model-index'][0].name).toBe('my-model');
  const metrics = front['model-index'][0].results[0].metrics;
  // accuracy, eo violation, limit at its violation, gap; three frontier limits; the Bayes accuracy.
  expect(metrics.map((m) => m.type)).toEqual([
    'accuracy',
    'eo_violation',
    'fairfront_accuracy_limit',
    'epistemic_gap',
    'fairfront_accuracy_limit',
    'fairfront_accuracy_limit',
    'fairfront_accuracy_limit',
    'bayes_accuracy_limit',
  ]);
  expect(metrics[0].value).toBe(0.55);
  expect(metrics[4].value).toBe(report.frontier[0].accuracy);
  const mct = JSON.parse(modelCard(report, 'mct')) as {
    quantitative_analysis: { performance_metrics: { type: string; value: string; slice: string }[] };
  };
  const pm = mct.quantitative_analysis.performance_metrics;
  expect(pm[0]).toEqual({ type: 'accuracy', value: '0.55', slice: 'logit|v2' });
  expect(pm.find((m) => m.slice === 'eo <= 0')?.value).toBe(String(report.frontier[0].accuracy));
  expect(pm.find((m) => m.type.startsWith('epistemic gap'))?.value).toBe(String(report.models![0].gap));
  expect(modelCard(report, 'md')).toMatch(/^## Fairness of logit\|v2, against the limits of its data\n/);
});

test('check passes at the largest gap and fails just below it, naming the model', async () => {
  const report = await smallReport();
  const gap = report.models![0].gap;
  expect(checkReport(report, { maxGap: gap }).passed).toBe(true);
  const fail = checkReport(report, { maxGap: gap - 1e-6 });
  expect(fail.passed).toBe(false);
  expect(fail.reason).toMatch(/^model "logit\|v2" gap .* exceeds --max-gap/);
  expect(fail.reason).not.toContain('\n');
  const noModels = { ...report, models: undefined };
  expect(() => checkReport(noModels, { maxGap: 0.1 })).toThrowError(
    expect.objectContaining({ code: 'E_BAD_REPORT' }),
  );
});
