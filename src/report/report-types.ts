/**
 * The JSON report: fairlimit's public output format. `schema/report-v1.schema.json` is generated from
 * `ReportV1` (`npm run schema`). Additive fields keep the version; renames and removals bump it.
 * No timestamps, timings or absolute paths: the same input and seed give the same bytes.
 *
 * Other areas extend the report through its optional sections (`benchmark`, `missing`, `estimation`): keep
 * their types in this file so that the schema stays one document.
 */

/**
 * The three alphas or measured values, one per measure of docs/design.md (Fairness measures) (1 = vacuous).
 */
export interface MeasureValuesV1 {
  readonly sp: number;
  readonly eo: number;
  readonly oae: number;
}

export type MeasureNameV1 = 'sp' | 'eo' | 'oae';

/** Every fairness criterion of docs/constraints.md: the three measures and the families beyond the paper. */
export type CriterionNameV1 =
  MeasureNameV1 | 'tpr' | 'fpr' | 'errorRate' | 'spRatio' | 'tprRatio' | 'fprRatio' | 'groupLoss';

/**
 * One number per criterion. As bounds: alpha for differences (1 = vacuous), R for ratios (0 = vacuous), Z for
 * group loss (1 = vacuous). As measured values: the largest difference, the smallest ratio, the largest group
 * error. The families beyond sp, eo, oae are optional so that older reports stay valid; fairlimit writes them all.
 */
export interface CriterionValuesV1 extends MeasureValuesV1 {
  readonly tpr?: number;
  readonly fpr?: number;
  readonly errorRate?: number;
  readonly spRatio?: number;
  readonly tprRatio?: number;
  readonly fprRatio?: number;
  readonly groupLoss?: number;
}

/** What the frontier optimizes (absent = accuracy). A cost is minimized: `value` and `dualBound` are costs. */
export interface ObjectiveV1 {
  readonly kind: 'accuracy' | 'balancedAccuracy' | 'cost';
  /** cost[y][yHat] of a cost objective. */
  readonly cost?: readonly (readonly number[])[];
}

export interface ReportV1 {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: 'fairlimit'; readonly version: string };
  readonly kind: 'frontier';
  readonly data: DataSummaryV1;
  readonly settings: SettingsV1;
  /** Reference accuracies of the distribution. */
  readonly reference: {
    /** FairFront with every alpha = 1: sum_x max_y p(x, y). */
    readonly bayesAccuracy: number;
    /** Best constant prediction, max_y P(Y = y): a floor of FairFront at alpha = 0. */
    readonly constantAccuracy: number;
  };
  /**
   * Every solved point, in the order of `settings.constraints` (a grid row-major: x outer, y inner). Empty when
   * `settings.fallback` says the exact LP was replaced by the certified bracket.
   */
  readonly frontier: readonly FrontierPointV1[];
  /** Present for a 2-D sweep. */
  readonly grid?: GridV1;
  /** Classifiers placed against the frontier: their measured violation, accuracy and epistemic gap. */
  readonly models?: readonly ModelPointV1[];
  /**
   * Models given by their scores (`--scores`, docs/scores.md): each one's single-threshold curve and
   * fairlearn ThresholdOptimizer-style group thresholds, placed against the frontier.
   */
  readonly scoreCurves?: readonly ScoreCurveV1[];
  /** Held-out and bootstrap estimates of the frontier; written by src/limits estimation. */
  readonly estimation?: EstimationSectionV1;
  /** Interventions benchmark: models x methods x knobs against the frontier of the same cells. */
  readonly benchmark?: BenchmarkSectionV1;
  /** Missing-value study; loosely typed until that section settles. */
  readonly missing?: MissingSectionV1;
}

export interface DataSourceV1 {
  readonly kind: 'file' | 'dataset' | 'synthetic' | 'memory' | 'database';
  /** File name without directory, data set name, generator description, or engine and table (never the connection). */
  readonly name: string;
  /** SHA-256 of the file's bytes (kind "file"). */
  readonly sha256?: string;
  readonly bytes?: number;
  /** Seed of a synthetic source. */
  readonly seed?: number;
}

