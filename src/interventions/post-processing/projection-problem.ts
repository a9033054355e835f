import type { Measure } from '../../metrics/index.js';

/** The divergence FairProjection minimizes (Alghamdi et al. 2022, section 3). */
export const Divergence = { kl: 'kl', 'cross-entropy': 'cross-entropy' } as const;
export type Divergence = keyof typeof Divergence;

/**
 * How the fairness constraints are written. 'pairwise' (default): |rate_s1 - rate_s2| <= tolerance for every
 * pair of groups, docs/design.md, Fairness measures's definition (tolerance 1 is vacuous). 'ratio': the
 * authors' form (`GroupFair.buildG`), (1 - tolerance) rate_all <= rate_s <= (1 + tolerance) rate_all for
 * every group, on the rates P(Yhat=c | S=s) (SP) or P(Yhat=y | Y=y, S=s) (EO, their "meo": the diagonal
 * only).
 */
export const ConstraintForm = { pairwise: 'pairwise', ratio: 'ratio' } as const;
export type ConstraintForm = keyof typeof ConstraintForm;

/**
 * One linear constraint sum_i w_i G_i[:, j]' h_i <= 0 on the projected classifier h, in the structured form
 * G_i[c, j] = [c = yHat] * coef[s_i] * q(i, u) + offset, where q(i, u) is the (smoothed) base score of class u
 * for u < C and 1 for u = C. So a rate P(Yhat = yHat | S = s) is sum_{i in s} w_i h_i[yHat] / m[s][C], and the
 * EO rate P(Yhat = yHat | Y = y, S = s) is estimated with the base model's P(Y = y | x) in place of the label
 * (the authors' construction: at prediction time the label is unknown, so h may depend on x and s only).
 */
export interface ProjectionConstraint {
  readonly yHat: number;
  /** Score index u: a class y < C (EO), or C for the constant 1 (SP). */
  readonly u: number;
  /** Coefficient per group. */
  readonly coef: Float64Array;
  readonly offset: number;
}

/** Aggregated fitting rows: identical (group, scores) rows merged, weights summed and normalized to 1. */
export interface ProjectionRows {
  readonly nRows: number;
  readonly nGroups: number;
  readonly nClasses: number;
  readonly group: Int32Array;
  readonly weight: Float64Array;
  /** Base scores as given (row-major n x C). */
  readonly raw: Float64Array;
  /** Weighted label mass per row and class (for tuning a threshold and for diagnostics). */
  readonly labelMass: Float64Array;
}

/** Merges identical (group, score row) rows; weights normalized to sum 1. */
export function aggregateRows(
  nGroups: number,
  nClasses: number,
  scores: Float64Array,
  group: Int32Array,
  label: Int32Array,
  weight: Float64Array,
): ProjectionRows {
  const C = nClasses;
  const index = new Map<string, number>();
  const groupOut: number[] = [];
  const weightOut: number[] = [];
  const rawOut: number[] = [];
  const labelOut: number[] = [];
  let total = 0;
  for (let i = 0; i < group.length; i++) total += weight[i];
  for (let i = 0; i < group.length; i++) {
    let key = `${group[i]}`;
    for (let c = 0; c < C; c++) key += `|${scores[i * C + c]}`;
    let r = index.get(key);
    if (r === undefined) {
      r = groupOut.length;
      index.set(key, r);
      groupOut.push(group[i]);
      weightOut.push(0);
      for (let c = 0; c < C; c++) {
        rawOut.push(scores[i * C + c]);
        labelOut.push(0);
      }
    }
    const w = weight[i] / total;
    weightOut[r] += w;
    labelOut[r * C + label[i]] += w;
  }
  return {
    nRows: groupOut.length,
    nGroups,
    nClasses,
    group: Int32Array.from(groupOut),
    weight: Float64Array.from(weightOut),
    raw: Float64Array.from(rawOut),
    labelMass: Float64Array.from(labelOut),
  };
}

