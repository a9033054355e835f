/** The data area: the checked EncodedTable, its readers and generators. Other areas import data only from here. */
// The browser-safe part (browser.ts), then what only other areas use and the Node-only readers.
export * from './browser.js';
export { normalQuantile, SYNTHETIC_LIMITS } from './synthetic.js';
export { MAX_BIN_COUNT, binsByColumn, binTexts, formatBinSpec, type BinsOption } from './bins.js';
export * from './reference/index.js';
export {
  readCsvFrame,
  readCsvTable,
  DEFAULT_NA_VALUES,
  type CsvOptions,
  type CsvFrame,
  type CsvTableResult,
} from './csv/index.js';
