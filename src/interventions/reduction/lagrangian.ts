import type { FeatureMatrix, FittedClassifier, Learner } from '../../learn/types.js';
import type { Highs } from 'highs';
import { runChecked } from '../../lp/checked-solve.js';
import { highsRuntime } from '../../lp/highs-runtime.js';
import { configureModel } from '../../lp/solver-options.js';
import { createModel } from '../../lp/sparse-lp.js';
import type { Rng } from '../../rng.js';
import type { Strata } from './compressed-data.js';
import type { ParityMoment } from './parity-moment.js';
import { DECISION_THRESHOLD, GAP_LAMBDA_MULTIPLIERS, LP_TIME_LIMIT_SECONDS, PRECISION } from './constants.js';

/** A deterministic classifier h found as a best response: a constant or a fitted base learner thresholded. */
export type Predictor =
  | { readonly kind: 'constant'; readonly value: 0 | 1 }
  | { readonly kind: 'learned'; readonly classifier: FittedClassifier };

/** Hard 0/1 predictions of a predictor on the rows of x. */
export function predictHard(predictor: Predictor, x: FeatureMatrix): Uint8Array {
  const out = new Uint8Array(x.nRows);
  if (predictor.kind === 'constant') return out.fill(predictor.value);
  const proba = predictor.classifier.predictProba(x);
  for (let i = 0; i < x.nRows; i++) out[i] = proba[i * 2 + 1] > DECISION_THRESHOLD ? 1 : 0;
  return out;
}

/** One classifier of the pool with its error and moments on the training data. */
export interface PoolEntry {
  readonly predictor: Predictor;
  readonly hOfDistinct: Uint8Array;
  readonly error: number;
  readonly gamma: Float64Array;
}

/** L(Q, lambda), its value under the lambda-player's best response, gamma(Q) and err(Q) (fairlearn's `_eval`). */
export interface LagrangianValue {
  readonly L: number;
  readonly LHigh: number;
  readonly gamma: Float64Array;
  readonly error: number;
}

export interface GapResult extends LagrangianValue {
  readonly LLow: number;
  /** max(L - L_low, L_high - L): how far (Q, lambda) is from a saddle point. */
  readonly gap: number;
}

/** Mixture weights over the pool (index-aligned with `pool`; shorter arrays mean zero for later entries). */
export type Mixture = Float64Array;

/**
 * The Lagrangian L(Q, lambda) = err(Q) + sum_j lambda_j (gamma_j(Q) - eps) of Agarwal et al. 2018 (eq. 4) on the
 * training strata, with the pool of best responses found so far. Ports the logic of fairlearn's `_Lagrangian`.
 */
export interface Lagrangian {
  readonly pool: readonly PoolEntry[];
  readonly nConstraints: number;
  readonly oracleCalls: () => number;
  /** Best response to lambda: a new classifier if it beats the pool by more than PRECISION, else the pool's best. */
  bestH(lambda: Float64Array): number;
  /** The oracle's best response to lambda with its error and moments, outside the pool (GridSearch). */
  respond(lambda: Float64Array): PoolEntry;
  evaluate(Q: Mixture, lambda: Float64Array): LagrangianValue;
  evalGap(Q: Mixture, lambdaHat: Float64Array, nu: number): GapResult;
  /** The saddle point over the convex hull of the pool (an LP and its dual), with its gap. */
  solveLinprog(nu: number): Promise<{ Q: Mixture; lambda: Float64Array; result: GapResult }>;
}

export interface LagrangianOptions {
  /** The training rows (the oracle fits on them) and their distinct rows (everything else is computed there). */
  readonly x: FeatureMatrix;
  readonly rowWeight?: Float64Array;
  readonly distinctX: FeatureMatrix;
  readonly strata: Strata;
  readonly moment: ParityMoment;
  readonly learner: Learner;
  readonly eps: number;
  /** Bound on ||lambda||_1 (B = 1 / eps in fairlearn). */
  readonly B: number;
  readonly rng: Rng;
}

