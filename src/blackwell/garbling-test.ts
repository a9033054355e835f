import type { Model } from 'highs';
import { InputError, SolverError, checkFinite } from '../errors.js';
import { highsRuntime } from '../lp/highs-runtime.js';
import { achievedJoint, type Experiment } from './experiment.js';
import { addRow, createModel, emptyLp } from '../lp/sparse-lp.js';
import { runChecked } from '../lp/checked-solve.js';
import { configureModel } from '../lp/solver-options.js';
import { innerProduct, l1Distance, supportFunction } from './support-function.js';
import {
  ACHIEVABLE_TOL,
  CERTIFICATE_GAP_TOL,
  DEFAULT_TIME_LIMIT_SECONDS,
  GARBLING_FEASIBILITY_TOL,
} from './tolerances.js';

/**
 * A separating hyperplane of docs/design.md (Blackwell, cuts and continuous features): <A, Z> > sigma(A)
 * proves that Z is not achievable.
 */
export interface Cut {
  /** `A[theta * nDecisions + j]`, every entry in [-1, 1] (the paper's box). */
  readonly A: Float64Array;
  /** sigma(A), the support function of the achievable set. */
  readonly sigma: number;
}

/**
 * The answer of the garbling test, with a certificate either way. Both sides of the l1 distance are recomputed
 * in TypeScript from the certificate: `distanceLowerBound = <A,Z> - sigma(A) <= min_{Q in K} ||Z - Q||_1 <=
 * distance = ||Z - Q(h)||_1`, and the two agree to CERTIFICATE_GAP_TOL.
 */
export interface GarblingCertificate {
  /** True when the distance is at most ACHIEVABLE_TOL: `garbling` then produces Z. */
  readonly isAchievable: boolean;
  /** ||Z - achieved||_1 for the returned garbling: the l1 distance from Z to the achievable set. */
  readonly distance: number;
  /** <A, Z> - sigma(A) for the returned cut; > 0 certifies that Z is not achievable. */
  readonly distanceLowerBound: number;
  /** The nearest garbling h, nPoints x nDecisions row-major, rows sum to 1. */
  readonly garbling: Float64Array;
  /** Q = sum_k w_k g_k h_k^T for that garbling. */
  readonly achieved: Float64Array;
  /** The most violated cut (any cut when Z is achievable). */
  readonly cut: Cut;
}

export interface GarblingOptions {
  readonly timeLimitSeconds?: number;
}

/** The distance LP of one experiment, built once; `test(Z)` changes only the right-hand sides (warm start). */
export interface DistanceModel {
  readonly experiment: Experiment;
  readonly nDecisions: number;
  test(Z: ArrayLike<number>): GarblingCertificate;
  dispose(): void;
}

/**
 * Builds the l1-distance LP of docs/design.md (Blackwell, cuts and continuous features) for `e` with
 * `nDecisions` outputs:
 *   minimize sum (r+ + r-)  over h_k in the simplex, r+, r- >= 0,
 *   subject to sum_k w_k g_k(theta) h_k(j) + r+(theta,j) - r-(theta,j) = Z(theta,j).
 * Its row duals on the Z rows are the most violated cut A in [-1,1]: the LP dual is max_A <A,Z> - sigma(A).
 * @throws InputError E_BAD_OPTION; SolverError E_SOLVER_STATUS, E_SOLVER_TIME_LIMIT, E_SELF_CHECK from `test`
 */
