/**
 * Charts of results as vega-lite specs (plain data), rendered headless to SVG or PNG, and the offline HTML report.
 */
export { frontierSpec, heatmapSpec, reportSpec } from '../plot/frontier-spec.js';
export { missingSpec } from '../plot/missing-spec.js';
export { renderSvg } from '../plot/render.js';
export { renderPng, type PngOptions } from '../plot/render-png.js';
export { htmlReport } from '../plot/html-report.js';
