import type { EncodedTable } from '../../data/table.js';
import type { Learner } from '../../learn/types.js';
import type { Algorithm } from '../../limits/index.js';
import type { Measure } from '../../metrics/index.js';
import type { Intervention } from '../types.js';
import type { Summary } from '../../numeric.js';

/** Evaluation protocols of docs/design.md (Interventions). */
export const Protocol = { paper: 'paper', holdout: 'holdout' } as const;
export type Protocol = keyof typeof Protocol;
export const isProtocol = (p: string): p is Protocol => Object.hasOwn(Protocol, p);

/** Row shares of the paper protocol: evaluation bootstrap and post-processor fitting bootstrap. */
export interface PaperShares {
  /** Size of each evaluation bootstrap resample as a share of the rows. Default 0.3. */
  readonly evaluation: number;
  /** Size of each post-processor fitting bootstrap. Default 0.15. */
  readonly postFit: number;
  /**
   * Fit post-processors on every row (the training rows of the base model) instead of a bootstrap, as the
   * FairProjection authors' code does; `postFit` is then unused. Default false.
   */
  readonly postFitOnAllRows?: boolean;
}

/** Row shares of the holdout protocol (test = the rest). */
export interface HoldoutShares {
  /** Base models and in-processing methods train here. Default 0.6. */
  readonly train: number;
  /** Post-processors fit here, on the base model's scores. Default 0.2. */
  readonly validation: number;
}

export interface BenchmarkProgress {
  readonly done: number;
  readonly total: number;
  readonly model: string;
  readonly method: string;
  readonly knob: number | null;
}

export interface BenchmarkOptions {
  readonly table: EncodedTable;
  /** Base models by name (e.g. { rf: learners.rf }); at least one. */
  readonly learners: Readonly<Record<string, Learner>>;
  readonly interventions: readonly Intervention[];
  /** The fairness measure the methods target and the gap is measured on. Default 'eo'. */
  readonly measure?: Measure;
  /** Knob values per method name; absent = the method's `defaultKnobs`. */
  readonly knobs?: Readonly<Record<string, readonly number[]>>;
  /** Required: every random choice derives from it. */
  readonly seed: number;
  /** Number of replicates (bootstrap resamples or splits). Default 10. */
  readonly seeds?: number;
  /** Default 'paper'. */
  readonly protocol?: Protocol;
  readonly paperShares?: Partial<PaperShares>;
  readonly holdoutShares?: Partial<HoldoutShares>;
  /**
   * Cells and classifier features include the group (the paper's default). The classifiers see exactly the
   * frontier's cell features, so that in sample the frontier bounds every point. Default true.
   */
  readonly isGroupAware?: boolean;
  /** Add each base model's own (unconstrained) point, method 'base'. Default true. */
  readonly includeBase?: boolean;
  /** Alphas of the frontier curve drawn under the points; default 21 values from 0 to the largest violation seen. */
  readonly frontierAlphas?: readonly number[];
  readonly algorithm?: Algorithm;
  readonly timeLimitSeconds?: number;
  readonly onProgress?: (progress: BenchmarkProgress) => void;
}

/** Mean and sample standard deviation over replicates (the one Summary, src/numeric.ts). */
export type { Summary };

/** The point's classifier evaluated on every row: in sample the frontier is an upper bound here. */
export interface FullDataEvaluation {
  readonly accuracy: number;
  readonly violations: Readonly<Record<Measure, number>>;
  readonly frontierAccuracy: number;
  readonly frontierDualBound: number;
  /** frontierAccuracy - accuracy; >= 0 up to the LP tolerance for every classifier of the cells. */
  readonly gap: number;
}

/** One (model, method, knob) point, summarized over the replicates. */
export interface BenchmarkPoint {
  readonly model: string;
  readonly method: string;
  readonly knobName: string | null;
  readonly knob: number | null;
  readonly accuracy: Summary;
  readonly violations: Readonly<Record<Measure, Summary>>;
  /** Brier score of the probabilities the method outputs (for 'base', the model's scores). */
  readonly brierScore: Summary;
  /** Wall time of each fit, in ms (one fit per replicate, or one in total for in-processing under 'paper'). */
  readonly fitMs: Summary;
  /** FairFront at the mean measured violation of the target measure (exact LP, other measures vacuous). */
  readonly frontierAccuracy: number;
  /** Certified upper bound of that LP (dual); frontierAccuracy <= FairFront <= frontierDualBound. */
  readonly frontierDualBound: number;
  /** The epistemic gap of docs/design.md (The frontier and the gap): frontierAccuracy - accuracy.mean. */
  readonly gap: number;
  /** Upper end of the gap bracket: against the optimistic in-sample frontier (= gap). */
  readonly gapHigh: number;
  /**
   * Lower end of the gap bracket. 'holdout': mean over replicates of (best test accuracy of the training rows'
   * FairFront rules at test violation <= the point's test violation) - the point's test accuracy, the frontier
   * that test rows can reach; null when no such rule meets that violation. 'paper': the points are measured
   * on resamples of the training rows, so the in-sample frontier is the reachable one and gapLow = gap.
   */
  readonly gapLow: number | null;
  readonly fullData: FullDataEvaluation;
  /** The first fit's method-specific diagnostics. */
  readonly diagnostics?: Readonly<Record<string, number | string | boolean>>;
}

export interface FrontierCurvePoint {
  readonly alpha: number;
  readonly accuracy: number;
  readonly dualBound: number;
}

export interface SkippedMethod {
  readonly method: string;
  readonly reason: string;
}

/** Plain typed data; the CLI puts it into the report's `benchmark` section. */
export interface BenchmarkResult {
  readonly dataset: string;
  readonly nRows: number;
  readonly nCells: number;
  readonly nGroups: number;
  readonly nClasses: number;
  readonly groupNames: readonly string[];
  readonly classNames: readonly string[];
  readonly isGroupAware: boolean;
  readonly measure: Measure;
  readonly protocol: Protocol;
  readonly seed: number;
  readonly seeds: number;
  readonly shares: PaperShares | HoldoutShares;
  readonly models: readonly string[];
  readonly methods: readonly string[];
  readonly frontier: { readonly bayesAccuracy: number; readonly points: readonly FrontierCurvePoint[] };
  readonly points: readonly BenchmarkPoint[];
  readonly skipped: readonly SkippedMethod[];
  /** Wall time in ms: total, LPs of the frontier and gaps, and fits plus predictions per method ('base' = base models). */
  readonly timing: {
    readonly totalMs: number;
    readonly frontierMs: number;
    readonly byMethodMs: Readonly<Record<string, number>>;
  };
}