export interface CountV1 {
  readonly name: string;
  /** Rows (unweighted). */
  readonly rows: number;
  /** Weighted share of all rows, in [0, 1]. */
  readonly share: number;
}

export interface GroupLabelCountV1 {
  readonly group: string;
  readonly label: string;
  readonly rows: number;
  /** mu(s, y): weighted share. */
  readonly share: number;
}

export interface FeatureV1 {
  readonly name: string;
  readonly encoding: 'numeric' | 'categorical' | 'bins';
  readonly levels?: readonly string[];
  readonly edges?: readonly number[];
  readonly bins?: string;
}

export interface LeftOutColumnV1 {
  readonly column: string;
  /** identifier, constant, date, text or missing (an open set: new reasons may be added). */
  readonly reason: string;
  /** The evidence in words, e.g. "7214 distinct values in 7214 rows". */
  readonly detail: string;
}

export interface DataSummaryV1 {
  readonly source: DataSourceV1;
  /** Rows used (after filters). */
  readonly nRows: number;
  /** Rows read before filters and group selection (CSV input). */
  readonly nRowsRead?: number;
  readonly dropped?: { readonly filtered: number; readonly otherGroups: number; readonly missing: number };
  readonly totalWeight: number;
  readonly isWeighted: boolean;
  readonly groupColumns?: readonly string[];
  readonly labelColumn?: string;
  readonly weightColumn?: string;
  readonly groups: readonly CountV1[];
  readonly labels: readonly CountV1[];
  readonly groupLabels: readonly GroupLabelCountV1[];
  readonly features: readonly FeatureV1[];
  /**
   * Columns left out of the default features and why (identifier, constant, date, text, missing); absent when
   * the features were named. A column is put back by naming the features.
   */
  readonly leftOut?: readonly LeftOutColumnV1[];
  /** Rows with a missing value per used column (CSV input, only columns with one), before rows were dropped. */
  readonly missingByColumn?: readonly { readonly column: string; readonly rows: number }[];
  readonly derived?: readonly string[];
  readonly filters?: readonly string[];
  readonly cells: {
    readonly count: number;
    readonly isGroupAware: boolean;
    /**
     * cells / N: near 1 means almost every row has its own cell (docs/design.md, Inference: an optimistic
     * frontier).
     */
    readonly perRow: number;
    /** Share of cells that hold a single row. */
    readonly singleRowShare: number;
  };
  /** Human-readable warnings, in a fixed order. */
  readonly warnings: readonly string[];
}

export interface SettingsV1 {
  readonly constraints: {
    /** The swept criteria: none (one point), one (a curve) or two (a grid, x then y). */
    readonly swept: readonly CriterionNameV1[];
    /**
     * The bounds of every criterion (a single value for fixed ones; sp, eo, oae [1] when vacuous); the criteria
     * beyond sp, eo, oae appear when given.
     */
    readonly alphas: {
      readonly sp: readonly number[];
      readonly eo: readonly number[];
      readonly oae: readonly number[];
      readonly tpr?: readonly number[];
      readonly fpr?: readonly number[];
      readonly errorRate?: readonly number[];
      readonly spRatio?: readonly number[];
      readonly tprRatio?: readonly number[];
      readonly fprRatio?: readonly number[];
      readonly groupLoss?: readonly number[];
    };
  };
  /** The objective (absent = accuracy). */
  readonly objective?: ObjectiveV1;
  readonly isGroupAware: boolean;
  /**
   * How the frontier is computed: the exact LP on the empirical cells (docs/design.md, The exact LP), or an
   * estimator.
   */
  readonly method: string;
  /** `posterior` when the headline is the posterior estimate (docs/estimation.md); absent on cells. */
  readonly estimate?: string;
  /**
   * Present when the exact LP was too large and the certified bracket was computed instead (docs/scale.md):
   * `frontier`
   * is then empty and `estimation.bracket` holds the bounds.
   */
  readonly fallback?: {
    readonly from: 'exact';
    readonly to: 'bracket';
    /** Nonzeros of the exact LP after merging equivalent cells (`frontierLpSize`). */
    readonly lpNonzeros: number;
    /** The limit it exceeded (`maxExactNonzeros`). */
    readonly maxExactNonzeros: number;
  };
  /** The HiGHS algorithm requested (auto, simplex, ipm). */
  readonly algorithm: string;
  readonly timeLimitSeconds: number;
  /** Seed of every random choice (null when nothing is random). */
  readonly seed: number | null;
}

