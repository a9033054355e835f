import { midpoint } from '../numeric.js';
import { InputError } from '../errors.js';
import { checkOptionsObject } from '../check-masses.js';
import type { Criterion } from './criterion.js';
import { type PredictionMetrics, evaluatePredictions } from './evaluate-predictions.js';
import { type ScoreInput, rowsByDecreasingScore, validateScoreInput } from './threshold-curve.js';

/**
 * The constraints of fairlearn's `ThresholdOptimizer` that fairlimit reproduces (fairlearn's names). The first
 * three are its "simple constraints": one rate (selection rate, TPR, FPR) made equal across groups.
 */
export const ThresholdConstraint = {
  demographic_parity: 'demographic_parity',
  true_positive_rate_parity: 'true_positive_rate_parity',
  false_positive_rate_parity: 'false_positive_rate_parity',
  equalized_odds: 'equalized_odds',
} as const;
export type ThresholdConstraint = keyof typeof ThresholdConstraint;
export const THRESHOLD_CONSTRAINTS: readonly ThresholdConstraint[] = Object.keys(
  ThresholdConstraint,
) as ThresholdConstraint[];
export const isThresholdConstraint = (c: string): c is ThresholdConstraint =>
  Object.hasOwn(ThresholdConstraint, c);

/** The fairlimit criterion each constraint equalizes (where its violation is read). */
export const CRITERION_OF_CONSTRAINT: Readonly<Record<ThresholdConstraint, Criterion>> = {
  demographic_parity: 'sp',
  true_positive_rate_parity: 'tpr',
  false_positive_rate_parity: 'fpr',
  equalized_odds: 'eo',
};

/** fairlearn's default `grid_size`. */
export const DEFAULT_GRID_SIZE = 1000;

/** One of fairlearn's threshold operations: predict 1 when score > threshold (threshold may be +-Infinity). */

/**
 * One group's randomized rule, as fairlearn's `InterpolatedThresholder` applies it: P(yHat = 1 | score) =
 * pIgnore * predictionConstant + (1 - pIgnore) * (p0 [score > threshold0] + p1 [score > threshold1]).
 * For the simple constraints pIgnore = 0.
 */
export interface GroupThresholdRule {
  readonly group: number;
  readonly p0: number;
  readonly threshold0: number;
  readonly p1: number;
  readonly threshold1: number;
  readonly pIgnore: number;
  readonly predictionConstant: number;
}

export interface ThresholdOptimizerResult {
  readonly constraint: ThresholdConstraint;
  readonly gridSize: number;
  /**
   * The common value of the equalized rate at the chosen grid point (selection rate, TPR or FPR; the FPR for
   * equalized odds), and, for equalized odds, the common TPR (else null).
   */
  readonly x: number;
  readonly y: number | null;
  /** fairlearn's objective at the chosen point: the accuracy the rule is expected to have on the fitting rows. */
  readonly expectedAccuracy: number;
  readonly groups: readonly GroupThresholdRule[];
  /** P(yHat = 1) per row. */
  readonly positiveProbability: Float64Array;
  /** Measured by the metric engine (`evaluatePredictions` on the randomized predictions): the expectation. */
  readonly accuracy: number;
  readonly criteria: Readonly<Record<Criterion, number>>;
  /** The engine's whole measurement (per-group rates and confusion tables). */
  readonly metrics: PredictionMetrics;
}

interface HullPoint {
  readonly x: number;
  readonly y: number;
  readonly threshold: number;
}

/** Confusion counts of one group after some rows are predicted positive (fairlearn's METRIC_DICT inputs). */
interface Counts {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly positives: number;
  readonly negatives: number;
}

const accuracyOf = (c: Counts) =>
  (c.truePositives + c.negatives - c.falsePositives) / (c.positives + c.negatives);
