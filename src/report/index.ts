/** The report area: the versioned JSON report, its builder, its schema, and the formats derived from it. */
// The browser-safe part (browser.ts), then what only other areas use and the Node-only schema reader.
export * from './browser.js';
export { FAIRLIMIT_VERSION, BRACKET_MAX_GROUPS } from './frontier-report.js';
export { parseReport, reportSchema, reportSchemaErrors } from './validate-report.js';
export { groupTables, groupTableColumns, groupTableCaption } from './group-table.js';
export {
  metricFrame,
  GroupMetricName,
  isGroupMetricName,
  type GroupMetric,
  type MetricFrameInput,
  type MetricFrameOptions,
  type MetricFrameLevel,
  type MetricFrameResult,
} from './metric-frame.js';
export { GapEstimate, isGapEstimate, MAX_GAP_RANGE, isMaxGap } from './check-report.js';
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