export function createLagrangian(options: LagrangianOptions): Lagrangian {
  const { x, rowWeight, distinctX, strata, moment, learner, eps, B, rng } = options;
  const nConstraints = moment.constraints.length;
  const W = strata.totalWeight;
  const pool: PoolEntry[] = [];
  let oracleCalls = 0;

  const errorOf = (h: Uint8Array): number => {
    let err = 0;
    for (let t = 0; t < strata.nStrata; t++)
      if (h[strata.distinct[t]] !== strata.label[t]) err += strata.weight[t];
    return err / W;
  };
  const valueOf = (entry: PoolEntry, lambda: Float64Array): number => {
    let v = entry.error;
    for (let j = 0; j < nConstraints; j++) v += lambda[j] * entry.gamma[j];
    return v;
  };

  /**
   * Cost-sensitive best response (Agarwal et al. 2018, section 3.2): predicting 1 on a training row costs
   * c_i = w_i (1 - 2 y_i) / W + its lambda-weighted moment coefficients, the same for every row of a stratum up
   * to w_i. The learner is fitted on the training rows themselves, with label [c_i < 0] and weight |c_i| scaled
   * to sum to the number of rows, as fairlearn's `_call_oracle` does: a fit on the distinct rows with their net
   * cost would be another learning problem, since tree learners count rows for their minimum leaf size and
   * score splits by the gross weight of each label, and a weight total other than n rescales a penalty.
   */
  const callOracle = (lambda: Float64Array): Predictor => {
    const momentCost = moment.stratumCost(lambda);
    // Cost per unit of row weight in each stratum.
    const unitCost = new Float64Array(strata.nStrata);
    for (let t = 0; t < strata.nStrata; t++)
      if (strata.weight[t] > 0)
        unitCost[t] = (1 - 2 * strata.label[t]) / W + momentCost[t] / strata.weight[t];
    const nRows = x.nRows;
    const y = new Int32Array(nRows);
    const weight = new Float64Array(nRows);
    let positives = 0;
    let used = 0;
    let total = 0;
    for (let i = 0; i < nRows; i++) {
      const c = unitCost[strata.stratumOfRow[i]] * (rowWeight ? rowWeight[i] : 1);
      if (c === 0) continue;
      used++;
      total += Math.abs(c);
      weight[i] = Math.abs(c);
      if (c < 0) {
        y[i] = 1;
        positives++;
      }
    }
    oracleCalls++;
    if (positives === 0 || positives === used) return { kind: 'constant', value: positives > 0 ? 1 : 0 };
    for (let i = 0; i < nRows; i++) weight[i] *= nRows / total;
    const classifier = learner.fit({ x, y, nClasses: 2, weight }, rng.fork(oracleCalls));
    return { kind: 'learned', classifier };
  };

  const respond = (lambda: Float64Array): PoolEntry => {
    const predictor = callOracle(lambda);
    const hOfDistinct = predictHard(predictor, distinctX);
    return { predictor, hOfDistinct, error: errorOf(hOfDistinct), gamma: moment.gamma(hOfDistinct) };
  };

  const bestH = (lambda: Float64Array): number => {
    const entry = respond(lambda);
    let bestIndex = -1;
    let bestValue = Infinity;
    pool.forEach((p, i) => {
      const v = valueOf(p, lambda);
      if (v < bestValue) {
        bestValue = v;
        bestIndex = i;
      }
    });
    if (valueOf(entry, lambda) < bestValue - PRECISION) {
      pool.push(entry);
      return pool.length - 1;
    }
    return bestIndex;
  };

  /** fairlearn's `project_lambda`: for each (+, -) pair keep only the positive part of their difference. */
  const project = (lambda: Float64Array): Float64Array => {
    const out = new Float64Array(nConstraints);
    for (let j = 0; j < nConstraints; j++) {
      const k = moment.partner[j];
      // One-sided constraints (a group's loss) keep their multiplier, as fairlearn's BoundedGroupLoss.
      out[j] = k < 0 ? lambda[j] : Math.max(0, lambda[j] - lambda[k]);
    }
    return out;
  };

  const evaluate = (Q: Mixture, lambda: Float64Array): LagrangianValue => {
    let error = 0;
    const gamma = new Float64Array(nConstraints);
    for (let i = 0; i < Q.length; i++) {
      if (Q[i] === 0) continue;
      error += Q[i] * pool[i].error;
      for (let j = 0; j < nConstraints; j++) gamma[j] += Q[i] * pool[i].gamma[j];
    }
    const projected = project(lambda);
    let L = error;
    let maxConstraint = -Infinity;
    for (let j = 0; j < nConstraints; j++) {
      L += projected[j] * (gamma[j] - eps);
      maxConstraint = Math.max(maxConstraint, gamma[j] - eps);
    }
    const LHigh = maxConstraint <= 0 ? error : error + B * maxConstraint;
    return { L, LHigh, gamma, error };
  };

  const evalGap = (Q: Mixture, lambdaHat: Float64Array, nu: number): GapResult => {
    const value = evaluate(Q, lambdaHat);
    let LLow = value.L;
    const gapOf = () => Math.max(value.L - LLow, value.LHigh - value.L);
    for (const mul of GAP_LAMBDA_MULTIPLIERS) {
      const idx = bestH(lambdaHat.map((l) => l * mul));
      const single = new Float64Array(pool.length);
      single[idx] = 1;
      LLow = Math.min(LLow, evaluate(single, lambdaHat).L);
      if (gapOf() > nu + PRECISION) break;
    }
    return { ...value, LLow, gap: gapOf() };
  };

  let lastLinprog: { n: number; value: { Q: Mixture; lambda: Float64Array; result: GapResult } } | undefined;
  const solveLinprog = async (nu: number) => {
    if (lastLinprog && lastLinprog.n === pool.length) return lastLinprog.value;
    const n = pool.length;
    const highs = await highsRuntime();
    const inf = highs.infinity;
    // Primal: min sum_h err_h Q_h + B z  s.t.  sum_h (gamma_hj - eps) Q_h - z <= 0 for all j, sum_h Q_h = 1.
    const primalStarts: number[] = [0];
    const primalIdx: number[] = [];
    const primalVal: number[] = [];
    for (let j = 0; j < nConstraints; j++) {
      for (let h = 0; h < n; h++) {
        primalIdx.push(h);
        primalVal.push(pool[h].gamma[j] - eps);
      }
      primalIdx.push(n);
      primalVal.push(-1);
      primalStarts.push(primalIdx.length);
    }
    for (let h = 0; h < n; h++) {
      primalIdx.push(h);
      primalVal.push(1);
    }
    primalStarts.push(primalIdx.length);
    const primal = solveSmallLp(highs, {
      cost: [...pool.map((p) => p.error), B],
      colLower: new Array(n + 1).fill(0),
      colUpper: new Array(n + 1).fill(inf),
      rowLower: [...new Array(nConstraints).fill(-inf), 1],
      rowUpper: [...new Array(nConstraints).fill(0), 1],
      starts: primalStarts,
      indices: primalIdx,
      values: primalVal,
      maximize: false,
    });
    // Dual: max mu  s.t.  mu - sum_j lambda_j (gamma_hj - eps) <= err_h for all h, sum_j lambda_j <= B, lambda >= 0.
    const dualStarts: number[] = [0];
    const dualIdx: number[] = [];
    const dualVal: number[] = [];
    for (let h = 0; h < n; h++) {
      for (let j = 0; j < nConstraints; j++) {
        dualIdx.push(j);
        dualVal.push(-(pool[h].gamma[j] - eps));
      }
      dualIdx.push(nConstraints);
      dualVal.push(1);
      dualStarts.push(dualIdx.length);
    }
    for (let j = 0; j < nConstraints; j++) {
      dualIdx.push(j);
      dualVal.push(1);
    }
    dualStarts.push(dualIdx.length);
    const dual = solveSmallLp(highs, {
      cost: [...new Array(nConstraints).fill(0), 1],
      colLower: [...new Array(nConstraints).fill(0), -inf],
      colUpper: new Array(nConstraints + 1).fill(inf),
      rowLower: new Array(n + 1).fill(-inf),
      rowUpper: [...pool.map((p) => p.error), B],
      starts: dualStarts,
      indices: dualIdx,
      values: dualVal,
      maximize: true,
    });
    const Q = Float64Array.from(primal.subarray(0, n), (v) => Math.max(0, v));
    const total = Q.reduce((a, b) => a + b, 0);
    for (let h = 0; h < n; h++) Q[h] /= total;
    const lambda = Float64Array.from(dual.subarray(0, nConstraints), (v) => Math.max(0, v));
    const value = { Q, lambda, result: evalGap(Q, lambda, nu) };
    lastLinprog = { n, value };
    return value;
  };

  return {
    pool,
    nConstraints,
    oracleCalls: () => oracleCalls,
    bestH,
    respond,
    evaluate,
    evalGap,
    solveLinprog,
  };
}

interface SmallLp {
  readonly cost: number[];
  readonly colLower: number[];
  readonly colUpper: number[];
  readonly rowLower: number[];
  readonly rowUpper: number[];
  readonly starts: number[];
  readonly indices: number[];
  readonly values: number[];
  readonly maximize: boolean;
}

/** Solves a small LP given by CSR rows with the LP layer's preset; returns the column values. */
function solveSmallLp(highs: Highs, lp: SmallLp): Float64Array {
  const model = createModel(
    highs,
    { ...lp, numCols: lp.cost.length, colCost: lp.cost },
    lp.maximize ? 'maximize' : 'minimize',
  );
  try {
    configureModel(model, 'simplex', LP_TIME_LIMIT_SECONDS);
    return runChecked(model, {
      what: 'exponentiated-gradient LP over the classifier pool',
      timeLimitSeconds: LP_TIME_LIMIT_SECONDS,
    }).colValue;
  } finally {
    model.dispose();
  }
}
