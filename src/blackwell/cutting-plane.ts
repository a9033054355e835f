import type { Model } from 'highs';
import { InputError, SolverError, checkFinite } from '../errors.js';
import { highsRuntime } from '../limits/highs-runtime.js';
import { MEASURES, type Alphas, type Measure } from '../metrics/measure.js';
import { violationsFromConditional } from '../metrics/violations.js';
import { Accumulator } from '../numeric.js';
import { experimentPrior, type FairnessExperiment } from './experiment.js';
import { addFairnessRows, checkAlphas, checkFairnessPrior } from './fairness-rows.js';
import { openDistanceModel, type Cut } from './garbling-test.js';
import { addRow, certifiedMaxBound, configure, createModel, emptyLp, runChecked } from './lp.js';
import { innerProduct } from './support-function.js';
import {
  ALPHA_TOL,
  CERTIFICATE_GAP_TOL,
  DEFAULT_MAX_ITERATIONS,
  DEFAULT_SEPARATION_TOL,
  DEFAULT_TIME_LIMIT_SECONDS,
} from './tolerances.js';

/** What a separation step returns for the master's optimum Z. */
export interface Separation {
  /** <A, Z> - sigma(A) for the returned cut: a lower bound on the l1 distance from Z to the achievable set. */
  readonly separation: number;
  readonly cut: Cut;
  /** An achievable joint matrix near Z, when the separator knows one (the exact separator does). */
  readonly achieved?: Float64Array;
}

/** Step 2 of Algorithm 1. Any separator gives valid upper bounds; the exact one makes them converge. */
export interface Separator {
  separate(Z: Float64Array): Separation;
  dispose(): void;
}

/** One iterate of Algorithm 1. */
export interface CuttingPlaneIteration {
  /** 1-based. */
  readonly iteration: number;
  /** Certified upper bound on the (slack-relaxed) frontier from the master LP with the cuts so far. */
  readonly upperBound: number;
  /**
   * Accuracy of the best inner point so far: a joint matrix that satisfies the fairness rows and is within the
   * slack of the achievable set (the separator certified it), so with slack 0 an achievable fair accuracy.
   */
  readonly lowerBound: number;
  /** Accuracy of the master's optimal Z (equals upperBound up to the solver's tolerance). */
  readonly masterAccuracy: number;
  /** <A, Z> - sigma(A) of the cut found for this iterate (the l1 distance from Z to K for the exact separator). */
  readonly separation: number;
  /** The cut found; added (relaxed by the slack) unless the iteration stopped. */
  readonly cut: Cut;
  readonly elapsedMs: number;
}

export interface CuttingPlaneResult {
  readonly alpha: Alphas;
  /** The estimation slack eps of DESIGN §5 (0 = exact cuts). */
  readonly slack: number;
  /** Final certified upper bound (the last iterate's; iterates never increase). */
  readonly upperBound: number;
  /** Final lower bound (accuracy of the best inner point; equals upperBound on convergence). */
  readonly lowerBound: number;
  /** True when the last separation was within `tolerance` of the slack. */
  readonly converged: boolean;
  readonly tolerance: number;
  readonly iterations: readonly CuttingPlaneIteration[];
  /** The final master optimum: Z (nStates x nClasses) and P = Z / mu, with its violations. */
  readonly Z: Float64Array;
  readonly P: Float64Array;
  readonly violations: Readonly<Record<Measure, number>>;
  /** Every cut found (reuse them as `initialCuts` for a neighbouring alpha). */
  readonly cuts: readonly Cut[];
  readonly elapsedMs: number;
}

export interface CuttingPlaneOptions {
  readonly alpha: Partial<Alphas>;
  /** eps >= 0: every cut is relaxed to <A,Z> <= sigma(A) + eps. Default 0. */
  readonly slack?: number;
  /** Stop when separation <= slack + tolerance. Default DEFAULT_SEPARATION_TOL (1e-8). */
  readonly tolerance?: number;
  /** Default DEFAULT_MAX_ITERATIONS (500). */
  readonly maxIterations?: number;
  /** Step 2 of the algorithm; default the exact distance LP on the experiment (DESIGN §5). */
  readonly separator?: Separator;
  /** Cuts valid for the experiment (e.g. from an earlier alpha) added before the first iterate. */
  readonly initialCuts?: readonly Cut[];
  readonly timeLimitSeconds?: number;
  readonly onIteration?: (iteration: CuttingPlaneIteration) => void;
  /**
   * In-out stabilization: each iteration also separates the midpoint between Z and an achievable fair inner
   * point (two cuts per iteration, and a rising lower bound). Default false: the plain Algorithm 1.
   */
  readonly isStabilized?: boolean;
}

