/** The report area: the versioned JSON report, its builder, its schema, and the formats derived from it. */
export type * from './report-types.js';
export {
  frontierReport,
  sweptMeasures,
  FAIRLIMIT_VERSION,
  EXACT_LP_MAX_NONZEROS,
  BRACKET_MAX_GROUPS,
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
export { parseReport, reportSchema, reportSchemaErrors } from './validate-report.js';
export { createReportValidator, type ReportValidator } from './report-validator.js';
export { formatReport, dataLine, ReportFormat, isReportFormat } from './format-report.js';
export { groupTables, groupTableColumns, groupTableCaption } from './group-table.js';
export { modelCard, constraintText, CardFormat, isCardFormat, type CardOptions } from './model-card.js';
export {
  checkReport,
  GapEstimate,
  isGapEstimate,
  type CheckOptions,
  type CheckResult,
} from './check-report.js';
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
export { estimationColumns, rowAlphas, type EstimationColumns } from './format-estimation.js';
export { benchmarkSection } from './benchmark-section.js';
export { scoreColumns, scoreNotes, thresholdText, groupRuleText } from './format-scores.js';
export {
  planScoreCurves,
  placeScoreCurves,
  withScoreGapBrackets,
  SCORE_CURVE_MAX_POINTS,
  SCORE_CURVE_MAX_GAPS,
  ABOVE_FRONTIER_TOL,
} from './score-curves.js';
