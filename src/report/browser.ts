/**
 * The browser-safe part of the report area: the builder, the formats, the model card and the schema validator
 * (which takes the schema object: fetch schema/report-v1.schema.json and pass it). `index.ts` re-exports it with
 * the Node-only reader of the shipped schema; `src/browser.ts` re-exports it as it is (docs/design.md, Code
 * layout).
 */
export type * from './report-types.js';
export {
  frontierReport,
  sweptMeasures,
  EXACT_LP_MAX_NONZEROS,
  type FrontierReportInput,
  type FrontierReportOptions,
  type GivenModelPoint,
} from './frontier-report.js';
export {
  dataSummary,
  CELLS_PER_ROW_WARNING,
  SINGLE_ROW_SHARE_WARNING,
  SMALL_PAIR_ROWS,
} from './data-summary.js';
export { createReportValidator, type ReportValidator } from './report-validator.js';
export { formatReport, dataLine, ReportFormat, isReportFormat } from './format-report.js';
export { modelCard, constraintText, CardFormat, isCardFormat, type CardOptions } from './model-card.js';
export { checkReport, type CheckOptions, type CheckResult } from './check-report.js';
export { missingReport, missingSection, type MissingReportOptions } from './missing-report.js';
export {
  missingBenchmarkCaption,
  missingBenchmarkColumns,
  missingColumns,
  missingCaption,
  missingCsv,
} from './format-missing.js';
export {
  estimationSection,
  bracketPoints,
  wantsEstimation,
  FrontierMethod,
  isFrontierMethod,
  type EstimationOptions,
} from './estimation.js';
export {
  estimationColumns,
  estimationRowText,
  rowAlphas,
  type EstimationColumns,
} from './format-estimation.js';
