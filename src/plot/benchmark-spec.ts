import type { BenchmarkSectionV1 } from '../report/report-types.js';
import {
  COLORS,
  VIOLATION_AXIS_TITLES,
  type VegaLiteSpec,
  accuracyScale,
  chartFrame,
  legendStyle,
  seriesScale,
} from './style.js';

/**
 * A benchmark of interventions against the frontier: FairFront along the benchmark's measure (line) with the
 * Bayes accuracy (labelled), and each (model, method) as one curve through its knob values at the mean measured
 * violation and accuracy, with error bars of ±1 standard deviation over the replicates on both axes. The
 * vertical distance from a point to the frontier is its epistemic gap (the report's table gives the numbers).
 */
export function benchmarkSpec(b: BenchmarkSectionV1): VegaLiteSpec {
  const m = b.measure;
  const series = (p: BenchmarkSectionV1['points'][number]) =>
    b.models.length > 1 || p.model !== 'none' ? `${p.model} ${p.method}`.replace(/^none /, '') : p.method;
  const points = b.points
    .map((p) => ({
      series: series(p),
      knob: p.knob === null ? '' : `${p.knobName ?? 'knob'} = ${p.knob}`,
      order: p.knob ?? 0,
      violation: p.violations[m].mean,
      violationLow: p.violations[m].mean - p.violations[m].std,
      violationHigh: p.violations[m].mean + p.violations[m].std,
      accuracy: p.accuracy.mean,
      accuracyLow: p.accuracy.mean - p.accuracy.std,
      accuracyHigh: p.accuracy.mean + p.accuracy.std,
      gap: p.gap,
    }))
    .sort((a, c) => (a.series === c.series ? a.order - c.order : a.series < c.series ? -1 : 1));
  const names = [...new Set(points.map((p) => p.series))];
  const y = {
    type: 'quantitative',
    title: 'accuracy (mean over replicates, ±1 std)',
    scale: accuracyScale([
      ...b.frontier.map((p) => p.accuracy),
      ...points.flatMap((p) => [p.accuracyLow, p.accuracyHigh]),
      b.bayesAccuracy,
    ]),
  };
  const x = { type: 'quantitative', title: VIOLATION_AXIS_TITLES[m] };
  const color = {
    field: 'series',
    type: 'nominal',
    title: 'method (curve through its knob values)',
    scale: seriesScale(names),
    legend: legendStyle(names.length),
  };
  return {
    ...chartFrame(
      'How far each intervention stays below the limit',
      `${b.dataset}: ${b.protocol} protocol, ${b.seeds} replicates; black: FairFront, dashed: Bayes accuracy`,
    ),
    layer: [
      {
        data: { values: b.frontier.map((p) => ({ ...p, series: 'FairFront' })) },
        mark: { type: 'line', color: '#222222', strokeWidth: 2.5 },
        encoding: {
          x: { field: 'alpha', ...x },
          y: { field: 'accuracy', ...y },
          tooltip: [
            { field: 'series', title: 'curve' },
            { field: 'alpha', type: 'quantitative', format: '.4f', title: 'α' },
            { field: 'accuracy', type: 'quantitative', format: '.6f' },
          ],
        },
      },
      {
        data: { values: [{ bayes: b.bayesAccuracy }] },
        mark: { type: 'rule', strokeDash: [4, 4], color: COLORS.bayes },
        encoding: { y: { field: 'bayes', ...y } },
      },
      {
        data: { values: [{ bayes: b.bayesAccuracy, text: `Bayes accuracy ${b.bayesAccuracy.toFixed(4)}` }] },
        mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -3, x: 'width', fontSize: 11 },
        encoding: { y: { field: 'bayes', ...y }, text: { field: 'text' }, color: { value: COLORS.bayes } },
      },
      {
        data: { values: points },
        mark: { type: 'rule', strokeWidth: 1, opacity: 0.6 },
        encoding: {
          x: { field: 'violationLow', ...x },
          x2: { field: 'violationHigh' },
          y: { field: 'accuracy', ...y },
          color,
        },
      },
      {
        data: { values: points },
        mark: { type: 'rule', strokeWidth: 1, opacity: 0.6 },
        encoding: {
          x: { field: 'violation', ...x },
          y: { field: 'accuracyLow', ...y },
          y2: { field: 'accuracyHigh' },
          color,
        },
      },
      {
        data: { values: points },
        mark: { type: 'line', point: { filled: true, size: 45 }, strokeWidth: 1.5 },
        encoding: {
          x: { field: 'violation', ...x },
          y: { field: 'accuracy', ...y },
          order: { field: 'order' },
          color,
          tooltip: [
            { field: 'series', title: 'method' },
            { field: 'knob' },
            { field: 'violation', type: 'quantitative', format: '.4f', title: 'measured violation' },
            { field: 'accuracy', type: 'quantitative', format: '.4f' },
            { field: 'gap', type: 'quantitative', format: '.4f', title: 'epistemic gap' },
          ],
        },
      },
    ],
  };
}
