import type { FeatureMatrix, Learner } from '../../learn/types.js';
import { InputError, assertInvariant } from '../../errors.js';
import type { Rng } from '../../rng.js';
import { buildStrata, distinctRows } from './compressed-data.js';
import {
  ACCURACY_MUL,
  DEFAULT_ETA0,
  DEFAULT_MAX_ITER,
  MIN_ITER,
  PRECISION,
  REGRET_CHECK_INCREASE_T,
  REGRET_CHECK_START_T,
  SHRINK_ETA,
  SHRINK_REGRET,
} from './constants.js';
import { createLagrangian, predictHard, type Mixture, type Predictor } from './lagrangian.js';
import {
  eventOfLabel,
  isReductionCriterion,
  parityMoment,
  type ReductionBound,
  type ReductionCriterion,
} from './parity-moment.js';

export interface ExponentiatedGradientOptions {
  /** The criterion: sp, eo, tpr, fpr, errorRate (= oae) or groupLoss. */
  readonly measure: ReductionCriterion;
  /**
   * Allowed violation of every constraint, in (0, 1] (for groupLoss: the largest group error); also sets
   * B = 1 / eps.
   */
  readonly eps: number;
  /** Parity against each other group ('pairwise', the default) or against the overall rate ('to-overall', fairlearn's). */
  readonly bound?: ReductionBound;
  /** Iterations of the multiplier update. Default 50. */
  readonly maxIter?: number;
  /** Stop when the duality gap falls below nu. Default: ACCURACY_MUL * std(|h_0(x) - y|) / sqrt(n). */
  readonly nu?: number;
  /** Initial learning rate, divided by B. Default 2. */
  readonly eta0?: number;
  /** Follow each step by the LP over the convex hull of the classifiers found so far. Default true. */
  readonly runLinprogStep?: boolean;
  readonly learner: Learner;
  readonly rng: Rng;
}

export interface ExponentiatedGradientData {
  readonly x: FeatureMatrix;
  readonly group: Int32Array;
  readonly label: Int32Array;
  readonly nGroups: number;
  readonly weight?: Float64Array;
}

/** The randomized classifier Q and how it was found (plain data apart from the predictors). */
export interface ExponentiatedGradientResult {
  readonly predictors: readonly Predictor[];
  /** Mixture weight of each predictor, summing to 1. */
  readonly weights: Float64Array;
  readonly bestIteration: number;
  readonly iterations: number;
  /** Duality gap of the returned (Q, lambda): err(Q) is within 2 * gap of the best error under the constraints. */
  readonly bestGap: number;
  readonly nu: number;
  readonly oracleCalls: number;
  /** err(Q) and max_j gamma_j(Q) (the pairwise violation) on the training data. */
  readonly trainingError: number;
  readonly trainingViolation: number;
}

/**
 * Exponentiated gradient for fair classification (Agarwal, Beygelzimer, Dudík, Langford, Wallach 2018,
 * Algorithm 1), following fairlearn's `ExponentiatedGradient`: the lambda-player runs exponentiated gradient on
 * theta with lambda = B exp(theta) / (1 + sum exp(theta)); the Q-player best-responds with a cost-sensitive fit
 * of the base learner; each step also solves the LP over the pool; the (Q, lambda) with the smallest duality gap
 * is returned. Binary labels; any number of groups (pairwise or to-overall constraints, see `parityMoment`).
 * @throws InputError E_TOO_MANY_CLASSES, E_BAD_OPTION
 */
