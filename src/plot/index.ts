/** The plot area: reports and results -> vega-lite specs in one style, and headless rendering to SVG and PNG. */
// The browser-safe part (browser.ts), then what only other areas use and the Node-only PNG renderer.
export * from './browser.js';
export { type ChartCurve, type ChartBand, type ChartModel, type CurvePoint } from './frontier-chart.js';
export { type HeatmapCell } from './heatmap-chart.js';
export { VEGA_LITE_SCHEMA } from './style.js';
export { renderPng, svgToPng, type PngOptions } from './render-png.js';
