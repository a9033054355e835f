// The browser-safe encoder (browser.ts), then the Node-only file reader.
export * from './browser.js';
export { readCountsTable, type CountsSpec, type CountsFileOptions } from './read-counts.js';
