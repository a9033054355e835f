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
export { type EncodedTable, selectRows, rowWeight } from './data/table.js';
export { syntheticTable, type SyntheticOptions } from './data/synthetic.js';
export { type RawFrame, type RawValue } from './data/raw-frame.js';
export {
  encodeTable,
  GROUP_JOINER,
  type TableSpec,
  type TableSummary,
  type FeatureSummary,
  type EncodedResult,
  type PredictionColumn,
} from './data/encode-table.js';
export {
  frameFromData,
  tableFromData,
  type DataInput,
  type ArrowTableLike,
  type FrameLike,
} from './data/from-data.js';
export { parseBinSpec, parseColumnBins, binIndex, edgesFor, type BinSpec } from './data/bins.js';
export {
  compileExpression,
  parseDerivedColumn,
  daysBetween,
  expressionSymbol,
  loadExpressionEngine,
} from './data/expressions.js';
export {
  encodeCounts,
  type CellCounts,
  type CountsFeature,
  type CountsRecord,
  type CountsEncoding,
} from './data/counts/cell-counts.js';
export { type ReferenceText } from './data/reference/raw-columns.js';
export {
  compasRawFromText,
  encodeCompas,
  COMPAS_FILE,
  COMPAS_RAW_FEATURES,
  COMPAS_PAPER_MODES,
  COMPAS_FEATURE_NAMES,
  COMPAS_GROUP_NAMES,
  COMPAS_CLASS_NAMES,
  type CompasRaw,
  type CompasRawFeature,
} from './data/reference/compas.js';
export {
  adultRawFromText,
  encodeAdult,
  ADULT_FILES,
  ADULT_RAW_FEATURES,
  ADULT_PAPER_MODES,
  ADULT_FEATURE_NAMES,
  ADULT_GROUP_NAMES,
  ADULT_CLASS_NAMES,
  type AdultRaw,
  type AdultRawFeature,
} from './data/reference/adult.js';

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
export type * from './report/report-types.js';
export {
  frontierReport,
  sweptMeasures,
  EXACT_LP_MAX_NONZEROS,
  type FrontierReportInput,
  type FrontierReportOptions,
  type GivenModelPoint,
} from './report/frontier-report.js';
export {
  dataSummary,
  CELLS_PER_ROW_WARNING,
  SINGLE_ROW_SHARE_WARNING,
  SMALL_PAIR_ROWS,
} from './report/data-summary.js';
export { createReportValidator, type ReportValidator } from './report/report-validator.js';
export { formatReport, dataLine, ReportFormat, isReportFormat } from './report/format-report.js';
export {
  modelCard,
  constraintText,
  CardFormat,
  isCardFormat,
  type CardOptions,
} from './report/model-card.js';
export { checkReport, type CheckOptions, type CheckResult } from './report/check-report.js';
export { missingReport, missingSection, type MissingReportOptions } from './report/missing-report.js';
export {
  missingBenchmarkCaption,
  missingBenchmarkColumns,
  missingColumns,
  missingCaption,
  missingCsv,
} from './report/format-missing.js';
export {
  estimationSection,
  bracketPoints,
  wantsEstimation,
  FrontierMethod,
  isFrontierMethod,
  type EstimationOptions,
} from './report/estimation.js';
export { estimationColumns, rowAlphas, type EstimationColumns } from './report/format-estimation.js';

// vega-lite specs and SVG (vega renders SVG without a canvas); PNG needs resvg and stays Node-only
export { frontierSpec, heatmapSpec, reportSpec, xMeasure } from './plot/frontier-spec.js';
export { missingSpec } from './plot/missing-spec.js';
export { benchmarkSpec } from './plot/benchmark-spec.js';
export { frontierChart, type FrontierChartData } from './plot/frontier-chart.js';
export { heatmapChart, type HeatmapChartData } from './plot/heatmap-chart.js';
export {
  type VegaLiteSpec,
  MEASURE_AXIS_TITLES,
  VIOLATION_AXIS_TITLES,
  CHART_WIDTH,
  CHART_HEIGHT,
} from './plot/style.js';
export { renderSvg } from './plot/render.js';
export { htmlReport } from './plot/html-report.js';