/** The exact separator: the l1-distance LP of the experiment (built once, warm-started across iterations). */
export async function exactSeparator(e: FairnessExperiment, options: { timeLimitSeconds?: number } = {}): Promise<Separator> {
  const model = await openDistanceModel(e, e.nClasses, options);
  return {
    separate(Z) {
      const cert = model.test(Z);
      return { separation: cert.distanceLowerBound, cut: cert.cut, achieved: cert.achieved };
    },
    dispose: () => model.dispose(),
  };
}

function checkNumber(name: string, value: number | undefined, fallback: number, ok: (v: number) => boolean, range: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value))
    throw new InputError('E_BAD_OPTION', `${name} must be ${range}, got ${value}`, { option: name });
  return value;
}

/**
 * The paper's Algorithm 1 (greedy improvement) with the exact LP separation step of DESIGN §5.
 * Step 1: maximize sum_{s,y} Z[(s,y), y] over joint matrices Z >= 0 with row sums mu(s,y), the fairness rows
 * of DESIGN §2 (P = Z / mu), and the cuts so far, each <A, Z> <= sigma(A) + slack: an upper bound on
 * FairFront. Step 2: the most violated cut, max_{A in [-1,1]} <A,Z> - sigma(A) (= l1 distance from Z to K).
 * Stops when the separation is at most slack + tolerance or after maxIterations. With slack 0 and the exact
 * separator it converges to the exact LP value of DESIGN §4 (every iterate an upper bound).
 * @throws InputError E_BAD_ALPHA, E_BAD_OPTION, E_EMPTY_GROUP_LABEL; SolverError E_SOLVER_STATUS, E_SELF_CHECK
 * @example
 * const { experiment } = experimentFromMasses(distribution);
 * const run = await cuttingPlaneFrontier(experiment, { alpha: { eo: 0.02 } });
 * console.log(run.upperBound, run.iterations.length);
 */
