import { InputError, describeValue } from '../errors.js';
import { checkOptionsObject } from '../check-masses.js';
import { CRITERIA, CRITERION_KIND, type Criterion } from './criterion.js';
import { groupRates, reduceRates } from './criterion-values.js';
import { DEFAULT_MIN_COUNT } from './tolerances.js';
import { checkRowWeights } from './validate-predictions.js';

/** Per-row scores of a binary classifier on labelled rows (the score of the positive class, label 1). */
export interface ScoreInput {
  /** s in 0..nGroups-1 per row. */
  readonly group: Int32Array;
  /** y in {0, 1} per row (1 = positive). */
  readonly label: Int32Array;
  /**
   * Finite per-row scores; larger = more likely positive. A probability P(Y = 1 | x) or any real-valued
   * decision function (only the order of the scores matters to a threshold rule).
   */
  readonly score: Float64Array;
  /** Non-negative finite row weights; absent = 1. */
  readonly weight?: Float64Array;
  readonly nGroups: number;
  /** Must be 2: a threshold on one score is a binary rule (see docs/scores.md for more classes). */
  readonly nClasses: number;
  /** As `PredictionInput.minCount` of the metric engine (default 1). */
  readonly minCount?: number;
}

/** One single-threshold rule yHat = 1[score >= threshold], measured on the rows. */
export interface ThresholdPoint {
  /** Infinity for the rule that predicts no positive (above every score). */
  readonly threshold: number;
  /** Weighted accuracy of the rule. */
  readonly accuracy: number;
  /** Weighted share of rows predicted positive. */
  readonly positiveRate: number;
  /** Every criterion, as `evaluatePredictions(...).criteria` measures it for these hard predictions. */
  readonly criteria: Readonly<Record<Criterion, number>>;
}

/** The whole single-threshold curve of a score: one point per distinct threshold, in decreasing threshold. */
export interface ThresholdCurve {
  /** First the rule predicting no positive (threshold Infinity), then each distinct score, largest first. */
  readonly points: readonly ThresholdPoint[];
  /** Index of the most accurate point (the first of equals, i.e. the largest such threshold). */
  readonly bestIndex: number;
}

/**
 * Checks a score input (shapes, codes, finite scores, weights), naming the field and the first bad row.
 * @throws InputError E_USAGE (nClasses != 2), E_BAD_OPTION, E_LENGTH_MISMATCH, E_CODE_OUT_OF_RANGE,
 *   E_NOT_FINITE, E_NEGATIVE_WEIGHT, E_EMPTY_INPUT
 */
export function validateScoreInput(input: ScoreInput): void {
  checkOptionsObject(input, 'input');
  for (const field of ['group', 'label', 'score'] as const) {
    const v: unknown = input[field];
    if (!Array.isArray(v) && !ArrayBuffer.isView(v))
      throw new InputError('E_BAD_OPTION', `${field} must be an array, got ${describeValue(v)}`, {
        option: field,
      });
  }
  const { group, label, score, weight, nGroups, nClasses } = input;
  if (nClasses !== 2)
    throw new InputError(
      'E_USAGE',
      `scores need binary labels (nClasses 2, got ${describeValue(nClasses)}): a threshold on one score is a binary rule, and fairlearn's ThresholdOptimizer is binary-only (docs/scores.md)`,
      { option: 'nClasses' },
    );
  if (!Number.isInteger(nGroups) || nGroups < 1)
    throw new InputError('E_BAD_OPTION', `nGroups must be a positive integer, got ${nGroups}`, {
      option: 'nGroups',
    });
  if (input.minCount !== undefined && !(Number.isFinite(input.minCount) && input.minCount >= 0))
    throw new InputError('E_BAD_OPTION', `minCount must be a finite number >= 0, got ${input.minCount}`, {
      option: 'minCount',
    });
  const n = group.length;
  if (n === 0) throw new InputError('E_EMPTY_INPUT', 'no rows to evaluate', { option: 'group' });
  for (const [name, length] of [
    ['label', label.length],
    ['score', score.length],
    ...(weight ? [['weight', weight.length] as const] : []),
  ] as const)
    if (length !== n)
      throw new InputError('E_LENGTH_MISMATCH', `${name} has length ${length}, expected ${n}`, {
        option: name,
      });
  for (let i = 0; i < n; i++) {
    if (!(group[i] >= 0 && group[i] < nGroups))
      throw new InputError('E_CODE_OUT_OF_RANGE', `group ${group[i]} is outside 0..${nGroups - 1}`, {
        option: 'group',
        detail: `row ${i}`,
      });
    if (label[i] !== 0 && label[i] !== 1)
      throw new InputError('E_CODE_OUT_OF_RANGE', `label ${label[i]} is not 0 or 1`, {
        option: 'label',
        detail: `row ${i}`,
      });
    if (typeof score[i] !== 'number')
      throw new InputError('E_NOT_NUMERIC', `score must be a number, got ${describeValue(score[i])}`, {
        option: 'score',
        detail: `row ${i}`,
      });
    if (!Number.isFinite(score[i]))
      throw new InputError('E_NOT_FINITE', `score is ${score[i]}`, { option: 'score', detail: `row ${i}` });
  }
  checkRowWeights(weight, n);
}

/**
 * `criterionValues(P, mu)` with the rate forms built once for fixed masses (they depend on mu only): the same
 * forms and the same reduction (difference max - min, ratio min / max, group loss 1 - min), so that a curve of
 * tens of thousands of thresholds costs O(groups) per threshold instead of rebuilding the forms each time.
 */
