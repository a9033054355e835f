import { type TopLevelSpec, compile } from 'vega-lite';
import { expect, test } from 'vitest';
import { syntheticTable } from '../../src/data/index.js';
import { frontierLpSize } from '../../src/limits/index.js';
import { distributionFromTable } from '../../src/distribution/index.js';
import { frontierSpec, heatmapSpec, htmlReport, renderSvg } from '../../src/plot/index.js';
import { formatReport, frontierReport, reportSchemaErrors, type ReportV1 } from '../../src/report/index.js';
import type { VegaLiteSpec } from '../../src/plot/index.js';

/** Our plain-JSON spec as vega-lite's own type, for its compiler. */
const asTopLevel = (spec: VegaLiteSpec): TopLevelSpec => JSON.parse(JSON.stringify(spec)) as TopLevelSpec;

const table = syntheticTable({ seed: 21, nRows: 700 });
const source = { kind: 'memory' as const, name: 'est' };
const alphas = { eo: [0, 0.05, 0.2] };

/** Held-out folds, bootstrap bands and cutting planes in one report. */
const estimated: Promise<ReportV1> = frontierReport(
  { table, source },
  { alphas, estimation: { method: 'cutting-plane', folds: 2, bootstrap: 3, interval: true, seed: 5 } },
);
/** The bracket fallback (a threshold just below the LP's size). */
const fallback: Promise<ReportV1> = frontierReport(
  { table, source },
  {
    alphas,
    maxExactNonzeros:
      frontierLpSize(distributionFromTable(table, { isGroupAware: true }).distribution).nNonzeros - 1,
  },
);

interface Layer {
  data?: { values: Record<string, number>[] };
  mark: string | { type: string; strokeDash?: number[] };
  encoding: Record<string, { field?: string }>;
}
const markType = (l: Layer) => (typeof l.mark === 'string' ? l.mark : l.mark.type);

test('table, md and csv show the held-out, bootstrap and cutting-plane columns with the JSON numbers', async () => {
  const report = await estimated;
  expect(reportSchemaErrors(report)).toEqual([]);
  const e = report.estimation!;
  const text = formatReport(report, 'table');
  const lines = text.split('\n');
  // The header row starts with the alpha column (a features line may precede it).
  const at = lines.findIndex((l) => l.startsWith('alpha'));
  const header = lines[at];
  for (const h of [
    'accuracy',
    'train',
    'held-out',
    'resample 95% lower',
    'resample 95% upper',
    '95% CI lower',
    '95% CI upper',
    'achievable held-out',
    'cut-plane bound',
    'cut-plane iters',
  ])
    expect(header).toContain(h);
  // Row i: alpha, exact accuracy, ..., then the estimates of alpha set i.
  e.honest!.points.forEach((p, i) => {
    const row = lines[at + 2 + i].trim().split(/\s+/);
    expect(row[0]).toBe(String(alphas.eo[i]));
    expect(row[1]).toBe(report.frontier[i].accuracy.toFixed(6));
    expect(row).toContain(p.heldOut.accuracy.toFixed(6));
    expect(row).toContain(e.bootstrap!.bands[i].lower.toFixed(6));
    expect(row).toContain(e.bootstrap!.bands[i].upper.toFixed(6));
    expect(row).toContain(e.interval![i].lower.toFixed(6));
    expect(row).toContain(e.interval![i].upper.toFixed(6));
    expect(row.at(-1)).toBe(e.cuttingPlane![i].converged ? 'yes' : 'no');
    expect(row.at(-2)).toBe(String(e.cuttingPlane![i].iterations));
  });
  expect(text).toContain('2-fold cross-fitting, seed 5');
  expect(text).toContain('over 3 bootstrap resamples');
  expect(text).toContain('not a confidence interval for the population frontier');
  expect(text).toContain(
    'CI: 95% confidence interval (cross-fit-lagrangian, 5 folds, seed 5) for the population FairFront',
  );

  const md = formatReport(report, 'md');
  expect(md).toContain('| held-out |');
  expect(md).toContain('- held-out: the optimal classifier of the training rows');

  const [csvHeader, ...csvRows] = formatReport(report, 'csv').trim().split('\n');
  const cols = csvHeader.split(',');
  expect(cols.slice(0, 3)).toEqual(['alpha_sp', 'alpha_eo', 'alpha_oae']);
  for (const c of [
    'heldout_accuracy',
    'achievable_heldout_accuracy',
    'bootstrap_lower',
    'bootstrap_upper',
    'interval_lower',
    'interval_upper',
    'cutting_plane_upper',
  ])
    expect(cols).toContain(c);
  csvRows.forEach((line, i) => {
    const v = line.split(',');
    // Every digit: the CSV parses back to the JSON's numbers.
    expect(Number(v[cols.indexOf('accuracy')])).toBe(report.frontier[i].accuracy);
    expect(Number(v[cols.indexOf('heldout_accuracy')])).toBe(e.honest!.points[i].heldOut.accuracy);
    expect(Number(v[cols.indexOf('heldout_violation_eo')])).toBe(e.honest!.points[i].heldOut.violations.eo);
    expect(Number(v[cols.indexOf('bootstrap_lower')])).toBe(e.bootstrap!.bands[i].lower);
    expect(Number(v[cols.indexOf('interval_upper')])).toBe(e.interval![i].upper);
    const achievable = e.honest!.points[i].achievable;
    expect(v[cols.indexOf('achievable_heldout_accuracy')]).toBe(
      achievable ? String(achievable.accuracy) : '',
    );
    expect(Number(v[cols.indexOf('cutting_plane_upper')])).toBe(e.cuttingPlane![i].upperBound);
  });
});

