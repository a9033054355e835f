import type { CriterionNameV1 } from '../report/report-types.js';

/**
 * The one look of every chart fairlimit draws (reports, notebook displays, the HTML page): the vega-lite schema,
 * the size, the axis titles, the colours, and an accuracy scale fitted to the values. Spec builders in this
 * folder take their numbers from here and nowhere else.
 */

/**
 * A vega-lite specification as plain JSON data. Declared here rather than imported from vega-lite so that the
 * package's type declarations do not need vega-lite's: TypeScript projects on CommonJS (node10 resolution)
 * cannot resolve vega-lite's types, which are declared only under its package "exports".
 */
export interface VegaLiteSpec {
  readonly $schema?: string;
  readonly [key: string]: unknown;
}

/** The vega-lite version of every spec (vega-lite 6.4 compiles them). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Plot area in pixels (vega-lite units), without titles and legend. */
export const CHART_WIDTH = 480;
export const CHART_HEIGHT = 320;

/** Axis titles of the tolerances alpha (the x axis of a frontier). */
export const MEASURE_AXIS_TITLES: Readonly<Record<CriterionNameV1, string>> = {
  sp: 'statistical parity tolerance α_SP',
  eo: 'equalized odds tolerance α_EO',
  oae: 'overall accuracy equality tolerance α_OAE',
  tpr: 'equal opportunity tolerance α_TPR',
  fpr: 'false-positive-rate parity tolerance α_FPR',
  errorRate: 'error-rate parity tolerance α_ER',
  spRatio: 'selection-rate ratio R (four-fifths rule: 0.8)',
  tprRatio: 'true-positive-rate ratio R',
  fprRatio: 'false-positive-rate ratio R',
  groupLoss: 'largest group error Z',
};

/**
 * Axis titles of measured violations (a classifier's own SP / EO / OAE gap between groups). A tolerance is what
 * a constraint allows, a violation what a classifier does: frontiers and classifiers share the x axis because
 * FairFront at tolerance alpha is the best accuracy among classifiers whose violation is at most alpha.
 */
export const VIOLATION_AXIS_TITLES: Readonly<Record<CriterionNameV1, string>> = {
  sp: 'statistical parity: tolerance α_SP or measured violation',
  eo: 'equalized odds: tolerance α_EO or measured violation',
  oae: 'overall accuracy equality: tolerance α_OAE or measured violation',
  tpr: 'equal opportunity: tolerance α_TPR or measured violation',
  fpr: 'false-positive-rate parity: tolerance α_FPR or measured violation',
  errorRate: 'error-rate parity: tolerance α_ER or measured violation',
  spRatio: 'selection-rate ratio: bound R or measured ratio',
  tprRatio: 'true-positive-rate ratio: bound R or measured ratio',
  fprRatio: 'false-positive-rate ratio: bound R or measured ratio',
  groupLoss: 'largest group error: bound Z or measured',
};

/** The symbol of each criterion's bound in tooltips, table headings and notes: α for a difference, R, Z. */
export const BOUND_SYMBOLS: Readonly<Record<CriterionNameV1, string>> = {
  sp: 'α_SP',
  eo: 'α_EO',
  oae: 'α_OAE',
  tpr: 'α_TPR',
  fpr: 'α_FPR',
  errorRate: 'α_ER',
  spRatio: 'R_SP',
  tprRatio: 'R_TPR',
  fprRatio: 'R_FPR',
  groupLoss: 'Z',
};

/**
 * The y-axis (or colour legend) title of what a frontier plots: its objective's optimal value (accuracy,
 * balanced accuracy, or the smallest expected cost).
 */
export const OBJECTIVE_AXIS_TITLES: Readonly<Record<'accuracy' | 'balancedAccuracy' | 'cost', string>> = {
  accuracy: 'accuracy',
  balancedAccuracy: 'balanced accuracy',
  cost: 'expected cost (minimized)',
};

/** The fixed roles' colours. */
export const COLORS = {
  frontier: '#1f77b4',
  bayes: '#555555',
  gap: '#d62728',
  heldOut: '#ff7f0e',
  /** Held-out points of the fitted rule: their own colour, apart from the achievable held-out curve's orange. */
  heldOutPoint: '#8c564b',
  bracket: '#2ca02c',
  interval: '#9467bd',
} as const;

/**
 * Colours for series (settings, methods, models) in order: Tableau 10 then the lighter halves of Tableau 20, so
 * the first 20 series all differ.
 */
