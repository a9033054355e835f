// The browser-safe encoder (browser.ts), then what only other areas use and the Node-only file reader.
export * from './browser.js';
export { type CountRecord } from './cell-counts.js';
export { readCountsTable, type CountsSpec, type CountsFileOptions } from './read-counts.js';
