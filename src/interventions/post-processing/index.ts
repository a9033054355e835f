// The post-processing interventions of docs/design.md (Interventions): each fits on the base model's scores
// and returns a randomized classifier as probabilities. One file per method; shared helpers (validate,
// score-blocks, projection-*) stay unexported.
export {
  eqOdds,
  fitEqOdds,
  mixtureProbability,
  EQ_ODDS_DEFAULT_KNOBS,
  EQ_ODDS_MEASURES,
  type FittedEqOdds,
  type ThresholdMixture,
} from './eq-odds.js';
export {
  calEqOdds,
  createCalEqOdds,
  fitCalEqOdds,
  CalibratedCost,
  CalibratedDecision,
  CostWeighting,
  CAL_EQ_ODDS_DEFAULT_KNOBS,
  type CalEqOddsOptions,
  type FittedCalEqOdds,
} from './cal-eq-odds.js';
export {
  levEqOpp,
  createLevEqOpp,
  fitLevEqOpp,
  thresholdProbability,
  RateEstimate,
  LEV_EQ_OPP_DEFAULT_KNOBS,
  type LevEqOppOptions,
  type FittedLevEqOpp,
  type GroupThreshold,
} from './lev-eq-opp.js';
export {
  fairProjection,
  fairProjectionAsBenchmarked,
  createFairProjection,
  fitFairProjection,
  ProjectionDecision,
  ProjectionReference,
  FAIR_PROJECTION_DEFAULT_KNOBS,
  type FairProjectionOptions,
  type FittedFairProjection,
} from './fair-projection.js';
export { Divergence, ConstraintForm } from './projection-problem.js';
