import type { CriterionNameV1 } from '../report/report-types.js';
import {
  BOUND_SYMBOLS,
  COLORS,
  MEASURE_AXIS_TITLES,
  OBJECTIVE_AXIS_TITLES,
  SERIES_COLORS,
  type VegaLiteSpec,
  VIOLATION_AXIS_TITLES,
  accuracyScale,
  chartFrame,
  legendStyle,
  nonEmptyLayers,
} from './style.js';

/** One point of a frontier curve. */
export interface CurvePoint {
  readonly alpha: number;
  readonly accuracy: number;
  readonly dualBound?: number;
  /** The constraints of the point in words (tooltip). */
  readonly constraints?: string;
}

/** A frontier curve: FairFront (or an estimate of it) against the tolerance. */
export interface ChartCurve {
  /** Legend label. */
  readonly name: string;
  readonly points: readonly CurvePoint[];
  /** Dashed line (e.g. a held-out estimate, or a reference the others are compared with). */
  readonly dashed?: boolean;
  /** Fixed colour; default the next series colour. */
  readonly color?: string;
}

/** A band between two accuracies at each tolerance (bootstrap band, certified bracket, interval). */
export interface ChartBand {
  readonly name: string;
  readonly points: readonly { readonly alpha: number; readonly lower: number; readonly upper: number }[];
  readonly color?: string;
  /** Also draw each (lower, upper) as a vertical bar (for brackets at isolated alphas). */
  readonly bars?: boolean;
}

/** Points of a named series, e.g. held-out accuracies at their held-out violation. */
export interface ChartMarkers {
  readonly name: string;
  readonly color?: string;
  /** `x` on the tolerance / violation axis; other fields appear in the tooltip through `tooltip`. */
  readonly points: readonly {
    readonly x: number;
    readonly accuracy: number;
    readonly [field: string]: number;
  }[];
  readonly tooltip?: readonly { readonly field: string; readonly title: string }[];
}

/**
 * A path through points in a given order (not sorted by x), e.g. a score's single-threshold curve in decreasing
 * threshold (docs/scores.md): each point at its measured violation and accuracy.
 */
export interface ChartPath {
  readonly name: string;
  readonly points: readonly { readonly x: number; readonly accuracy: number; readonly threshold: string }[];
  readonly color?: string;
}

/** A classifier placed against the frontier at its own violation. */
export interface ChartModel {
  readonly name: string;
  readonly violation: number;
  readonly accuracy: number;
  /** FairFront at the model's violation. */
  readonly frontierAccuracy: number;
  readonly gap: number;
}

/** What a frontier chart shows; every part but `measure`, `title` and `curves` is optional. */
export interface FrontierChartData {
  readonly measure: CriterionNameV1;
  readonly title: string;
  readonly subtitle?: string | readonly string[];
  readonly curves: readonly ChartCurve[];
  readonly bands?: readonly ChartBand[];
  readonly markers?: readonly ChartMarkers[];
  /**
   * What the curves' `accuracy` fields hold: the accuracy (default) or another objective's value (balanced
   * accuracy, expected cost); it titles the y axis and the line drawn at `bayesAccuracy`.
   */
  readonly objective?: keyof typeof OBJECTIVE_AXIS_TITLES;
  /** The best value with no constraint (Bayes accuracy for accuracy): a labelled dashed line. */
  readonly bayesAccuracy?: number;
  readonly models?: readonly ChartModel[];
  readonly paths?: readonly ChartPath[];
}

const GAP_LABEL = 'epistemic gap (up to FairFront at the model’s violation)';
const BAYES_LABEL = 'Bayes accuracy (no constraint)';
const unconstrainedLabel = (objective: keyof typeof OBJECTIVE_AXIS_TITLES) =>
  objective === 'accuracy' ? BAYES_LABEL : `best ${OBJECTIVE_AXIS_TITLES[objective]} with no constraint`;