export interface FrontierPointV1 {
  /** The bound of every criterion at this point. */
  readonly alpha: CriterionValuesV1;
  /** Accuracy of the optimal classifier h, re-computed from the data: FairFront(alpha) (a lower bound). */
  readonly accuracy: number;
  /** The objective optimized (absent = accuracy). */
  readonly objective?: ObjectiveV1['kind'];
  /** The objective's value at h: the optimum (= accuracy for the accuracy objective; a cost is minimized). */
  readonly value?: number;
  /** Certified bound on the optimum from the LP duals (above it when maximizing, below a minimized cost). */
  readonly dualBound: number;
  readonly status: 'optimal';
  /** What h actually reaches for every criterion, measured by the metric engine (each within its bound). */
  readonly violations: CriterionValuesV1;
  /** Objective gained per unit of alpha or Z, lost per unit of R (price of fairness); 0 where it does not bind. */
  readonly price: CriterionValuesV1;
  readonly solver: {
    readonly algorithm: 'simplex' | 'ipm';
    readonly iterations: number;
    readonly retried: boolean;
  };
}

export interface GridV1 {
  readonly x: CriterionNameV1;
  readonly y: CriterionNameV1;
  readonly xAlphas: readonly number[];
  readonly yAlphas: readonly number[];
}

export interface ModelPointV1 {
  readonly name: string;
  /** Where the point comes from (e.g. "predictions column", "given", an intervention's name). */
  readonly source: string;
  /** The criterion the gap is taken along. */
  readonly measure: CriterionNameV1;
  /** The model's measured value of that criterion. */
  readonly violation: number;
  readonly accuracy: number;
  /**
   * FairFront exactly at alpha = violation (one more LP, docs/design.md, The frontier and the gap), other
   * alphas as in the sweep.
   */
  readonly frontierAccuracy: number;
  /** Epistemic discrimination: frontierAccuracy - accuracy (against the optimistic in-sample frontier). */
  readonly gap: number;
  /** Upper end of the gap bracket: against the in-sample frontier (= gap). */
  readonly gapHigh?: number;
  /**
   * Lower end of the gap bracket (with --holdout or --folds): the achievable held-out frontier at the model's
   * alpha minus its accuracy; null when no held-out rule meets that alpha. A lower end in expectation, not a
   * confidence bound (single samples exceed the population value; docs/estimation.md, gaps): for a bracket
   * with a stated level use gapBracket.
   */
  readonly gapLow?: number | null;
  /** Every criterion when measured from predictions. */
  readonly violations?: CriterionValuesV1;
  /**
   * Per-group rates when measured from predictions, as fairlearn's MetricFrame shows them: one table for the
   * positive class (binary labels) or one per class, one-vs-rest (multi-class).
   */
  readonly byGroup?: readonly GroupTableV1[];
}

/** The rates of one group (or of all rows): null when the group has no row of the conditioning event. */
export interface GroupRatesV1 {
  /** Weighted share of rows whose prediction equals the label. */
  readonly accuracy: number | null;
  /** P(Yhat = c | S = s). */
  readonly selectionRate: number | null;
  /** P(Yhat = c | Y = c, S = s). */
  readonly truePositiveRate: number | null;
  /** P(Yhat = c | Y != c, S = s). */
  readonly falsePositiveRate: number | null;
}

export interface GroupRowV1 extends GroupRatesV1 {
  /** Group name, or "overall". */
  readonly group: string;
  /** Rows with positive weight. */
  readonly rows: number;
  /**
   * Wilson score intervals of the rates (docs/design.md, Inference): each rate's successes out of its rows (weights
   * rescaled to the group's row count); null where the rate is null.
   */
  readonly intervals?: GroupIntervalsV1;
}

