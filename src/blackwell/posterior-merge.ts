import { Accumulator } from '../numeric.js';
import { mergePoints, type Experiment } from './experiment.js';
import { supportFunction } from './support-function.js';

/**
 * Posteriors are compared after rounding to this absolute precision (they are probabilities computed as
 * mass / weight, so two cells with proportional counts agree to ~1e-16; 1e-12 leaves a wide margin and still
 * never merges two genuinely different count ratios of real data).
 */
const POSTERIOR_KEY_SCALE = 1e12;

/** An experiment with points of equal posterior merged, and what the merge costs in the support function. */
export interface MergedPosteriors<E extends Experiment> {
  readonly merged: E;
  /** Merged point of every original point. */
  readonly groupOfPoint: Int32Array;
  /**
   * sum_k w_k ||g_k - gbar_{m(k)}||_1 over the original points (0 when the merged posteriors are exactly equal).
   * For any A: sigma_merged(A) <= sigma(A) <= sigma_merged(A) + max|A| * meanDeviation.
   */
  readonly meanDeviation: number;
}

/**
 * Merges points with the same posterior g(x_k) (Blackwell: the achievable set and its support function depend only
 * on the distribution of posteriors; src/limits/merge-cells.ts does the same for Distributions). Exact up to
 * the rounding of the key, whose effect is bounded by `meanDeviation`. HSLS: 7783 points merge to 277.
 */
export function mergeEqualPosteriors<E extends Experiment>(e: E): MergedPosteriors<E> {
  const { nPoints, nStates, posterior } = e;
  const index = new Map<string, number>();
  const groupOfPoint = new Int32Array(nPoints);
  for (let k = 0; k < nPoints; k++) {
    let key = '';
    for (let t = 0; t < nStates; t++) {
      const g = posterior[k * nStates + t];
      key += `${g === 0 ? 0 : Math.round(g * POSTERIOR_KEY_SCALE)},`;
    }
    let m = index.get(key);
    if (m === undefined) {
      m = index.size;
      index.set(key, m);
    }
    groupOfPoint[k] = m;
  }
  if (index.size === nPoints)
    return { merged: e, groupOfPoint: Int32Array.from({ length: nPoints }, (_, k) => k), meanDeviation: 0 };
  const merged = mergePoints(e, groupOfPoint, index.size);
  const deviation = new Accumulator();
  for (let k = 0; k < nPoints; k++) {
    const m = groupOfPoint[k];
    let d = 0;
    for (let t = 0; t < nStates; t++)
      d += Math.abs(posterior[k * nStates + t] - merged.posterior[m * nStates + t]);
    if (d > 0) deviation.add(e.weight[k] * d);
  }
  return { merged, groupOfPoint, meanDeviation: deviation.value() };
}

/**
 * A certified upper bound on sigma(A) of the original experiment, computed on the merged one:
 * sigma_merged(A) + max|A| * meanDeviation, with the merged best response (a vertex of the merged achievable
 * set, which lies inside the original's because merging is a garbling).
 */
export function mergedSupport<E extends Experiment>(
  m: MergedPosteriors<E>,
  A: ArrayLike<number>,
  nDecisions: number,
): { sigma: number; argmax: Int32Array } {
  const { value, argmax } = supportFunction(m.merged, A, nDecisions);
  if (m.meanDeviation === 0) return { sigma: value, argmax };
  let maxAbs = 0;
  for (let i = 0; i < A.length; i++) maxAbs = Math.max(maxAbs, Math.abs(A[i]));
  return { sigma: value + maxAbs * m.meanDeviation, argmax };
}