function criterionEvaluator(
  muSY: Float64Array,
  nGroups: number,
  nClasses: number,
): (P: Float64Array) => Record<Criterion, number> {
  const rates = CRITERIA.map((c) => ({
    c,
    kind: CRITERION_KIND[c],
    rates: groupRates(c, muSY, nGroups, nClasses),
  }));
  return (P) => {
    const out = {} as Record<Criterion, number>;
    for (const { c, kind, rates: list } of rates) out[c] = reduceRates(kind, list, P);
    return out;
  };
}

/** Row indices sorted by decreasing score (ties by row index, so the order is deterministic). */
export function rowsByDecreasingScore(score: Float64Array): Int32Array {
  const order = Int32Array.from({ length: score.length }, (_, i) => i);
  order.sort((a, b) => score[b] - score[a] || a - b);
  return order;
}

/**
 * The single-threshold curve of a score (the ThresholdOptimizer view before any group-specific post-processing):
 * for every distinct threshold t, the hard rule yHat = 1[score >= t], its accuracy and every criterion of
 * docs/constraints.md. Rows are added to the positive side in decreasing score, so the whole curve costs one sort
 * plus O(groups) per threshold. The criteria follow the metric engine's definitions exactly (groups and
 * (group, label) pairs with fewer than `minCount` rows skipped as `evaluatePredictions` skips them); a test
 * checks every point against `evaluatePredictions`.
 * @throws InputError as `validateScoreInput`
 * @example
 * const curve = thresholdCurve({ group, label, score, nGroups: 2, nClasses: 2 });
 * curve.points[curve.bestIndex].accuracy; // the best accuracy of any single threshold
 */
export function thresholdCurve(input: ScoreInput): ThresholdCurve {
  validateScoreInput(input);
  const { group, label, score, weight, nGroups: A } = input;
  const C = 2;
  const n = group.length;
  const minCount = input.minCount ?? DEFAULT_MIN_COUNT;
  const pairWeight = new Float64Array(A * C);
  const pairRows = new Int32Array(A * C);
  let totalWeight = 0;
  for (let i = 0; i < n; i++) {
    const w = weight ? weight[i] : 1;
    if (w === 0) continue;
    pairWeight[group[i] * C + label[i]] += w;
    pairRows[group[i] * C + label[i]]++;
    totalWeight += w;
  }
  // The engine's masks (see evaluatePredictions): a flagged group has mass 0 for every criterion; a flagged
  // (group, label) pair has mass 0 for the label-conditional ones.
  const muGroups = new Float64Array(A * C);
  const muPairs = new Float64Array(A * C);
  for (let s = 0; s < A; s++) {
    const groupWeight = pairWeight[s * C] + pairWeight[s * C + 1];
    const groupRows = pairRows[s * C] + pairRows[s * C + 1];
    const isGroupOk = groupWeight > 0 && groupRows >= minCount;
    for (let y = 0; y < C; y++) {
      const sy = s * C + y;
      const isPairOk = pairWeight[sy] > 0 && pairRows[sy] >= minCount;
      muGroups[sy] = isGroupOk ? pairWeight[sy] / totalWeight : 0;
      muPairs[sy] = isGroupOk && isPairOk ? pairWeight[sy] / totalWeight : 0;
    }
  }

  const ofGroups = criterionEvaluator(muGroups, A, C);
  const ofPairs = criterionEvaluator(muPairs, A, C);
  const positive = new Float64Array(A * C); // weight predicted positive per (s, y)
  const P = new Float64Array(A * C * C);
  const measure = (threshold: number): ThresholdPoint => {
    // Accuracy and the positive rate from the per-(s, y) sums (no running total: no drift over many thresholds).
    let correct = 0;
    let predictedPositive = 0;
    for (let s = 0; s < A; s++) {
      correct += pairWeight[s * C] - positive[s * C] + positive[s * C + 1];
      predictedPositive += positive[s * C] + positive[s * C + 1];
    }
    for (let sy = 0; sy < A * C; sy++) {
      const rate = pairWeight[sy] > 0 ? positive[sy] / pairWeight[sy] : 0;
      P[sy * C + 1] = pairWeight[sy] > 0 ? rate : 0;
      P[sy * C] = pairWeight[sy] > 0 ? 1 - rate : 0;
    }
    const byGroup = ofGroups(P);
    const byPair = ofPairs(P);
    const criteria: Record<Criterion, number> = {
      ...byGroup,
      eo: byPair.eo,
      tpr: byPair.tpr,
      fpr: byPair.fpr,
      tprRatio: byPair.tprRatio,
      fprRatio: byPair.fprRatio,
    };
    return {
      threshold,
      accuracy: correct / totalWeight,
      positiveRate: predictedPositive / totalWeight,
      criteria,
    };
  };

  const order = rowsByDecreasingScore(score);
  const points: ThresholdPoint[] = [measure(Infinity)];
  let bestIndex = 0;
  for (let j = 0; j < n;) {
    const t = score[order[j]];
    for (; j < n && score[order[j]] === t; j++) {
      const i = order[j];
      const w = weight ? weight[i] : 1;
      positive[group[i] * C + label[i]] += w;
    }
    points.push(measure(t));
    if (points[points.length - 1].accuracy > points[bestIndex].accuracy) bestIndex = points.length - 1;
  }
  return { points, bestIndex };
}