export interface RateIntervalV1 {
  readonly lower: number;
  readonly upper: number;
}

export interface GroupIntervalsV1 {
  /** Two-sided level, e.g. 0.95. */
  readonly level: number;
  readonly method: string;
  readonly accuracy: RateIntervalV1 | null;
  readonly selectionRate: RateIntervalV1 | null;
  readonly truePositiveRate: RateIntervalV1 | null;
  readonly falsePositiveRate: RateIntervalV1 | null;
}

/** Whether a group's rate is within the band [R, 1/R] of the reference group's (null when either rate is). */
export interface GroupPassV1 {
  readonly accuracy: boolean | null;
  readonly selectionRate: boolean | null;
  readonly truePositiveRate: boolean | null;
  readonly falsePositiveRate: boolean | null;
}

/**
 * Disparities against a reference group, as Aequitas reports them: each group's rate divided by the reference
 * group's (null when the reference rate is 0) and minus it, and whether the ratio lies in the band.
 */
export interface ReferenceDisparitiesV1 {
  readonly referenceGroup: string;
  /** [R, 1/R]: the four-fifths rule is R = 0.8. */
  readonly band: readonly number[];
  readonly byGroup: readonly {
    readonly group: string;
    readonly ratio: GroupRatesV1;
    readonly difference: GroupRatesV1;
    readonly passes: GroupPassV1;
  }[];
}

/** A MetricFrame-like table of one class's rates by group, with between-group differences and ratios. */
export interface GroupTableV1 {
  /** The class the rates refer to (selection = predicting it, TPR / FPR one-vs-rest). */
  readonly className: string;
  readonly byGroup: readonly GroupRowV1[];
  readonly overall: GroupRowV1;
  /** max - min over groups (MetricFrame.difference(method='between_groups')); null with fewer than two values. */
  readonly difference: GroupRatesV1;
  /** min / max over groups (MetricFrame.ratio(method='between_groups')); null with fewer than two values or max 0. */
  readonly ratio: GroupRatesV1;
  /** Disparities against a chosen reference group (present when one was chosen). */
  readonly reference?: ReferenceDisparitiesV1;
}

/**
 * Held-out and bootstrap estimates of the frontier (docs/design.md, Inference, finite samples), at the same alphas and in the
 * same order as `frontier` (src/report/estimation.ts). Every part is optional; further keys are allowed.
 */
export interface EstimationSectionV1 {
  /** exact, cutting-plane or bracket. */
  readonly method: string;
  /** Algorithm 1 (cutting planes): a certified upper bound at each alpha. */
  readonly cuttingPlane?: readonly CuttingPlanePointV1[];
  /** The certified bracket: lower <= FairFront <= upper at each alpha. */
  readonly bracket?: readonly BracketPointV1[];
  /** The held-out frontier: the optimal classifier of the training rows evaluated on held-out rows. */
  readonly honest?: HonestSectionV1;
  /** Bootstrap percentile bands of the in-sample frontier. */
  readonly bootstrap?: BootstrapSectionV1;
  /**
   * Confidence interval for the population FairFront at each alpha (`frontier --interval`), same order as
   * `frontier`. Coverage measured in simulation (docs/estimation.md).
   */
  readonly interval?: readonly IntervalPointV1[];
  /** What the interval covers, how it was computed, and its coverage warnings. */
  readonly intervalInfo?: IntervalInfoV1;
  /** `posterior` when the headline is the posterior estimate (docs/estimation.md); absent on cells. */
  readonly estimate?: string;
  /** How the posterior estimate was made (with `estimate: posterior`). */
  readonly posterior?: PosteriorInfoV1;
  readonly [key: string]: unknown;
}

