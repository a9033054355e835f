export type {
  Intervention,
  InterventionContext,
  InterventionData,
  InterventionInput,
  FittedIntervention,
} from './types.js';
export {
  reduction,
  createReduction,
  exponentiatedGradient,
  REDUCTION_DEFAULT_KNOBS,
  type ReductionOptions,
  type ExponentiatedGradientOptions,
  type ExponentiatedGradientResult,
} from './reduction/index.js';
export {
  fairFrontRule,
  createFairFrontRule,
  applyFrontierRule,
  FAIRFRONT_RULE_DEFAULT_KNOBS,
} from './fairfront-rule.js';
export * from './post-processing/index.js';
export { interventions, MethodName, isMethodName, METHOD_NAMES } from './registry.js';
export * from './benchmark/index.js';
