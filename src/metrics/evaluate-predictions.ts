import type { Criterion } from './criterion.js';
import { criterionValues } from './criterion-values.js';
import type { Measure } from './measure.js';
import { DEFAULT_MIN_COUNT, LOG_LOSS_CLIP } from './tolerances.js';
import { validatePredictionInput } from './validate-predictions.js';
import { violationsFromConditional } from './violations.js';

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

const ratio = (num: number, den: number, ok: boolean): number | null => (ok && den > 0 ? num / den : null);

function disparity(values: readonly (number | null)[], overall: number | null): Disparity {
  let lo = Infinity;
  let hi = -Infinity;
  let present = 0;
  let toOverall: number | null = null;
  for (const v of values) {
    if (v === null) continue;
    present++;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
    if (overall !== null) toOverall = Math.max(toOverall ?? 0, Math.abs(v - overall));
  }
  return { betweenGroups: present >= 2 ? hi - lo : null, toOverall };
}

const maxOf = (xs: readonly (number | null)[]): number | null =>
  xs.reduce<number | null>((m, x) => (x === null ? m : m === null ? x : Math.max(m, x)), null);
const meanOf = (xs: readonly (number | null)[]): number | null => {
  const present = xs.filter((x): x is number => x !== null);
  return present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
};
const combine = (a: Disparity, b: Disparity, f: (xs: (number | null)[]) => number | null): Disparity => ({
  betweenGroups:
    a.betweenGroups === null || b.betweenGroups === null ? null : f([a.betweenGroups, b.betweenGroups]),
  toOverall: a.toOverall === null || b.toOverall === null ? null : f([a.toOverall, b.toOverall]),
});
const acrossClasses = (ds: readonly Disparity[], f: (xs: (number | null)[]) => number | null): Disparity => ({
  betweenGroups: f(ds.map((d) => d.betweenGroups)),
  toOverall: f(ds.map((d) => d.toOverall)),
});

/**
 * Rates of a block of rows from its confusion table conf[y][yHat] (weighted), its per-label row counts and its
 * total weight. `pairOk[y]` says whether the rows with label y are numerous enough; the one-vs-rest negatives of
 * class c (every label but c) need `minCount` rows together.
 */
function ratesOf(
  name: string,
  conf: Float64Array,
  rowsByLabel: Int32Array,
  isGroupOk: boolean,
  pairOk: readonly boolean[],
  minCount: number,
  totalWeight: number,
  C: number,
  positiveClass: number | null,
): GroupRates {
  let weight = 0;
  let correct = 0;
  const labelWeight = new Float64Array(C);
  const predictedWeight = new Float64Array(C);
  for (let y = 0; y < C; y++)
    for (let yHat = 0; yHat < C; yHat++) {
      const v = conf[y * C + yHat];
      weight += v;
      labelWeight[y] += v;
      predictedWeight[yHat] += v;
      if (y === yHat) correct += v;
    }
  let rows = 0;
  for (let y = 0; y < C; y++) rows += rowsByLabel[y];
  const selectionRate: (number | null)[] = [];
  const recall: (number | null)[] = [];
  const falsePositiveRate: (number | null)[] = [];
  for (let c = 0; c < C; c++) {
    selectionRate.push(ratio(predictedWeight[c], weight, isGroupOk));
    recall.push(ratio(conf[c * C + c], labelWeight[c], isGroupOk && pairOk[c]));
    // One-vs-rest negatives: every label but c; the rate needs every such present label to be estimable.
    let negatives = 0;
    let negativeRows = 0;
    let falsePositives = 0;
    for (let y = 0; y < C; y++) {
      if (y === c) continue;
      negatives += labelWeight[y];
      negativeRows += rowsByLabel[y];
      falsePositives += conf[y * C + c];
    }
    falsePositiveRate.push(ratio(falsePositives, negatives, isGroupOk && negativeRows >= minCount));
  }
  return {
    name,
    rows,
    weightShare: weight / totalWeight,
    accuracy: ratio(correct, weight, isGroupOk),
    selectionRate,
    recall,
    falsePositiveRate,
    truePositiveRateBinary: positiveClass === null ? null : recall[positiveClass],
    falsePositiveRateBinary: positiveClass === null ? null : falsePositiveRate[positiveClass],
  };
}

/**
 * The one metric engine (docs/design.md, Fairness measures): accuracy, the SP / EO / OAE violations, the
 * conditional matrix P, per-group confusion tables and rates, the familiar extras, and the Brier score and
 * log loss of probabilistic predictions. Randomized predictions are counted by their probabilities, so the
 * result is the expectation over the classifier's randomness (the quantity FairFront bounds).
 * @throws InputError E_BAD_OPTION, E_LENGTH_MISMATCH, E_CODE_OUT_OF_RANGE, E_NOT_FINITE, E_NOT_A_DISTRIBUTION,
 *   E_NEGATIVE_WEIGHT, E_EMPTY_INPUT (naming the field and the first bad row)
 * @example
 * const m = evaluatePredictions({ group, label, prediction, nGroups: 2, nClasses: 2 });
 * m.violations.eo; // max(|dTPR|, |dFPR|) between the two groups
 */
