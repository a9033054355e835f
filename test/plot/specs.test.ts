import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type TopLevelSpec, compile } from 'vega-lite';
import { expect, test } from 'vitest';
import { syntheticTable } from '../../src/data/index.js';
import { frontierSpec, heatmapSpec, renderSvg, reportSpec, svgToPng } from '../../src/plot/index.js';
import { frontierReport, type ReportV1 } from '../../src/report/index.js';
import type { VegaLiteSpec } from '../../src/plot/index.js';

/** Our plain-JSON spec as vega-lite's own type, for its compiler. */
const asTopLevel = (spec: VegaLiteSpec): TopLevelSpec => JSON.parse(JSON.stringify(spec)) as TopLevelSpec;

const artifacts = resolve(dirname(fileURLToPath(import.meta.url)), '../../artifacts');

async function curveReport(): Promise<ReportV1> {
  const table = syntheticTable({ seed: 11, nRows: 1200 });
  return frontierReport(
    { table, source: { kind: 'synthetic', name: table.name, seed: 11 } },
    {
      alphas: { eo: [0, 0.02, 0.05, 0.1] },
      models: [{ name: 'm1', measure: 'eo', violation: 0.04, accuracy: 0.6 }],
    },
  );
}

interface Layer {
  data?: { values: Record<string, unknown>[] };
  mark: string | { type: string };
  encoding: Record<string, { field?: string; title?: string }>;
}
const markType = (l: Layer) => (typeof l.mark === 'string' ? l.mark : l.mark.type);

test('the frontier spec plots every point, the Bayes rule, and each model with its gap segment', async () => {
  const report = await curveReport();
  const spec = frontierSpec(report) as { layer: Layer[] };
  // curve, Bayes line and its label, gap segments, one point per model
  expect(spec.layer.map(markType)).toEqual(['line', 'rule', 'text', 'rule', 'point']);
  const [curve, bayes, bayesLabel, gap, model] = spec.layer;
  expect(curve.data!.values.map((v) => [v.alpha, v.accuracy])).toEqual(
    report.frontier.map((p) => [p.alpha.eo, p.accuracy]),
  );
  expect(bayes.data!.values[0].bayes).toBe(report.reference.bayesAccuracy);
  expect(bayesLabel.data!.values[0].text).toBe(`Bayes accuracy ${report.reference.bayesAccuracy.toFixed(4)}`);
  // Every layer but the label has a legend entry in one colour scale: the gap segments are named.
  const legend = (l: Layer) => (l.encoding.color as { datum?: string }).datum;
  expect([curve, bayes, gap, model].map(legend)).toEqual([
    'FairFront (exact LP, in sample)',
    'Bayes accuracy (no constraint)',
    'epistemic gap (up to FairFront at the model’s violation)',
    'm1',
  ]);
  expect(curve.encoding.x.title).toBe('equalized odds: tolerance α_EO or measured violation');
  // The gap segment runs from the model's accuracy to FairFront at the model's own violation.
  expect(gap.encoding.y.field).toBe('accuracy');
  expect(gap.encoding.y2.field).toBe('frontierAccuracy');
  expect(gap.data!.values[0]).toMatchObject({
    violation: 0.04,
    accuracy: 0.6,
    frontierAccuracy: report.models![0].frontierAccuracy,
  });
  expect(model.encoding.x.field).toBe('violation');
  // The y domain holds every plotted value.
  const domain = (curve.encoding.y as { scale: { domain: [number, number] } }).scale.domain;
  expect(domain[0]).toBeLessThanOrEqual(0.6);
  expect(domain[1]).toBeGreaterThanOrEqual(report.reference.bayesAccuracy);
  expect(() => compile(asTopLevel(frontierSpec(report)))).not.toThrow();
});

test('a grid report gives a heat map with one rect per alpha pair', async () => {
  const table = syntheticTable({ seed: 12, nRows: 800 });
  const report = await frontierReport(
    { table, source: { kind: 'memory', name: 'g' } },
    { alphas: { sp: [0, 0.1, 1], eo: [0, 0.05] } },
  );
  const spec = reportSpec(report) as {
    data: { values: { x: number; y: number; accuracy: number }[] };
    layer: Layer[];
  };
  expect(spec).toEqual(heatmapSpec(report));
  expect(spec.layer.map(markType)).toEqual(['rect', 'text']);
  expect(spec.data.values).toHaveLength(6);
  expect(spec.data.values.map((v) => [v.x, v.y, v.accuracy])).toEqual(
    report.frontier.map((p) => [p.alpha.sp, p.alpha.eo, p.accuracy]),
  );
  const svg = await renderSvg(spec as never);
  // vega draws each rect and text mark inside a graphics-symbol group
  expect(svg).toContain('aria-roledescription="rect mark container"');
  const curve = await curveReport();
  expect(() => heatmapSpec(curve)).toThrow(/grid/);
});

test('renders the frontier headless to SVG (with marks) and PNG, kept in artifacts/', async () => {
  const report = await curveReport();
  const svg = await renderSvg(frontierSpec(report));
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg).toContain('role="graphics-symbol"'); // vega's marks
  expect(svg).toContain('α_EO');
  const png = await svgToPng(svg);
  expect(Array.from(png.slice(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(resolve(artifacts, 'frontier.svg'), svg);
  writeFileSync(resolve(artifacts, 'frontier.png'), png);
});
