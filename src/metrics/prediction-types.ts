import type { Criterion } from './criterion.js';
import type { Measure } from './measure.js';

/** The metric engine's input and its plain-data result (docs/design.md, Fairness measures). */

/**
 * What a classifier predicted on labelled rows. Give exactly one of `prediction` (hard classes) or
 * `distribution` (a randomized or probabilistic prediction: row-major nRows x nClasses, each row the probability
 * of predicting each class; the engine counts row i as predicting class c with weight w_i * distribution[i, c],
 * i.e. the expectation over the classifier's randomness).
 */
export interface PredictionInput {
  /** s in 0..nGroups-1 per row. */
  readonly group: Int32Array;
  /** y in 0..nClasses-1 per row. */
  readonly label: Int32Array;
  readonly prediction?: Int32Array;
  readonly distribution?: Float64Array;
  /** Non-negative finite row weights; absent = 1. Not all 0. */
  readonly weight?: Float64Array;
  readonly nGroups: number;
  /** >= 2. */
  readonly nClasses: number;
  readonly groupNames?: readonly string[];
  readonly classNames?: readonly string[];
  /**
   * A group, or a (group, label) pair, needs at least `minCount` rows with positive weight for its rates to be
   * reported; smaller ones are flagged and their rates are `null`. Counted in rows (not in weight) so that the
   * rule does not depend on how weights are scaled. Zero-weight groups and pairs are always flagged.
   * Default 1 (flag only what is empty, so that the violations agree with the frontier LP's definitions).
   */
  readonly minCount?: number;
  /** The "positive" class of the binary extras (TPR, FPR, equal opportunity). Default 1. */
  readonly positiveClass?: number;
}

/** A group or (group, label) pair too small to estimate its rates. */
export interface SmallSampleFlag {
  readonly kind: 'group' | 'groupLabel';
  readonly group: number;
  readonly groupName: string;
  /** The label of a `groupLabel` flag; null for a `group` flag. */
  readonly label: number | null;
  readonly className: string | null;
  /** Rows with positive weight, and their total weight. */
  readonly rows: number;
  readonly weight: number;
  /** The measures and extras computed without it. */
  readonly affects: readonly string[];
  readonly message: string;
}

/** Rates of one group (or of all rows, for `overall`). Every conditional rate is null when its condition is flagged. */
export interface GroupRates {
  readonly name: string;
  /** Rows with positive weight; weight share of all rows. */
  readonly rows: number;
  readonly weightShare: number;
  readonly accuracy: number | null;
  /** P(Yhat = c | S = s) per class c. */
  readonly selectionRate: readonly (number | null)[];
  /** P(Yhat = c | Y = c, S = s) per class c (one-vs-rest true positive rate, per-class recall). */
  readonly recall: readonly (number | null)[];
  /** P(Yhat = c | Y != c, S = s) per class c (one-vs-rest false positive rate). */
  readonly falsePositiveRate: readonly (number | null)[];
  /** Binary labels only (else null): TPR = recall[positiveClass], FPR = falsePositiveRate[positiveClass]. */
  readonly truePositiveRateBinary: number | null;
  readonly falsePositiveRateBinary: number | null;
}

/** Per-group rates plus the group's confusion table. */
export interface GroupMetrics extends GroupRates {
  readonly group: number;
  readonly isFlagged: boolean;
  /** Weighted counts, confusion[y][yHat] (label x prediction), randomized predictions counted by probability. */
  readonly confusion: readonly (readonly number[])[];
}

/**
 * A familiar disparity, two ways: `betweenGroups` = max over groups - min over groups (fairlearn's
 * `method='between_groups'`), `toOverall` = max over groups of |group rate - overall rate| (`method='to_overall'`).
 * Null when fewer than two groups have the rate (between groups) or no group has it (to overall).
 */
export interface Disparity {
  readonly betweenGroups: number | null;
  readonly toOverall: number | null;
}