export interface IntervalPointV1 {
  readonly alpha: CriterionValuesV1;
  /**
   * The point estimate the interval belongs to: the posterior estimate (`estimate: posterior`), or the in-sample
   * FairFront on cells (biased upward). Absent in reports written before it existed.
   */
  readonly estimate?: number;
  /** Lower confidence bound for the population FairFront(alpha). */
  readonly lower: number;
  /** Upper confidence bound for the population FairFront(alpha). */
  readonly upper: number;
  /** Two-sided confidence level, e.g. 0.95. */
  readonly level: number;
  /** 'cross-fit-lagrangian'. */
  readonly method: string;
  /** In-sample FairFront (the plug-in estimate; biased upward). */
  readonly inSample: number;
  /** Back-off size (minimum training rows per cell) of the rule that gave the lower end. */
  readonly lowerMinCellRows?: number;
}

export interface PosteriorInfoV1 {
  /** Which estimate the headline is, in plain words. */
  readonly headline: string;
  /** The learner chosen by inner cross-validation in each outer fold. */
  readonly learners: readonly string[];
  /** The score bins per (group, ranked-first class) chosen in each outer fold. */
  readonly binsOfFold: readonly number[];
  /** Bins and cells of the estimate's exact LP. */
  readonly estimateBins: number;
  readonly estimateCells: number;
  /** Bayes accuracy of the estimate's cells. */
  readonly bayesAccuracy: number;
}

export interface IntervalInfoV1 {
  readonly method: string;
  readonly level: number;
  readonly folds: number;
  readonly seed: number;
  readonly cellsPerRow: number;
  /** Plain words: what the interval covers and in which direction the point estimate is biased. */
  readonly covers: string;
  readonly warnings: readonly string[];
  /** Back-off sizes whose rules compete for the lower end (at one max-type critical value). */
  readonly backOffSizes?: readonly number[];
}

export interface CuttingPlanePointV1 {
  readonly alpha: CriterionValuesV1;
  readonly upperBound: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly cuts: number;
}

export interface BracketPointV1 {
  readonly alpha: CriterionValuesV1;
  /** Exact LP value on quantized posteriors: a real classifier's accuracy. */
  readonly lower: number;
  /** Cutting-plane bound on the full cells. */
  readonly upper: number;
  readonly gap: number;
  /** Quantization levels run. */
  readonly levels: number;
}

/** The held-out frontier section (its type and field keep the historical name "honest": the schema is stable). */
export interface HonestSectionV1 {
  /** kind 'holdout' (with fraction) or 'folds' (with folds). */
  readonly protocol: { readonly kind: string; readonly [key: string]: unknown };
  readonly seed: number;
  readonly points: readonly {
    readonly alpha: CriterionValuesV1;
    /** FairFront on every row. */
    readonly inSample: number;
    /** FairFront on the training rows. */
    readonly train: number;
    readonly heldOut: {
      readonly accuracy: number;
      readonly violations: CriterionValuesV1;
      readonly unseenRowShare: number;
      readonly rows: number;
    };
    /**
     * Best held-out accuracy with held-out violations <= alpha (training rules at tightened alphas, mixed with
     * the constant rule); null when nothing meets alpha on the held-out rows.
     */
    readonly achievable?: {
      readonly accuracy: number;
      readonly violations: CriterionValuesV1;
      readonly tightening: number;
      readonly constantShare: number;
    } | null;
  }[];
  /** The constant rule's held-out accuracy (the floor any honest procedure should reach under SP and EO). */
  readonly constantAccuracy?: number;
  /**
   * Rare-cell back-off: training cells with fewer rows are pooled per group. When chosen per split, the size
   * chosen most often (see backOff).
   */
  readonly minCellRows?: number;
  /** How the back-off was set: fixed, or chosen per split by inner cross-validation on its training rows. */
  readonly backOff?: {
    readonly choice: 'fixed' | 'inner-cross-validation';
    /** The size used in each split, in fold order. */
    readonly perPart: readonly number[];
    /** The sizes tried (inner cross-validation). */
    readonly candidates?: readonly number[];
    /** Splits whose inner folds could not be made (the default size was kept), with the reason. */
    readonly fallbacks?: readonly string[];
  };
  readonly warnings: readonly string[];
}

