import type { TopLevelSpec } from 'vega-lite';
import { constraintText } from '../report/model-card.js';
import type { MeasureNameV1, ReportV1 } from '../report/report-types.js';
import { CHART_HEIGHT, CHART_WIDTH, MEASURE_AXIS_TITLES } from './chart-size.js';
import { missingSpec } from './missing-spec.js';

export { CHART_HEIGHT, CHART_WIDTH, MEASURE_AXIS_TITLES };

const MEASURES: readonly MeasureNameV1[] = ['sp', 'eo', 'oae'];

/** The measure on the x axis: the swept one, else the first constrained one, else EO. */
export function xMeasure(report: ReportV1): MeasureNameV1 {
  return (
    report.settings.constraints.swept[0] ??
    MEASURES.find((m) => report.settings.constraints.alphas[m][0] < 1) ??
    'eo'
  );
}

/**
 * The frontier curve as a vega-lite spec: FairFront(alpha) against the swept alpha (line and points, with the
 * dual bound as a tooltip), the Bayes accuracy as a dashed rule, and each model as a point joined to the
 * frontier at its own violation by a vertical segment (its epistemic gap, docs/design.md, The frontier and
 * the gap).
 */
export function frontierSpec(report: ReportV1): TopLevelSpec {
  const m = xMeasure(report);
  const frontier = report.frontier.map((p) => ({
    alpha: p.alpha[m],
    accuracy: p.accuracy,
    dualBound: p.dualBound,
    constraints: constraintText(p),
  }));
  const models = (report.models ?? []).map((p) => ({
    name: p.name,
    violation: p.violation,
    accuracy: p.accuracy,
    frontierAccuracy: p.frontierAccuracy,
    gap: p.gap,
  }));
  const e = report.estimation;
  const heldOut = (e?.honest?.points ?? []).map((p) => ({
    alpha: p.alpha[m],
    heldOut: p.heldOut.accuracy,
    train: p.train,
  }));
  const bands = (e?.bootstrap?.bands ?? []).map((b) => ({
    alpha: b.alpha[m],
    lower: b.lower,
    upper: b.upper,
  }));
  const bracket = (e?.bracket ?? []).map((b) => ({ alpha: b.alpha[m], lower: b.lower, upper: b.upper }));
  const accuracies = [
    ...frontier.map((p) => p.accuracy),
    ...models.flatMap((p) => [p.accuracy, p.frontierAccuracy]),
    ...heldOut.map((p) => p.heldOut),
    ...[...bands, ...bracket].flatMap((b) => [b.lower, b.upper]),
    report.reference.bayesAccuracy,
  ];
  const key = [
    ...(frontier.length > 0 ? ['solid: in-sample FairFront'] : []),
    ...(bands.length > 0
      ? [`blue band: bootstrap ${Number((e!.bootstrap!.level * 100).toPrecision(6))}%`]
      : []),
    ...(heldOut.length > 0 ? ['dashed orange: held-out'] : []),
    ...(bracket.length > 0 ? ['green: certified bracket'] : []),
  ];
  const yMin = Math.min(...accuracies);
  const yMax = Math.max(...accuracies);
  const pad = Math.max((yMax - yMin) * 0.08, 0.002);
  const y = {
    type: 'quantitative' as const,
    title: 'accuracy',
    scale: { domain: [Number((yMin - pad).toFixed(6)), Number((yMax + pad).toFixed(6))], zero: false },
  };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'FairFront: the best accuracy any classifier can reach',
      subtitle: [
        `${report.data.source.name}, N = ${report.data.nRows}, ${report.data.cells.count} cells`,
        ...(key.length > 1 || bracket.length > 0 ? [key.join('; ')] : []),
      ],
    },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    background: 'white',
    layer: [
      ...(bands.length > 0
        ? [
            {
              data: { values: bands },
              mark: { type: 'area', color: '#1f77b4', opacity: 0.18 },
              encoding: {
                x: { field: 'alpha', type: 'quantitative', title: MEASURE_AXIS_TITLES[m] },
                y: { field: 'lower', ...y },
                y2: { field: 'upper' },
                tooltip: [
                  { field: 'lower', type: 'quantitative', format: '.6f', title: 'bootstrap lower' },
                  { field: 'upper', type: 'quantitative', format: '.6f', title: 'bootstrap upper' },
                ],
              },
            },
          ]
        : []),
      ...(bracket.length > 0
        ? [
            {
              data: { values: bracket },
              mark: { type: 'area', color: '#2ca02c', opacity: 0.25 },
              encoding: {
                x: { field: 'alpha', type: 'quantitative', title: MEASURE_AXIS_TITLES[m] },
                y: { field: 'lower', ...y },
                y2: { field: 'upper' },
              },
            },
            {
              data: { values: bracket },
              mark: { type: 'rule', color: '#2ca02c', strokeWidth: 3 },
              encoding: {
                x: { field: 'alpha', type: 'quantitative', title: MEASURE_AXIS_TITLES[m] },
                y: { field: 'lower', ...y },
                y2: { field: 'upper' },
                tooltip: [
                  { field: 'lower', type: 'quantitative', format: '.6f', title: 'bracket lower' },
                  { field: 'upper', type: 'quantitative', format: '.6f', title: 'bracket upper' },
                ],
              },
            },
          ]
        : []),
      ...(heldOut.length > 0
        ? [
            {
              data: { values: heldOut },
              mark: { type: 'line', point: true, strokeDash: [6, 4], color: '#ff7f0e' },
              encoding: {
                x: { field: 'alpha', type: 'quantitative', title: MEASURE_AXIS_TITLES[m] },
                y: { field: 'heldOut', ...y },
                tooltip: [
                  { field: 'heldOut', type: 'quantitative', format: '.6f', title: 'held-out accuracy' },
                  {
                    field: 'train',
                    type: 'quantitative',
                    format: '.6f',
                    title: 'FairFront of the training rows',
                  },
                ],
              },
            },
          ]
        : []),
      {
        data: { values: frontier },
        mark: { type: 'line', point: true, color: '#1f77b4' },
        encoding: {
          x: { field: 'alpha', type: 'quantitative', title: MEASURE_AXIS_TITLES[m] },
          y: { field: 'accuracy', ...y },
          tooltip: [
            { field: 'constraints', type: 'nominal' },
            { field: 'accuracy', type: 'quantitative', format: '.6f' },
            { field: 'dualBound', type: 'quantitative', format: '.6f', title: 'dual bound' },
          ],
        },
      },
      {
        data: { values: [{ bayes: report.reference.bayesAccuracy, label: 'Bayes accuracy' }] },
        mark: { type: 'rule', strokeDash: [4, 4], color: '#7f7f7f' },
        encoding: {
          y: { field: 'bayes', ...y },
          tooltip: [{ field: 'label' }, { field: 'bayes', format: '.6f' }],
        },
      },
      ...(models.length > 0
        ? [
            {
              data: { values: models },
              mark: { type: 'rule', color: '#d62728', strokeWidth: 2 },
              encoding: {
                x: { field: 'violation', type: 'quantitative' },
                y: { field: 'accuracy', ...y },
                y2: { field: 'frontierAccuracy' },
                tooltip: [
                  { field: 'name' },
                  { field: 'gap', type: 'quantitative', format: '.6f', title: 'epistemic gap' },
                ],
              },
            },
            {
              data: { values: models },
              mark: { type: 'point', filled: true, size: 80, shape: 'diamond' },
              encoding: {
                x: { field: 'violation', type: 'quantitative' },
                y: { field: 'accuracy', ...y },
                color: { field: 'name', type: 'nominal', title: 'model' },
                tooltip: [
                  { field: 'name' },
                  { field: 'violation', format: '.6f' },
                  { field: 'accuracy', format: '.6f' },
                  { field: 'frontierAccuracy', format: '.6f', title: 'FairFront' },
                ],
              },
            },
          ]
        : []),
    ],
  };
  // Layers without data (the exact curve when the bracket replaced it) are left out.
  spec.layer = spec.layer.filter((l) => !('data' in l) || l.data.values.length > 0);
  return spec as unknown as TopLevelSpec;
}

