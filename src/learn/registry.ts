import { decisionTree, type DecisionTreeOptions } from './decision-tree.js';
import { gradientBoosting, type GradientBoostingOptions } from './gradient-boosting.js';
import { logisticRegression, type LogisticRegressionOptions } from './logistic-regression.js';
import { randomForest, type RandomForestOptions } from './random-forest.js';
import type { Learner } from './types.js';

/** The paper's base models by name (docs/design.md, Interventions): logit, rf, gbm. */
export const LearnerName = { logit: 'logit', rf: 'rf', gbm: 'gbm' } as const;
export type LearnerName = keyof typeof LearnerName;
export const isLearnerName = (name: string): name is LearnerName => Object.hasOwn(LearnerName, name);

export interface LearnerOptions {
  readonly logit: LogisticRegressionOptions;
  readonly rf: RandomForestOptions;
  readonly gbm: GradientBoostingOptions;
}

/** Factories of the base learners, each with scikit-learn-like documented defaults. */
export const learners: { readonly [K in LearnerName]: (options?: LearnerOptions[K]) => Learner } = {
  logit: logisticRegression,
  rf: randomForest,
  gbm: gradientBoosting,
};

export { decisionTree, type DecisionTreeOptions };