export interface BootstrapSectionV1 {
  readonly seed: number;
  /** Two-sided level of the percentile band, e.g. 0.95. */
  readonly level: number;
  readonly replicates: number;
  readonly bands: readonly {
    readonly alpha: CriterionValuesV1;
    readonly estimate: number;
    readonly mean: number;
    readonly standardDeviation: number;
    readonly lower: number;
    readonly upper: number;
  }[];
  /** What the band is (and is not): the spread of the in-sample estimate, not an interval for the population. */
  readonly note?: string;
}

/** Mean and sample standard deviation (n - 1; 0 for one value) over the benchmark's replicates. */
export interface SummaryV1 {
  readonly mean: number;
  readonly std: number;
  readonly n: number;
}

/** One (model, method, knob) point of the benchmark. */
export interface BenchmarkPointV1 {
  readonly model: string;
  /** 'base' (the model alone), or an intervention: reduction, eqodds, caleqodds, leveqopp, fairprojection, fairfront-rule. */
  readonly method: string;
  readonly knobName: string | null;
  readonly knob: number | null;
  readonly accuracy: SummaryV1;
  readonly violations: { readonly sp: SummaryV1; readonly eo: SummaryV1; readonly oae: SummaryV1 };
  /** Brier score of the probabilities the method outputs (for 'base', the model's scores). */
  readonly brierScore: SummaryV1;
  /** Fit wall time in ms; present only when timings were requested (timings break byte-identical reports). */
  readonly fitMs?: SummaryV1;
  /** FairFront at the mean measured violation of the benchmark's measure (one exact LP). */
  readonly frontierAccuracy: number;
  readonly frontierDualBound: number;
  /** Epistemic gap: frontierAccuracy - accuracy.mean. */
  readonly gap: number;
  /** Upper end of the gap bracket (against the optimistic in-sample frontier; = gap). */
  readonly gapHigh?: number;
  /**
   * Lower end of the gap bracket: against the frontier the test rows can reach (holdout protocol: the training
   * rows' FairFront rules measured on the test rows); null when none meets the point's violation. A lower end
   * in expectation, not a confidence bound (docs/estimation.md, gaps).
   */
  readonly gapLow?: number | null;
  /** The same classifier evaluated on every row: in sample, gap >= 0 up to the LP tolerance. */
  readonly fullData: {
    readonly accuracy: number;
    readonly violations: CriterionValuesV1;
    readonly frontierAccuracy: number;
    readonly frontierDualBound: number;
    readonly gap: number;
  };
  readonly diagnostics?: { readonly [key: string]: number | string | boolean };
}

export interface BenchmarkSectionV1 {
  readonly dataset: string;
  readonly measure: MeasureNameV1;
  /** 'paper': train on all rows, evaluate on bootstraps; 'holdout': train / validation / test splits. */
  readonly protocol: 'paper' | 'holdout';
  readonly seed: number;
  readonly seeds: number;
  /** Row shares of the protocol (paper: evaluation, postFit; holdout: train, validation). */
  readonly shares: { readonly [name: string]: number };
  readonly isGroupAware: boolean;
  readonly nCells: number;
  readonly models: readonly string[];
  readonly methods: readonly string[];
  readonly bayesAccuracy: number;
  /** FairFront along the benchmark's measure, for the plot. */
  readonly frontier: readonly {
    readonly alpha: number;
    readonly accuracy: number;
    readonly dualBound: number;
  }[];
  readonly points: readonly BenchmarkPointV1[];
  readonly skipped: readonly { readonly method: string; readonly reason: string }[];
  /** Wall times in ms; present only when timings were requested. */
  readonly timing?: {
    readonly totalMs: number;
    readonly frontierMs: number;
    readonly byMethodMs: { readonly [method: string]: number };
  };
}

/**
 * The missing-value study (docs/design.md, Missing values): for every scenario (mechanism and rates) and
 * handling strategy, FairFront of the handled data along one measure, mean and spread over seeded masks, and
 * its drop from the complete data (the aleatoric cost of missingness). The report's `frontier` is the
 * complete data's.
 */
