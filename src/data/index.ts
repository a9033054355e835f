/** The data area: the checked EncodedTable, its readers and generators. Other areas import data only from here. */
export { type EncodedTable, selectRows, rowWeight } from './table.js';
export { syntheticTable, normalQuantile, SYNTHETIC_LIMITS, type SyntheticOptions } from './synthetic.js';
export * from './reference/index.js';
export { type RawFrame, type RawValue } from './raw-frame.js';
export {
  readCsvFrame,
  readCsvTable,
  DEFAULT_NA_VALUES,
  type CsvOptions,
  type CsvFrame,
  type CsvTableResult,
} from './csv/index.js';
export {
  encodeTable,
  GROUP_JOINER,
  type TableSpec,
  type TableSummary,
  type FeatureSummary,
  type EncodedResult,
  type PredictionColumn,
} from './encode-table.js';
export {
  frameFromData,
  tableFromData,
  type DataInput,
  type ArrowTableLike,
  type FrameLike,
} from './from-data.js';
export { parseBinSpec, parseColumnBins, binIndex, edgesFor, MAX_BIN_COUNT, type BinSpec } from './bins.js';
export { compileExpression, parseDerivedColumn, daysBetween, expressionSymbol } from './expressions.js';