export async function exponentiatedGradient(
  data: ExponentiatedGradientData,
  options: ExponentiatedGradientOptions,
): Promise<ExponentiatedGradientResult> {
  const { eps, measure, learner, rng } = options;
  if (!isReductionCriterion(measure))
    throw new InputError('E_BAD_OPTION', `reduction does not take the criterion ${String(measure)}`, {
      option: 'measure',
    });
  const bound = options.bound ?? 'pairwise';
  if (bound !== 'pairwise' && bound !== 'to-overall')
    throw new InputError(
      'E_BAD_OPTION',
      `reduction bound must be pairwise or to-overall, got ${String(bound)}`,
      {
        option: 'bound',
      },
    );
  if (!(Number.isFinite(eps) && eps > 0 && eps <= 1))
    throw new InputError('E_BAD_OPTION', `reduction eps must be in (0, 1], got ${eps}`, { option: 'eps' });
  const maxIter = options.maxIter ?? DEFAULT_MAX_ITER;
  if (!(Number.isInteger(maxIter) && maxIter >= 1))
    throw new InputError('E_BAD_OPTION', `reduction maxIter must be a positive integer, got ${maxIter}`, {
      option: 'maxIter',
    });
  const eta0 = options.eta0 ?? DEFAULT_ETA0;
  if (!(Number.isFinite(eta0) && eta0 > 0))
    throw new InputError('E_BAD_OPTION', `reduction eta0 must be positive, got ${eta0}`, { option: 'eta0' });
  if (options.nu !== undefined && !(Number.isFinite(options.nu) && options.nu >= 0))
    throw new InputError('E_BAD_OPTION', `reduction nu must be non-negative, got ${options.nu}`, {
      option: 'nu',
    });
  for (let i = 0; i < data.label.length; i++)
    if (data.label[i] !== 0 && data.label[i] !== 1)
      throw new InputError(
        'E_TOO_MANY_CLASSES',
        `reduction needs binary labels 0/1, found label ${data.label[i]} at row ${i}`,
      );
  const runLinprogStep = options.runLinprogStep ?? true;
  const B = 1 / eps;

  const { x: distinctX, indexOfRow } = distinctRows(data.x);
  const event = eventOfLabel(measure, data.label);
  const strata = buildStrata(indexOfRow, event, data.group, data.label, data.weight);
  const moment = parityMoment(measure, strata, data.nGroups, bound);
  const lagrangian = createLagrangian({
    x: data.x,
    ...(data.weight ? { rowWeight: data.weight } : {}),
    distinctX,
    strata,
    moment,
    learner,
    eps,
    B,
    rng,
  });
  const J = lagrangian.nConstraints;

  let theta = new Float64Array(J);
  const lambdaSum = new Float64Array(J);
  let qSum = new Float64Array(0);
  const gapsEG: number[] = [];
  const gaps: number[] = [];
  const Qs: Mixture[] = [];
  const lambdas: Float64Array[] = [];
  let nu = options.nu ?? NaN;
  let eta = 0;
  let lastRegretChecked = REGRET_CHECK_START_T;
  let lastGap = Infinity;
  let t = 0;
  for (; t < maxIter; t++) {
    // lambda = B exp(theta) / (1 + sum exp(theta)), computed with a shift so that exp never overflows.
    const shift = maxOf(theta, 0);
    const ex = theta.map((v) => Math.exp(v - shift));
    const denominator = Math.exp(-shift) + ex.reduce((a, b) => a + b, 0);
    const lambda = ex.map((v) => (B * v) / denominator);
    for (let j = 0; j < J; j++) lambdaSum[j] += lambda[j];
    const lambdaEG = lambdaSum.map((v) => v / (t + 1));

    const hIndex = lagrangian.bestH(lambda);
    if (t === 0) {
      if (Number.isNaN(nu)) nu = automaticNu(lagrangian.pool[hIndex].hOfDistinct, strata);
      eta = eta0 / B;
    }
    if (qSum.length < lagrangian.pool.length) {
      const grown = new Float64Array(lagrangian.pool.length);
      grown.set(qSum);
      qSum = grown;
    }
    qSum[hIndex] += 1;
    const gamma = lagrangian.pool[hIndex].gamma;
    const qEG = qSum.map((v) => v / (t + 1));
    const resultEG = lagrangian.evalGap(qEG, lambdaEG, nu);
    gapsEG.push(resultEG.gap);
    let gapLP = Infinity;
    let qLP: Mixture | undefined;
    let lambdaLP: Float64Array | undefined;
    if (t > 0 && runLinprogStep) {
      const lp = await lagrangian.solveLinprog(nu);
      gapLP = lp.result.gap;
      qLP = lp.Q;
      lambdaLP = lp.lambda;
    }
    if (resultEG.gap < gapLP || !qLP || !lambdaLP) {
      Qs.push(qEG);
      lambdas.push(lambdaEG);
      gaps.push(resultEG.gap);
    } else {
      Qs.push(qLP);
      lambdas.push(lambdaLP);
      gaps.push(gapLP);
    }
    if (gaps[t] < nu && t >= MIN_ITER) {
      t++;
      break;
    }
    if (t >= lastRegretChecked * REGRET_CHECK_INCREASE_T) {
      const bestGap = Math.min(...gapsEG);
      if (bestGap > lastGap * SHRINK_REGRET) eta *= SHRINK_ETA;
      lastRegretChecked = t;
      lastGap = bestGap;
    }
    theta = theta.map((v, j) => v + eta * (gamma[j] - eps));
  }
  // The last iteration whose gap is within PRECISION of the smallest (fairlearn's choice).
  const minGap = Math.min(...gaps);
  let best = 0;
  gaps.forEach((g, i) => {
    if (g <= minGap + PRECISION) best = i;
  });
  const weights = new Float64Array(lagrangian.pool.length);
  weights.set(Qs[best]);
  const total = weights.reduce((a, b) => a + b, 0);
  assertInvariant(total > 0, 'exponentiated gradient returns a non-empty mixture');
  for (let i = 0; i < weights.length; i++) weights[i] /= total;
  const final = lagrangian.evaluate(weights, lambdas[best]);
  return {
    predictors: lagrangian.pool.map((p) => p.predictor),
    weights,
    bestIteration: best,
    iterations: t,
    bestGap: gaps[best],
    nu,
    oracleCalls: lagrangian.oracleCalls(),
    trainingError: final.error,
    trainingViolation: maxOf(final.gamma, 0),
  };
}

