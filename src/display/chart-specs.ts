import type { TopLevelSpec } from 'vega-lite';
import type { Measure } from '../metrics/index.js';

/**
 * Vega-lite specs for results that are not reports (sweeps, benchmarks, missing-value studies). Reports are
 * drawn by src/plot; these follow its look (size, white background, axis titles).
 */

const WIDTH = 480;
const HEIGHT = 320;
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** Axis titles of the measures (docs/design.md, Fairness measures). */
export const ALPHA_TITLES: Readonly<Record<Measure, string>> = {
  sp: 'statistical parity tolerance α_SP',
  eo: 'equalized odds tolerance α_EO',
  oae: 'overall accuracy equality tolerance α_OAE',
};

const VIOLATION_TITLES: Readonly<Record<Measure, string>> = {
  sp: 'statistical parity violation',
  eo: 'equalized odds violation',
  oae: 'overall accuracy equality violation',
};

/** An accuracy scale fitted to the values with a small margin (accuracy differences are small). */
function accuracyScale(values: readonly number[]): { domain: [number, number]; zero: false } {
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const pad = Math.max((hi - lo) * 0.08, 0.002);
  return { domain: [Number((lo - pad).toFixed(6)), Number((hi + pad).toFixed(6))], zero: false };
}

export interface CurvePoint {
  readonly series: string;
  readonly alpha: number;
  readonly accuracy: number;
  readonly dualBound?: number;
}

/**
 * FairFront curves against one measure's alpha, one line per series, with the Bayes accuracy (alpha = 1 on
 * every measure) as a dashed rule when given.
 */
export function curvesSpec(options: {
  readonly title: string;
  readonly subtitle?: string;
  readonly measure: Measure;
  readonly points: readonly CurvePoint[];
  readonly bayesAccuracy?: number;
  /** Series drawn dashed (e.g. the complete-data reference). */
  readonly dashed?: readonly string[];
}): TopLevelSpec {
  const y = {
    type: 'quantitative' as const,
    title: 'accuracy',
    scale: accuracyScale([
      ...options.points.map((p) => p.accuracy),
      ...(options.bayesAccuracy ? [options.bayesAccuracy] : []),
    ]),
  };
  const series = [...new Set(options.points.map((p) => p.series))];
  const dashed = new Set(options.dashed ?? []);
  const spec = {
    $schema: SCHEMA,
    title: { text: options.title, ...(options.subtitle ? { subtitle: options.subtitle } : {}) },
    width: WIDTH,
    height: HEIGHT,
    background: 'white',
    layer: [
      {
        data: { values: options.points.map((p) => ({ ...p, isDashed: dashed.has(p.series) })) },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'alpha', type: 'quantitative', title: ALPHA_TITLES[options.measure] },
          y: { field: 'accuracy', ...y },
          color:
            series.length > 1
              ? { field: 'series', type: 'nominal', title: null, sort: series, legend: { labelLimit: 320 } }
              : { value: '#1f77b4' },
          strokeDash: {
            field: 'isDashed',
            type: 'nominal',
            legend: null,
            scale: {
              domain: [false, true],
              range: [
                [1, 0],
                [5, 3],
              ],
            },
          },
          tooltip: [
            { field: 'series', type: 'nominal' },
            { field: 'alpha', type: 'quantitative', format: '.4f' },
            { field: 'accuracy', type: 'quantitative', format: '.6f' },
          ],
        },
      },
      ...(options.bayesAccuracy !== undefined
        ? [
            {
              data: { values: [{ bayes: options.bayesAccuracy, label: 'Bayes accuracy (no constraint)' }] },
              mark: { type: 'rule', strokeDash: [4, 4], color: '#7f7f7f' },
              encoding: {
                y: { field: 'bayes', ...y },
                tooltip: [{ field: 'label' }, { field: 'bayes', format: '.6f' }],
              },
            },
          ]
        : []),
    ],
  };
  return spec as unknown as TopLevelSpec;
}