/**
 * The familiar extras of docs/design.md (Fairness measures), for reporting only (the violations are the
 * comparable quantities).
 */
export interface FamiliarExtras {
  /**
   * Binary: disparity of the selection rate P(Yhat = positive | S). Multi-class: the largest one-vs-rest
   * disparity over classes (between groups it equals the SP violation).
   */
  readonly demographicParityDifference: Disparity;
  /**
   * Worst case (fairlearn's `equalized_odds_difference`, agg='worst_case'): binary max(dTPR, dFPR) of the positive
   * class; multi-class the largest over classes c of max(dTPR_c, dFPR_c) with one-vs-rest rates.
   */
  readonly equalizedOddsDifference: Disparity;
  /** fairlearn's agg='mean': (dTPR + dFPR) / 2; multi-class the mean over classes of the one-vs-rest value. */
  readonly equalizedOddsDifferenceMean: Disparity;
  /** dTPR of the positive class (binary); multi-class the largest per-class recall disparity. */
  readonly equalOpportunityDifference: Disparity;
  /** The one-vs-rest disparities of each class c (for binary labels, class positiveClass gives the values above). */
  readonly perClass: readonly {
    readonly className: string;
    readonly demographicParity: Disparity;
    readonly truePositiveRate: Disparity;
    readonly falsePositiveRate: Disparity;
    readonly equalizedOdds: Disparity;
    readonly equalizedOddsMean: Disparity;
  }[];
}

/** Everything the engine measures: plain data. */
export interface PredictionMetrics {
  readonly nRows: number;
  readonly totalWeight: number;
  readonly nGroups: number;
  readonly nClasses: number;
  readonly groupNames: readonly string[];
  readonly classNames: readonly string[];
  readonly minCount: number;
  /** Null unless the labels are binary. */
  readonly positiveClass: number | null;
  /** Weighted share of rows whose prediction equals the label (expected, for randomized predictions). */
  readonly accuracy: number;
  /**
   * SP, EO, OAE violations of docs/design.md (Fairness measures) from `violationsFromConditional` (the one
   * definition). SP and OAE skip flagged groups; EO skips flagged groups and flagged (group, label) pairs;
   * `violationsIncomplete` says when.
   */
  readonly violations: Readonly<Record<Measure, number>>;
  readonly violationsIncomplete: Readonly<Record<Measure, boolean>>;
  /**
   * Every criterion of docs/constraints.md measured the way the frontier LP bounds it (`criterionValues`): the
   * differences (sp, eo, oae as in `violations`, tpr, fpr, errorRate), the ratios (smallest min/max over groups)
   * and groupLoss (largest group error). Flagged groups are skipped; flagged (group, label) pairs are skipped by
   * the label-conditional rates (eo, tpr, fpr and their ratios).
   */
  readonly criteria: Readonly<Record<Criterion, number>>;
  /**
   * P[(s,y), yHat] = P(Yhat = yHat | S = s, Y = y), row-major (nGroups*nClasses) x nClasses. Rows of
   * (group, label) pairs with zero weight are undefined and stored as 0 (they are listed in `flags`).
   */
  readonly P: Float64Array;
  /** mu(s, y) = P(S = s, Y = y) (weighted shares), length nGroups*nClasses. */
  readonly muSY: Float64Array;
  readonly groups: readonly GroupMetrics[];
  readonly overall: GroupRates;
  readonly extras: FamiliarExtras;
  /**
   * Multi-class Brier score: weighted mean over rows of sum_c (p_c - [y = c])^2, in [0, 2]; null for hard
   * predictions. For binary labels it is twice scikit-learn's `brier_score_loss` (which scores the positive class only).
   */
  readonly brierScore: number | null;
  /** Mean over rows of -log max(p_y, 1e-15); null for hard predictions. */
  readonly logLoss: number | null;
  readonly flags: readonly SmallSampleFlag[];
}