test('without estimates the formats keep their columns (no estimation columns)', async () => {
  const plain = await frontierReport({ table, source }, { alphas });
  expect(formatReport(plain, 'csv').split('\n')[0]).toBe(
    'alpha_sp,alpha_eo,alpha_oae,accuracy,dual_bound,status,violation_sp,violation_eo,violation_oae,price_sp,price_eo,price_oae',
  );
  expect(
    formatReport(plain, 'table')
      .split('\n')
      .find((l) => l.startsWith('alpha'))!
      .trim()
      .split(/\s{2,}/),
  ).toEqual(['alpha eo', 'accuracy', 'dual bound', 'price eo']);
});

test('the chart draws the interval and resample bands, held-out points at their held-out violation and the achievable held-out curve dashed', async () => {
  const report = await estimated;
  const spec = frontierSpec(report) as { layer: Layer[] };
  // interval band, resample band, exact curve, achievable held-out curve, held-out points, Bayes line and label
  expect(spec.layer.map(markType)).toEqual(['area', 'area', 'line', 'line', 'point', 'rule', 'text']);
  const [interval, band, curve, achievable, heldOut] = spec.layer;
  expect(band.encoding.y.field).toBe('lower');
  expect(band.encoding.y2.field).toBe('upper');
  expect(band.data!.values).toEqual(
    report.estimation!.bootstrap!.bands.map((b) => ({ alpha: b.alpha.eo, lower: b.lower, upper: b.upper })),
  );
  expect(interval.data!.values).toEqual(
    report.estimation!.interval!.map((b) => ({ alpha: b.alpha.eo, lower: b.lower, upper: b.upper })),
  );
  expect((achievable.mark as { strokeDash: number[] }).strokeDash).toEqual([6, 4]);
  expect(achievable.data!.values.map((v) => v.accuracy)).toEqual(
    report.estimation!.honest!.points.flatMap((p) => (p.achievable ? [p.achievable.accuracy] : [])),
  );
  // Each held-out point sits at its own held-out violation, not at the training alpha.
  expect(heldOut.encoding.x.field).toBe('x');
  expect(heldOut.data!.values.map((v) => [v.x, v.accuracy])).toEqual(
    report.estimation!.honest!.points.map((p) => [p.heldOut.violations.eo, p.heldOut.accuracy]),
  );
  expect((curve.mark as { strokeDash?: number[] }).strokeDash).toBeUndefined();
  expect(curve.data!.values.map((v) => v.accuracy)).toEqual(report.frontier.map((p) => p.accuracy));
  // Each layer is its own legend entry (one colour scale for all), named in words.
  const legend = (l: Layer) => (l.encoding.color as { datum?: string }).datum;
  expect([interval, band, curve, achievable, heldOut].map(legend)).toEqual([
    '95% interval for the population FairFront',
    `spread over ${report.estimation!.bootstrap!.replicates} bootstrap resamples (not an interval)`,
    'FairFront (exact LP, in sample)',
    'achievable held-out accuracy',
    'held-out accuracy of the fitted rule, at its held-out violation',
  ]);
  // The y domain holds the bands and the held-out values.
  const domain = (curve.encoding.y as { scale: { domain: [number, number] } }).scale.domain;
  const plotted = [
    ...band.data!.values.flatMap((b) => [b.lower, b.upper]),
    ...interval.data!.values.flatMap((b) => [b.lower, b.upper]),
    ...heldOut.data!.values.map((v) => v.accuracy),
  ];
  expect(domain[0]).toBeLessThanOrEqual(Math.min(...plotted));
  expect(domain[1]).toBeGreaterThanOrEqual(Math.max(...plotted));
  expect(() => compile(asTopLevel(frontierSpec(report)))).not.toThrow();
});

