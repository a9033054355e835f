/**
 * fairlimit's browser-safe core: everything that needs no Node built-in. Distributions from in-memory tables,
 * the exact LP and its sweeps, Blackwell cuts and brackets, metrics, interventions, missing-value studies,
 * reports and their vega-lite specs. The Node-only adapters (files, CSV streams, DuckDB, PNG rendering with
 * resvg, the notebook kernel, the shipped-schema reader) are exported from the main entry point only.
 *
 * HiGHS runs as WebAssembly. In a bundle the loader usually cannot find `highs.wasm` next to itself: call
 * `configureHighs({ locateFile: () => wasmUrl })` (or pass `wasmBinary` / `wasmModule`) before the first solve.
 * A test bundles this file with esbuild for `platform: 'browser'` and fails on any Node import.
 */
export * from './errors.js';
export { createRng, type Rng } from './rng.js';
export { FAIRLIMIT_VERSION } from './version.js';

// data: in-memory tables only (no CSV files, no DuckDB, no reference-data folder)
export * from './data/browser.js';

// mathematics
export * from './metrics/index.js';
export * from './distribution/index.js';
export * from './lp/index.js';
export * from './limits/index.js';
export * from './blackwell/index.js';
export * from './learn/index.js';
export * from './interventions/index.js';
export * from './missing/index.js';

// reports (validation takes the schema object: fetch schema/report-v1.schema.json and pass it)
export * from './report/browser.js';

// vega-lite specs and SVG (vega renders SVG without a canvas); PNG needs resvg and stays Node-only
export * from './plot/browser.js';
