import type { Strata } from './compressed-data.js';

/**
 * The criteria exponentiated gradient takes: every one linear in the group rates, as fairlearn's moments
 * (`DemographicParity`, `EqualizedOdds`, `TruePositiveRateParity`, `FalsePositiveRateParity`,
 * `ErrorRateParity`, `BoundedGroupLoss` with the zero-one loss). 'oae' is the error-rate parity of the paper's
 * measures (binary labels).
 */
export const ReductionCriterion = {
  sp: 'sp',
  eo: 'eo',
  tpr: 'tpr',
  fpr: 'fpr',
  errorRate: 'errorRate',
  oae: 'oae',
  groupLoss: 'groupLoss',
} as const;
export type ReductionCriterion = keyof typeof ReductionCriterion;
export const isReductionCriterion = (c: string): c is ReductionCriterion =>
  Object.hasOwn(ReductionCriterion, c);
/** @deprecated The earlier name, kept for callers: SP and EO are two of the criteria. */
export type ParityMeasure = ReductionCriterion;

/**
 * How a parity bound compares groups: 'pairwise' bounds |r_s1 - r_s2| for every pair of groups (the frontier's
 * and the metric engine's definition, docs/design.md, Fairness measures); 'to-overall' bounds |r_s - r| against
 * the rate of all rows of the event, as fairlearn's moments do (docs/constraints.md, How eps compares).
 */
export type ReductionBound = 'pairwise' | 'to-overall';

/** Which event a training row belongs to: all rows (0), or its label (EO, TPR, FPR). */
export function eventOfLabel(criterion: ReductionCriterion, label: Int32Array): Int32Array {
  return criterion === 'eo' || criterion === 'tpr' || criterion === 'fpr'
    ? label
    : new Int32Array(label.length);
}

/**
 * One linear constraint gamma_j(h) <= eps: sign * (r(e, group1) - r(e, group2)) for a pair, sign * (r(e, group1)
 * - r(e)) against the overall rate (group2 = -1), or r(0, group1) for a group's loss (sign 1, group2 = -1).
 */
export interface ParityConstraint {
  readonly event: number;
  readonly group1: number;
  readonly group2: number;
  readonly sign: 1 | -1;
}

/**
 * The moments gamma(h) of Agarwal et al. 2018 (section 2, "Fairness definitions"). The rate of group s in event
 * e is r(e, s) = E[u(h(X), Y) | e, S = s] with the utility u = h (selection, TPR, FPR) or u = [h != y] =
 * h (1 - 2y) + y (error rate, group loss): linear in h, so every gamma_j is linear in h's predictions and the
 * best response stays a cost-sensitive fit. Groups without weight in an event are left out (the rate is
 * undefined there).
 */
export interface ParityMoment {
  readonly criterion: ReductionCriterion;
  readonly bound: ReductionBound;
  readonly constraints: readonly ParityConstraint[];
  /** Index of the constraint with the same (event, groups) and the other sign; -1 for one-sided constraints. */
  readonly partner: Int32Array;
  /** gamma(h) from h's predictions on the distinct rows (0 or 1 each). */
  gamma(hOfDistinct: Uint8Array): Float64Array;
  /**
   * Coefficient of h(x) in sum_j lambda_j gamma_j(h) for each stratum: the constraint part of the
   * cost of predicting 1 (Agarwal et al. 2018, section 3.2, best response of the Q-player).
   */
  stratumCost(lambda: Float64Array): Float64Array;
}

/** The events a criterion constrains (the label values for EO, TPR and FPR). */
function constrainedEvents(criterion: ReductionCriterion): number[] {
  if (criterion === 'eo') return [0, 1];
  if (criterion === 'tpr') return [1];
  if (criterion === 'fpr') return [0];
  return [0];
}

