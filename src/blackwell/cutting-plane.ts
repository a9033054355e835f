import type { Model } from 'highs';
import { InputError, SolverError, checkFinite } from '../errors.js';
import { highsRuntime } from '../lp/highs-runtime.js';
import { type Bounds, type Criterion, CRITERION_FLAGS } from '../metrics/criterion.js';
import { Accumulator } from '../numeric.js';
import { achievedJoint, experimentPrior, type Experiment, type FairnessExperiment } from './experiment.js';
import {
  addFairnessRows,
  checkAlphas,
  checkFairnessPrior,
  jointCriterionValues,
  missedBound,
} from '../lp/fairness-rows.js';
import { openDistanceModel, type Cut } from './garbling-test.js';
import { openInnerMaster, type InnerMaster } from './inner-approximation.js';
import { mergeEqualPosteriors, mergedSupport, type MergedPosteriors } from './posterior-merge.js';
import { addRow, createModel, emptyLp, type SparseLp } from '../lp/sparse-lp.js';
import { runChecked } from '../lp/checked-solve.js';
import { certifiedMaxBound } from '../lp/certified-bound.js';
import { configureModel } from '../lp/solver-options.js';
import { innerProduct } from './support-function.js';
import { remeasureJoint } from './remeasure-joint.js';
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
   * slack of the achievable set (the inner approximation's mixture of achievable points, or a point the separator
   * certified within slack + tolerance), so with slack 0 an achievable fair accuracy. Never decreases.
   */
  readonly lowerBound: number;
  /** Accuracy of the master's optimal Z (equals upperBound up to the solver's tolerance). */
  readonly masterAccuracy: number;
  /** <A, Z> - sigma(A) of the cut found for this iterate (the l1 distance from Z to K for the exact separator). */
  readonly separation: number;
  /** The cut found; added (relaxed by the slack) unless the iteration stopped. */
  readonly cut: Cut;
  /** Cuts added to the master after this iterate (the separation cut, stabilization and Lagrangian cuts). */
  readonly cutsAdded: number;
  /** Achievable points in the inner approximation after this iterate (0 without it). */
  readonly innerPoints: number;
  readonly elapsedMs: number;
}

/** Why Algorithm 1 stopped. */
export type CuttingPlaneStop = 'separation' | 'gap' | 'iterations';

export interface CuttingPlaneResult {
  /** Every criterion's bound (vacuous where none was given). */
  readonly alpha: Bounds;
  /**
   * The estimation slack eps of docs/design.md (Blackwell, cuts and continuous features) (0 = exact cuts).
   */
  readonly slack: number;
  /** Final certified upper bound (the last iterate's; iterates never increase). */
  readonly upperBound: number;
  /** Final lower bound (accuracy of the best inner point; equals upperBound on convergence). */
  readonly lowerBound: number;
  /**
   * True when the last separation was within `tolerance` of the slack (the master optimum is achievable), or
   * when upperBound - lowerBound <= tolerance (the certified bracket closed).
   */
  readonly converged: boolean;
  readonly stopReason: CuttingPlaneStop;
  readonly tolerance: number;
  readonly iterations: readonly CuttingPlaneIteration[];
  /** The final master optimum: Z (nStates x nClasses) and P = Z / mu, with every criterion's measured value. */
  readonly Z: Float64Array;
  readonly P: Float64Array;
  readonly violations: Readonly<Record<Criterion, number>>;
  /**
   * The best inner point: a fair joint matrix within the slack of the achievable set (plus `tolerance` when the run
   * stopped on the separation), of accuracy lowerBound. When the run stops on the gap, `Z` above may lie outside
   * the achievable set (a large optimal face of the master); this one does not.
   */
  readonly innerZ: Float64Array;
  /** Every cut found (reuse them as `initialCuts` for a neighbouring alpha). */
  readonly cuts: readonly Cut[];
  readonly elapsedMs: number;
}

