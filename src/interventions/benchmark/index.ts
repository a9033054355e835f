export { runBenchmark } from './run-benchmark.js';
export {
  paperReplicates,
  holdoutReplicates,
  DEFAULT_PAPER_SHARES,
  DEFAULT_HOLDOUT_SHARES,
  type Replicate,
} from './protocol.js';
export {
  Protocol,
  isProtocol,
  type BenchmarkOptions,
  type BenchmarkProgress,
  type BenchmarkPoint,
  type BenchmarkResult,
  type FrontierCurvePoint,
  type FullDataEvaluation,
  type HoldoutShares,
  type PaperShares,
  type SkippedMethod,
  type Summary,
} from './types.js';
