export {
  createExperiment,
  experimentFromMasses,
  experimentPrior,
  achievedJoint,
  mergePoints,
  type Experiment,
  type FairnessExperiment,
  type CellMasses,
  type ExperimentInput,
} from './experiment.js';
export { supportFunction, innerProduct, l1Distance } from './support-function.js';
export {
  testGarbling,
  openDistanceModel,
  type Cut,
  type GarblingCertificate,
  type GarblingOptions,
  type DistanceModel,
} from './garbling-test.js';
export {
  cuttingPlaneFrontier,
  exactSeparator,
  type Separator,
  type Separation,
  type CuttingPlaneIteration,
  type CuttingPlaneResult,
  type CuttingPlaneOptions,
  type CuttingPlaneStop,
} from './cutting-plane.js';
export { mergeEqualPosteriors, type MergedPosteriors } from './posterior-merge.js';
export { slackFrontier, type SlackFrontierOptions, type SlackFrontierResult } from './slack-frontier.js';
export * as blackwellTolerances from './tolerances.js';
export {
  certifiedBracket,
  quantizeExperiment,
  type CertifiedBracket,
  type BracketLevel,
  type BracketOptions,
} from './certified-bracket.js';
export {
  posteriorExperiment,
  type PosteriorSource,
  type PosteriorExperiment,
  type PosteriorExperimentOptions,
} from './posterior-experiment.js';
