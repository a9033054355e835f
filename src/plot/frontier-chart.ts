import type { CriterionNameV1 } from '../report/report-types.js';
import {
  BOUND_SYMBOLS,
  COLORS,
  type LegendSymbol,
  MEASURE_AXIS_TITLES,
  OBJECTIVE_AXIS_TITLES,
  SERIES_COLORS,
  type VegaLiteSpec,
  VIOLATION_AXIS_TITLES,
  accuracyScale,
  chartFrame,
  legendSymbols,
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
 * A family of rules each at its measured violation and accuracy, e.g. a score's single-threshold rules
 * (docs/scores.md). Drawn as points, with their upper edge as a line: the best accuracy a rule of the family
 * reaches at each violation, in increasing violation. In threshold order the violation goes back and forth, and
 * a line through the rules in that order zig-zags across the chart.
 */
export interface ChartPath {
  /** Legend label of the points. */
  readonly name: string;
  /** Legend label of the upper edge; default `${name}, upper edge`. */
  readonly edgeName?: string;
  readonly points: readonly { readonly x: number; readonly accuracy: number; readonly threshold: string }[];
  readonly color?: string;
}

/**
 * The points no other point beats (lower or equal x with higher accuracy), in increasing x: the upper edge of a
 * family of rules, a non-decreasing staircase of points.
 */
export function upperEdge<P extends { readonly x: number; readonly accuracy: number }>(
  points: readonly P[],
): P[] {
  const sorted = points
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.accuracy))
    .sort((a, b) => a.x - b.x || b.accuracy - a.accuracy);
  const edge: P[] = [];
  for (const p of sorted) if (edge.length === 0 || p.accuracy > edge[edge.length - 1].accuracy) edge.push(p);
  return edge;
}

/** A classifier placed against the frontier at its own violation. */
export interface ChartModel {
  readonly name: string;
  readonly violation: number;
  readonly accuracy: number;
  /** FairFront at the model's violation. */
  readonly frontierAccuracy: number;
  readonly gap: number;
  /**
   * The achievable held-out accuracy at the model's violation (accuracy + the held-out gap, the lower end of
   * the gap bracket), when a held-out protocol gave one: drawn as a second, dashed gap segment.
   */
  readonly heldOutAccuracy?: number;
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
const HELD_OUT_GAP_LABEL = 'held-out gap (to the achievable held-out accuracy at the model’s violation)';
const HELD_OUT_GAP_COLOR = '#e377c2';
const BAYES_LABEL = 'Bayes accuracy (no constraint)';
const unconstrainedLabel = (objective: keyof typeof OBJECTIVE_AXIS_TITLES) =>
  objective === 'accuracy' ? BAYES_LABEL : `best ${OBJECTIVE_AXIS_TITLES[objective]} with no constraint`;

/**
 * The x scale from zero (or the smallest value) to a margin past the largest, so that points at the largest
 * violation stay off the chart's right edge.
 */
function violationScale(values: readonly number[]): Record<string, unknown> {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return {};
  const lo = Math.min(0, ...finite);
  const hi = Math.max(...finite);
  return { domain: [lo, Number((hi + Math.max((hi - lo) * 0.05, 1e-3)).toPrecision(6))], nice: false };
}

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
  const edgeName = (k: ChartPath) => k.edgeName ?? `${k.name}, upper edge`;
  const heldOutGaps = models.filter((m) => m.heldOutAccuracy !== undefined);
  // Every entry gets a colour no other entry has (fixed colours first), and the symbol of its mark.
  const names: string[] = [];
  const colors: string[] = [];
  const symbols: LegendSymbol[] = [];
  const fixedColors = [
    ...data.curves.map((c, i) => c.color ?? (i === 0 ? COLORS.frontier : undefined)),
    ...bands.map((b) => b.color),
    ...markers.map((k) => k.color),
    ...paths.map((k) => k.color),
    COLORS.bayes,
    COLORS.gap,
    HELD_OUT_GAP_COLOR,
  ].filter((c): c is string => c !== undefined);
  let nextColor = 0;
  const entry = (name: string, symbol: LegendSymbol, fixed?: string) => {
    if (names.includes(name)) return;
    let color = fixed;
    while (
      color === undefined ||
      colors.includes(color) ||
      (fixed === undefined && fixedColors.includes(color))
    )
      color = SERIES_COLORS[nextColor++ % SERIES_COLORS.length];
    names.push(name);
    colors.push(color);
    symbols.push(symbol);
  };
  data.curves.forEach((c, i) =>
    entry(c.name, c.dashed ? 'dashedLine' : 'line', c.color ?? (i === 0 ? COLORS.frontier : undefined)),
  );
  bands.forEach((b) => entry(b.name, 'band', b.color));
  markers.forEach((k) => entry(k.name, 'point', k.color));
  paths.forEach((k) => {
    entry(k.name, 'point', k.color);
    entry(edgeName(k), 'line');
  });
  if (data.bayesAccuracy !== undefined) entry(bayesLabel, 'dashedLine', COLORS.bayes);
  if (models.length > 0) entry(GAP_LABEL, 'segment', COLORS.gap);
  if (heldOutGaps.length > 0) entry(HELD_OUT_GAP_LABEL, 'dashedSegment', HELD_OUT_GAP_COLOR);
  models.forEach((m) => entry(m.name, 'diamond'));