/**
 * nu = ACCURACY_MUL * std(|h(x) - y|) / sqrt(n) over the training rows, with the sample standard deviation
 * (n - 1 in the denominator) as fairlearn's pandas `std()`.
 */
function automaticNu(hOfDistinct: Uint8Array, strata: ReturnType<typeof buildStrata>): number {
  let mean = 0;
  let n = 0;
  for (let t = 0; t < strata.nStrata; t++) {
    if (hOfDistinct[strata.distinct[t]] !== strata.label[t]) mean += strata.weight[t];
  }
  mean /= strata.totalWeight;
  // |h - y| is 0/1, so its population variance is mean (1 - mean).
  n = strata.totalWeight;
  const sampleVariance = n > 1 ? (mean * (1 - mean) * n) / (n - 1) : 0;
  return (ACCURACY_MUL * Math.sqrt(sampleVariance)) / Math.sqrt(Math.max(1, n));
}

/** P(Yhat = 1 | x) of the mixture on the rows of x, each distinct row predicted once. */
export function mixtureProbabilityOfOne(
  result: Pick<ExponentiatedGradientResult, 'predictors' | 'weights'>,
  x: FeatureMatrix,
): Float64Array {
  const { x: distinctX, indexOfRow } = distinctRows(x);
  const pDistinct = new Float64Array(distinctX.nRows);
  result.predictors.forEach((predictor, i) => {
    const w = result.weights[i];
    if (!(w > 0)) return;
    const h = predictHard(predictor, distinctX);
    for (let u = 0; u < h.length; u++) pDistinct[u] += w * h[u];
  });
  return Float64Array.from(indexOfRow, (u) => Math.min(1, pDistinct[u]));
}

/** The largest entry and floor; a loop, since spreading one argument per moment overflows the stack with many groups. */
function maxOf(values: ArrayLike<number>, floor: number): number {
  let best = floor;
  for (let j = 0; j < values.length; j++) if (values[j] > best) best = values[j];
  return best;
}