export interface CuttingPlaneOptions {
  /**
   * Bounds of any criteria of docs/constraints.md (differences alpha, ratios R, group loss Z; absent = vacuous).
   * All are linear in P, hence in the joint matrix Z the cuts act on. Group loss is accepted where a classifier
   * ignoring x meets it (the algorithm starts from one), else refused with E_USAGE.
   */
  readonly alpha: Partial<Bounds>;
  /** eps >= 0: every cut is relaxed to <A,Z> <= sigma(A) + eps. Default 0. */
  readonly slack?: number;
  /**
   * Stop when separation <= slack + tolerance, or when upperBound - lowerBound <= tolerance.
   * Default DEFAULT_SEPARATION_TOL (1e-8).
   */
  readonly tolerance?: number;
  /** Default DEFAULT_MAX_ITERATIONS (500). */
  readonly maxIterations?: number;
  /**
   * Step 2 of the algorithm; default the exact distance LP on the experiment (docs/design.md, Blackwell, cuts
   * and continuous features).
   */
  readonly separator?: Separator;
  /** Cuts valid for the experiment (e.g. from an earlier alpha) added before the first iterate. */
  readonly initialCuts?: readonly Cut[];
  readonly timeLimitSeconds?: number;
  readonly onIteration?: (iteration: CuttingPlaneIteration) => void;
  /**
   * Inner approximation (column generation): keep the achievable points the cuts reveal (each cut's best response,
   * the separator's nearest achievable point), solve the restricted master LP over their convex hull for a
   * certified lower bound, and add its Lagrangian cut. Upper and lower bounds then meet at the exact value.
   * Default true; false gives the paper's plain Algorithm 1 (one l1-deepest cut per iterate).
   */
  readonly innerApproximation?: boolean;
  /**
   * In-out stabilization: each iteration also separates a point between the master optimum Z and the best
   * achievable fair inner point (a second cut, deeper in the region that matters). Default true.
   */
  readonly isStabilized?: boolean;
}

/**
 * The exact separator: the l1-distance LP of the experiment (built once, warm-started across iterations), solved on
 * the experiment with equal posteriors merged (same achievable set: HSLS 7783 points -> 277, each LP ~25x
 * smaller). The cut's right-hand side is a certified upper bound on the original experiment's sigma(A).
 */
export async function exactSeparator(
  e: FairnessExperiment,
  options: { timeLimitSeconds?: number } = {},
): Promise<Separator> {
  return separatorOnMerged(mergeEqualPosteriors(e), e.nClasses, options);
}

function separatorOnMerged(
  m: MergedPosteriors<Experiment>,
  nClasses: number,
  options: { timeLimitSeconds?: number },
): Promise<Separator> {
  return openDistanceModel(m.merged, nClasses, options).then((model) => ({
    separate(Z) {
      const cert = model.test(Z);
      const { sigma } = mergedSupport(m, cert.cut.A, nClasses);
      return {
        separation: innerProduct(cert.cut.A, Z) - sigma,
        cut: { A: cert.cut.A, sigma },
        achieved: cert.achieved,
      };
    },
    dispose: () => model.dispose(),
  }));
}

/**
 * Weight of the inner point in the stabilization point w * inner + (1 - w) * Z (with the inner approximation; the
 * legacy stabilization without it keeps the midpoint). Insensitive on HSLS: w = 0.5 / 0.7 / 0.8 / 0.9 took
 * 73 / 69 / 74 / 83 iterates at alpha_EO = 0.1 and 99 / 107 / 98 / 108 at alpha_EO = 0.
 */
const STABILIZATION_INNER_WEIGHT = 0.8;

function checkNumber(
  name: string,
  value: number | undefined,
  fallback: number,
  ok: (v: number) => boolean,
  range: string,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value))
    throw new InputError('E_BAD_OPTION', `${name} must be ${range}, got ${value}`, { option: name });
  return value;
}