/**
 * The frontier chart every frontier is drawn with (reports, sweeps, notebook displays): curves of FairFront
 * against the tolerance, optional bands, the Bayes accuracy as a labelled dashed line, and classifiers at their
 * measured violation with their epistemic gap as a segment up to the frontier (see docs/design.md, Epistemic
 * gap). Every layer has a legend entry; one colour scale holds all of them, so each curve, band and model gets
 * its own colour. To draw something new (e.g. held-out points or an interval), add a curve or a band.
 */
export function frontierChart(data: FrontierChartData): VegaLiteSpec {
  const objective = data.objective ?? 'accuracy';
  const bayesLabel = unconstrainedLabel(objective);
  const symbol = BOUND_SYMBOLS[data.measure];
  const bands = data.bands ?? [];
  const models = data.models ?? [];
  const markers = data.markers ?? [];
  const paths = data.paths ?? [];
  const names: string[] = [];
  const colors: string[] = [];
  let nextColor = 0;
  const entry = (name: string, fixed?: string) => {
    if (names.includes(name)) return;
    names.push(name);
    let color = fixed;
    while (color === undefined || (fixed === undefined && colors.includes(color)))
      color = SERIES_COLORS[nextColor++ % SERIES_COLORS.length];
    colors.push(color);
  };
  data.curves.forEach((c, i) => entry(c.name, c.color ?? (i === 0 ? COLORS.frontier : undefined)));
  bands.forEach((b) => entry(b.name, b.color));
  markers.forEach((k) => entry(k.name, k.color));
  paths.forEach((k) => entry(k.name, k.color));
  if (data.bayesAccuracy !== undefined) entry(bayesLabel, COLORS.bayes);
  if (models.length > 0) entry(GAP_LABEL, COLORS.gap);
  models.forEach((m) => entry(m.name));

  const color = (name: string) => ({
    datum: name,
    type: 'nominal',
    scale: { domain: names, range: colors },
    legend: { title: null, ...legendStyle(names.length) },
  });
  const values = [
    ...data.curves.flatMap((c) => c.points.map((p) => p.accuracy)),
    ...bands.flatMap((b) => b.points.flatMap((p) => [p.lower, p.upper])),
    ...models.flatMap((m) => [m.accuracy, m.frontierAccuracy]),
    ...markers.flatMap((k) => k.points.map((p) => p.accuracy)),
    ...paths.flatMap((k) => k.points.map((p) => p.accuracy)),
    ...(data.bayesAccuracy !== undefined ? [data.bayesAccuracy] : []),
  ];
  const y = { type: 'quantitative', title: OBJECTIVE_AXIS_TITLES[objective], scale: accuracyScale(values) };
  const x = {
    type: 'quantitative',
    title: models.length > 0 ? VIOLATION_AXIS_TITLES[data.measure] : MEASURE_AXIS_TITLES[data.measure],
  };
  const layers = [
    ...bands.flatMap((b) => [
      {
        data: { values: b.points },
        mark: { type: 'area', opacity: 0.2 },
        encoding: {
          x: { field: 'alpha', ...x },
          y: { field: 'lower', ...y },
          y2: { field: 'upper' },
          color: color(b.name),
          tooltip: [
            { field: 'alpha', type: 'quantitative', format: '.4f', title: symbol },
            { field: 'lower', type: 'quantitative', format: '.6f', title: `${b.name}: lower` },
            { field: 'upper', type: 'quantitative', format: '.6f', title: `${b.name}: upper` },
          ],
        },
      },
      ...(b.bars
        ? [
            {
              data: { values: b.points },
              mark: { type: 'rule', strokeWidth: 3 },
              encoding: {
                x: { field: 'alpha', ...x },
                y: { field: 'lower', ...y },
                y2: { field: 'upper' },
                color: color(b.name),
              },
            },
          ]
        : []),
    ]),
    ...data.curves.map((c) => ({
      data: { values: c.points.map((p) => ({ ...p, series: c.name })) },
      mark: { type: 'line', point: true, ...(c.dashed ? { strokeDash: [6, 4] } : {}) },
      encoding: {
        x: { field: 'alpha', ...x },
        y: { field: 'accuracy', ...y },
        color: color(c.name),
        tooltip: [
          { field: 'series', type: 'nominal', title: 'curve' },
          ...(c.points.some((p) => p.constraints !== undefined)
            ? [{ field: 'constraints', type: 'nominal' }]
            : [{ field: 'alpha', type: 'quantitative', format: '.4f', title: symbol }]),
          { field: 'accuracy', type: 'quantitative', format: '.6f', title: OBJECTIVE_AXIS_TITLES[objective] },
          ...(c.points.some((p) => p.dualBound !== undefined)
            ? [{ field: 'dualBound', type: 'quantitative', format: '.6f', title: 'dual bound' }]
            : []),
        ],
      },
    })),
    ...markers.map((k) => ({
      data: { values: k.points },
      mark: { type: 'point', filled: true, size: 50, opacity: 1 },
      encoding: {
        x: { field: 'x', ...x },
        y: { field: 'accuracy', ...y },
        color: color(k.name),
        tooltip: (k.tooltip ?? [{ field: 'accuracy', title: 'accuracy' }]).map((t) => ({
          ...t,
          type: 'quantitative',
          format: '.6f',
        })),
      },
    })),
    ...paths.map((k) => ({
      data: { values: k.points.map((p, order) => ({ ...p, order, series: k.name })) },
      mark: { type: 'line', point: { size: 12 }, strokeWidth: 1, opacity: 0.8 },
      encoding: {
        x: { field: 'x', ...x },
        y: { field: 'accuracy', ...y },
        order: { field: 'order', type: 'quantitative' },
        color: color(k.name),
        tooltip: [
          { field: 'series', type: 'nominal', title: 'curve' },
          { field: 'threshold', type: 'nominal', title: 'threshold (score >=)' },
          { field: 'x', type: 'quantitative', format: '.6f', title: 'measured violation' },
          { field: 'accuracy', type: 'quantitative', format: '.6f' },
        ],
      },
    })),
    ...(data.bayesAccuracy !== undefined
      ? [
          {
            data: { values: [{ bayes: data.bayesAccuracy, label: bayesLabel }] },
            mark: { type: 'rule', strokeDash: [4, 4] },
            encoding: {
              y: { field: 'bayes', ...y },
              color: color(bayesLabel),
              tooltip: [{ field: 'label' }, { field: 'bayes', format: '.6f' }],
            },
          },
          {
            // The line's own label, so the chart reads without the legend.
            data: {
              values: [
                {
                  bayes: data.bayesAccuracy,
                  text: `${objective === 'accuracy' ? 'Bayes accuracy' : 'no constraint'} ${data.bayesAccuracy.toFixed(4)}`,
                },
              ],
            },
            mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -3, x: 'width', fontSize: 11 },
            encoding: {
              y: { field: 'bayes', ...y },
              text: { field: 'text' },
              color: { value: COLORS.bayes },
            },
          },
        ]
      : []),
    ...(models.length > 0
      ? [
          {
            data: { values: models },
            mark: { type: 'rule', strokeWidth: 2 },
            encoding: {
              x: { field: 'violation', ...x },
              y: { field: 'accuracy', ...y },
              y2: { field: 'frontierAccuracy' },
              color: color(GAP_LABEL),
              tooltip: [
                { field: 'name', title: 'model' },
                { field: 'gap', type: 'quantitative', format: '.6f', title: 'epistemic gap' },
              ],
            },
          },
          ...models.map((m) => ({
            data: { values: [m] },
            mark: { type: 'point', filled: true, size: 90, shape: 'diamond', opacity: 1 },
            encoding: {
              x: { field: 'violation', ...x },
              y: { field: 'accuracy', ...y },
              color: color(m.name),
              tooltip: [
                { field: 'name', title: 'model' },
                { field: 'violation', format: '.6f', title: 'measured violation' },
                { field: 'accuracy', format: '.6f' },
                { field: 'frontierAccuracy', format: '.6f', title: 'FairFront at that violation' },
                { field: 'gap', format: '.6f', title: 'epistemic gap' },
              ],
            },
          })),
        ]
      : []),
  ];
  return { ...chartFrame(data.title, data.subtitle), layer: nonEmptyLayers(layers) };
}
