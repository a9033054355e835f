import type { ReportV1 } from '../report/report-types.js';
import {
  MEASURE_AXIS_TITLES,
  VIOLATION_AXIS_TITLES,
  type VegaLiteSpec,
  accuracyScale,
  chartFrame,
  legendStyle,
  seriesScale,
} from './style.js';

/**
 * The missing-value study as one chart: the frontier of every setting (scenario x strategy, mean over seeds,
 * with a ±1 std band) and of the complete data, against the swept alpha. With a held-out estimate, held-out
 * curves are dashed. Requires `report.missing`.
 */
export function missingSpec(report: ReportV1): VegaLiteSpec {
  const section = report.missing!;
  const rows: {
    setting: string;
    estimate: string;
    alpha: number;
    accuracy: number;
    low: number;
    high: number;
    drop: number;
    /** An in-sample curve above the complete data's (inflated by added cells): drawn faint. */
    inflated: boolean;
  }[] = [];
  /** One curve point: the mean accuracy of `estimate` at alpha with a +-1 std band. */
  const point = (
    setting: string,
    estimate: 'in sample' | 'held out',
    alpha: number,
    a: { readonly mean: number; readonly std: number },
    drop: number,
    inflated = false,
  ) => ({
    setting,
    estimate,
    alpha,
    accuracy: a.mean,
    low: a.mean - a.std,
    high: a.mean + a.std,
    drop,
    inflated,
  });
  section.alphas.forEach((alpha, t) => {
    rows.push(point('complete data', 'in sample', alpha, { mean: section.complete.accuracy[t], std: 0 }, 0));
    const h = section.complete.heldOut?.accuracy[t];
    if (h) rows.push(point('complete data', 'held out', alpha, h, 0));
  });
  for (const s of section.settings)
    section.alphas.forEach((alpha, t) => {
      const setting = `${s.scenario} ${s.strategy}`;
      rows.push(
        point(setting, 'in sample', alpha, s.accuracy[t], s.drop[t].mean, s.inSampleInflated === true),
      );
      const h = s.heldOut?.accuracy[t];
      if (h) rows.push(point(setting, 'held out', alpha, h, s.heldOut!.drop[t].mean));
    });
  // Benchmark points (mean over seeds) with their gap segments up to the mean FairFront of the same handled
  // cells at each replicate's violation (accuracy + gap), colored like their setting's curve.
  const bench: {
    setting: string;
    method: string;
    violation: number;
    accuracy: number;
    frontier: number;
    gap: number;
  }[] = [];
  const addPoints = (setting: string, points: typeof section.complete.benchmark) => {
    for (const p of points ?? [])
      bench.push({
        setting,
        method: `${p.model === 'none' ? '' : `${p.model} `}${p.method}${p.knob === null ? '' : ` ${p.knob}`}`,
        violation: p.violation.mean,
        accuracy: p.accuracy.mean,
        frontier: p.accuracy.mean + p.gap.mean,
        gap: p.gap.mean,
      });
  };
  addPoints('complete data', section.complete.benchmark);
  for (const s of section.settings) addPoints(`${s.scenario} ${s.strategy}`, s.benchmark);
  const values = [...rows.flatMap((r) => [r.low, r.high]), ...bench.flatMap((b) => [b.accuracy, b.frontier])];
  const y = {
    type: 'quantitative' as const,
    title: bench.length > 0 ? 'accuracy (mean over seeds)' : 'FairFront accuracy (mean over seeds)',
    scale: accuracyScale(values),
  };
  const x = {
    field: 'alpha',
    type: 'quantitative' as const,
    title: bench.length > 0 ? VIOLATION_AXIS_TITLES[section.measure] : MEASURE_AXIS_TITLES[section.measure],
  };
  // Every setting its own colour, in the order of the study (complete data first).
  const settings = [...new Set([...rows.map((r) => r.setting), ...bench.map((b) => b.setting)])];
  const scale = seriesScale(settings);
  const color = {
    field: 'setting',
    type: 'nominal' as const,
    title: 'setting (r_major/r_minor, handling)',
    sort: null,
    scale,
    legend: legendStyle(settings.length),
  };
  const hasHeldOut = section.heldOut !== undefined;
  const inflated = section.settings.filter((s) => s.inSampleInflated === true);
  const inflationNote =
    inflated.length > 0
      ? [
          `faint: in-sample curves above the complete data (${inflated.map((s) => `${s.scenario} ${s.strategy}`).join(', ')}), inflated by added cells${hasHeldOut ? '; read their held-out (dashed) curves' : ''}`,
        ]
      : [];
  const spec = {
    ...chartFrame(
      // The claim "lowers the limit" holds for the population; an in-sample curve inflated by added cells
      // would contradict it on the chart, so the title then names what the chart shows.
      inflated.length > 0
        ? 'Disparate missingness and the limit (in-sample curves of cell-adding handling are inflated)'
        : 'Disparate missingness lowers the limit itself',
      [
        `${report.data.source.name}, N = ${report.data.nRows}; ${section.columns.length} columns can go missing; minority ${section.minorityGroup}; ${section.seeds} seeds`,
        ...inflationNote,
      ],
    ),
    data: { values: rows },
    layer: [
      ...(section.seeds > 1
        ? [
            {
              mark: { type: 'area', opacity: 0.15 },
              encoding: {
                x,
                y: { field: 'low', ...y },
                y2: { field: 'high' },
                fill: color,
                ...(hasHeldOut ? { detail: { field: 'estimate' } } : {}),
              },
            },
          ]
        : []),
      {
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y: { field: 'accuracy', ...y },
          color,
          opacity: { condition: { test: 'datum.inflated', value: 0.3 }, value: 1 },
          ...(hasHeldOut
            ? {
                strokeDash: {
                  field: 'estimate',
                  type: 'nominal',
                  title: 'estimate',
                  sort: ['in sample', 'held out'],
                },
              }
            : {}),
          tooltip: [
            { field: 'setting', type: 'nominal' },
            { field: 'estimate', type: 'nominal' },
            { field: 'alpha', type: 'quantitative' },
            { field: 'accuracy', type: 'quantitative', format: '.4f' },
            { field: 'drop', type: 'quantitative', format: '.4f', title: 'drop vs complete' },
            { field: 'inflated', type: 'nominal', title: 'in-sample inflated' },
          ],
        },
      },
      ...(bench.length > 0
        ? [
            {
              data: { values: bench },
              mark: { type: 'rule', strokeWidth: 1.5, opacity: 0.7 },
              encoding: {
                x: { field: 'violation', type: 'quantitative' },
                y: { field: 'accuracy', ...y },
                y2: { field: 'frontier' },
                color,
              },
            },
            {
              data: { values: bench },
              mark: { type: 'point', filled: true, size: 50 },
              encoding: {
                x: { field: 'violation', type: 'quantitative' },
                y: { field: 'accuracy', ...y },
                color,
                shape: {
                  field: 'method',
                  type: 'nominal',
                  title: 'intervention (gap segment up to FairFront)',
                },
                tooltip: [
                  { field: 'setting', type: 'nominal' },
                  { field: 'method', type: 'nominal' },
                  { field: 'violation', type: 'quantitative', format: '.4f' },
                  { field: 'accuracy', type: 'quantitative', format: '.4f' },
                  { field: 'gap', type: 'quantitative', format: '.4f', title: 'epistemic gap' },
                ],
              },
            },
          ]
        : []),
    ],
  };
  return spec;
}
