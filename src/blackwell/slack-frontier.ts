import { InputError, SolverError, checkFinite } from '../errors.js';
import { highsRuntime } from '../lp/highs-runtime.js';
import type { Bounds, Criterion } from '../metrics/criterion.js';
import { achievedJoint, experimentPrior, type FairnessExperiment } from './experiment.js';
import { addFairnessRows, checkAlphas, checkFairnessPrior } from '../lp/fairness-rows.js';
import { cleanGarbling } from './garbling-test.js';
import { remeasureJoint } from './remeasure-joint.js';
import { addRow, createModel, emptyLp } from '../lp/sparse-lp.js';
import { runChecked } from '../lp/checked-solve.js';
import { certifiedMaxBound } from '../lp/certified-bound.js';
import { configureModel } from '../lp/solver-options.js';
import { innerProduct, l1Distance } from './support-function.js';
import { CERTIFICATE_GAP_TOL, DEFAULT_TIME_LIMIT_SECONDS } from './tolerances.js';

export interface SlackFrontierOptions {
  /** Bounds of any criteria of docs/constraints.md (absent = vacuous). */
  readonly alpha: Partial<Bounds>;
  /** The l1 budget eps >= 0 (0 = the exact frontier of the experiment). Default 0. */
  readonly slack?: number;
  readonly timeLimitSeconds?: number;
}

export interface SlackFrontierResult {
  readonly alpha: Bounds;
  readonly slack: number;
  /** max accuracy of Z: the LP value (primal, recomputed from Z). */
  readonly value: number;
  /** Certified upper bound from the LP duals (weak duality, recomputed in TypeScript). */
  readonly dualBound: number;
  /** The optimal joint matrix Z (nStates x nClasses), P = Z / mu and its violations. */
  readonly Z: Float64Array;
  readonly P: Float64Array;
  readonly violations: Readonly<Record<Criterion, number>>;
  /** The garbling h whose joint matrix Q is within l1 distance `distance` <= slack of Z (nPoints x nClasses). */
  readonly h: Float64Array;
  readonly distance: number;
  readonly elapsedMs: number;
}

/**
 * The estimation-slack frontier of docs/design.md (Blackwell, cuts and continuous features) as one LP:
 * maximize accuracy over joint matrices Z (row sums mu, fairness rows on P = Z / mu) within l1 distance eps
 * of the achievable set,
 *   Z = sum_k w_k g_k h_k^T + r+ - r-,  sum (r+ + r-) <= eps,  h_k in the simplex.
 * Equals Algorithm 1 with every cut relaxed by eps; with eps = 0 it is the exact LP of docs/design.md (The
 * exact LP) on the experiment's points (the direct LP for estimated posteriors).
 * @throws InputError E_BAD_ALPHA, E_BAD_OPTION; SolverError E_SOLVER_STATUS, E_SOLVER_TIME_LIMIT, E_SELF_CHECK
 * @example
 * const { value } = await slackFrontier(experiment, { alpha: { eo: 0.02 }, slack: 0.01 });
 */
