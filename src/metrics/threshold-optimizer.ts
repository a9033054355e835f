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

/**
 * What the thresholds maximize: fairlearn's objective names, or a cost matrix (`cost[y][yHat]`, minimized, as the
 * frontier's cost objective). Equalized odds takes the objectives that do not decrease in the true positives
 * (accuracy, balanced accuracy, a cost with cost[1][0] >= cost[1][1]), as fairlearn requires.
 */
export type ThresholdObjective =
  | 'accuracy_score'
  | 'balanced_accuracy_score'
  | 'selection_rate'
  | 'true_positive_rate'
  | 'true_negative_rate'
  | { readonly kind: 'cost'; readonly cost: readonly (readonly number[])[] };
const NAMED_OBJECTIVES = [
  'accuracy_score',
  'balanced_accuracy_score',
  'selection_rate',
  'true_positive_rate',
  'true_negative_rate',
] as const;

/** fairlearn's default `grid_size`. */
export const DEFAULT_GRID_SIZE = 1000;

/** fairlearn's threshold operations: '>' predicts 1 when score > threshold, '<' (with flip) when score < threshold. */
export type ThresholdOperator = '>' | '<';

/**
 * One group's randomized rule, as fairlearn's `InterpolatedThresholder` applies it: P(yHat = 1 | score) =
 * pIgnore * predictionConstant + (1 - pIgnore) * (p0 [score > threshold0] + p1 [score > threshold1]).
 * For the simple constraints pIgnore = 0.
 */
export interface GroupThresholdRule {
  readonly group: number;
  readonly p0: number;
  readonly threshold0: number;
  /** '>' unless fitted with flip. */
  readonly operator0: ThresholdOperator;
  readonly p1: number;
  readonly threshold1: number;
  readonly operator1: ThresholdOperator;
  readonly pIgnore: number;
  readonly predictionConstant: number;
}

export interface ThresholdOptimizerResult {
  readonly constraint: ThresholdConstraint;
  readonly gridSize: number;
  readonly objective: ThresholdObjective;
  readonly flip: boolean;
  /** The relaxation (simple constraints): the equalized rate may differ by this much across groups; null = none. */
  readonly tol: number | null;
  /** The grid value of the equalized rate each rule of `groups` was read at (all equal without tol). */
  readonly xOfGroup: readonly number[];
  /**
   * The common value of the equalized rate at the chosen grid point (selection rate, TPR or FPR; the FPR for
   * equalized odds), and, for equalized odds, the common TPR (else null).
   */
  readonly x: number;
  readonly y: number | null;
  /** fairlearn's objective at the chosen point (the accuracy by default) expected on the fitting rows. */
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
  readonly operator: ThresholdOperator;
}

/** Confusion counts of one group after some rows are predicted positive (fairlearn's METRIC_DICT inputs). */
interface Counts {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly positives: number;
  readonly negatives: number;
}

/** fairlearn's METRIC_DICT objectives, and the cost objective as its negative expected cost per row. */
function objectiveValue(objective: ThresholdObjective, c: Counts): number {
  const n = c.positives + c.negatives;
  const trueNegatives = c.negatives - c.falsePositives;
  const falseNegatives = c.positives - c.truePositives;
  if (typeof objective === 'object') {
    const [[tn, fp], [fn, tp]] = objective.cost;
    return -(tn * trueNegatives + fp * c.falsePositives + fn * falseNegatives + tp * c.truePositives) / n;
  }
  switch (objective) {
    case 'accuracy_score':
      return (c.truePositives + trueNegatives) / n;
    case 'balanced_accuracy_score':
      return 0.5 * (c.truePositives / c.positives) + 0.5 * (trueNegatives / c.negatives);
    case 'selection_rate':
      return (c.truePositives + c.falsePositives) / n;
    case 'true_positive_rate':
      return c.truePositives / c.positives;
    case 'true_negative_rate':
      return trueNegatives / c.negatives;
  }
}

/** The (x, y) of fairlearn's trade-off curve: the equalized rate, then the objective (EO: FPR, TPR). */
function curvePoint(
  constraint: ThresholdConstraint,
  objective: ThresholdObjective,
  c: Counts,
): readonly [x: number, y: number] {
  switch (constraint) {
    case 'demographic_parity':
      return [
        (c.truePositives + c.falsePositives) / (c.positives + c.negatives),
        objectiveValue(objective, c),
      ];
    case 'true_positive_rate_parity':
      return [c.truePositives / c.positives, objectiveValue(objective, c)];
    case 'false_positive_rate_parity':
      return [c.falsePositives / c.negatives, objectiveValue(objective, c)];
    case 'equalized_odds':
      return [c.falsePositives / c.negatives, c.truePositives / c.positives];
  }
}