  // The legend sits below the plot, so that the plot keeps the chart's width however long the labels are.
  const color = (name: string) => ({
    datum: name,
    type: 'nominal',
    scale: { domain: names, range: colors },
    legend: {
      title: null,
      orient: 'bottom',
      direction: 'vertical',
      columns: 1,
      symbolSize: 120,
      symbolStrokeWidth: 2,
      encode: legendSymbols(names, symbols),
    },
  });
  const values = [
    ...data.curves.flatMap((c) => c.points.map((p) => p.accuracy)),
    ...bands.flatMap((b) => b.points.flatMap((p) => [p.lower, p.upper])),
    ...models.flatMap((m) => [
      m.accuracy,
      m.frontierAccuracy,
      ...(m.heldOutAccuracy !== undefined ? [m.heldOutAccuracy] : []),
    ]),
    ...markers.flatMap((k) => k.points.map((p) => p.accuracy)),
    ...paths.flatMap((k) => k.points.map((p) => p.accuracy)),
    ...(data.bayesAccuracy !== undefined ? [data.bayesAccuracy] : []),
  ];
  const y = { type: 'quantitative', title: OBJECTIVE_AXIS_TITLES[objective], scale: accuracyScale(values) };
  const xs = [
    ...data.curves.flatMap((c) => c.points.map((p) => p.alpha)),
    ...bands.flatMap((b) => b.points.map((p) => p.alpha)),
    ...markers.flatMap((k) => k.points.map((p) => p.x)),
    ...paths.flatMap((k) => k.points.map((p) => p.x)),
    ...models.map((m) => m.violation),
  ];
  const x = {
    type: 'quantitative',
    title: models.length > 0 ? VIOLATION_AXIS_TITLES[data.measure] : MEASURE_AXIS_TITLES[data.measure],
    scale: violationScale(xs),
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
    ...paths.flatMap((k) => {
      const tooltip = [
        { field: 'series', type: 'nominal', title: 'rules' },
        { field: 'threshold', type: 'nominal', title: 'threshold (score >=)' },
        { field: 'x', type: 'quantitative', format: '.6f', title: 'measured violation' },
        { field: 'accuracy', type: 'quantitative', format: '.6f' },
      ];
      return [
        {
          data: { values: k.points.map((p) => ({ ...p, series: k.name })) },
          mark: { type: 'point', filled: true, size: 14, opacity: 0.6 },
          encoding: {
            x: { field: 'x', ...x },
            y: { field: 'accuracy', ...y },
            color: color(k.name),
            tooltip,
          },
        },
        {
          data: { values: upperEdge(k.points).map((p, order) => ({ ...p, order, series: edgeName(k) })) },
          mark: { type: 'line', strokeWidth: 2, interpolate: 'step-after' },
          encoding: {
            x: { field: 'x', ...x },
            y: { field: 'accuracy', ...y },
            order: { field: 'order', type: 'quantitative' },
            color: color(edgeName(k)),
            tooltip,
          },
        },
      ];
    }),
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
          ...(heldOutGaps.length > 0
            ? [
                {
                  data: { values: heldOutGaps },
                  mark: { type: 'rule', strokeWidth: 2, strokeDash: [4, 3] },
                  encoding: {
                    x: { field: 'violation', ...x },
                    y: { field: 'accuracy', ...y },
                    y2: { field: 'heldOutAccuracy' },
                    color: color(HELD_OUT_GAP_LABEL),
                    tooltip: [
                      { field: 'name', title: 'model' },
                      {
                        field: 'heldOutAccuracy',
                        type: 'quantitative',
                        format: '.6f',
                        title: 'achievable held-out',
                      },
                    ],
                  },
                },
              ]
            : []),
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