export interface MissingSectionV1 {
  /** The swept measure and its alphas (the other measures as in settings). */
  readonly measure: MeasureNameV1;
  readonly alphas: readonly number[];
  /** Columns that could go missing (raw columns before discretization for the reference sets). */
  readonly columns: readonly string[];
  /** The group that got the minority rate. */
  readonly minorityGroup: string;
  /** Replicates (masks) per scenario; replicate r uses createRng(seed).fork(r). */
  readonly seeds: number;
  readonly seed: number;
  /** Mode imputation's values: the source's fixed modes (the paper's) or the observed modes. */
  readonly modes: 'fixed' | 'observed';
  /** Held-out protocol of the held-out frontier, when estimated. */
  readonly heldOut?: { readonly holdout?: number; readonly folds?: number };
  readonly complete: {
    /** In-sample FairFront at each alpha. */
    readonly accuracy: readonly number[];
    readonly bayesAccuracy: number;
    readonly cells: number;
    readonly rows: number;
    /** Held-out accuracy at each alpha over the replicates' splits. */
    readonly heldOut?: { readonly accuracy: readonly SummaryV1[]; readonly violation: readonly SummaryV1[] };
    readonly benchmark?: readonly MissingBenchmarkPointV1[];
  };
  readonly settings: readonly MissingSettingV1[];
  /** Replicates whose handled data had no frontier (e.g. complete-case left a (group, label) pair empty). */
  readonly failures?: readonly {
    readonly scenario: string;
    readonly strategy: string;
    readonly seedIndex: number;
    readonly code: string;
    readonly message: string;
  }[];
}

/** An intervention benchmarked under missingness, over the replicates of a setting. */
export interface MissingBenchmarkPointV1 {
  readonly model: string;
  readonly method: string;
  readonly knob: number | null;
  readonly accuracy: SummaryV1;
  readonly violation: SummaryV1;
  /** Epistemic gap against the frontier of the same (handled) data. */
  readonly gap: SummaryV1;
  /** Gap of the same classifiers evaluated on every row of their handled data (in sample: >= 0 up to LP tolerance). */
  readonly fullDataGap?: SummaryV1;
  /** Each replicate's point: gap = frontierAccuracy - accuracy on that replicate's handled cells. */
  readonly replicates?: readonly {
    readonly seedIndex: number;
    readonly accuracy: number;
    readonly violation: number;
    readonly frontierAccuracy: number;
    readonly gap: number;
    readonly fullDataGap: number;
  }[];
}

export interface MissingMechanismV1 {
  readonly kind: 'mcar' | 'mar' | 'mnar';
  /** Target missing rate per group, in group order. */
  readonly rateByGroup: readonly number[];
  /** MAR: the column that drives the rate. */
  readonly driver?: string;
  /** MAR / MNAR: logistic slope per standard deviation of the driver. */
  readonly strength?: number;
}

export interface MissingSettingV1 {
  /** Scenario label, e.g. "10%/50%" (r_major / r_minor). */
  readonly scenario: string;
  readonly mechanism: MissingMechanismV1;
  /** mode, mean, median, indicator, complete-case or conditional-mode. */
  readonly strategy: string;
  /** Replicates left out (their handled data had no frontier; see `failures`). */
  readonly failedRuns: number;
  /** Interventions under missingness, when benchmarked. */
  readonly benchmark?: readonly MissingBenchmarkPointV1[];
  /** In-sample FairFront of the handled data at each alpha. */
  readonly accuracy: readonly SummaryV1[];
  /** complete - handled, at each alpha (in sample). */
  readonly drop: readonly SummaryV1[];
  readonly bayesAccuracy: SummaryV1;
  readonly cells: SummaryV1;
  /** Rows the frontier is computed on (complete-case keeps fewer). */
  readonly rows: SummaryV1;
  /** Realized missing share per column, per group (group order). */
  readonly missingRate: readonly { readonly column: string; readonly byGroup: readonly SummaryV1[] }[];
  readonly heldOut?: {
    readonly accuracy: readonly SummaryV1[];
    readonly violation: readonly SummaryV1[];
    /** complete held-out - handled held-out, same split. */
    readonly drop: readonly SummaryV1[];
    readonly unseenRowShare: SummaryV1;
  };
  /** The handling adds cells (the indicator's "missing" category). */
  readonly addsCells?: boolean;
  /** The mean in-sample frontier lies above the complete data's: inflated by fitting more cells; read held-out. */
  readonly inSampleInflated?: boolean;
}

