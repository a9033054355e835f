/** The plot area: pure report -> vega-lite specs, and headless rendering to SVG and PNG. */
export {
  frontierSpec,
  heatmapSpec,
  reportSpec,
  xMeasure,
  MEASURE_AXIS_TITLES,
  CHART_WIDTH,
  CHART_HEIGHT,
} from './frontier-spec.js';
export { renderSvg } from './render.js';
export { renderPng, svgToPng, type PngOptions } from './render-png.js';
export { htmlReport } from './html-report.js';
export { missingSpec } from './missing-spec.js';
