import type { Strata } from './compressed-data.js';

/** The constraint families exponentiated gradient supports here: statistical parity and equalized odds. */
export type ParityMeasure = 'sp' | 'eo';

/** One linear constraint sign * (E[h | e, s1] - E[h | e, s2]) <= eps. */
export interface ParityConstraint {
  readonly event: number;
  readonly group1: number;
  readonly group2: number;
  readonly sign: 1 | -1;
}

/**
 * The moments gamma(h) of Agarwal et al. 2018 (section 2, "Fairness definitions"), written with the pairwise
 * definitions of docs/design.md (Fairness measures) rather than fairlearn's group-versus-overall ones, so
 * that the largest gamma is exactly the violation the metric engine and the frontier measure: for every event
 * e (SP: one event, all rows; EO: one event per label y), every pair of groups s1 < s2 and both signs,
 *   gamma_j(h) = sign * (E[h(X) | e, S = s1] - E[h(X) | e, S = s2]).
 * Pairs where either group has no weight in the event are left out (the rate is undefined there).
 */
export interface ParityMoment {
  readonly measure: ParityMeasure;
  readonly constraints: readonly ParityConstraint[];
  /** Index of the constraint with the same (event, pair) and the other sign. */
  readonly partner: Int32Array;
  /** gamma(h) from h's predictions on the distinct rows (0 or 1 each). */
  gamma(hOfDistinct: Uint8Array): Float64Array;
  /**
   * Coefficient of h(x) in sum_j lambda_j gamma_j(h) for each stratum: the constraint part of the
   * cost of predicting 1 (Agarwal et al. 2018, section 3.2, best response of the Q-player).
   */
  stratumCost(lambda: Float64Array): Float64Array;
}

export function parityMoment(
  measure: ParityMeasure,
  strata: Strata,
  nGroups: number,
  nEvents: number,
): ParityMoment {
  const A = nGroups;
  const eventGroupWeight = new Float64Array(nEvents * A);
  for (let t = 0; t < strata.nStrata; t++)
    eventGroupWeight[strata.event[t] * A + strata.group[t]] += strata.weight[t];
  const constraints: ParityConstraint[] = [];
  const partner: number[] = [];
  for (let e = 0; e < nEvents; e++)
    for (let s1 = 0; s1 < A; s1++)
      for (let s2 = s1 + 1; s2 < A; s2++) {
        if (!(eventGroupWeight[e * A + s1] > 0 && eventGroupWeight[e * A + s2] > 0)) continue;
        const j = constraints.length;
        constraints.push(
          { event: e, group1: s1, group2: s2, sign: 1 },
          { event: e, group1: s1, group2: s2, sign: -1 },
        );
        partner.push(j + 1, j);
      }
  return {
    measure,
    constraints,
    partner: Int32Array.from(partner),
    gamma(hOfDistinct) {
      const mean = new Float64Array(nEvents * A);
      for (let t = 0; t < strata.nStrata; t++)
        if (hOfDistinct[strata.distinct[t]]) mean[strata.event[t] * A + strata.group[t]] += strata.weight[t];
      for (let i = 0; i < mean.length; i++) if (eventGroupWeight[i] > 0) mean[i] /= eventGroupWeight[i];
      return Float64Array.from(
        constraints,
        (c) => c.sign * (mean[c.event * A + c.group1] - mean[c.event * A + c.group2]),
      );
    },
    stratumCost(lambda) {
      // F[e, s] = sum over constraints of event e of lambda_j * sign_j * ([s = s1] - [s = s2]).
      const F = new Float64Array(nEvents * A);
      constraints.forEach((c, j) => {
        F[c.event * A + c.group1] += lambda[j] * c.sign;
        F[c.event * A + c.group2] -= lambda[j] * c.sign;
      });
      const out = new Float64Array(strata.nStrata);
      for (let t = 0; t < strata.nStrata; t++) {
        const es = strata.event[t] * A + strata.group[t];
        if (eventGroupWeight[es] > 0) out[t] = (strata.weight[t] * F[es]) / eventGroupWeight[es];
      }
      return out;
    },
  };
}
