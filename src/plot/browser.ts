/**
 * The browser-safe part of the plot area: vega-lite specs and SVG (vega renders SVG without a canvas). PNG needs
 * resvg and stays in `index.ts`, which re-exports this file; `src/browser.ts` re-exports it as it is
 * (docs/design.md, Code layout).
 */
export { frontierSpec, heatmapSpec, reportSpec, xMeasure } from './frontier-spec.js';
export { missingSpec } from './missing-spec.js';
export { benchmarkSpec } from './benchmark-spec.js';
export { frontierChart, type FrontierChartData } from './frontier-chart.js';
export { heatmapChart, type HeatmapChartData } from './heatmap-chart.js';
export {
  type VegaLiteSpec,
  MEASURE_AXIS_TITLES,
  VIOLATION_AXIS_TITLES,
  BOUND_SYMBOLS,
  OBJECTIVE_AXIS_TITLES,
  CHART_WIDTH,
  CHART_HEIGHT,
} from './style.js';
export { renderSvg } from './render.js';
export { htmlReport } from './html-report.js';