/**
 * The 2-D grid as a heat map: FairFront at every (alpha_x, alpha_y), cells colored by accuracy and labelled.
 * Requires `report.grid`.
 */
export function heatmapSpec(report: ReportV1): TopLevelSpec {
  const grid = report.grid;
  if (!grid) throw new Error('heatmapSpec needs a report with a grid');
  // With the bracket fallback (no exact points) a cell shows the bracket's lower bound and both bounds as text.
  const values =
    report.frontier.length > 0
      ? report.frontier.map((p) => ({
          x: p.alpha[grid.x],
          y: p.alpha[grid.y],
          accuracy: p.accuracy,
          label: p.accuracy.toFixed(4),
        }))
      : (report.estimation?.bracket ?? []).map((b) => ({
          x: b.alpha[grid.x],
          y: b.alpha[grid.y],
          accuracy: b.lower,
          label: `${b.lower.toFixed(3)}–${b.upper.toFixed(3)}`,
        }));
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'FairFront over two fairness tolerances',
      subtitle: `${report.data.source.name}, N = ${report.data.nRows}`,
    },
    background: 'white',
    data: { values },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    encoding: {
      x: {
        field: 'x',
        type: 'ordinal',
        title: MEASURE_AXIS_TITLES[grid.x],
        sort: grid.xAlphas,
        axis: { labelAngle: 0 },
      },
      y: {
        field: 'y',
        type: 'ordinal',
        title: MEASURE_AXIS_TITLES[grid.y],
        sort: [...grid.yAlphas].reverse(),
      },
    },
    layer: [
      {
        mark: 'rect',
        encoding: {
          color: { field: 'accuracy', type: 'quantitative', title: 'accuracy', scale: { scheme: 'viridis' } },
          tooltip: [
            { field: 'x', title: `α_${grid.x}` },
            { field: 'y', title: `α_${grid.y}` },
            { field: 'accuracy', type: 'quantitative', format: '.6f' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          text: { field: 'label' },
          color: {
            condition: {
              test: `datum.accuracy > ${(Math.min(...values.map((v) => v.accuracy)) + Math.max(...values.map((v) => v.accuracy))) / 2}`,
              value: 'black',
            },
            value: 'white',
          },
        },
      },
    ],
  };
  return spec as unknown as TopLevelSpec;
}

/** The chart a report calls for: the settings' frontiers for a missing-value study, the heat map for a grid, else the frontier curve. */
export function reportSpec(report: ReportV1): TopLevelSpec {
  if (report.missing) return missingSpec(report);
  return report.grid ? heatmapSpec(report) : frontierSpec(report);
}
