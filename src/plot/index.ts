/** The plot area: reports and results -> vega-lite specs in one style, and headless rendering to SVG and PNG. */
export { frontierSpec, heatmapSpec, reportSpec, xMeasure } from './frontier-spec.js';
export { missingSpec } from './missing-spec.js';
export { benchmarkSpec } from './benchmark-spec.js';
export {
  frontierChart,
  type FrontierChartData,
  type ChartCurve,
  type ChartBand,
  type ChartModel,
  type CurvePoint,
} from './frontier-chart.js';
export { heatmapChart, type HeatmapChartData, type HeatmapCell } from './heatmap-chart.js';
export {
  type VegaLiteSpec,
  VEGA_LITE_SCHEMA,
  MEASURE_AXIS_TITLES,
  VIOLATION_AXIS_TITLES,
  BOUND_SYMBOLS,
  OBJECTIVE_AXIS_TITLES,
  CHART_WIDTH,
  CHART_HEIGHT,
} from './style.js';
export { renderSvg } from './render.js';
export { renderPng, svgToPng, type PngOptions } from './render-png.js';
export { htmlReport } from './html-report.js';