/** A threshold on a score: a number, or "inf" / "-inf" (JSON has no infinities). */
export type ThresholdV1 = number | 'inf' | '-inf';

/** One single-threshold rule yHat = 1[score >= threshold] on the rows. */
export interface ThresholdPointV1 {
  /** "inf" = the rule predicting no positive. */
  readonly threshold: ThresholdV1;
  readonly accuracy: number;
  /** Weighted share of rows predicted positive. */
  readonly positiveRate: number;
  /** Every criterion, as the metric engine measures hard predictions. */
  readonly violations: CriterionValuesV1;
  /**
   * On the curve's Pareto-efficient points along the gap measure (at most a fixed number of them, evenly spread):
   * FairFront exactly at this point's violation, the gap, and whether the point lies above the frontier (possible
   * only when the score carries information beyond the cells, see `ScoreCurveV1.isCellFunction`).
   */
  readonly frontierAccuracy?: number;
  readonly gap?: number;
  readonly isAboveFrontier?: boolean;
}

/**
 * One group's randomized rule, as fairlearn's InterpolatedThresholder applies it: P(yHat = 1 | score) =
 * pIgnore * predictionConstant + (1 - pIgnore) * (p0 [score > threshold0] + p1 [score > threshold1]).
 */
export interface GroupThresholdV1 {
  readonly group: string;
  readonly p0: number;
  readonly threshold0: ThresholdV1;
  readonly p1: number;
  readonly threshold1: ThresholdV1;
  /** 0 except for equalized_odds. */
  readonly pIgnore: number;
  readonly predictionConstant: number;
}

/** fairlearn's ThresholdOptimizer (accuracy objective, its defaults) fitted on the rows, placed like a model. */
export interface ThresholdOptimizerV1 extends ModelPointV1 {
  readonly constraint:
    'demographic_parity' | 'true_positive_rate_parity' | 'false_positive_rate_parity' | 'equalized_odds';
  readonly gridSize: number;
  /** The common value of the equalized rate (the FPR for equalized_odds); the common TPR for equalized_odds. */
  readonly x: number;
  readonly y: number | null;
  /** The accuracy fairlearn's grid search expects; `accuracy` is the one the metric engine measures. */
  readonly expectedAccuracy: number;
  readonly groups: readonly GroupThresholdV1[];
  /** gap < 0 beyond the solver tolerance: the rule uses information beyond the cells. */
  readonly isAboveFrontier: boolean;
}

/** A model given by its scores, against the frontier (the ThresholdOptimizer view). */
export interface ScoreCurveV1 {
  /** The column, or the per-class columns joined with "+". */
  readonly name: string;
  readonly columns: readonly string[];
  /**
   * Whether the score is constant within every cell of the frontier: then every threshold rule is a classifier
   * on the cells and lies on or below the frontier. When false, the score (and so a threshold rule) may use
   * information beyond the cell key, and points above the frontier are flagged, not gaps.
   */
  readonly isCellFunction: boolean;
  /** Distinct thresholds of the full curve (+1 for "inf"); `points` holds at most a fixed number of them. */
  readonly nThresholds: number;
  /** In decreasing threshold. */
  readonly points: readonly ThresholdPointV1[];
  /** The most accurate single threshold, placed as a model. */
  readonly best: ModelPointV1 & { readonly threshold: ThresholdV1; readonly isAboveFrontier: boolean };
  /** One per constraint of fairlearn's ThresholdOptimizer. */
  readonly groupThresholds: readonly ThresholdOptimizerV1[];
  /** What the gaps mean here (e.g. scores finer than the cells, group-blind cells). */
  readonly notes: readonly string[];
}