const METRICS: Readonly<Record<ThresholdConstraint, (c: Counts) => readonly [x: number, y: number]>> = {
  demographic_parity: (c) => [
    (c.truePositives + c.falsePositives) / (c.positives + c.negatives),
    accuracyOf(c),
  ],
  true_positive_rate_parity: (c) => [c.truePositives / c.positives, accuracyOf(c)],
  false_positive_rate_parity: (c) => [c.falsePositives / c.negatives, accuracyOf(c)],
  equalized_odds: (c) => [c.falsePositives / c.negatives, c.truePositives / c.positives],
};

/**
 * fairlearn `_calculate_tradeoff_points` (flip = False): the rule "score > t" for t = +Infinity, then for each
 * distinct score (largest first) the midpoint between it and the next smaller score (-Infinity after the last).
 */
function tradeoffPoints(
  rows: readonly number[],
  input: ScoreInput,
  constraint: ThresholdConstraint,
  groupName: string,
): HullPoint[] {
  const { score, label, weight } = input;
  let positives = 0;
  let negatives = 0;
  for (const i of rows) {
    const w = weight ? weight[i] : 1;
    if (label[i] === 1) positives += w;
    else negatives += w;
  }
  if (!(positives > 0) || !(negatives > 0))
    throw new InputError(
      'E_EMPTY_GROUP_LABEL',
      `group "${groupName}" has no ${positives > 0 ? 'negative' : 'positive'} rows: its threshold trade-off curve is undefined (fairlearn: "Degenerate labels")`,
      { option: 'label' },
    );
  const metric = METRICS[constraint];
  const counts = [0, 0];
  const at = (threshold: number): HullPoint => {
    const [x, y] = metric({ truePositives: counts[1], falsePositives: counts[0], positives, negatives });
    return { x, y, threshold };
  };
  const points = [at(Infinity)];
  for (let j = 0; j < rows.length;) {
    const t = score[rows[j]];
    for (; j < rows.length && score[rows[j]] === t; j++)
      counts[label[rows[j]]] += weight ? weight[rows[j]] : 1;
    const next = j < rows.length ? score[rows[j]] : -Infinity;
    points.push(at(midpoint(next, t)));
  }
  // Sorted by (x, y); the sort is stable, as pandas' multi-column sort.
  return points.sort((a, b) => a.x - b.x || a.y - b.y);
}

/** fairlearn `_filter_points_to_get_convex_hull`: Andrew's monotone chain, upper hull, collinear points dropped. */
function upperHull(sorted: readonly HullPoint[]): HullPoint[] {
  const hull: HullPoint[] = [];
  for (const r2 of sorted) {
    while (hull.length >= 2) {
      const r1 = hull[hull.length - 1];
      const r0 = hull[hull.length - 2];
      if ((r1.y - r0.y) * (r2.x - r0.x) <= (r2.y - r0.y) * (r1.x - r0.x)) hull.pop();
      else break;
    }
    hull.push(r2);
  }
  return hull;
}

interface Interpolated {
  readonly y: Float64Array;
  readonly index: Int32Array;
  readonly p0: Float64Array;
}

/** fairlearn `_interpolate_curve` with `_get_interpolation_indices` (x_values[i] < x <= x_values[i + 1]). */
function interpolate(hull: readonly HullPoint[], grid: Float64Array): Interpolated {
  const y = new Float64Array(grid.length);
  const index = new Int32Array(grid.length);
  const p0 = new Float64Array(grid.length);
  let last = -1; // searchsorted(side='right') - 1: the last hull point with x_value <= x (grid ascending)
  for (let g = 0; g < grid.length; g++) {
    const x = grid[g];
    while (last + 1 < hull.length && hull[last + 1].x <= x) last++;
    let i = last;
    if (g > 0 && hull[i].x === x) i--;
    const a = hull[i];
    const b = hull[i + 1];
    p0[g] = (b.x - x) / (b.x - a.x);
    y[g] = p0[g] * a.y + (1 - p0[g]) * b.y;
    index[g] = i;
  }
  return { y, index, p0 };
}