/**
 * The paper's Algorithm 1 (greedy improvement) with the exact LP separation step of docs/design.md
 * (Blackwell, cuts and continuous features). Step 1: maximize sum_{s,y} Z[(s,y), y] over joint matrices Z >=
 * 0 with row sums mu(s,y), the fairness rows of docs/design.md (Fairness measures) (P = Z / mu), and the cuts
 * so far, each <A, Z> <= sigma(A) + slack: an upper bound on FairFront. Step 2: the most violated cut, max_{A
 * in [-1,1]} <A,Z> - sigma(A) (= l1 distance from Z to K).
 *
 * One l1-deepest cut per iterate is enough on COMPAS, German and Adult, but not on HSLS (4 groups x 5 classes,
 * Z has 100 x 5 entries): the master's optimal face is large, each cut removes one vertex of it, and the bound
 * stays flat for hundreds of iterates. Two additions (both on by default, both keep every iterate a certified
 * upper bound) make it converge:
 * - inner approximation (column generation): every cut's best response (the deterministic garbling attaining
 *   sigma(A)) and the separator's nearest achievable point are columns of a restricted master LP over their
 *   convex hull; its value is an achievable fair accuracy (the lower bound), and its duals give a Lagrangian
 *   direction whose box cut bounds the master by the Lagrangian value and whose best response is the next column
 *   (Dantzig-Wolfe pricing). At the optimum the two bounds meet; the run stops when upper - lower <= tolerance.
 * - in-out stabilization: also separate w * inner + (1 - w) * Z, a point between the master optimum and the best
 *   inner point, whose cut is deeper where the optimum lies.
 * Stops when the separation is at most slack + tolerance, when upper - lower <= tolerance, or after
 * maxIterations. With slack 0 and the exact separator it converges to the exact LP value of docs/design.md
 * (The exact LP).
 *
 * Measured on HSLS (bench/cutting-plane.ts, 2 shared cores): the plain variant with the merged separator needs
 * 2139 iterates (62 s) to get within 1e-4 at alpha_EO = 0.1 and is still 3.7e-5 above after 3000; inner
 * approximation alone: 72 iterates at 0.1 but 207 at alpha_EO = 0; stabilization alone: 99 at 0 but 7.6e-4 above
 * after 150 at 0.1; both: 74 and 98 iterates (about 1-2 s), closing the bracket to 1e-11. Two pricing rounds per
 * iterate halve the iterates at 0.1 but not at 0, where the degenerate restricted master gets slower: one round.
 * Tried in a prototype without stabilization and dropped: pricing the master's dual combination of cuts (alpha_EO
 * = 0 slower, 279 vs 202 iterates); Wentges smoothing of the Lagrangian direction (195 vs 202 at alpha_EO = 0).
 *
 * @throws InputError E_BAD_ALPHA, E_BAD_OPTION, E_EMPTY_GROUP_LABEL; SolverError E_SOLVER_STATUS, E_SELF_CHECK
 * @example
 * const { experiment } = experimentFromMasses(distribution);
 * const run = await cuttingPlaneFrontier(experiment, { alpha: { eo: 0.02 } });
 * console.log(run.upperBound, run.lowerBound, run.iterations.length);
 */
