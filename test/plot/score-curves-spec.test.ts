import { type TopLevelSpec, compile } from 'vega-lite';
import { expect, test } from 'vitest';
import { tableFromData } from '../../src/data/from-data.js';
import { frontierSpec, htmlReport } from '../../src/plot/index.js';
import { formatReport, frontierReport } from '../../src/report/index.js';
import { createRng, randomInt } from '../../src/rng.js';

interface Layer {
  data?: { values: Record<string, number | string>[] };
  mark: string | { type: string };
  encoding: Record<string, { field?: string; datum?: string }>;
}

async function scoredReport() {
  const rng = createRng(7);
  const rows = Array.from({ length: 240 }, () => {
    const g = randomInt(rng, 2) === 0 ? 'a' : 'b';
    const x = randomInt(rng, 3);
    const y = rng.next() < 0.25 + 0.2 * x ? 1 : 0;
    return { g, x, y, s: 0.5 * y + 0.5 * rng.next() };
  });
  const { table, scores } = tableFromData(rows, { group: 'g', label: 'y', features: ['x'], scores: [['s']] });
  return frontierReport(
    { table, source: { kind: 'memory', name: 'spec' }, scores: scores! },
    { alphas: { eo: [0, 0.1] } },
  );
}

test('the chart draws every threshold rule as a point and their upper edge as a line in increasing violation', async () => {
  const report = await scoredReport();
  const curve = report.scoreCurves![0];
  const spec = frontierSpec(report) as { layer: Layer[] };
  const points = spec.layer.find((l) => l.encoding.color?.datum === 's: single-threshold rules')!;
  expect((points.mark as { type: string }).type).toBe('point');
  expect(points.data!.values.map((v) => [v.x, v.accuracy])).toEqual(
    curve.points.map((p) => [p.violations.eo, p.accuracy]),
  );
  const edgeLayer = spec.layer.find(
    (l) => l.encoding.color?.datum === 's: best single threshold up to each violation',
  )!;
  expect((edgeLayer.mark as { type: string }).type).toBe('line');
  const edge = edgeLayer.data!.values as { x: number; accuracy: number; order: number }[];
  // drawn in the order of increasing violation and accuracy: no zig-zag
  expect(edge.map((v) => v.order)).toEqual(edge.map((_, i) => i));
  for (let i = 1; i < edge.length; i++) {
    expect(edge[i].x).toBeGreaterThan(edge[i - 1].x);
    expect(edge[i].accuracy).toBeGreaterThan(edge[i - 1].accuracy);
  }
  // brute force: the edge holds exactly the rules no other rule beats (smaller or equal violation, higher accuracy)
  const all = curve.points.map((p) => ({ x: p.violations.eo!, accuracy: p.accuracy }));
  const efficient = all.filter(
    (p) =>
      !all.some((q) => q.x <= p.x && q.accuracy > p.accuracy) &&
      !all.some((q) => q.x < p.x && q.accuracy === p.accuracy),
  );
  const key = (p: { x: number; accuracy: number }) => `${p.x}:${p.accuracy}`;
  expect([...new Set(edge.map(key))].sort()).toEqual([...new Set(efficient.map(key))].sort());
  const rules = spec.layer.filter((l) => (l.mark as { shape?: string }).shape === 'diamond');
  expect(rules.map((l) => l.encoding.color.datum)).toEqual([
    's: best threshold',
    ...curve.groupThresholds.map((g) => `s: ${g.constraint}`),
  ]);
  const gaps = spec.layer.find((l) => typeof l.mark !== 'string' && l.mark.type === 'rule' && l.encoding.y2)!;
  expect(gaps.data!.values.map((v) => v.frontierAccuracy)).toEqual([
    curve.best.frontierAccuracy,
    ...curve.groupThresholds.map((g) => g.frontierAccuracy),
  ]);
  expect(() => compile(JSON.parse(JSON.stringify(spec)) as TopLevelSpec)).not.toThrow();
});

test('markdown and HTML list every rule of every score model with its gap', async () => {
  const report = await scoredReport();
  const md = formatReport(report, 'md');
  const html = await htmlReport(report);
  for (const g of report.scoreCurves![0].groupThresholds) {
    expect(md).toContain(
      `| s | ${g.constraint} | eo | ${g.violation.toFixed(6)} | ${g.accuracy.toFixed(6)} |`,
    );
    expect(html).toContain(g.constraint);
  }
  expect(html).toContain('<h2>Score models</h2>');
});