export function evaluatePredictions(input: PredictionInput): PredictionMetrics {
  validatePredictionInput(input);
  const { group, label, prediction, distribution, weight, nGroups: A, nClasses: C } = input;
  const n = group.length;
  const minCount = input.minCount ?? DEFAULT_MIN_COUNT;
  const groupNames = input.groupNames ?? Array.from({ length: A }, (_, s) => `group ${s}`);
  const classNames = input.classNames ?? Array.from({ length: C }, (_, y) => `class ${y}`);
  const positiveClass = C === 2 ? (input.positiveClass ?? 1) : null;

  // Weighted confusion counts conf[(s*C + y)*C + yHat], rows with positive weight per (s, y), and losses.
  const conf = new Float64Array(A * C * C);
  const rows = new Int32Array(A * C);
  let totalWeight = 0;
  let correct = 0;
  let brier = 0;
  let logLoss = 0;
  for (let i = 0; i < n; i++) {
    const w = weight ? weight[i] : 1;
    if (w === 0) continue;
    const sy = group[i] * C + label[i];
    rows[sy]++;
    totalWeight += w;
    if (prediction) {
      conf[sy * C + prediction[i]] += w;
      if (prediction[i] === label[i]) correct += w;
    } else {
      const d = distribution!;
      let squared = 0;
      for (let yHat = 0; yHat < C; yHat++) {
        const p = Math.max(0, d[i * C + yHat]);
        conf[sy * C + yHat] += w * p;
        const target = yHat === label[i] ? 1 : 0;
        squared += (p - target) ** 2;
      }
      const pTrue = Math.max(0, d[i * C + label[i]]);
      correct += w * pTrue;
      brier += w * squared;
      logLoss -= w * Math.log(Math.max(LOG_LOSS_CLIP, Math.min(1, pTrue)));
    }
  }

  // mu(s, y), P and the flags.
  const pairWeight = new Float64Array(A * C);
  for (let sy = 0; sy < A * C; sy++)
    for (let yHat = 0; yHat < C; yHat++) pairWeight[sy] += conf[sy * C + yHat];
  const muSY = Float64Array.from(pairWeight, (w) => w / totalWeight);
  const P = new Float64Array(A * C * C);
  for (let sy = 0; sy < A * C; sy++)
    if (pairWeight[sy] > 0)
      for (let yHat = 0; yHat < C; yHat++) P[sy * C + yHat] = conf[sy * C + yHat] / pairWeight[sy];

  const flags: SmallSampleFlag[] = [];
  const groupOk: boolean[] = [];
  const pairOk: boolean[][] = [];
  for (let s = 0; s < A; s++) {
    let groupRows = 0;
    let groupWeight = 0;
    for (let y = 0; y < C; y++) {
      groupRows += rows[s * C + y];
      groupWeight += pairWeight[s * C + y];
    }
    const ok = groupWeight > 0 && groupRows >= minCount;
    groupOk.push(ok);
    if (!ok)
      flags.push({
        kind: 'group',
        group: s,
        groupName: groupNames[s],
        label: null,
        className: null,
        rows: groupRows,
        weight: groupWeight,
        affects: [
          'sp',
          'eo',
          'oae',
          'demographicParityDifference',
          'equalizedOddsDifference',
          'equalOpportunityDifference',
        ],
        message: `group "${groupNames[s]}" has ${groupRows} rows (fewer than minCount = ${minCount}): its rates are not estimated`,
      });
    pairOk.push([]);
    for (let y = 0; y < C; y++) {
      const sy = s * C + y;
      const isPairOk = pairWeight[sy] > 0 && rows[sy] >= minCount;
      pairOk[s].push(isPairOk);
      if (!isPairOk)
        flags.push({
          kind: 'groupLabel',
          group: s,
          groupName: groupNames[s],
          label: y,
          className: classNames[y],
          rows: rows[sy],
          weight: pairWeight[sy],
          affects: ['eo', 'equalizedOddsDifference', 'equalOpportunityDifference'],
          message: `group "${groupNames[s]}" with label "${classNames[y]}" has ${rows[sy]} rows (fewer than minCount = ${minCount}): its conditional rates are not estimated`,
        });
    }
  }

  // Violations through the one definition: flagged groups (all measures) and flagged pairs (EO) get mass 0,
  // which violationsFromConditional skips.
  const muGroups = Float64Array.from(muSY, (m, sy) => (groupOk[Math.floor(sy / C)] ? m : 0));
  const muPairs = Float64Array.from(muSY, (m, sy) =>
    groupOk[Math.floor(sy / C)] && pairOk[Math.floor(sy / C)][sy % C] ? m : 0,
  );
  const spOae = violationsFromConditional(P, muGroups, A, C);
  const eo = violationsFromConditional(P, muPairs, A, C).eo;
  const byGroup = criterionValues(P, muGroups, A, C);
  const byPair = criterionValues(P, muPairs, A, C);
  const criteria: Record<Criterion, number> = {
    ...byGroup,
    eo,
    tpr: byPair.tpr,
    fpr: byPair.fpr,
    tprRatio: byPair.tprRatio,
    fprRatio: byPair.fprRatio,
  };
  const anyGroupFlagged = groupOk.some((ok) => !ok);
  const anyPairFlagged = pairOk.some((ps) => ps.some((ok) => !ok));

  // Per-group and overall rates.
  const groups: GroupMetrics[] = [];
  const overallConf = new Float64Array(C * C);
  const overallRows = new Int32Array(C);
  for (let s = 0; s < A; s++) {
    const block = conf.subarray(s * C * C, (s + 1) * C * C);
    for (let j = 0; j < C * C; j++) overallConf[j] += block[j];
    const groupRows = rows.subarray(s * C, (s + 1) * C);
    for (let y = 0; y < C; y++) overallRows[y] += groupRows[y];
    const rates = ratesOf(
      groupNames[s],
      block,
      groupRows,
      groupOk[s],
      pairOk[s],
      minCount,
      totalWeight,
      C,
      positiveClass,
    );
    groups.push({
      ...rates,
      group: s,
      isFlagged: !groupOk[s],
      confusion: Array.from({ length: C }, (_, y) => Array.from(block.subarray(y * C, (y + 1) * C))),
    });
  }
  const overallPairOk = Array.from({ length: C }, (_, y) => overallRows[y] >= minCount && overallRows[y] > 0);
  const overall = ratesOf(
    'overall',
    overallConf,
    overallRows,
    true,
    overallPairOk,
    minCount,
    totalWeight,
    C,
    positiveClass,
  );

  const perClass = classNames.map((className, c) => {
    const demographicParity = disparity(
      groups.map((g) => g.selectionRate[c]),
      overall.selectionRate[c],
    );
    const truePositiveRate = disparity(
      groups.map((g) => g.recall[c]),
      overall.recall[c],
    );
    const falsePositiveRate = disparity(
      groups.map((g) => g.falsePositiveRate[c]),
      overall.falsePositiveRate[c],
    );
    return {
      className,
      demographicParity,
      truePositiveRate,
      falsePositiveRate,
      equalizedOdds: combine(truePositiveRate, falsePositiveRate, maxOf),
      equalizedOddsMean: combine(truePositiveRate, falsePositiveRate, meanOf),
    };
  });
  const extras: FamiliarExtras =
    positiveClass !== null
      ? {
          demographicParityDifference: perClass[positiveClass].demographicParity,
          equalizedOddsDifference: perClass[positiveClass].equalizedOdds,
          equalizedOddsDifferenceMean: perClass[positiveClass].equalizedOddsMean,
          equalOpportunityDifference: perClass[positiveClass].truePositiveRate,
          perClass,
        }
      : {
          demographicParityDifference: acrossClasses(
            perClass.map((p) => p.demographicParity),
            maxOf,
          ),
          equalizedOddsDifference: acrossClasses(
            perClass.map((p) => p.equalizedOdds),
            maxOf,
          ),
          equalizedOddsDifferenceMean: acrossClasses(
            perClass.map((p) => p.equalizedOddsMean),
            meanOf,
          ),
          equalOpportunityDifference: acrossClasses(
            perClass.map((p) => p.truePositiveRate),
            maxOf,
          ),
          perClass,
        };

  return {
    nRows: n,
    totalWeight,
    nGroups: A,
    nClasses: C,
    groupNames: [...groupNames],
    classNames: [...classNames],
    minCount,
    positiveClass,
    accuracy: correct / totalWeight,
    violations: { sp: spOae.sp, eo, oae: spOae.oae },
    violationsIncomplete: {
      sp: anyGroupFlagged,
      eo: anyGroupFlagged || anyPairFlagged,
      oae: anyGroupFlagged,
    },
    criteria,
    P,
    muSY,
    groups,
    overall,
    extras,
    brierScore: distribution ? brier / totalWeight : null,
    logLoss: distribution ? logLoss / totalWeight : null,
    flags,
  };
}
