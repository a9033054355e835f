export { Measure, MEASURES, isMeasure, MEASURE_TITLES, VACUOUS_ALPHA, type Alphas } from './measure.js';
export { violationsFromConditional } from './violations.js';
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