export async function slackFrontier(
  e: FairnessExperiment,
  options: SlackFrontierOptions,
): Promise<SlackFrontierResult> {
  const started = performance.now();
  const alpha = checkAlphas(options.alpha);
  const slack = options.slack ?? 0;
  if (typeof slack !== 'number' || !Number.isFinite(slack) || slack < 0)
    throw new InputError('E_BAD_OPTION', `slack must be a number >= 0, got ${slack}`, { option: 'slack' });
  const timeLimitSeconds = options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
  const { nPoints: n, nGroups: A, nClasses: C, weight, posterior } = e;
  const S = A * C;
  const mu = experimentPrior(e);
  checkFairnessPrior(mu, A, C);
  const nZ = S * C;
  const nH = n * C;
  const zCol = 0;
  const hCol = nZ;
  const rCol = nZ + nH; // r+ then r-
  const numCols = nZ + nH + 2 * nZ;
  const colCost = new Float64Array(numCols);
  for (let s = 0; s < A; s++) for (let y = 0; y < C; y++) colCost[zCol + (s * C + y) * C + y] = 1;
  const colUpper = new Float64Array(numCols);
  for (let t = 0; t < S; t++) colUpper.fill(mu[t], zCol + t * C, zCol + (t + 1) * C);
  colUpper.fill(1, hCol, hCol + nH);
  colUpper.fill(slack, rCol, rCol + 2 * nZ);
  const lp = emptyLp(numCols, colCost, new Float64Array(numCols), colUpper);
  for (let k = 0; k < n; k++)
    addRow(
      lp,
      Array.from({ length: C }, (_, j) => [hCol + k * C + j, 1] as const),
      1,
      1,
    );
  // Row sums of Z equal mu: stated on the residual (sum_j r(t, j) = 0) rather than as sum_j Z = mu, because
  // HiGHS drops matrix entries below 1e-12 (tiny w_k g_k(t)) and the two statements of mu would then disagree
  // by rounding, which it reports as infeasible. With slack 0 the residual is fixed at 0 and the rows are moot.
  if (slack > 0)
    for (let t = 0; t < S; t++)
      addRow(
        lp,
        Array.from({ length: C }, (_, j) => [
          [rCol + t * C + j, 1] as const,
          [rCol + nZ + t * C + j, -1] as const,
        ]).flat(),
        0,
        0,
      );
  const pointsOf: number[][] = Array.from({ length: S }, () => []);
  for (let k = 0; k < n; k++) for (let t = 0; t < S; t++) if (posterior[k * S + t] > 0) pointsOf[t].push(k);
  for (let t = 0; t < S; t++)
    for (let j = 0; j < C; j++) {
      const entries: [number, number][] = [[zCol + t * C + j, 1]];
      for (const k of pointsOf[t]) entries.push([hCol + k * C + j, -weight[k] * posterior[k * S + t]]);
      entries.push([rCol + t * C + j, -1], [rCol + nZ + t * C + j, 1]);
      addRow(lp, entries, 0, 0);
    }
  if (slack > 0)
    addRow(
      lp,
      Array.from({ length: 2 * nZ }, (_, i) => [rCol + i, 1] as const),
      -Infinity,
      slack,
    );
  addFairnessRows(lp, mu, A, C, alpha, zCol);
  const highs = await highsRuntime();
  const model = createModel(highs, lp, 'maximize');
  try {
    configureModel(model, 'simplex', timeLimitSeconds);
    const solution = runChecked(model, { what: 'estimation-slack LP', timeLimitSeconds });
    const Z = new Float64Array(nZ);
    for (let i = 0; i < nZ; i++) Z[i] = Math.max(0, solution.colValue[zCol + i]);
    const h = cleanGarbling(solution.colValue, n, C, 'estimation-slack LP', hCol);
    const distance = l1Distance(Z, achievedJoint(e, h, C));
    if (distance > slack + CERTIFICATE_GAP_TOL)
      throw new SolverError(
        'E_SELF_CHECK',
        `estimation-slack LP: Z is ${distance} from the garbling's joint matrix, above the budget ${slack}`,
      );
    const value = checkFinite('value', innerProduct(colCost, Z));
    const dualBound = checkFinite('dualBound', certifiedMaxBound(lp, solution.rowDual));
    if (Math.abs(dualBound - value) > CERTIFICATE_GAP_TOL)
      throw new SolverError(
        'E_SELF_CHECK',
        `estimation-slack LP: duality gap ${dualBound - value} above ${CERTIFICATE_GAP_TOL}`,
      );
    const { P, violations } = remeasureJoint(Z, mu, A, C, alpha, 'estimation-slack LP');
    return {
      alpha,
      slack,
      value,
      dualBound: Math.max(dualBound, value),
      Z,
      P,
      violations,
      h,
      distance,
      elapsedMs: performance.now() - started,
    };
  } finally {
    model.dispose();
  }
}
