export {
  fairFront,
  openFrontierModel,
  inducedConditional,
  completeAlphas,
  chooseAlgorithm,
  Algorithm,
  isAlgorithm,
  type FairFrontPoint,
  type FrontierModel,
  type FrontierModelOptions,
} from './frontier-model.js';
export * from './sweep-frontier.js';
export * as tolerances from './tolerances.js';
export * from './estimate/index.js';
export { frontierLpSize, type FrontierLpSize } from './lp-size.js';
export {
  exportClassifier,
  applyClassifier,
  SEED_POLICY,
  type FairClassifierV1,
  type ClassifierFeatureV1,
  type ExportClassifierInput,
  type AppliedClassifier,
} from './fair-classifier.js';
export {
  exportThresholdRule,
  applyThresholdRule,
  type ThresholdRuleV1,
  type GroupThresholdRuleV1,
  type ThresholdValueV1,
  type ExportThresholdRuleInput,
  type AppliedThresholdRule,
} from './threshold-rule.js';
export { checkClassifier, CLASSIFIER_SUM_TOLERANCE } from './check-classifier.js';