export async function cuttingPlaneFrontier(
  e: FairnessExperiment,
  options: CuttingPlaneOptions,
): Promise<CuttingPlaneResult> {
  const started = performance.now();
  const { alpha, slack, tolerance, maxIterations, timeLimitSeconds, isStabilized, hasInner } =
    cuttingPlaneSettings(options);
  const { nGroups: A, nClasses: C } = e;
  const S = A * C;
  const mu = experimentPrior(e);
  checkFairnessPrior(mu, A, C);
  const nZ = S * C;
  for (const cut of options.initialCuts ?? [])
    if (cut.A.length !== nZ)
      throw new InputError('E_BAD_OPTION', `an initial cut has ${cut.A.length} entries, expected ${nZ}`, {
        option: 'initialCuts',
      });
  // Merged once, shared by the default separator and the inner approximation's pricing.
  const merge = mergeEqualPosteriors<Experiment>(e);
  const separator = options.separator ?? (await separatorOnMerged(merge, C, { timeLimitSeconds }));
  const ownsSeparator = options.separator === undefined;
  const master = await openMasterLp(mu, A, C, alpha, slack, options.initialCuts ?? [], timeLimitSeconds);
  const { lp, colCost, cuts, addCut } = master;
  const isViolated = (cut: Cut, Z: Float64Array) => innerProduct(cut.A, Z) - cut.sigma > slack + tolerance;
  // The best response to a direction: a vertex of the achievable set (deterministic garbling of merged points).
  const bestResponse = (direction: ArrayLike<number>, known?: Int32Array): Float64Array => {
    const argmax = known ?? mergedSupport(merge, direction, C).argmax;
    const h = new Float64Array(merge.merged.nPoints * C);
    argmax.forEach((j, k) => (h[k * C + j] = 1));
    return achievedJoint(merge.merged, h, C);
  };
  const iterations: CuttingPlaneIteration[] = [];
  let stopReason: CuttingPlaneStop = 'iterations';
  let Z: Float64Array = new Float64Array(nZ);
  // Inner point: a classifier that ignores x. The uniformly random one (P = 1/C everywhere) has no violation under
  // any measure; the best constant prediction has none under SP and EO, but its accuracy differs across groups
  // (OAE), so it is used when it is fair for this alpha.
  const { uniform, constant } = classifiersIgnoringX(mu, C);
  // The uniform rule meets every difference and ratio bound (all its rates are equal); under group loss it may
  // not, and then the best constant prediction must (some classifier ignoring x is the algorithm's first inner
  // point and keeps the restricted master feasible).
  const isConstantFair = isFair(constant, mu, A, C, alpha);
  if (!isConstantFair && 1 - 1 / C > alpha.groupLoss)
    throw new InputError(
      'E_USAGE',
      `the cutting planes start from a fair classifier that ignores x, and none meets ${CRITERION_FLAGS.groupLoss} ${alpha.groupLoss} (the uniform rule's group error is ${(1 - 1 / C).toFixed(4)}, the best constant prediction's worst group error is higher than Z); use the exact LP (--method exact), which also says whether any classifier meets it`,
      { option: CRITERION_FLAGS.groupLoss },
    );
  let inner: Float64Array = isConstantFair ? constant : uniform;
  let lowerBound = innerProduct(colCost, inner);
  let innerMaster: InnerMaster | undefined;
  try {
    if (hasInner) {
      innerMaster = await openInnerMaster({ mu, nGroups: A, nClasses: C, alpha, slack, timeLimitSeconds });
      innerMaster.addPoint(uniform);
      innerMaster.addPoint(constant);
    }
    let bestUpper = Infinity;
    // Stage 4: solve the master, separate, add cuts and inner points, until the bounds meet.
    for (let iteration = 1; iteration <= maxIterations; iteration++) {
      const solution = runChecked(master.model, {
        what: `cutting-plane master LP (iteration ${iteration})`,
        timeLimitSeconds,
      });
      Z = cleanJoint(solution.colValue, mu, C);
      const masterAccuracy = innerProduct(colCost, Z);
      const upperBound = checkFinite('upperBound', certifiedMaxBound(lp, solution.rowDual));
      if (Math.abs(upperBound - masterAccuracy) > CERTIFICATE_GAP_TOL)
        throw new SolverError(
          'E_SELF_CHECK',
          `cutting-plane master LP: certified bound ${upperBound} and accuracy ${masterAccuracy} of its solution differ by more than ${CERTIFICATE_GAP_TOL}`,
        );
      // Cuts only shrink the master: keep the bound monotone against solver noise.
      bestUpper = Math.min(bestUpper, Math.max(upperBound, masterAccuracy));
      const sep = separator.separate(Z);
      const newCuts: Cut[] = [];
      const isAchievable = sep.separation <= slack + tolerance;
      if (isAchievable) {
        inner = Z;
        lowerBound = Math.max(lowerBound, masterAccuracy);
      } else {
        newCuts.push(sep.cut);
        if (innerMaster) {
          innerMaster.addPoint(bestResponse(sep.cut.A));
          if (sep.achieved) innerMaster.addPoint(sep.achieved);
        }
        // In-out stabilization (Ben-Ameur and Neto 2007): separate a point between Z and the inner point (fair,
        // within the slack of K). A cut found there also cuts Z (the inner point satisfies it) and lies nearer the
        // optimum; its best response and nearest achievable point feed the inner approximation. Without the inner
        // approximation an achievable stabilization point becomes the new inner point.
        if (isStabilized) {
          const weight = innerMaster ? STABILIZATION_INNER_WEIGHT : 0.5;
          const mid = new Float64Array(nZ);
          for (let i = 0; i < nZ; i++) mid[i] = weight * inner[i] + (1 - weight) * Z[i];
          const midSep = separator.separate(mid);
          if (midSep.separation > slack + tolerance) {
            newCuts.push(midSep.cut);
            innerMaster?.addPoint(bestResponse(midSep.cut.A));
          } else if (!innerMaster) {
            inner = mid;
            lowerBound = Math.max(lowerBound, innerProduct(colCost, inner));
          }
          if (midSep.achieved) innerMaster?.addPoint(midSep.achieved);
        }
        if (innerMaster) {
          const restricted = innerMaster.solve();
          if (restricted.value > lowerBound) {
            lowerBound = restricted.value;
            inner = restricted.Z;
          }
          // Dantzig-Wolfe pricing and the Lagrangian cut of the restricted master's duals.
          const lagrangian = boxCut(restricted.direction, merge, C);
          if (lagrangian) {
            innerMaster.addPoint(bestResponse(lagrangian.cut.A, lagrangian.argmax));
            if (isViolated(lagrangian.cut, Z)) newCuts.push(lagrangian.cut);
          }
        }
      }
      const isClosed = bestUpper - lowerBound <= tolerance;
      const record: CuttingPlaneIteration = {
        iteration,
        upperBound: bestUpper,
        lowerBound,
        masterAccuracy,
        separation: sep.separation,
        cut: sep.cut,
        cutsAdded: isAchievable || isClosed ? 0 : newCuts.length,
        innerPoints: innerMaster?.nColumns() ?? 0,
        elapsedMs: performance.now() - started,
      };
      iterations.push(record);
      options.onIteration?.(record);
      if (isAchievable) {
        stopReason = 'separation';
        break;
      }
      if (isClosed) {
        stopReason = 'gap';
        break;
      }
      for (const cut of newCuts) addCut(cut);
    }
  } finally {
    master.model.dispose();
    innerMaster?.dispose();
    if (ownsSeparator) separator.dispose();
  }
  // Stage 5: the final master solution as P, its violations re-measured (each within alpha).
  const { P, violations } = remeasureJoint(Z, mu, A, C, alpha, 'cutting-plane master');
  const last = iterations[iterations.length - 1];
  return {
    alpha,
    slack,
    upperBound: last.upperBound,
    lowerBound: last.lowerBound,
    converged: stopReason !== 'iterations',
    stopReason,
    tolerance,
    iterations,
    Z,
    P,
    violations,
    innerZ: inner,
    cuts,
    elapsedMs: performance.now() - started,
  };
}