export async function openDistanceModel(
  e: Experiment,
  nDecisions: number,
  options: GarblingOptions = {},
): Promise<DistanceModel> {
  if (!Number.isInteger(nDecisions) || nDecisions < 1)
    throw new InputError('E_BAD_OPTION', `nDecisions must be a positive integer, got ${nDecisions}`, {
      option: 'nDecisions',
    });
  const highs = await highsRuntime();
  const timeLimitSeconds = options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
  const { nPoints: n, nStates: S, weight, posterior } = e;
  const m = nDecisions;
  const nH = n * m;
  const nR = S * m;
  const numCols = nH + 2 * nR;
  const colCost = new Float64Array(numCols);
  colCost.fill(1, nH);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(1, 0, nH);
  const lp = emptyLp(numCols, colCost, colLower, colUpper);
  for (let k = 0; k < n; k++)
    addRow(
      lp,
      Array.from({ length: m }, (_, j) => [k * m + j, 1] as const),
      1,
      1,
    );
  const pointsOf: number[][] = Array.from({ length: S }, () => []);
  for (let k = 0; k < n; k++) for (let t = 0; t < S; t++) if (posterior[k * S + t] > 0) pointsOf[t].push(k);
  const firstLinkRow = lp.rowLower.length;
  for (let t = 0; t < S; t++)
    for (let j = 0; j < m; j++) {
      const entries: [number, number][] = pointsOf[t].map((k) => [
        k * m + j,
        weight[k] * posterior[k * S + t],
      ]);
      entries.push([nH + t * m + j, 1], [nH + nR + t * m + j, -1]);
      addRow(lp, entries, 0, 0);
    }
  let model: Model | undefined = createModel(highs, lp, 'minimize');
  configureModel(model, 'simplex', timeLimitSeconds);

  return {
    experiment: e,
    nDecisions,
    test(Zin: ArrayLike<number>): GarblingCertificate {
      if (!model) throw new SolverError('E_SOLVER_STATUS', 'the distance model was disposed');
      if (Zin.length !== nR)
        throw new InputError(
          'E_BAD_OPTION',
          `target has ${Zin.length} entries; expected ${S} states x ${m} decisions`,
          { option: 'Z' },
        );
      const Z = Float64Array.from(Zin);
      let scale = 0;
      for (let i = 0; i < nR; i++) {
        if (!Number.isFinite(Z[i]))
          throw new InputError('E_NOT_FINITE', `target entry ${i} is ${Z[i]}`, { option: 'Z' });
        scale += Math.abs(Z[i]);
      }
      // r+ and r- never need to exceed ||Z||_1 + ||Q||_1 = ||Z||_1 + 1: a finite bound keeps duality certified.
      const rUpper = new Float64Array(2 * nR).fill(scale + 1);
      model.changeColsBounds({ kind: 'range', from: nH, to: numCols - 1 }, new Float64Array(2 * nR), rUpper);
      colUpper.set(rUpper, nH);
      model.changeRowsBounds({ kind: 'range', from: firstLinkRow, to: firstLinkRow + nR - 1 }, Z, Z);
      for (let i = 0; i < nR; i++) {
        lp.rowLower[firstLinkRow + i] = Z[i];
        lp.rowUpper[firstLinkRow + i] = Z[i];
      }
      const solution = runChecked(model, { what: 'garbling-distance LP', timeLimitSeconds });
      const h = cleanGarbling(solution.colValue, n, m, 'garbling-distance LP');
      const achieved = achievedJoint(e, h, m);
      const distance = checkFinite('distance', l1Distance(Z, achieved));
      // The cut: row duals of the Z rows, in whichever sign convention gives the larger certified value.
      let best: { A: Float64Array; sigma: number; lower: number } | undefined;
      for (const sign of [1, -1]) {
        const A = new Float64Array(nR);
        for (let i = 0; i < nR; i++)
          A[i] = Math.max(-1, Math.min(1, sign * solution.rowDual[firstLinkRow + i]));
        const sigma = supportFunction(e, A, m).value;
        const lower = innerProduct(A, Z) - sigma;
        if (!best || lower > best.lower) best = { A, sigma, lower };
      }
      const cut = best!;
      if (distance - cut.lower > CERTIFICATE_GAP_TOL)
        throw new SolverError(
          'E_SELF_CHECK',
          `garbling-distance certificates disagree: garbling gives ${distance}, cut gives ${cut.lower} (gap above ${CERTIFICATE_GAP_TOL})`,
        );
      return {
        isAchievable: distance <= ACHIEVABLE_TOL,
        distance,
        distanceLowerBound: cut.lower,
        garbling: h,
        achieved,
        cut: { A: cut.A, sigma: cut.sigma },
      };
    },
    dispose() {
      model?.dispose();
      model = undefined;
    },
  };
}

/** Clips tiny negatives of a solver's h and renormalizes rows, after checking that they are tiny. */
export function cleanGarbling(
  values: ArrayLike<number>,
  nPoints: number,
  nDecisions: number,
  what: string,
  offset = 0,
): Float64Array {
  const h = new Float64Array(nPoints * nDecisions);
  let worst = 0;
  for (let k = 0; k < nPoints; k++) {
    let sum = 0;
    for (let j = 0; j < nDecisions; j++) {
      const v = values[offset + k * nDecisions + j];
      worst = Math.max(worst, -v);
      const c = Math.max(0, Math.min(1, v));
      h[k * nDecisions + j] = c;
      sum += c;
    }
    worst = Math.max(worst, Math.abs(sum - 1));
    for (let j = 0; j < nDecisions; j++)
      h[k * nDecisions + j] = sum > 0 ? h[k * nDecisions + j] / sum : 1 / nDecisions;
  }
  if (worst > GARBLING_FEASIBILITY_TOL)
    throw new SolverError(
      'E_SELF_CHECK',
      `the ${what} returned a garbling that is not a classifier (error ${worst.toExponential(2)})`,
    );
  return h;
}

/**
 * Blackwell's garbling test (docs/design.md, Blackwell, cuts and continuous features): is the joint matrix Z
 * (nStates x nDecisions, row-major) achievable by some garbling of experiment e? Returns the nearest
 * garbling, the most violated cut, and the exact l1 distance from Z to the achievable set, all re-checked in
 * TypeScript.
 * @throws InputError E_BAD_OPTION, E_NOT_FINITE; SolverError E_SOLVER_STATUS, E_SOLVER_TIME_LIMIT, E_SELF_CHECK
 * @example
 * const bsc = (p: number) => createExperiment({ nStates: 2, weight: [0.5, 0.5], posterior: [1 - p, p, p, 1 - p] });
 * const target = Float64Array.of(0.4, 0.1, 0.1, 0.4); // BSC(0.2) as a joint matrix
 * (await testGarbling(bsc(0.1), target)).isAchievable; // true: BSC(0.1) is more informative
 */
export async function testGarbling(
  e: Experiment,
  Z: ArrayLike<number>,
  options: GarblingOptions = {},
): Promise<GarblingCertificate> {
  if (Z.length % e.nStates !== 0)
    throw new InputError(
      'E_BAD_OPTION',
      `target has ${Z.length} entries, not a multiple of ${e.nStates} states`,
      { option: 'Z' },
    );
  const model = await openDistanceModel(e, Z.length / e.nStates, options);
  try {
    return model.test(Z);
  } finally {
    model.dispose();
  }
}
