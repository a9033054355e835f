export { supportReport, type SupportReport } from './support-warnings.js';
export {
  applyCellClassifier,
  emptyEvaluationSums,
  addRowsToSums,
  finishEvaluation,
  type RowEvaluation,
  type RowEvaluationSums,
} from './held-out.js';
export {
  heldOutFrontier,
  type HeldOutFrontier,
  type HeldOutFrontierOptions,
  type HeldOutFrontierPoint,
  type HeldOutProtocol,
} from './held-out-frontier.js';
export {
  /** @deprecated the held-out frontier is `heldOutFrontier` (one word per concept: held-out). */
  heldOutFrontier as honestFrontier,
  /** @deprecated use HeldOutFrontier. */
  type HeldOutFrontier as HonestFrontier,
  /** @deprecated use HeldOutFrontierOptions. */
  type HeldOutFrontierOptions as HonestFrontierOptions,
  /** @deprecated use HeldOutFrontierPoint. */
  type HeldOutFrontierPoint as HonestFrontierPoint,
} from './held-out-frontier.js';
export {
  bootstrapFrontier,
  type BootstrapFrontier,
  type BootstrapBand,
  type BootstrapOptions,
} from './bootstrap-frontier.js';
export {
  finitePopulation,
  twoGaussianPopulation,
  normalCdf,
  type FinitePopulation,
  type FinitePopulationOptions,
  type TwoGaussianPopulation,
  type TwoGaussianOptions,
} from './ground-truth.js';
export * as estimateTolerances from './tolerances.js';
export {
  frontierInterval,
  intervalWarnings,
  INTERVAL_METHOD,
  INTERVAL_COVERS,
  type FrontierInterval,
  type FrontierIntervalOptions,
  type FrontierIntervalPoint,
  type IntervalCombine,
} from './frontier-interval.js';
export {
  intervalCoverage,
  type IntervalCoverage,
  type IntervalCoverageOptions,
  type IntervalCoveragePoint,
} from './interval-coverage.js';
export {
  achievableHeldOut,
  tightenAlphas,
  TIGHTENING_FACTORS,
  type AchievableHeldOut,
} from './achievable-held-out.js';
export { poolRareCells } from './pool-rare-cells.js';
export {
  heldOutCurve,
  achievableOnCurve,
  type HeldOutFrontierCurve,
  type HeldOutFrontierCurveOptions,
} from './held-out-curve.js';
export {
  posteriorFrontier,
  fitPosteriorCells,
  POSTERIOR_METHOD,
  POSTERIOR_COVERS,
  type PosteriorFrontier,
  type PosteriorFrontierOptions,
  type PosteriorFrontierPoint,
  type PosteriorCells,
} from './posterior-frontier.js';
export { gapBracket, type GapBracket, type GapBracketBound, type GapBracketOptions } from './gap-bracket.js';