/** Stage 1: the options checked, with their defaults. */
function cuttingPlaneSettings(options: CuttingPlaneOptions) {
  return {
    alpha: checkAlphas(options.alpha),
    slack: checkNumber('slack', options.slack, 0, (v) => v >= 0, 'a number >= 0'),
    tolerance: checkNumber(
      'tolerance',
      options.tolerance,
      DEFAULT_SEPARATION_TOL,
      (v) => v > 0,
      'a number > 0',
    ),
    maxIterations: checkNumber(
      'maxIterations',
      options.maxIterations,
      DEFAULT_MAX_ITERATIONS,
      (v) => Number.isInteger(v) && v >= 1,
      'an integer >= 1',
    ),
    timeLimitSeconds: options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS,
    isStabilized: options.isStabilized ?? true,
    hasInner: options.innerApproximation ?? true,
  };
}

/** The master LP of Algorithm 1, kept in step with its HiGHS model as cuts are added. */
interface MasterLp {
  readonly lp: SparseLp;
  readonly model: Model;
  /** Accuracy as a linear function of Z (1 on the diagonal entries). */
  readonly colCost: Float64Array;
  readonly cuts: Cut[];
  addCut(cut: Cut): void;
}

/**
 * Stage 2: the master LP over joint matrices Z (rows of Z sum to mu, the fairness rows on Z, the initial cuts,
 * each relaxed by the slack): an upper bound on FairFront that every added cut lowers.
 */
async function openMasterLp(
  mu: Float64Array,
  A: number,
  C: number,
  alpha: Bounds,
  slack: number,
  initialCuts: readonly Cut[],
  timeLimitSeconds: number,
): Promise<MasterLp> {
  const highs = await highsRuntime();
  const S = A * C;
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
  const cutRow = (cut: Cut): [number, number][] =>
    Array.from(cut.A, (a, i) => [i, a] as [number, number]).filter(([, a]) => a !== 0);
  for (const cut of initialCuts) {
    addRow(lp, cutRow(cut), -Infinity, cut.sigma + slack);
    cuts.push(cut);
  }
  const model = createModel(highs, lp, 'maximize');
  configureModel(model, 'simplex', timeLimitSeconds);
  const addCut = (cut: Cut) => {
    const row = cutRow(cut);
    addRow(lp, row, -Infinity, cut.sigma + slack);
    cuts.push(cut);
    model.addRows({
      lower: Float64Array.of(-Infinity),
      upper: Float64Array.of(cut.sigma + slack),
      matrix: {
        format: 'csr',
        numRows: 1,
        numCols: lp.numCols, // Z, then the fairness rows' auxiliary columns
        starts: Int32Array.of(0, row.length),
        indices: Int32Array.from(row, ([i]) => i),
        values: Float64Array.from(row, ([, a]) => a),
      },
    });
  };
  return { lp, model, colCost, cuts, addCut };
}