export async function cuttingPlaneFrontier(e: FairnessExperiment, options: CuttingPlaneOptions): Promise<CuttingPlaneResult> {
  const started = performance.now();
  const alpha = checkAlphas(options.alpha);
  const slack = checkNumber('slack', options.slack, 0, (v) => v >= 0, 'a number >= 0');
  const tolerance = checkNumber('tolerance', options.tolerance, DEFAULT_SEPARATION_TOL, (v) => v > 0, 'a number > 0');
  const maxIterations = checkNumber('maxIterations', options.maxIterations, DEFAULT_MAX_ITERATIONS, (v) => Number.isInteger(v) && v >= 1, 'an integer >= 1');
  const timeLimitSeconds = options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
  const { nGroups: A, nClasses: C } = e;
  const S = A * C;
  const mu = experimentPrior(e);
  checkFairnessPrior(mu, A, C);
  const separator = options.separator ?? (await exactSeparator(e, { timeLimitSeconds }));
  const ownsSeparator = options.separator === undefined;
  const highs = await highsRuntime();
  const nZ = S * C;
  const colCost = new Float64Array(nZ);
  for (let s = 0; s < A; s++) for (let y = 0; y < C; y++) colCost[(s * C + y) * C + y] = 1;
  const colUpper = new Float64Array(nZ);
  for (let t = 0; t < S; t++) colUpper.fill(mu[t], t * C, (t + 1) * C);
  const lp = emptyLp(nZ, colCost, new Float64Array(nZ), colUpper);
  for (let t = 0; t < S; t++)
    addRow(
      lp,
      Array.from({ length: C }, (_, j) => [t * C + j, 1] as const),
      mu[t],
      mu[t],
    );
  addFairnessRows(lp, mu, A, C, alpha, 0);
  const cuts: Cut[] = [];
  const cutRow = (cut: Cut): [number, number][] => Array.from(cut.A, (a, i) => [i, a] as [number, number]).filter(([, a]) => a !== 0);
  for (const cut of options.initialCuts ?? []) {
    if (cut.A.length !== nZ) throw new InputError('E_BAD_OPTION', `an initial cut has ${cut.A.length} entries, expected ${nZ}`, { option: 'initialCuts' });
    addRow(lp, cutRow(cut), -Infinity, cut.sigma + slack);
    cuts.push(cut);
  }
  let model: Model | undefined = createModel(highs, lp, 'maximize');
  configure(model, timeLimitSeconds);
  const iterations: CuttingPlaneIteration[] = [];
  let converged = false;
  let Z: Float64Array = new Float64Array(nZ);
  const isStabilized = options.isStabilized ?? false;
  // Inner point: the best constant prediction (every P row the same unit vector) is achievable and has no
  // violation under any measure.
  let inner: Float64Array = new Float64Array(nZ);
  {
    let bestClass = 0;
    const classMass = new Float64Array(C);
    for (let t = 0; t < S; t++) classMass[t % C] += mu[t];
    for (let j = 1; j < C; j++) if (classMass[j] > classMass[bestClass]) bestClass = j;
    for (let t = 0; t < S; t++) inner[t * C + bestClass] = mu[t];
  }
  let lowerBound = innerProduct(colCost, inner);
  try {
    for (let iteration = 1; iteration <= maxIterations; iteration++) {
      const solution = runChecked(model, `cutting-plane master LP (iteration ${iteration})`, timeLimitSeconds);
      Z = cleanJoint(solution.colValue, mu, C);
      const masterAccuracy = innerProduct(colCost, Z);
      const upperBound = checkFinite('upperBound', certifiedMaxBound(lp, solution.rowDual));
      if (Math.abs(upperBound - masterAccuracy) > CERTIFICATE_GAP_TOL)
        throw new SolverError(
          'E_SELF_CHECK',
          `cutting-plane master LP: certified bound ${upperBound} and accuracy ${masterAccuracy} of its solution differ by more than ${CERTIFICATE_GAP_TOL}`,
        );
      const sep = separator.separate(Z);
      // In-out stabilization (Ben-Ameur and Neto 2007): also separate the midpoint of Z and an inner point that
      // is achievable and fair. A cut found there also cuts Z (the inner point satisfies it), and is deeper;
      // if the midpoint is achievable it becomes the new inner point, a certified lower bound.
      const newCuts: Cut[] = [];
      if (sep.separation > slack + tolerance) {
        newCuts.push(sep.cut);
        if (isStabilized) {
          const mid = new Float64Array(nZ);
          for (let i = 0; i < nZ; i++) mid[i] = 0.5 * (inner[i] + Z[i]);
          const midSep = separator.separate(mid);
          if (midSep.separation <= slack + tolerance) {
            inner = mid;
            lowerBound = innerProduct(colCost, inner);
          } else newCuts.push(midSep.cut);
        }
      } else {
        inner = Z;
        lowerBound = masterAccuracy;
      }
      const record: CuttingPlaneIteration = {
        iteration,
        upperBound: Math.max(upperBound, masterAccuracy),
        lowerBound,
        masterAccuracy,
        separation: sep.separation,
        cut: sep.cut,
        elapsedMs: performance.now() - started,
      };
      iterations.push(record);
      options.onIteration?.(record);
      if (newCuts.length === 0) {
        converged = true;
        break;
      }
      for (const cut of newCuts) {
        const row = cutRow(cut);
        addRow(lp, row, -Infinity, cut.sigma + slack);
        cuts.push(cut);
        model.addRows({
          lower: Float64Array.of(-Infinity),
          upper: Float64Array.of(cut.sigma + slack),
          matrix: {
            format: 'csr',
            numRows: 1,
            numCols: nZ,
            starts: Int32Array.of(0, row.length),
            indices: Int32Array.from(row, ([i]) => i),
            values: Float64Array.from(row, ([, a]) => a),
          },
        });
      }
    }
  } finally {
    model.dispose();
    model = undefined;
    if (ownsSeparator) separator.dispose();
  }
  const P = new Float64Array(nZ);
  for (let t = 0; t < S; t++) for (let j = 0; j < C; j++) P[t * C + j] = Z[t * C + j] / mu[t];
  const violations = violationsFromConditional(P, mu, A, C);
  for (const m of MEASURES)
    if (violations[m] > alpha[m] + ALPHA_TOL)
      throw new SolverError('E_SELF_CHECK', `cutting-plane master: re-measured ${m} violation ${violations[m]} exceeds alpha ${alpha[m]}`);
  const last = iterations[iterations.length - 1];
  return {
    alpha,
    slack,
    upperBound: last.upperBound,
    lowerBound: last.lowerBound,
    converged,
    tolerance,
    iterations,
    Z,
    P,
    violations,
    cuts,
    elapsedMs: performance.now() - started,
  };
}

/** Clips a solver's joint matrix into [0, mu] after checking row sums; throws on a real violation. */
function cleanJoint(values: ArrayLike<number>, mu: Float64Array, C: number): Float64Array {
  const Z = new Float64Array(mu.length * C);
  for (let t = 0; t < mu.length; t++) {
    const acc = new Accumulator();
    for (let j = 0; j < C; j++) {
      const v = values[t * C + j];
      if (v < -ALPHA_TOL) throw new SolverError('E_SELF_CHECK', `cutting-plane master returned a negative joint entry ${v}`);
      Z[t * C + j] = Math.max(0, v);
      acc.add(Z[t * C + j]);
    }
    if (Math.abs(acc.value() - mu[t]) > ALPHA_TOL)
      throw new SolverError('E_SELF_CHECK', `cutting-plane master: row ${t} of Z sums to ${acc.value()}, not mu = ${mu[t]}`);
  }
  return Z;
}

