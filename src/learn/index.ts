export type { FeatureMatrix, TrainingSet, FittedClassifier, Learner } from './types.js';
export { featureMatrixFromTable, type FeatureMatrixOptions } from './feature-matrix.js';
export { learners, LearnerName, isLearnerName, type LearnerOptions } from './registry.js';
export {
  logisticRegression,
  FeatureEncoding,
  type LogisticRegressionOptions,
  type FittedLogisticRegression,
  type ColumnEncoding,
} from './logistic-regression.js';
export { randomForest, type RandomForestOptions, type FittedRandomForest } from './random-forest.js';
export {
  gradientBoosting,
  type GradientBoostingOptions,
  type FittedGradientBoosting,
} from './gradient-boosting.js';
export { decisionTree, type DecisionTreeOptions, type FittedDecisionTree } from './decision-tree.js';
export type { TreeModel } from './tree.js';
export type { MaxFeatures } from './tree-options.js';
export {
  parseModelSpecs,
  learnerFromSpec,
  learnersFromText,
  describeModelSpec,
  paperPresetFor,
  MODEL_PRESETS,
  type ModelSpec,
} from './model-spec.js';
export { SPLIT_CRITERIA, type SplitCriterion } from './tree.js';