/** y <- (y + eps) / (1 + C eps), row-wise (every class gets positive probability). */
export function smoothScores(raw: Float64Array, nClasses: number, smoothing: number): Float64Array {
  const out = new Float64Array(raw.length);
  const scale = 1 / (1 + nClasses * smoothing);
  for (let k = 0; k < raw.length; k++) out[k] = (raw[k] + smoothing) * scale;
  return out;
}

/**
 * First and second moments per group of the extended scores q(i, u), u = 0..C (q(i, C) = 1):
 * moments[(s * (C+1) + u) * (C+1) + v] = sum_{i in s} w_i q(i,u) q(i,v). The first moment of u is the entry v = C.
 */
export function scoreMoments(rows: ProjectionRows, q: Float64Array): Float64Array {
  const { nRows, nGroups, nClasses: C, group, weight } = rows;
  const D = C + 1;
  const moments = new Float64Array(nGroups * D * D);
  const ext = new Float64Array(D);
  for (let i = 0; i < nRows; i++) {
    for (let u = 0; u < C; u++) ext[u] = q[i * C + u];
    ext[C] = 1;
    const base = group[i] * D * D;
    const w = weight[i];
    for (let u = 0; u < D; u++) {
      const wu = w * ext[u];
      for (let v = 0; v < D; v++) moments[base + u * D + v] += wu * ext[v];
    }
  }
  return moments;
}

/**
 * The constraints of `measure` at `tolerance` in `form` (see ConstraintForm), with plug-in masses
 * m[s][u] = sum_{i in s} w_i q(i, u) taken from `moments`. With two classes the pairwise rows of yHat = 0 repeat
 * those of yHat = 1 (the rates of a row sum to 1) and are left out.
 */
export function buildConstraints(
  measure: Measure,
  form: ConstraintForm,
  tolerance: number,
  nGroups: number,
  nClasses: number,
  moments: Float64Array,
): ProjectionConstraint[] {
  const C = nClasses;
  const D = C + 1;
  const mass = (s: number, u: number) => moments[(s * D + u) * D + C];
  const out: ProjectionConstraint[] = [];
  const scoreIndices = measure === 'sp' ? [C] : Array.from({ length: C }, (_, y) => y);
  if (form === 'pairwise') {
    const yHats = C === 2 ? [1] : Array.from({ length: C }, (_, c) => c);
    for (let s1 = 0; s1 < nGroups; s1++)
      for (let s2 = s1 + 1; s2 < nGroups; s2++)
        for (const u of scoreIndices)
          for (const yHat of yHats)
            for (const sign of [1, -1]) {
              const coef = new Float64Array(nGroups);
              coef[s1] = sign / mass(s1, u);
              coef[s2] = -sign / mass(s2, u);
              out.push({ yHat, u, coef, offset: -tolerance });
            }
    return out;
  }
  // Ratio form: every group's rate within (1 +- tolerance) of the overall rate (weights sum to 1, so the overall
  // mass of u is sum_s m[s][u]).
  for (const u of scoreIndices) {
    let overall = 0;
    for (let s = 0; s < nGroups; s++) overall += mass(s, u);
    const yHats = measure === 'sp' ? Array.from({ length: C }, (_, c) => c) : [u];
    for (const yHat of yHats)
      for (let s = 0; s < nGroups; s++)
        for (const sign of [1, -1]) {
          const coef = new Float64Array(nGroups).fill((-sign * (1 + sign * tolerance)) / overall);
          coef[s] += sign / mass(s, u);
          out.push({ yHat, u, coef, offset: 0 });
        }
  }
  return out;
}

/** Structured multiplier sums B[s][u][c] = sum_{j: yHat_j = c, u_j = u} coef_j[s] lambda_j and beta = sum offset_j lambda_j. */
export function multiplierTable(
  constraints: readonly ProjectionConstraint[],
  lambda: Float64Array,
  nGroups: number,
  nClasses: number,
): { table: Float64Array; beta: number } {
  const C = nClasses;
  const D = C + 1;
  const table = new Float64Array(nGroups * D * C);
  let beta = 0;
  constraints.forEach((con, j) => {
    const l = lambda[j];
    if (l === 0) return;
    beta += con.offset * l;
    for (let s = 0; s < nGroups; s++) table[(s * D + con.u) * C + con.yHat] += con.coef[s] * l;
  });
  return { table, beta };
}