/** FairFront over two measures' alphas as a labelled heat map. */
export function gridSpec(options: {
  readonly title: string;
  readonly subtitle?: string;
  readonly x: { readonly measure: Measure; readonly alphas: readonly number[] };
  readonly y: { readonly measure: Measure; readonly alphas: readonly number[] };
  /** accuracy[i][j] at x.alphas[i], y.alphas[j]. */
  readonly accuracy: readonly (readonly number[])[];
}): TopLevelSpec {
  const values = options.x.alphas.flatMap((ax, i) =>
    options.y.alphas.map((ay, j) => ({
      x: ax,
      y: ay,
      accuracy: options.accuracy[i][j],
      label: options.accuracy[i][j].toFixed(4),
    })),
  );
  const all = values.map((v) => v.accuracy);
  const middle = (Math.min(...all) + Math.max(...all)) / 2;
  const spec = {
    $schema: SCHEMA,
    title: { text: options.title, ...(options.subtitle ? { subtitle: options.subtitle } : {}) },
    background: 'white',
    data: { values },
    width: WIDTH,
    height: HEIGHT,
    encoding: {
      x: {
        field: 'x',
        type: 'ordinal',
        title: ALPHA_TITLES[options.x.measure],
        sort: [...options.x.alphas],
        axis: { labelAngle: 0 },
      },
      y: {
        field: 'y',
        type: 'ordinal',
        title: ALPHA_TITLES[options.y.measure],
        sort: [...options.y.alphas].reverse(),
      },
    },
    layer: [
      {
        mark: 'rect',
        encoding: {
          color: {
            field: 'accuracy',
            type: 'quantitative',
            title: 'FairFront',
            scale: { scheme: 'viridis' },
          },
          tooltip: [
            { field: 'x', title: `α_${options.x.measure}` },
            { field: 'y', title: `α_${options.y.measure}` },
            { field: 'accuracy', type: 'quantitative', format: '.6f' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          text: { field: 'label' },
          color: { condition: { test: `datum.accuracy > ${middle}`, value: 'black' }, value: 'white' },
        },
      },
    ],
  };
  return spec as unknown as TopLevelSpec;
}

export interface ScatterPoint {
  readonly model: string;
  readonly method: string;
  readonly knob: string;
  readonly violation: number;
  readonly accuracy: number;
  readonly frontierAccuracy: number;
  readonly gap: number;
}

/**
 * Classifiers against the frontier: FairFront along the measure (line), each (model, method, knob) at its
 * mean violation and accuracy (colour = method, shape = model), and a thin segment up to the frontier at its
 * own violation: the epistemic gap (docs/design.md, The frontier and the gap).
 */
export function scatterSpec(options: {
  readonly title: string;
  readonly subtitle?: string;
  readonly measure: Measure;
  readonly frontier: readonly { readonly alpha: number; readonly accuracy: number }[];
  readonly bayesAccuracy: number;
  readonly points: readonly ScatterPoint[];
}): TopLevelSpec {
  const y = {
    type: 'quantitative' as const,
    title: 'accuracy',
    scale: accuracyScale([
      ...options.frontier.map((p) => p.accuracy),
      ...options.points.flatMap((p) => [p.accuracy, p.frontierAccuracy]),
      options.bayesAccuracy,
    ]),
  };
  const x = { type: 'quantitative' as const, title: VIOLATION_TITLES[options.measure] };
  const spec = {
    $schema: SCHEMA,
    title: { text: options.title, ...(options.subtitle ? { subtitle: options.subtitle } : {}) },
    width: WIDTH,
    height: HEIGHT,
    background: 'white',
    layer: [
      {
        data: { values: options.frontier.map((p) => ({ ...p, label: 'FairFront' })) },
        mark: { type: 'line', color: '#333333' },
        encoding: {
          x: { field: 'alpha', ...x },
          y: { field: 'accuracy', ...y },
          tooltip: [
            { field: 'label' },
            { field: 'alpha', format: '.4f' },
            { field: 'accuracy', format: '.6f' },
          ],
        },
      },
      {
        data: { values: [{ bayes: options.bayesAccuracy }] },
        mark: { type: 'rule', strokeDash: [4, 4], color: '#7f7f7f' },
        encoding: { y: { field: 'bayes', ...y } },
      },
      {
        data: { values: options.points },
        mark: { type: 'rule', strokeWidth: 1, opacity: 0.5 },
        encoding: {
          x: { field: 'violation', ...x },
          y: { field: 'accuracy', ...y },
          y2: { field: 'frontierAccuracy' },
          color: { field: 'method', type: 'nominal', title: 'method' },
        },
      },
      {
        data: { values: options.points },
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          x: { field: 'violation', ...x },
          y: { field: 'accuracy', ...y },
          color: { field: 'method', type: 'nominal', title: 'method' },
          shape: { field: 'model', type: 'nominal', title: 'model' },
          tooltip: [
            { field: 'model' },
            { field: 'method' },
            { field: 'knob' },
            { field: 'violation', type: 'quantitative', format: '.4f' },
            { field: 'accuracy', type: 'quantitative', format: '.4f' },
            { field: 'gap', type: 'quantitative', format: '.4f', title: 'epistemic gap' },
          ],
        },
      },
    ],
  };
  return spec as unknown as TopLevelSpec;
}
