/**
 * The browser-safe part of the data area: in-memory tables only (no CSV files, no DuckDB, no reference-data
 * folder). `index.ts` re-exports it with the Node-only readers; `src/browser.ts` re-exports it as it is
 * (docs/design.md, Code layout).
 */
export { type EncodedTable, selectRows, rowWeight, checkEncodedTable } from './table.js';
export { syntheticTable, type SyntheticOptions } from './synthetic.js';
export { type RawFrame, type RawValue } from './raw-frame.js';
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
export {
  defaultFeatures,
  LeftOutReason,
  type DefaultFeatures,
  type LeftOutColumn,
  type CandidateColumn,
} from './default-features.js';
export { parseBinSpec, parseColumnBins, binIndex, edgesFor, type BinSpec } from './bins.js';
export {
  compileExpression,
  parseDerivedColumn,
  daysBetween,
  expressionSymbol,
  loadExpressionEngine,
} from './expressions.js';
export * from './counts/browser.js';
export * from './reference/browser.js';