/**
 * fairlearn `_calculate_tradeoff_points`: the rule "score > t" for t = +Infinity, then for each distinct score
 * (largest first) the midpoint between it and the next smaller score (-Infinity after the last); with flip, each
 * followed by the opposite rule "score < t".
 */
function tradeoffPoints(
  rows: readonly number[],
  input: ScoreInput,
  constraint: ThresholdConstraint,
  groupName: string,
  objective: ThresholdObjective,
  flip: boolean,
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
  const counts = [0, 0];
  const points: HullPoint[] = [];
  const add = (threshold: number) => {
    const [x, y] = curvePoint(constraint, objective, {
      truePositives: counts[1],
      falsePositives: counts[0],
      positives,
      negatives,
    });
    points.push({ x, y, threshold, operator: '>' });
    if (!flip) return;
    const [xf, yf] = curvePoint(constraint, objective, {
      truePositives: positives - counts[1],
      falsePositives: negatives - counts[0],
      positives,
      negatives,
    });
    points.push({ x: xf, y: yf, threshold, operator: '<' });
  };
  add(Infinity);
  for (let j = 0; j < rows.length;) {
    const t = score[rows[j]];
    for (; j < rows.length && score[rows[j]] === t; j++)
      counts[label[rows[j]]] += weight ? weight[rows[j]] : 1;
    const next = j < rows.length ? score[rows[j]] : -Infinity;
    add(midpoint(next, t));
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
    /** Default 'accuracy_score'. */
    readonly objective?: ThresholdObjective;
    /** Also consider the flipped rules "score < t" (fairlearn's flip). Default false. */
    readonly flip?: boolean;
    /** Simple constraints only: the equalized rate may differ by up to tol across groups (fairlearn >= 0.13). */
    readonly tol?: number;
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
  const objective = checkThresholdObjective(options.objective ?? 'accuracy_score', constraint);
  const flip = options.flip ?? false;
  const tol = options.tol ?? null;
  if (tol !== null) {
    if (!(Number.isFinite(tol) && tol >= 0 && tol <= 1))
      throw new InputError('E_BAD_OPTION', `tol must be a number in [0, 1], got ${tol}`, { option: 'tol' });
    if (constraint === 'equalized_odds')
      throw new InputError(
        'E_BAD_OPTION',
        'tol relaxes the simple constraints only, not equalized_odds (as in fairlearn)',
        { option: 'tol' },
      );
  }
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
  const hulls = present.map((s) =>
    upperHull(tradeoffPoints(byGroup[s], input, constraint, groupNames[s], objective, flip)),
  );
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
  let xOfGroup: number[];
  const rules: GroupThresholdRule[] = [];
  const ruleAt = (k: number, g: number, pIgnore: number, predictionConstant: number): GroupThresholdRule => {
    const i = curves[k].index[g];
    return {
      group: present[k],
      p0: curves[k].p0[g],
      threshold0: hulls[k][i].threshold,
      operator0: hulls[k][i].operator,
      p1: 1 - curves[k].p0[g],
      threshold1: hulls[k][i + 1].threshold,
      operator1: hulls[k][i + 1].operator,
      pIgnore,
      predictionConstant,
    };
  };
  if (constraint !== 'equalized_odds' && tol) {
    const weighted = present.map((s, k) => curves[k].y.map((v) => v * (groupWeight[s] / totalWeight)));
    const chosen = maximizeWithTolerance(grid, weighted, tol);
    best = chosen.indices[0];
    expectedAccuracy = chosen.value;
    xOfGroup = chosen.indices.map((g) => grid[g]);
    present.forEach((_, k) => rules.push(ruleAt(k, chosen.indices[k], 0, 0)));
  } else if (constraint !== 'equalized_odds') {
    const overall = new Float64Array(grid.length);
    present.forEach((s, k) => {
      const share = groupWeight[s] / totalWeight;
      for (let g = 0; g < grid.length; g++) overall[g] += share * curves[k].y[g];
    });
    best = firstArgmax(overall);
    expectedAccuracy = overall[best];
    xOfGroup = present.map(() => grid[best]);
    present.forEach((_, k) => rules.push(ruleAt(k, best, 0, 0)));
  } else {
    const yMin = Float64Array.from(grid, (_, g) => Math.min(...curves.map((c) => c.y[g])));
    const values = Float64Array.from(grid, (x, g) =>
      around15(
        objectiveValue(objective, {
          truePositives: positives * yMin[g],
          falsePositives: negatives * x,
          positives,
          negatives,
        }),
      ),
    );
    best = firstArgmax(values);
    expectedAccuracy = values[best];
    xOfGroup = present.map(() => grid[best]);
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
    positiveProbability[i] = ruleProbability(r, score[i]);
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
    objective,
    flip,
    tol,
    xOfGroup,
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

/** P(yHat = 1) of a row with this score under its group's rule (fairlearn's `InterpolatedThresholder`). */
export function ruleProbability(rule: GroupThresholdRule, score: number): number {
  const fires = (operator: ThresholdOperator, threshold: number) =>
    (operator === '>' ? score > threshold : score < threshold) ? 1 : 0;
  const thresholded =
    rule.p0 * fires(rule.operator0, rule.threshold0) + rule.p1 * fires(rule.operator1, rule.threshold1);
  return rule.pIgnore * rule.predictionConstant + (1 - rule.pIgnore) * thresholded;
}

/** Checks an objective for a constraint (fairlearn's sets, plus the cost matrix). */
function checkThresholdObjective(
  objective: ThresholdObjective,
  constraint: ThresholdConstraint,
): ThresholdObjective {
  if (typeof objective === 'object' && objective !== null && objective.kind === 'cost') {
    const cost = objective.cost;
    const isSquare =
      Array.isArray(cost) && cost.length === 2 && cost.every((r) => Array.isArray(r) && r.length === 2);
    if (!isSquare || cost.flat().some((c) => typeof c !== 'number' || !Number.isFinite(c) || c < 0))
      throw new InputError(
        'E_BAD_OPTION',
        'the cost matrix must be 2 x 2 (label x prediction) of finite costs >= 0',
        {
          option: 'objective',
        },
      );
    if (constraint === 'equalized_odds' && cost[1][0] < cost[1][1])
      throw new InputError(
        'E_BAD_OPTION',
        'equalized_odds needs an objective that does not decrease in the true positives: cost[1][0] >= cost[1][1]',
        { option: 'objective' },
      );
    return objective;
  }
  const allowed: readonly string[] =
    constraint === 'equalized_odds' ? ['accuracy_score', 'balanced_accuracy_score'] : NAMED_OBJECTIVES;
  if (typeof objective !== 'string' || !allowed.includes(objective))
    throw new InputError(
      'E_BAD_OPTION',
      `${constraint} takes the objectives ${allowed.join(', ')} or a cost matrix, got ${JSON.stringify(objective)}`,
      { option: 'objective' },
    );
  return objective;
}

/**
 * fairlearn's `maximize_objective_with_tolerance` (0.13): one grid index per group maximizing the sum of the
 * weighted curves with the grid values of the chosen indices spanning at most tol; a sliding window over the
 * grid with one monotone queue per group; among equal sums the smaller span, and among those the later window.
 */
function maximizeWithTolerance(
  grid: Float64Array,
  weighted: readonly Float64Array[],
  tol: number,
): { indices: number[]; value: number } {
  const queues = weighted.map(() => [] as number[]);
  const heads = weighted.map(() => 0);
  let indices: number[] = [];
  let value = -Infinity;
  let span = Infinity;
  let start = 0;
  for (let end = 0; end < grid.length; end++) {
    weighted.forEach((curve, k) => {
      const q = queues[k];
      while (q.length > heads[k] && curve[q[q.length - 1]] <= curve[end]) q.pop();
      q.push(end);
    });
    while (grid[end] - grid[start] > tol) {
      queues.forEach((q, k) => {
        if (q.length > heads[k] && q[heads[k]] === start) heads[k]++;
      });
      start++;
    }
    const current = queues.map((q, k) => q[heads[k]]);
    let sum = 0;
    current.forEach((g, k) => (sum += weighted[k][g]));
    const xs = current.map((g) => grid[g]);
    const currentSpan = Math.max(...xs) - Math.min(...xs);
    if (sum > value || (sum === value && currentSpan <= span)) {
      value = sum;
      indices = current;
      span = currentSpan;
    }
  }
  return { indices, value };
}