export function parityMoment(
  criterion: ReductionCriterion,
  strata: Strata,
  nGroups: number,
  bound: ReductionBound = 'pairwise',
): ParityMoment {
  const A = nGroups;
  const nEvents = 2;
  const isLoss = criterion === 'errorRate' || criterion === 'oae' || criterion === 'groupLoss';
  // u = slope * h + offset, per stratum.
  const slope = Float64Array.from(strata.label, (y) => (isLoss ? 1 - 2 * y : 1));
  const offset = Float64Array.from(strata.label, (y) => (isLoss ? y : 0));
  const eventGroupWeight = new Float64Array(nEvents * A);
  const eventWeight = new Float64Array(nEvents);
  for (let t = 0; t < strata.nStrata; t++) {
    eventGroupWeight[strata.event[t] * A + strata.group[t]] += strata.weight[t];
    eventWeight[strata.event[t]] += strata.weight[t];
  }
  const has = (e: number, s: number) => eventGroupWeight[e * A + s] > 0;
  const constraints: ParityConstraint[] = [];
  const partner: number[] = [];
  const pushPair = (event: number, group1: number, group2: number) => {
    const j = constraints.length;
    constraints.push({ event, group1, group2, sign: 1 }, { event, group1, group2, sign: -1 });
    partner.push(j + 1, j);
  };
  for (const e of constrainedEvents(criterion)) {
    if (criterion === 'groupLoss') {
      for (let s = 0; s < A; s++)
        if (has(e, s)) {
          constraints.push({ event: e, group1: s, group2: -1, sign: 1 });
          partner.push(-1);
        }
    } else if (bound === 'to-overall') {
      for (let s = 0; s < A; s++) if (has(e, s)) pushPair(e, s, -1);
    } else
      for (let s1 = 0; s1 < A; s1++)
        for (let s2 = s1 + 1; s2 < A; s2++) if (has(e, s1) && has(e, s2)) pushPair(e, s1, s2);
  }
  return {
    criterion,
    bound,
    constraints,
    partner: Int32Array.from(partner),
    gamma(hOfDistinct) {
      const sum = new Float64Array(nEvents * A);
      const eventSum = new Float64Array(nEvents);
      for (let t = 0; t < strata.nStrata; t++) {
        const u = strata.weight[t] * (slope[t] * hOfDistinct[strata.distinct[t]] + offset[t]);
        sum[strata.event[t] * A + strata.group[t]] += u;
        eventSum[strata.event[t]] += u;
      }
      const rate = (e: number, s: number) => sum[e * A + s] / eventGroupWeight[e * A + s];
      return Float64Array.from(constraints, (c) => {
        if (criterion === 'groupLoss') return rate(c.event, c.group1);
        const other = c.group2 >= 0 ? rate(c.event, c.group2) : eventSum[c.event] / eventWeight[c.event];
        return c.sign * (rate(c.event, c.group1) - other);
      });
    },
    stratumCost(lambda) {
      // d gamma_j / d h of a stratum in (e, s) is its weight times slope times
      // F[e, s] = sign_j ([s = s1] / W(e, s1) - [s = s2] / W(e, s2)), with W(e) for the overall rate.
      const F = new Float64Array(nEvents * A);
      const overall = new Float64Array(nEvents);
      constraints.forEach((c, j) => {
        const g1 = c.event * A + c.group1;
        F[g1] += (lambda[j] * c.sign) / eventGroupWeight[g1];
        if (c.group2 >= 0) {
          const g2 = c.event * A + c.group2;
          F[g2] -= (lambda[j] * c.sign) / eventGroupWeight[g2];
        } else if (criterion !== 'groupLoss') overall[c.event] -= (lambda[j] * c.sign) / eventWeight[c.event];
      });
      const out = new Float64Array(strata.nStrata);
      for (let t = 0; t < strata.nStrata; t++) {
        const e = strata.event[t];
        const es = e * A + strata.group[t];
        if (eventGroupWeight[es] > 0) out[t] = strata.weight[t] * slope[t] * (F[es] + overall[e]);
      }
      return out;
    },
  };
}