/** numpy's `around(v, 15)`: round half to even at 15 decimals (fairlearn rounds the EO objective so). */
function around15(v: number): number {
  const scaled = v * 1e15;
  const r = Math.round(scaled);
  const isHalf = Math.abs(scaled - Math.trunc(scaled)) === 0.5;
  return (isHalf && r % 2 !== 0 ? r - 1 : r) / 1e15;
}

/** The first index of the largest value (pandas' `idxmax`). */
function firstArgmax(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * fairlearn's `ThresholdOptimizer` (objective "accuracy_score", flip = False, tol = None, its defaults), fitted
 * on the rows: group-specific randomized thresholds on the score that maximize accuracy subject to the
 * constraint, read off a grid of `gridSize + 1` values of the equalized rate.
 * - Simple constraints (demographic parity, TPR or FPR parity): per group, the upper convex hull of (rate,
 *   accuracy) over all thresholds, interpolated on the grid; the grid point maximizing the group-share-weighted
 *   accuracy; each group mixes the two hull thresholds around it.
 * - Equalized odds: per group the convex hull of its ROC curve; their lower envelope min_s TPR_s(FPR); the
 *   grid FPR maximizing accuracy P(Y=1) TPR + P(Y=0) (1 - FPR) on it; each group mixes two ROC-hull thresholds
 *   and, with probability pIgnore, predicts positive with probability equal to the chosen FPR (a point on the
 *   diagonal), which brings its TPR down to the envelope.
 * Row weights (when given) replace counts; with unit weights this is fairlearn's computation step by step
 * (checked against its source; docs/scores.md). The result is measured by `evaluatePredictions`.
 * @throws InputError as `validateScoreInput`; E_BAD_OPTION (constraint, gridSize); E_EMPTY_GROUP_LABEL when a
 *   group lacks positive or negative rows (fairlearn raises "Degenerate labels" there too)
 * @example
 * const r = thresholdOptimizer({ group, label, score, nGroups: 2, nClasses: 2 }, { constraint: 'equalized_odds' });
 * r.groups[0]; // { p0, threshold0, p1, threshold1, pIgnore, predictionConstant }
 */
export function thresholdOptimizer(
  input: ScoreInput,
  options: {
    readonly constraint: ThresholdConstraint;
    readonly gridSize?: number;
    readonly groupNames?: readonly string[];
  },
): ThresholdOptimizerResult {
  validateScoreInput(input);
  checkOptionsObject(options, 'options');
  const { constraint } = options;
  if (!isThresholdConstraint(constraint))
    throw new InputError(
      'E_BAD_OPTION',
      `unknown constraint "${String(constraint)}" (use ${THRESHOLD_CONSTRAINTS.join(', ')})`,
      { option: 'constraint' },
    );
  const gridSize = options.gridSize ?? DEFAULT_GRID_SIZE;
  if (!Number.isInteger(gridSize) || gridSize < 1 || gridSize > 1e6)
    throw new InputError('E_BAD_OPTION', `gridSize must be an integer in 1..1000000, got ${gridSize}`, {
      option: 'gridSize',
    });
  const { group, label, score, weight, nGroups: A } = input;
  const groupNames = options.groupNames ?? Array.from({ length: A }, (_, s) => `group ${s}`);
  // numpy.linspace(0, 1, gridSize + 1): i * step, the last value exactly 1.
  const step = 1 / gridSize;
  const grid = Float64Array.from({ length: gridSize + 1 }, (_, i) => (i === gridSize ? 1 : i * step));

  // Rows by group, in decreasing score; groups without rows of positive weight are absent (as in fairlearn's
  // groupby, which sees only the values present).
  const byGroup: number[][] = Array.from({ length: A }, () => []);
  for (const i of rowsByDecreasingScore(score)) if ((weight ? weight[i] : 1) > 0) byGroup[group[i]].push(i);
  const present = byGroup.map((rows, s) => s).filter((s) => byGroup[s].length > 0);
  const hulls = present.map((s) => upperHull(tradeoffPoints(byGroup[s], input, constraint, groupNames[s])));
  const curves = hulls.map((hull) => interpolate(hull, grid));
  let totalWeight = 0;
  let positives = 0;
  const groupWeight = new Float64Array(A);
  for (let i = 0; i < group.length; i++) {
    const w = weight ? weight[i] : 1;
    totalWeight += w;
    groupWeight[group[i]] += w;
    if (label[i] === 1) positives += w;
  }
  const negatives = totalWeight - positives;

  let best: number;
  let expectedAccuracy: number;
  let y: number | null = null;
  const rules: GroupThresholdRule[] = [];
  const ruleAt = (k: number, g: number, pIgnore: number, predictionConstant: number): GroupThresholdRule => {
    const i = curves[k].index[g];
    return {
      group: present[k],
      p0: curves[k].p0[g],
      threshold0: hulls[k][i].threshold,
      p1: 1 - curves[k].p0[g],
      threshold1: hulls[k][i + 1].threshold,
      pIgnore,
      predictionConstant,
    };
  };
  if (constraint !== 'equalized_odds') {
    const overall = new Float64Array(grid.length);
    present.forEach((s, k) => {
      const share = groupWeight[s] / totalWeight;
      for (let g = 0; g < grid.length; g++) overall[g] += share * curves[k].y[g];
    });
    best = firstArgmax(overall);
    expectedAccuracy = overall[best];
    present.forEach((_, k) => rules.push(ruleAt(k, best, 0, 0)));
  } else {
    const yMin = Float64Array.from(grid, (_, g) => Math.min(...curves.map((c) => c.y[g])));
    const objective = Float64Array.from(grid, (x, g) =>
      around15((positives * yMin[g] + negatives * (1 - x)) / totalWeight),
    );
    best = firstArgmax(objective);
    expectedAccuracy = objective[best];
    const xBest = grid[best];
    const yBest = yMin[best];
    y = yBest;
    present.forEach((_, k) => {
      const yGroup = curves[k].y[best];
      // A group whose hull point lies on the diagonal needs no mixing; else mix toward the diagonal point
      // (xBest, xBest) until its TPR is yBest (fairlearn: p_ignore).
      const pIgnore = yGroup === xBest ? 0 : (yGroup - yBest) / (yGroup - xBest);
      rules.push(ruleAt(k, best, pIgnore, xBest));
    });
  }

  const ruleOfGroup = new Map(rules.map((r) => [r.group, r]));
  const positiveProbability = new Float64Array(group.length);
  for (let i = 0; i < group.length; i++) {
    const r = ruleOfGroup.get(group[i]);
    if (!r) continue; // a zero-weight row of a group with no weight: it does not count
    const thresholded = r.p0 * (score[i] > r.threshold0 ? 1 : 0) + r.p1 * (score[i] > r.threshold1 ? 1 : 0);
    positiveProbability[i] = r.pIgnore * r.predictionConstant + (1 - r.pIgnore) * thresholded;
  }
  const distribution = new Float64Array(group.length * 2);
  for (let i = 0; i < group.length; i++) {
    // Clamp the rounding of the mixture into [0, 1] before the engine checks the rows.
    const p = Math.min(1, Math.max(0, positiveProbability[i]));
    distribution[2 * i] = 1 - p;
    distribution[2 * i + 1] = p;
  }
  const metrics = evaluatePredictions({
    group,
    label,
    distribution,
    nGroups: A,
    nClasses: 2,
    groupNames,
    ...(weight ? { weight } : {}),
    ...(input.minCount !== undefined ? { minCount: input.minCount } : {}),
  });
  return {
    constraint,
    gridSize,
    x: grid[best],
    y,
    expectedAccuracy,
    groups: rules,
    positiveProbability,
    accuracy: metrics.accuracy,
    criteria: metrics.criteria,
    metrics,
  };
}