/**
 * Stage 3: the two classifiers that ignore x, as joint matrices: the uniformly random one (P = 1/C everywhere, no
 * violation under any measure) and the best constant prediction (none under SP and EO; its accuracy differs across
 * groups, so OAE may exclude it).
 */
function classifiersIgnoringX(
  mu: Float64Array,
  C: number,
): { uniform: Float64Array; constant: Float64Array } {
  const S = mu.length;
  const uniform = new Float64Array(S * C);
  for (let t = 0; t < S; t++) uniform.fill(mu[t] / C, t * C, (t + 1) * C);
  const constant = new Float64Array(S * C);
  let bestClass = 0;
  const classMass = new Float64Array(C);
  for (let t = 0; t < S; t++) classMass[t % C] += mu[t];
  for (let j = 1; j < C; j++) if (classMass[j] > classMass[bestClass]) bestClass = j;
  for (let t = 0; t < S; t++) constant[t * C + bestClass] = mu[t];
  return { uniform, constant };
}

/**
 * The cut of a direction y, made a box cut: each row (s, y) of y is shifted to be centered on 0 (row sums of
 * every joint matrix are mu, so the shift changes both sides of <y, Z> <= sigma(y) equally), then scaled to
 * max |entry| = 1. Centering makes the slack-relaxed cut <A, Z> <= sigma(A) + eps as tight as the Lagrangian bound
 * (a residual of l1 norm eps with zero row sums moves <y, .> by at most eps * half the widest row range).
 * Also returns the best response (argmax per merged point). Undefined when y is constant on every row (it cuts
 * nothing).
 */
function boxCut(
  direction: Float64Array,
  merge: MergedPosteriors<Experiment>,
  C: number,
): { cut: Cut; argmax: Int32Array } | undefined {
  const a = Float64Array.from(direction);
  let halfRange = 0;
  for (let t = 0; t < a.length / C; t++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < C; j++) {
      lo = Math.min(lo, a[t * C + j]);
      hi = Math.max(hi, a[t * C + j]);
    }
    const center = (lo + hi) / 2;
    for (let j = 0; j < C; j++) a[t * C + j] -= center;
    halfRange = Math.max(halfRange, (hi - lo) / 2);
  }
  if (!(halfRange > 0) || !Number.isFinite(halfRange)) return undefined;
  for (let i = 0; i < a.length; i++) a[i] = Math.max(-1, Math.min(1, a[i] / halfRange));
  const { sigma, argmax } = mergedSupport(merge, a, C);
  return { cut: { A: a, sigma }, argmax };
}

/** Whether the joint matrix Z (rows summing to mu) meets every bound, as the metric engine measures it. */
function isFair(Z: Float64Array, mu: Float64Array, A: number, C: number, alpha: Bounds): boolean {
  return missedBound(jointCriterionValues(Z, mu, A, C).values, alpha, 0) === undefined;
}

/** Clips a solver's joint matrix into [0, mu] after checking row sums; throws on a real violation. */
function cleanJoint(values: ArrayLike<number>, mu: Float64Array, C: number): Float64Array {
  const Z = new Float64Array(mu.length * C);
  for (let t = 0; t < mu.length; t++) {
    const acc = new Accumulator();
    for (let j = 0; j < C; j++) {
      const v = values[t * C + j];
      if (v < -ALPHA_TOL)
        throw new SolverError('E_SELF_CHECK', `cutting-plane master returned a negative joint entry ${v}`);
      Z[t * C + j] = Math.max(0, v);
      acc.add(Z[t * C + j]);
    }
    if (Math.abs(acc.value() - mu[t]) > ALPHA_TOL)
      throw new SolverError(
        'E_SELF_CHECK',
        `cutting-plane master: row ${t} of Z sums to ${acc.value()}, not mu = ${mu[t]}`,
      );
  }
  return Z;
}
