/**
 * fairlimit: exact fairness Pareto frontiers (FairFront, Wang et al. NeurIPS 2023) and the epistemic gap of
 * real classifiers. This is the whole public API: about thirty names for the common path, and namespaces
 * (`display`, `plot`, `reference`, `missing`, `scale`, `blackwell`) for the rest. Anything reached through a
 * deeper path is internal and may change.
 *
 * Start with `analyze(data, { group, label, eo: [...] })`: one call from data to the report, which shows itself
 * in a notebook.
 */

// One call: data -> report (with a rich notebook display).
export { analyze, type AnalyzeData, type AnalyzeOptions, type AlphaList, type Analysis } from './analyze.js';

// Data: a checked table.
export { loadReferenceDataset, type ReferenceDatasetName } from './data/reference/reference-datasets.js';
export { readCsvTable, type CsvOptions, type CsvTableResult } from './data/csv/index.js';
export { tableFromData, type DataInput } from './data/from-data.js';
export { syntheticTable, type SyntheticOptions } from './data/synthetic.js';
export type { EncodedTable } from './data/table.js';
export type { TableSpec, TableSummary, EncodedResult, PredictionColumn } from './data/encode-table.js';
export type { BinSpec } from './data/bins.js';

// Cells and the exact frontier.
export { distributionFromTable, type CellOptions, type CellAssignment } from './distribution/from-table.js';
export { groupLabelMass, type Distribution } from './distribution/distribution.js';
export {
  fairFront,
  openFrontierModel,
  type FairFrontPoint,
  type FrontierModelOptions,
} from './limits/frontier-model.js';
// Criteria beyond the paper, objectives, and the fair classifier as an artifact (docs/constraints.md).
export { CRITERIA, type Criterion, type Bounds } from './metrics/criterion.js';
export type { Objective } from './lp/objective.js';
export { exportClassifier, applyClassifier, type FairClassifierV1 } from './limits/fair-classifier.js';
export { exportThresholdRule, applyThresholdRule, type ThresholdRuleV1 } from './limits/threshold-rule.js';
export { metricFrame, type GroupMetric, type MetricFrameResult } from './report/metric-frame.js';
export {
  sweepFrontier,
  sweepFrontierGrid,
  type SweepOptions,
  type FrontierSweep,
  type GridOptions,
  type GridAxis,
  type FrontierGrid,
  type ProgressCallback,
} from './limits/sweep-frontier.js';
export {
  heldOutFrontier,
  type HeldOutFrontier,
  type HeldOutFrontierOptions,
  type HeldOutFrontierPoint,
  /** @deprecated the one word is held-out: `heldOutFrontier`. */
  heldOutFrontier as honestFrontier,
} from './limits/estimate/held-out-frontier.js';
export {
  posteriorFrontier,
  type PosteriorFrontier,
  type PosteriorFrontierOptions,
  type PosteriorFrontierPoint,
} from './limits/estimate/posterior-frontier.js';
export {
  bootstrapFrontier,
  type BootstrapFrontier,
  type BootstrapOptions,
} from './limits/estimate/bootstrap-frontier.js';
export { MEASURES, type Measure, type Alphas } from './metrics/measure.js';

// Reports.
export {
  frontierReport,
  type FrontierReportOptions,
  type FrontierReportInput,
} from './report/frontier-report.js';
export type { ReportV1 } from './report/report-types.js';
export { formatReport, type ReportFormat } from './report/format-report.js';
export { parseReport } from './report/validate-report.js';
export { checkReport, type CheckOptions, type CheckResult } from './report/check-report.js';
export { modelCard, type CardFormat, type CardOptions } from './report/model-card.js';

// Models, metrics, interventions, missing values.
export { evaluatePredictions, type PredictionInput, type PredictionMetrics } from './metrics/index.js';
export {
  thresholdCurve,
  thresholdOptimizer,
  THRESHOLD_CONSTRAINTS,
  type ScoreInput,
  type ThresholdCurve,
  type ThresholdConstraint,
  type ThresholdOptimizerResult,
} from './metrics/index.js';
export { learners, featureMatrixFromTable } from './learn/index.js';
export type { Learner, FittedClassifier, FeatureMatrix, TrainingSet } from './learn/index.js';
export { interventions } from './interventions/registry.js';
export type { Intervention, FittedIntervention } from './interventions/types.js';
export {
  runBenchmark,
  type BenchmarkResult,
  type BenchmarkOptions,
  type BenchmarkPoint,
} from './interventions/benchmark/index.js';
export { missingStudy, type MissingStudy, type MissingStudyOptions } from './missing/missing-study.js';

// Notebooks, randomness, errors.
export { show, type Displayable, type MimeBundle } from './display/index.js';
export { createRng, type Rng } from './rng.js';
export { FairlimitError, InputError, SolverError, type ErrorCode, type Where } from './errors.js';

// Namespaces.
export * as display from './display/index.js';
export * as plot from './api/plot.js';
export * as reference from './api/reference.js';
export * as missing from './api/missing.js';
export * as scale from './api/scale.js';
export * as blackwell from './api/blackwell.js';
