import { assertInvariant, InputError } from '../../errors.js';
import type { FittedIntervention, InterventionContext, InterventionData, Intervention } from '../types.js';
import { cumulative, scoreBlocks } from './score-blocks.js';
import { checkFittingData, predictFromPositiveScore } from './validate.js';

/** How LevEqOpp estimates each group's TPR and accuracy along its thresholds. */
export const RateEstimate = { scores: 'scores', labels: 'labels' } as const;
export type RateEstimate = keyof typeof RateEstimate;

export interface LevEqOppOptions {
  /**
   * 'scores' (default, Chzhen et al.): plug-in estimates from the scores alone, P(Y=1, S=s, score >= t) =
   * sum over rows of w * score, i.e. the labels of the fitting data are not used (the paper's "unlabeled data").
   * 'labels': the same search with the empirical rates of the labeled fitting data.
   */
  readonly rates?: RateEstimate;
}

/** Default tolerances of a LevEqOpp sweep, from exact equal opportunity (0) to loose. */
export const LEV_EQ_OPP_DEFAULT_KNOBS: readonly number[] = [
  0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3,
];

/**
 * One group's fitted threshold rule: P(Yhat=1 | score) = 1 above `threshold`, `tieProbability` at it, 0 below.
 */
export interface GroupThreshold {
  readonly threshold: number;
  readonly tieProbability: number;
}

export interface FittedLevEqOpp extends FittedIntervention {
  readonly thresholds: readonly GroupThreshold[];
  /** Estimated (by the chosen rates) in-sample TPR per group, and the common target TPR of the search. */
  readonly tpr: Float64Array;
  readonly targetTpr: number;
  /** Estimated in-sample accuracy. */
  readonly accuracy: number;
  /**
   * Chzhen et al.'s parametrization of the thresholds, threshold_s = 1 / (2 - theta_s / P(Y=1, S=s)): the
   * Lagrange multiplier of each group's TPR constraint (two groups at tolerance 0: theta_1 = -theta_0).
   */
  readonly theta: Float64Array;
}

/** P(Yhat = 1 | score) of a group threshold rule. */
export function thresholdProbability(rule: GroupThreshold, score: number): number {
  if (score > rule.threshold) return 1;
  if (score === rule.threshold) return rule.tieProbability;
  return 0;
}

/** Sparse table for O(1) range maxima (with argmax) over a fixed array. */
function rangeMaxTable(values: Float64Array): (lo: number, hi: number) => number {
  const n = values.length;
  const levels: Int32Array[] = [Int32Array.from({ length: n }, (_, i) => i)];
  for (let k = 1; 1 << k <= n; k++) {
    const prev = levels[k - 1];
    const next = new Int32Array(n - (1 << k) + 1);
    for (let i = 0; i < next.length; i++) {
      const a = prev[i];
      const b = prev[i + (1 << (k - 1))];
      next[i] = values[b] > values[a] ? b : a;
    }
    levels.push(next);
  }
  // Index of the largest value in [lo, hi] (inclusive); the leftmost among equals within one level.
  return (lo, hi) => {
    const k = 31 - Math.clz32(hi - lo + 1);
    const a = levels[k][lo];
    const b = levels[k][hi - (1 << k) + 1];
    return values[b] > values[a] ? b : a;
  };
}

/**
 * One group's accuracy as a function of its threshold position u in [0, B]: the top floor(u) score blocks
 * predicted 1, block floor(u)+1 predicted 1 with probability u - floor(u). TPR and accuracy mass are linear in u
 * between integers.
 */
interface GroupCurve {
  readonly values: Float64Array;
  readonly tpr: Float64Array; // at integer positions, nondecreasing
  readonly accuracyMass: Float64Array; // at integer positions
  readonly positiveMass: number;
  readonly argmaxOn: (lo: number, hi: number) => number;
}

function interpolate(a: Float64Array, u: number): number {
  const j = Math.floor(u);
  if (j >= a.length - 1) return a[a.length - 1];
  return a[j] + (u - j) * (a[j + 1] - a[j]);
}

