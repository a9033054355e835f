/**
 * Charts of results as vega-lite specs (plain data), rendered headless to SVG or PNG, and the offline HTML report.
 */
export { frontierSpec, heatmapSpec, reportSpec } from '../plot/frontier-spec.js';
export { missingSpec } from '../plot/missing-spec.js';
export { benchmarkSpec } from '../plot/benchmark-spec.js';
export {
  frontierChart,
  type FrontierChartData,
  type ChartCurve,
  type ChartBand,
  type ChartModel,
} from '../plot/frontier-chart.js';
export { heatmapChart, type HeatmapChartData } from '../plot/heatmap-chart.js';
export type { VegaLiteSpec } from '../plot/style.js';
export { renderSvg } from '../plot/render.js';
export { renderPng, type PngOptions } from '../plot/render-png.js';
export { htmlReport } from '../plot/html-report.js';
