/**
 * Blackwell's order of experiments (see docs/design.md, Blackwell): achievable sets and their support function,
 * the garbling test with a certificate either way, the paper's Algorithm 1 (cutting planes), the estimation-slack
 * frontier, and the certified bracket for continuous features.
 */
export {
  createExperiment,
  experimentFromMasses,
  type Experiment,
  type FairnessExperiment,
  type CellMasses,
  type ExperimentInput,
} from '../blackwell/experiment.js';
export { supportFunction, l1Distance } from '../blackwell/support-function.js';
export {
  testGarbling,
  type Cut,
  type GarblingCertificate,
  type GarblingOptions,
} from '../blackwell/garbling-test.js';
export {
  cuttingPlaneFrontier,
  type CuttingPlaneIteration,
  type CuttingPlaneResult,
  type CuttingPlaneOptions,
  type CuttingPlaneStop,
} from '../blackwell/cutting-plane.js';
export {
  slackFrontier,
  type SlackFrontierOptions,
  type SlackFrontierResult,
} from '../blackwell/slack-frontier.js';
export {
  certifiedBracket,
  type CertifiedBracket,
  type BracketLevel,
  type BracketOptions,
} from '../blackwell/certified-bracket.js';