/** Smallest position u with tpr(u) >= target (tpr nondecreasing, piecewise linear). */
function firstPositionAtLeast(tpr: Float64Array, target: number): number {
  const B = tpr.length - 1;
  if (target <= tpr[0]) return 0;
  if (target > tpr[B]) return B;
  let lo = 0;
  let hi = B; // tpr[lo] < target <= tpr[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (tpr[mid] >= target) hi = mid;
    else lo = mid;
  }
  return lo + (target - tpr[lo]) / (tpr[hi] - tpr[lo]);
}

/** Largest position u with tpr(u) <= target. */
function lastPositionAtMost(tpr: Float64Array, target: number): number {
  const B = tpr.length - 1;
  if (target >= tpr[B]) return B;
  if (target < tpr[0]) return 0;
  let lo = 0;
  let hi = B; // tpr[lo] <= target < tpr[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (tpr[mid] <= target) lo = mid;
    else hi = mid;
  }
  return lo + (target - tpr[lo]) / (tpr[hi] - tpr[lo]);
}

/** The best position of a group whose TPR must lie in [lo, hi]: the accuracy maximum over that range of u. */
function bestInBand(curve: GroupCurve, lo: number, hi: number): { position: number; accuracyMass: number } {
  const uLo = firstPositionAtLeast(curve.tpr, lo);
  const uHi = Math.max(uLo, lastPositionAtMost(curve.tpr, hi));
  let position = uLo;
  let best = interpolate(curve.accuracyMass, uLo);
  const atHi = interpolate(curve.accuracyMass, uHi);
  if (atHi > best) {
    best = atHi;
    position = uHi;
  }
  const first = Math.ceil(uLo);
  const last = Math.floor(uHi);
  if (first <= last) {
    const j = curve.argmaxOn(first, last);
    if (curve.accuracyMass[j] > best) {
      best = curve.accuracyMass[j];
      position = j;
    }
  }
  return { position, accuracyMass: best };
}

/**
 * LevEqOpp (Chzhen, Denis, Hebiri, Oneto, Pontil 2019): the optimal equal-opportunity classifier thresholds
 * the score per group, and the thresholds are tied by one scalar found by a 1-D search. Chzhen et al. write the
 * thresholds as 1 / (2 - theta s / P(Y=1, S=s)) and pick theta so that the plug-in TPRs (estimated from the
 * scores on unlabeled data) are equal. Equivalently, and for any number of groups, the scalar here is the common
 * target TPR T: each group takes the most accurate threshold whose TPR lies in [T - tol/2, T + tol/2], and T
 * maximizes the total accuracy. The search is exact: the objective is piecewise linear in T, so its maximum is
 * at a breakpoint T = tpr_s(j) +- tol/2 of some group, and all of them are evaluated (a sparse table gives each
 * group's best accuracy in its band in O(1)). Thresholds are randomized at ties so that TPRs match exactly
 * in-sample (Chzhen et al. add a small uniform noise to the scores for the same purpose).
 *
 * Knob: tol in [0, 1], the allowed |TPR_s1 - TPR_s2| between any two groups (0 = equal opportunity).
 * Binary labels, two or more groups; each group needs (estimated) positive mass.
 * @throws InputError (see checkFittingData), E_EMPTY_GROUP_LABEL, E_BAD_OPTION
 */