test('the bracket fallback: chart without an exact curve, table, csv and HTML with the bounds', async () => {
  const report = await fallback;
  expect(report.frontier).toEqual([]);
  const spec = frontierSpec(report) as { layer: Layer[] };
  // the bracket as a band and bars, the Bayes line and its label; no exact curve
  expect(spec.layer.map(markType)).toEqual(['area', 'rule', 'rule', 'text']);
  expect(spec.layer[1].data!.values).toEqual(
    report.estimation!.bracket!.map((b) => ({ alpha: b.alpha.eo, lower: b.lower, upper: b.upper })),
  );
  const svg = await renderSvg(frontierSpec(report));
  expect(svg).toContain('<svg');
  const text = formatReport(report, 'table');
  expect(text).toContain('FairFront (certified bracket: the exact LP was too large)');
  expect(text).not.toContain('dual bound');
  const csv = formatReport(report, 'csv').trim().split('\n');
  const cols = csv[0].split(',');
  expect(cols.slice(-2)).toEqual(['bracket_lower', 'bracket_upper']);
  expect(csv[1].split(',')[cols.indexOf('accuracy')]).toBe('');
  expect(Number(csv[1].split(',')[cols.indexOf('bracket_upper')])).toBe(report.estimation!.bracket![0].upper);
  const html = await htmlReport(report);
  expect(html).toContain('<th scope="col">bracket lower</th>');
  expect(html).toContain(report.estimation!.bracket![2].upper.toFixed(6));
  expect(html).toContain('Certified bracket of FairFront at each constraint');
  expect(html).toContain('the exact LP would have');
});

test('a grid with the bracket fallback colors the heat map by the lower bound and labels both bounds', async () => {
  const size = frontierLpSize(distributionFromTable(table, { isGroupAware: true }).distribution).nNonzeros;
  const grid = await frontierReport(
    { table, source },
    { alphas: { sp: [0, 0.1], eo: [0, 0.1] }, maxExactNonzeros: size - 1 },
  );
  const spec = heatmapSpec(grid) as { data: { values: { accuracy: number; label: string }[] } };
  const b = grid.estimation!.bracket!;
  expect(spec.data.values.map((v) => v.accuracy)).toEqual(b.map((x) => x.lower));
  expect(spec.data.values[0].label).toBe(`${b[0].lower.toFixed(3)}–${b[0].upper.toFixed(3)}`);
});

test('the HTML report shows the held-out and bootstrap columns and their notes', async () => {
  const report = await estimated;
  const html = await htmlReport(report);
  expect(html).toContain('<th scope="col">held-out</th>');
  expect(html).toContain('<th scope="col">resample 95% lower</th>');
  expect(html).toContain('<th scope="col">95% CI upper</th>');
  expect(html).toContain(report.estimation!.honest!.points[1].heldOut.accuracy.toFixed(6));
  expect(html).toContain('<ul class="notes"><li>held-out: the optimal classifier');
});
