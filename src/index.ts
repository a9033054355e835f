/**
 * fairlimit: exact fairness Pareto frontiers (FairFront, Wang et al. NeurIPS 2023) and the epistemic gap of
 * real classifiers. The public API is re-exported here; everything else is internal.
 */
export * from './errors.js';
export { createRng, type Rng } from './rng.js';
export { Measure, MEASURES, isMeasure, type Alphas } from './metrics/measure.js';
export { violationsFromConditional } from './metrics/violations.js';
export { evaluatePredictions, type PredictionInput, type PredictionMetrics } from './metrics/index.js';
export {
  Criterion,
  CRITERIA,
  isCriterion,
  criterionValues,
  type Bounds,
  type CriterionKind,
} from './metrics/index.js';
export { parseObjective, type Objective, type ObjectiveKind } from './lp/objective.js';
export {
  learners,
  featureMatrixFromTable,
  type Learner,
  type FittedClassifier,
  type FeatureMatrix,
  type TrainingSet,
} from './learn/index.js';
export type { EncodedTable } from './data/table.js';
export { syntheticTable, type SyntheticOptions } from './data/synthetic.js';
export * from './distribution/index.js';
export * from './limits/index.js';
export * from './data/reference/index.js';
export * from './blackwell/index.js';
export * as display from './display/index.js';
export { show, JUPYTER_DISPLAY, type Displayable, type MimeBundle } from './display/index.js';
export {
  runBenchmark,
  interventions,
  METHOD_NAMES,
  createReduction,
  exponentiatedGradient,
  createFairFrontRule,
  type Intervention,
  type FittedIntervention,
  type BenchmarkResult,
  type BenchmarkOptions,
  type BenchmarkPoint,
} from './interventions/index.js';
export {
  readCsvTable,
  readCsvFrame,
  tableFromData,
  encodeTable,
  type CsvOptions,
  type TableSpec,
  type TableSummary,
  type DataInput,
  type BinSpec,
} from './data/index.js';
export {
  frontierReport,
  EXACT_LP_MAX_NONZEROS,
  formatReport,
  modelCard,
  checkReport,
  parseReport,
  reportSchema,
  type ReportV1,
  type FrontierReportOptions,
} from './report/index.js';
export { frontierSpec, heatmapSpec, reportSpec, renderSvg, renderPng, htmlReport } from './plot/index.js';
export {
  missingStudy,
  paperScenarios,
  compasSource,
  adultSource,
  tableSource,
  STRATEGIES,
  Strategy,
  isStrategy,
  type MissingStudy,
  type MissingStudyOptions,
  type MissingScenario,
  type Mechanism,
} from './missing/index.js';
export {
  readCountsTable,
  encodeCounts,
  type CellCounts,
  type CountsSpec,
  type CountsFileOptions,
} from './data/counts/index.js';
export { aggregateWithDuckDb, type DuckDbOptions, type DuckDbAggregation } from './data/duckdb/index.js';
export {
  aggregationQuery,
  SqlDialect,
  SQL_DIALECTS,
  isSqlDialect,
  type AggregationQuery,
  type AggregationQueryOptions,
} from './data/sql/index.js';