export function fitLevEqOpp(
  data: InterventionData,
  context: Pick<InterventionContext, 'measure' | 'knob'>,
  options: LevEqOppOptions = {},
): FittedLevEqOpp {
  const rates = options.rates ?? 'scores';
  if (!Object.hasOwn(RateEstimate, rates))
    throw new InputError('E_BAD_OPTION', `leveqopp: rates must be scores or labels, got ${rates}`, {
      option: 'rates',
    });
  const checked = checkFittingData(data, {
    method: 'leveqopp',
    measure: context.measure,
    supportedMeasures: ['eo'],
    knob: context.knob,
    knobName: 'tolerance',
    knobRange: [0, 1],
    binary: true,
  });
  const tol = context.knob;
  const { nGroups } = checked;
  const curves: GroupCurve[] = scoreBlocks(checked).map((b, s) => {
    const positive = rates === 'scores' ? b.plugInPositive : b.positive;
    const negative = rates === 'scores' ? b.plugInNegative : b.negative;
    const positiveMass = rates === 'scores' ? b.totalPlugInPositive : b.totalPositive;
    const negativeMass = rates === 'scores' ? b.totalPlugInNegative : b.totalNegative;
    if (!(positiveMass > 0))
      throw new InputError(
        'E_EMPTY_GROUP_LABEL',
        `leveqopp: group ${s} has no ${rates === 'scores' ? 'score' : 'label'} mass on class 1, so its TPR is undefined`,
        {
          option: 'label',
        },
      );
    const cumPositive = cumulative(positive);
    const cumNegative = cumulative(negative);
    const tpr = cumPositive.map((m) => m / positiveMass);
    tpr[tpr.length - 1] = 1;
    const accuracyMass = cumPositive.map((m, j) => m + negativeMass - cumNegative[j]);
    return { values: b.values, tpr, accuracyMass, positiveMass, argmaxOn: rangeMaxTable(accuracyMass) };
  });

  // Candidate targets: every breakpoint shifted by +-tol/2, clipped to [0, 1].
  const half = tol / 2;
  const candidates = new Set<number>([0, 1]);
  for (const c of curves)
    for (const t of c.tpr) {
      candidates.add(Math.min(1, Math.max(0, t - half)));
      candidates.add(Math.min(1, Math.max(0, t + half)));
    }
  let bestTarget = 0;
  let bestTotal = -Infinity;
  for (const target of [...candidates].sort((a, b) => a - b)) {
    let total = 0;
    for (const c of curves) total += bestInBand(c, target - half, target + half).accuracyMass;
    if (total > bestTotal) {
      bestTotal = total;
      bestTarget = target;
    }
  }
  const thresholds: GroupThreshold[] = [];
  const tpr = new Float64Array(nGroups);
  const theta = new Float64Array(nGroups);
  let accuracy = 0;
  curves.forEach((c, s) => {
    const { position, accuracyMass } = bestInBand(c, bestTarget - half, bestTarget + half);
    accuracy += accuracyMass;
    tpr[s] = interpolate(c.tpr, position);
    const B = c.values.length;
    const j = Math.floor(position);
    // Blocks 1..j predicted 1; block j+1 (values[j]) with probability frac; none below.
    thresholds.push(
      j >= B
        ? { threshold: -Infinity, tieProbability: 1 }
        : { threshold: c.values[j], tieProbability: position - j },
    );
    const t = j >= B ? 0 : c.values[j];
    theta[s] = t > 0 ? c.positiveMass * (2 - 1 / t) : -Infinity;
  });
  const gap = Math.max(...tpr) - Math.min(...tpr);
  assertInvariant(gap <= tol + 1e-9, `leveqopp TPR gap ${gap} exceeds the tolerance ${tol}`);

  return {
    method: 'leveqopp',
    knob: tol,
    thresholds,
    tpr,
    targetTpr: bestTarget,
    accuracy,
    theta,
    predictDistribution(input) {
      return predictFromPositiveScore(input, nGroups, (s, score) =>
        thresholdProbability(thresholds[s], score),
      );
    },
    diagnostics: {
      rates,
      targetTpr: bestTarget,
      tprGap: gap,
      estimatedAccuracy: accuracy,
      candidates: candidates.size,
    },
  };
}

/**
 * LevEqOpp with Chzhen et al.'s plug-in rates (options.rates = 'scores') or the labels of the fitting data.
 * Knob: tolerance on |TPR_s1 - TPR_s2| in [0, 1] (0 = the paper's method). Measure: 'eo' (it equalizes the
 * TPR only, i.e. equal opportunity; the FPR is left free).
 * @example
 * const fitted = createLevEqOpp().fit(data, { measure: 'eo', knob: 0, learner, rng });
 */
export function createLevEqOpp(options: LevEqOppOptions = {}): Intervention {
  return {
    method: 'leveqopp',
    knobName: 'tolerance',
    defaultKnobs: LEV_EQ_OPP_DEFAULT_KNOBS,
    supportedMeasures: ['eo'],
    requiresBinaryLabel: true,
    requiresTwoGroups: false,
    fit: (data, context) => fitLevEqOpp(data, context, options),
  };
}

/** LevEqOpp as in the paper: plug-in rates from the scores. */
export const levEqOpp: Intervention = createLevEqOpp();