/** (G_i lambda)_c for one row: sum_u q(i,u) B[s][u][c] + beta, written into `out`. */
export function rowMultiplier(
  table: Float64Array,
  beta: number,
  s: number,
  q: Float64Array,
  offset: number,
  nClasses: number,
  out: Float64Array,
): void {
  const C = nClasses;
  const D = C + 1;
  const base = s * D * C;
  for (let c = 0; c < C; c++) out[c] = beta + table[base + C * C + c];
  for (let u = 0; u < C; u++) {
    const qu = q[offset + u];
    const row = base + u * C;
    for (let c = 0; c < C; c++) out[c] += qu * table[row + c];
  }
}

/**
 * sum_i w_i G_i' U_i for row vectors U (n x C): per constraint j, sum_s coef_j[s] E[s][u_j][yHat_j] + offset_j F
 * with E[s][u][c] = sum_{i in s} w_i q(i,u) U_i[c] and F = sum_i w_i sum_c U_i[c]. With U = h it gives the
 * constraint values g(h) (feasible iff every entry <= 0).
 */
export function constraintProducts(
  constraints: readonly ProjectionConstraint[],
  rows: ProjectionRows,
  q: Float64Array,
  U: Float64Array,
): Float64Array {
  const { nRows, nGroups, nClasses: C, group, weight } = rows;
  const D = C + 1;
  const E = new Float64Array(nGroups * D * C);
  let F = 0;
  for (let i = 0; i < nRows; i++) {
    const w = weight[i];
    const base = group[i] * D * C;
    let rowSum = 0;
    for (let c = 0; c < C; c++) {
      const wu = w * U[i * C + c];
      rowSum += wu;
      E[base + C * C + c] += wu;
      for (let u = 0; u < C; u++) E[base + u * C + c] += q[i * C + u] * wu;
    }
    F += rowSum;
  }
  const out = new Float64Array(constraints.length);
  constraints.forEach((con, j) => {
    let v = con.offset * F;
    for (let s = 0; s < nGroups; s++)
      if (con.coef[s] !== 0) v += con.coef[s] * E[(s * D + con.u) * C + con.yHat];
    out[j] = v;
  });
  return out;
}

/**
 * Q = sum_i w_i G_i' G_i (k x k, row-major) from the score moments: for constraints j, l,
 * Q[j][l] = [yHat_j = yHat_l] sum_s coef_j[s] coef_l[s] M2[s][u_j][u_l] + offset_l sum_s coef_j[s] M1[s][u_j]
 *         + offset_j sum_s coef_l[s] M1[s][u_l] + C offset_j offset_l.
 */
export function constraintGram(
  constraints: readonly ProjectionConstraint[],
  moments: Float64Array,
  nGroups: number,
  nClasses: number,
): Float64Array {
  const C = nClasses;
  const D = C + 1;
  const k = constraints.length;
  const Q = new Float64Array(k * k);
  const first = constraints.map((con) => {
    let v = 0;
    for (let s = 0; s < nGroups; s++) v += con.coef[s] * moments[(s * D + con.u) * D + C];
    return v;
  });
  for (let j = 0; j < k; j++)
    for (let l = j; l < k; l++) {
      const a = constraints[j];
      const b = constraints[l];
      let v = C * a.offset * b.offset + b.offset * first[j] + a.offset * first[l];
      if (a.yHat === b.yHat)
        for (let s = 0; s < nGroups; s++) v += a.coef[s] * b.coef[s] * moments[(s * D + a.u) * D + b.u];
      Q[j * k + l] = v;
      Q[l * k + j] = v;
    }
  return Q;
}