export const SERIES_COLORS: readonly string[] = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#aec7e8',
  '#ffbb78',
  '#98df8a',
  '#ff9896',
  '#c5b0d5',
  '#c49c94',
  '#f7b6d2',
  '#c7c7c7',
  '#dbdb8d',
  '#9edae5',
];

/** A colour scale giving each of `names` its own colour (cycling after 20). */
export function seriesScale(names: readonly string[]): { domain: string[]; range: string[] } {
  return { domain: [...names], range: names.map((_, i) => SERIES_COLORS[i % SERIES_COLORS.length]) };
}

/** Legend settings: full labels (no truncation), below the chart when there are many entries. */
export function legendStyle(entries: number): Record<string, unknown> {
  return entries > 6 ? { orient: 'bottom', columns: 2 } : {};
}

/**
 * How a legend entry is drawn, after the mark it explains: a solid or dashed line, a point, a diamond (a model),
 * a shaded band, or a vertical segment (a gap), solid or dashed.
 */
export const LegendSymbol = {
  line: 'line',
  dashedLine: 'dashedLine',
  point: 'point',
  diamond: 'diamond',
  band: 'band',
  segment: 'segment',
  dashedSegment: 'dashedSegment',
} as const;
export type LegendSymbol = keyof typeof LegendSymbol;

const SYMBOL_SHAPES: Readonly<Record<LegendSymbol, string>> = {
  line: 'stroke',
  dashedLine: 'stroke',
  point: 'circle',
  diamond: 'diamond',
  band: 'square',
  // vega's symbol paths live in a unit square centred on the origin: a vertical stroke
  segment: 'M0,-1L0,1',
  dashedSegment: 'M0,-1L0,1',
};
const isStroke = (s: LegendSymbol) =>
  s === 'line' || s === 'dashedLine' || s === 'segment' || s === 'dashedSegment';
const isDashed = (s: LegendSymbol) => s === 'dashedLine' || s === 'dashedSegment';

/**
 * The legend encoding that draws each entry of a colour legend with the symbol of its mark (vega-lite alone gives
 * every entry the same circle).
 */
export function legendSymbols(
  names: readonly string[],
  symbols: readonly LegendSymbol[],
): Record<string, unknown> {
  const pick = (values: readonly unknown[]) =>
    `${JSON.stringify(values)}[indexof(${JSON.stringify(names)}, datum.value)]`;
  return {
    symbols: {
      update: {
        shape: { signal: pick(symbols.map((s) => SYMBOL_SHAPES[s])) },
        // vega-lite sets fill and stroke from the scale itself: a line's symbol is unfilled by its opacity.
        // The stroke width stays the legend's constant symbolStrokeWidth: vega lays entries out with it.
        fillOpacity: { signal: pick(symbols.map((s) => (isStroke(s) ? 0 : s === 'band' ? 0.35 : 1))) },
        strokeDash: { signal: pick(symbols.map((s) => (isDashed(s) ? [3, 2] : []))) },
        opacity: { value: 1 },
      },
    },
  };
}

/**
 * An accuracy scale fitted to the values with a margin: accuracy differences between fairness levels are a few
 * points, which a scale from zero would flatten.
 */
export function accuracyScale(values: readonly number[]): { domain: [number, number]; zero: false } {
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const pad = Math.max((hi - lo) * 0.08, 0.002);
  return { domain: [Number((lo - pad).toFixed(6)), Number((hi + pad).toFixed(6))], zero: false };
}

/** The frame every chart shares: schema, title and subtitle, size, white background, readable text. */
export function chartFrame(title: string, subtitle?: string | readonly string[]): Record<string, unknown> {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: title,
      ...(subtitle !== undefined && subtitle.length > 0 ? { subtitle } : {}),
      anchor: 'start',
      subtitleColor: '#444444',
    },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    background: 'white',
    config: {
      axis: { labelFontSize: 11, titleFontSize: 12 },
      legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 0, titleLimit: 0, symbolOpacity: 1 },
    },
  };
}

/** Layers without data rows are left out (vega-lite would draw nothing, but keeps their legend entries). */
export function nonEmptyLayers<T extends object>(layers: readonly T[]): T[] {
  return layers.filter((l) => {
    const data = (l as { data?: { values?: readonly unknown[] } }).data;
    return data?.values === undefined || data.values.length > 0;
  });
}
