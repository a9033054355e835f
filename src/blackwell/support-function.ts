import { Accumulator } from '../numeric.js';
import type { Experiment } from './experiment.js';

/**
 * Support function of the achievable set K of experiment `e` with `nDecisions` outputs (docs/design.md,
 * Blackwell, cuts and continuous features):
 *   sigma(A) = sum_k w_k max_j <a_j, g_k>,  A = [a_1 .. a_m] stored as `A[theta * nDecisions + j]`.
 * Also returns a deterministic garbling attaining it (each point sends all its mass to its best column), so
 * `<A, achievedJoint(e, argmax)> = sigma(A)`.
 * @example
 * const { value } = supportFunction(e, Float64Array.of(1, 0, 0, 1), 2); // best accuracy guessing theta
 */
export function supportFunction(
  e: Experiment,
  A: ArrayLike<number>,
  nDecisions: number,
): { value: number; argmax: Int32Array } {
  const { nPoints, nStates, weight, posterior } = e;
  const acc = new Accumulator();
  const argmax = new Int32Array(nPoints);
  const score = new Float64Array(nDecisions);
  for (let k = 0; k < nPoints; k++) {
    // Posteriors of group-aware cells are zero outside their group: skip zero states (same sums, in order).
    score.fill(0);
    for (let t = 0; t < nStates; t++) {
      const g = posterior[k * nStates + t];
      if (g === 0) continue;
      for (let j = 0; j < nDecisions; j++) score[j] += A[t * nDecisions + j] * g;
    }
    let best = -Infinity;
    let bestJ = 0;
    for (let j = 0; j < nDecisions; j++) {
      const v = score[j];
      if (v > best) {
        best = v;
        bestJ = j;
      }
    }
    argmax[k] = bestJ;
    acc.add(weight[k] * best);
  }
  return { value: acc.value(), argmax };
}

/** Frobenius inner product <A, Z> = sum_i A_i Z_i (compensated). */
export function innerProduct(A: ArrayLike<number>, Z: ArrayLike<number>): number {
  const acc = new Accumulator();
  for (let i = 0; i < Z.length; i++) acc.add(A[i] * Z[i]);
  return acc.value();
}

/** Entrywise l1 norm of Z - Q. */
export function l1Distance(Z: ArrayLike<number>, Q: ArrayLike<number>): number {
  const acc = new Accumulator();
  for (let i = 0; i < Z.length; i++) acc.add(Math.abs(Z[i] - Q[i]));
  return acc.value();
}
