export { Measure, MEASURES, isMeasure, MEASURE_TITLES, VACUOUS_ALPHA, type Alphas } from './measure.js';
export { violationsFromConditional } from './violations.js';
export {
  Criterion,
  CRITERIA,
  CRITERION_KIND,
  CRITERION_TITLES,
  CRITERION_FLAGS,
  VACUOUS_BOUND,
  isCriterion,
  isVacuousBound,
  meetsBound,
  completeBounds,
  activeCriteria,
  type CriterionKind,
  type Bounds,
} from './criterion.js';
export {
  criterionValues,
  groupRates,
  evaluateRate,
  POSITIVE_CLASS,
  type GroupRate,
  type RateTerm,
} from './criterion-values.js';
export {
  evaluatePredictions,
  type PredictionInput,
  type PredictionMetrics,
  type GroupRates,
  type GroupMetrics,
  type Disparity,
  type FamiliarExtras,
  type SmallSampleFlag,
} from './evaluate-predictions.js';
export * as metricTolerances from './tolerances.js';
export {
  thresholdCurve,
  validateScoreInput,
  type ScoreInput,
  type ThresholdCurve,
  type ThresholdPoint,
} from './threshold-curve.js';
export {
  thresholdOptimizer,
  ThresholdConstraint,
  THRESHOLD_CONSTRAINTS,
  CRITERION_OF_CONSTRAINT,
  DEFAULT_GRID_SIZE,
  isThresholdConstraint,
  ruleProbability,
  type GroupThresholdRule,
  type ThresholdObjective,
  type ThresholdOperator,
  type ThresholdOptimizerResult,
} from './threshold-optimizer.js';
