import type { Highs, Model } from 'highs';
import { type Distribution, bayesAccuracy, groupLabelMass } from '../distribution/index.js';
import { InputError, SolverError, checkFinite } from '../errors.js';
import { MEASURES, type Alphas, type Measure, VACUOUS_ALPHA, completeAlphas } from '../metrics/measure.js';
import { violationsFromConditional } from '../metrics/violations.js';
import { Accumulator } from '../numeric.js';
import { HIGHS_STATUS_NAMES as STATUS_NAMES, highsRuntime } from '../lp/highs-runtime.js';
import { expandClassifier, mergeEquivalentCells } from './merge-cells.js';
import {
  ALPHA_TOL,
  BAYES_TOL,
  DEFAULT_TIME_LIMIT_SECONDS,
  DUALITY_GAP_TOL,
  H_FEASIBILITY_TOL,
  SOLVER_FEASIBILITY_TOL,
} from './tolerances.js';

/** HiGHS LP algorithm. `auto` picks per instance size (see `chooseAlgorithm`). */
export const Algorithm = { auto: 'auto', simplex: 'simplex', ipm: 'ipm' } as const;
export type Algorithm = keyof typeof Algorithm;
export const isAlgorithm = (a: string): a is Algorithm => Object.hasOwn(Algorithm, a);

export interface FrontierModelOptions {
  readonly algorithm?: Algorithm;
  readonly timeLimitSeconds?: number;
  /**
   * Merge cells with identical p(s,y|x) before building the LP (exact: same value, see merge-cells.ts).
   * Default true; false keeps one LP column block per cell.
   */
  readonly mergeCells?: boolean;
}

/** One exact FairFront value with everything needed to trust and use it. */
export interface FairFrontPoint {
  /** The tolerances imposed; 1 = vacuous. */
  readonly alpha: Alphas;
  /** Accuracy of the returned classifier h, re-computed from the data: a lower bound on FairFront(alpha). */
  readonly accuracy: number;
  /** Certified upper bound from the LP duals (weak duality, re-computed in TypeScript). */
  readonly dualBound: number;
  /** Always 'optimal': anything else is thrown as a SolverError. */
  readonly status: 'optimal';
  /** Violations that h actually reaches, re-measured (each <= alpha + ALPHA_TOL). */
  readonly violations: Readonly<Record<Measure, number>>;
  /**
   * Marginal accuracy per unit of alpha for each measure (sum of |dual| over that measure's rows):
   * the price of fairness at this point. 0 for a constraint that does not bind.
   */
  readonly price: Readonly<Record<Measure, number>>;
  /** Optimal randomized classifier: nCells x nClasses row-major, rows sum to 1. h[k*C + yHat]. */
  readonly h: Float64Array;
  /** Induced conditional matrix P[(s,y), yHat], (nGroups*nClasses) x nClasses row-major. */
  readonly P: Float64Array;
  /** Row duals of the fairness rows, in the order of `fairnessRows`. */
  readonly fairnessDuals: Readonly<Record<Measure, Float64Array>>;
  readonly solver: {
    readonly algorithm: 'simplex' | 'ipm';
    readonly iterations: number;
    readonly elapsedMs: number;
    /** True when the first algorithm failed a check and the other one produced this point. */
    readonly retried: boolean;
  };
}

/** A FairFront LP built once for a distribution; `solve` changes only the fairness row bounds (warm start). */
export interface FrontierModel {
  readonly distribution: Distribution;
  readonly nColumns: number;
  readonly nRows: number;
  readonly nNonzeros: number;
  /** Cells in the LP after merging equivalent cells (= distribution.nCells when merging is off). */
  readonly nLpCells: number;
  readonly algorithm: 'simplex' | 'ipm';
  /** Bayes accuracy of the distribution (the value at alpha = 1). */
  readonly bayesAccuracy: number;
  solve(alpha: Partial<Alphas>): FairFrontPoint;
  dispose(): void;
}

/** Instances with more LP nonzeros than this go to interior point first (bench/frontier-sweep). */
const IPM_NONZERO_THRESHOLD = 400_000;

/**
 * Simplex is fastest for the two-class data sets and warm-starts across a sweep; interior point wins on
 * large multi-group multi-class models (DESIGN §4: 1 s against 15 s at 5k cells x 4 x 5).
 */
export function chooseAlgorithm(nNonzeros: number): 'simplex' | 'ipm' {
  return nNonzeros > IPM_NONZERO_THRESHOLD ? 'ipm' : 'simplex';
}

export { completeAlphas };

interface LpLayout {
  readonly nH: number; // number of h columns
  readonly nP: number;
  readonly numRows: number;
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  readonly colCost: Float64Array;
  /** First row and count of each measure's ranged rows. */
  readonly fairnessRows: Readonly<Record<Measure, { first: number; count: number }>>;
}

/**
 * The sparse LP of DESIGN §4 with explicit P variables:
 *   columns h[k, yHat] (k < K) then P[(s,y), yHat];
 *   rows: sum_yHat h[k, yHat] = 1; P[(s,y), yHat] - sum_k p(k,s,y)/mu(s,y) h[k, yHat] = 0;
 *   fairness rows on P only, each a ranged row -alpha <= . <= alpha.
 * Objective: max sum_{s,y} mu(s,y) P[(s,y), y] (= sum p(x,s,y) h[x,y]).
 * With two classes the yHat = 1 row of SP and EO repeats the yHat = 0 row (P rows sum to 1), so it is left out.
 */
function buildLayout(d: Distribution): LpLayout {
  const { nCells: K, nGroups: A, nClasses: C, mass } = d;
  const mu = groupLabelMass(d);
  const nH = K * C;
  const nP = A * C * C;
  const pCol = (s: number, y: number, yHat: number) => nH + (s * C + y) * C + yHat;
  const rowsStart: number[] = [0];
  const idx: number[] = [];
  const val: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const endRow = (lo: number, hi: number) => {
    rowsStart.push(idx.length);
    lower.push(lo);
    upper.push(hi);
  };
  for (let k = 0; k < K; k++) {
    for (let yHat = 0; yHat < C; yHat++) {
      idx.push(k * C + yHat);
      val.push(1);
    }
    endRow(1, 1);
  }
  // Linking rows: gather, for each (s,y), the cells with mass there (one pass over the mass array).
  const cellsOf: number[][] = Array.from({ length: A * C }, () => []);
  for (let k = 0; k < K; k++)
    for (let sy = 0; sy < A * C; sy++) if (mass[k * A * C + sy] > 0) cellsOf[sy].push(k);
  for (let s = 0; s < A; s++)
    for (let y = 0; y < C; y++) {
      const sy = s * C + y;
      for (let yHat = 0; yHat < C; yHat++) {
        for (const k of cellsOf[sy]) {
          idx.push(k * C + yHat);
          val.push(-mass[k * A * C + sy] / mu[sy]);
        }
        idx.push(pCol(s, y, yHat));
        val.push(1);
        endRow(0, 0);
      }
    }
  const muS = new Float64Array(A);
  for (let s = 0; s < A; s++) for (let y = 0; y < C; y++) muS[s] += mu[s * C + y];
  const yHatRange = C === 2 ? 1 : C;
  const fairnessRows = {} as Record<Measure, { first: number; count: number }>;
  const pairs: [number, number][] = [];
  for (let s1 = 0; s1 < A; s1++) for (let s2 = s1 + 1; s2 < A; s2++) pairs.push([s1, s2]);
  // Rows of one measure: coefficient lists for P columns of s1 (positive) and s2 (negative).
  const addPairRow = (terms: [number, number][]) => {
    const merged = new Map<number, number>();
    for (const [col, coef] of terms) merged.set(col, (merged.get(col) ?? 0) + coef);
    for (const [col, coef] of [...merged.entries()].sort((a, b) => a[0] - b[0])) {
      if (coef === 0) continue;
      idx.push(col);
      val.push(coef);
    }
    endRow(-VACUOUS_ALPHA, VACUOUS_ALPHA);
  };
  fairnessRows.sp = { first: lower.length, count: 0 };
  for (const [s1, s2] of pairs)
    for (let yHat = 0; yHat < yHatRange; yHat++) {
      const terms: [number, number][] = [];
      for (let y = 0; y < C; y++) {
        terms.push([pCol(s1, y, yHat), mu[s1 * C + y] / muS[s1]]);
        terms.push([pCol(s2, y, yHat), -mu[s2 * C + y] / muS[s2]]);
      }
      addPairRow(terms);
    }
  fairnessRows.sp.count = lower.length - fairnessRows.sp.first;
  fairnessRows.eo = { first: lower.length, count: 0 };
  for (const [s1, s2] of pairs)
    for (let y = 0; y < C; y++)
      for (let yHat = 0; yHat < yHatRange; yHat++)
        addPairRow([
          [pCol(s1, y, yHat), 1],
          [pCol(s2, y, yHat), -1],
        ]);
  fairnessRows.eo.count = lower.length - fairnessRows.eo.first;
  fairnessRows.oae = { first: lower.length, count: 0 };
  for (const [s1, s2] of pairs) {
    const terms: [number, number][] = [];
    for (let y = 0; y < C; y++) {
      terms.push([pCol(s1, y, y), mu[s1 * C + y] / muS[s1]]);
      terms.push([pCol(s2, y, y), -mu[s2 * C + y] / muS[s2]]);
    }
    addPairRow(terms);
  }
  fairnessRows.oae.count = lower.length - fairnessRows.oae.first;
  const colCost = new Float64Array(nH + nP);
  for (let s = 0; s < A; s++) for (let y = 0; y < C; y++) colCost[pCol(s, y, y)] = mu[s * C + y];
  return {
    nH,
    nP,
    numRows: lower.length,
    starts: Int32Array.from(rowsStart),
    indices: Int32Array.from(idx),
    values: Float64Array.from(val),
    rowLower: Float64Array.from(lower),
    rowUpper: Float64Array.from(upper),
    colCost,
    fairnessRows,
  };
}

/** P[(s,y), yHat] induced by a classifier h on the cells (DESIGN §4), and its accuracy. */
export function inducedConditional(
  d: Distribution,
  h: ArrayLike<number>,
): { P: Float64Array; accuracy: number } {
  const { nCells: K, nGroups: A, nClasses: C, mass } = d;
  const mu = groupLabelMass(d);
  const P = new Float64Array(A * C * C);
  const acc = new Accumulator();
  for (let k = 0; k < K; k++)
    for (let sy = 0; sy < A * C; sy++) {
      const p = mass[k * A * C + sy];
      if (p === 0) continue;
      for (let yHat = 0; yHat < C; yHat++) P[sy * C + yHat] += p * h[k * C + yHat];
      acc.add(p * h[k * C + (sy % C)]);
    }
  for (let sy = 0; sy < A * C; sy++) for (let yHat = 0; yHat < C; yHat++) P[sy * C + yHat] /= mu[sy];
  return { P, accuracy: acc.value() };
}

/**
 * Weak duality for max c'x, L <= Ax <= U, 0 <= x <= 1: for any multipliers y on the linking and fairness rows,
 * c'x <= sum_i max(y_i L_i, y_i U_i) + sum_k max_yHat z[k, yHat] + sum_P max(z_j, 0), with z = c - A'y and the
 * cell rows (sum_yHat h[k, yHat] = 1) kept as constraints, so each cell contributes its best reduced cost exactly
 * (the Lagrangian dual function, not a sum of tiny dual infeasibilities that grows with the number of cells).
 * Valid whatever the solver's accuracy or sign convention, so both signs are tried and the smaller bound kept.
 */
function certifiedDualBound(
  layout: LpLayout,
  nCells: number,
  nClasses: number,
  rowDual: Float64Array,
  rowLower: Float64Array,
  rowUpper: Float64Array,
): number {
  const bound = (sign: number): number => {
    const z = Float64Array.from(layout.colCost);
    const acc = new Accumulator();
    // Rows 0..nCells-1 are the cell rows; they stay as constraints.
    for (let i = nCells; i < layout.numRows; i++) {
      const y = sign * rowDual[i];
      if (y === 0) continue;
      for (let e = layout.starts[i]; e < layout.starts[i + 1]; e++)
        z[layout.indices[e]] -= y * layout.values[e];
      acc.add(Math.max(y * rowLower[i], y * rowUpper[i]));
    }
    for (let k = 0; k < nCells; k++) {
      let best = -Infinity;
      for (let yHat = 0; yHat < nClasses; yHat++) best = Math.max(best, z[k * nClasses + yHat]);
      acc.add(best);
    }
    for (let j = layout.nH; j < z.length; j++) if (z[j] > 0) acc.add(z[j]);
    return acc.value();
  };
  return Math.min(bound(1), bound(-1));
}

function formatAlphas(a: Alphas): string {
  return MEASURES.map((m) => `${m}=${a[m]}`).join(', ');
}

/**
 * Builds the FairFront LP of `d` once. Call `solve(alpha)` any number of times (a sweep), then `dispose()`.
 * @throws SolverError E_SOLVER_STATUS, E_SOLVER_TIME_LIMIT, E_INFEASIBLE, E_SELF_CHECK from `solve`
 */
export async function openFrontierModel(
  d: Distribution,
  options: FrontierModelOptions = {},
): Promise<FrontierModel> {
  const highs = await highsRuntime();
  const { merged: lpDist, mergedOfCell } =
    options.mergeCells === false ? { merged: d, mergedOfCell: undefined } : mergeEquivalentCells(d);
  const layout = buildLayout(lpDist);
  const nColumns = layout.nH + layout.nP;
  const nNonzeros = layout.indices.length;
  const requested = options.algorithm ?? 'auto';
  if (!isAlgorithm(requested))
    throw new InputError('E_BAD_OPTION', `unknown algorithm "${requested}" (use auto, simplex or ipm)`, {
      option: 'algorithm',
    });
  const algorithm = requested === 'auto' ? chooseAlgorithm(nNonzeros) : requested;
  const timeLimitSeconds = options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
  const bayes = bayesAccuracy(d);
  const rowLower = Float64Array.from(layout.rowLower);
  const rowUpper = Float64Array.from(layout.rowUpper);
  const mu = groupLabelMass(d);
  let model: Model | undefined = createHighsModel(highs, layout);
  let configured: 'simplex' | 'ipm' | undefined;
  let hasBasis = false;

  const configure = (m: Model, alg: 'simplex' | 'ipm') => {
    m.options.set({
      output_flag: false,
      solver: alg,
      time_limit: timeLimitSeconds,
      primal_feasibility_tolerance: SOLVER_FEASIBILITY_TOL,
      dual_feasibility_tolerance: SOLVER_FEASIBILITY_TOL,
      ipm_optimality_tolerance: 1e-10,
      run_crossover: 'on',
    });
    configured = alg;
  };

  const attempt = (alpha: Alphas, alg: 'simplex' | 'ipm', retried: boolean): FairFrontPoint => {
    if (!model) throw new SolverError('E_SOLVER_STATUS', 'the frontier model was disposed');
    // After one interior-point solve with crossover the basis is valid: later alphas warm-start with simplex.
    const effective = alg === 'ipm' && hasBasis && !retried ? 'simplex' : alg;
    if (configured !== effective) configure(model, effective);
    const started = performance.now();
    model.run();
    const elapsedMs = performance.now() - started;
    const status = model.getModelStatus();
    const statusName = STATUS_NAMES[status] ?? `status ${status}`;
    if (status === 13)
      throw new SolverError(
        'E_SOLVER_TIME_LIMIT',
        `the FairFront LP hit its time limit of ${timeLimitSeconds} s at ${formatAlphas(alpha)}; raise timeLimitSeconds`,
      );
    if (status === 8 || status === 9)
      throw new SolverError(
        'E_INFEASIBLE',
        `HiGHS reports the FairFront LP ${statusName} at ${formatAlphas(alpha)}; the uniform random classifier is always feasible, so this is a solver failure`,
      );
    if (status !== 7)
      throw new SolverError(
        'E_SOLVER_STATUS',
        `HiGHS ended with status "${statusName}" at ${formatAlphas(alpha)}`,
      );
    const solution = model.getSolution();
    const iterations =
      Number(model.info.get('simplex_iteration_count') ?? 0) +
      Number(model.info.get('ipm_iteration_count') ?? 0);
    hasBasis = true;
    const { nCells: K, nClasses: C } = lpDist;
    // Clean h: clip tiny negatives and renormalize rows, after checking they are tiny.
    const h = new Float64Array(K * C);
    let worst = 0;
    for (let k = 0; k < K; k++) {
      let sum = 0;
      for (let yHat = 0; yHat < C; yHat++) {
        const v = solution.colValue[k * C + yHat];
        worst = Math.max(worst, -v);
        const clipped = Math.max(0, Math.min(1, v));
        h[k * C + yHat] = clipped;
        sum += clipped;
      }
      worst = Math.max(worst, Math.abs(sum - 1));
      for (let yHat = 0; yHat < C; yHat++) h[k * C + yHat] /= sum;
    }
    if (worst > H_FEASIBILITY_TOL)
      throw new SolverError(
        'E_SELF_CHECK',
        `h returned by HiGHS is not a classifier (error ${worst.toExponential(2)}) at ${formatAlphas(alpha)}`,
      );
    const hFull = mergedOfCell ? expandClassifier(h, mergedOfCell, C) : h;
    const { P, accuracy } = inducedConditional(d, hFull);
    const violations = violationsFromConditional(P, mu, d.nGroups, C);
    for (const m of MEASURES)
      if (violations[m] > alpha[m] + ALPHA_TOL)
        throw new SolverError(
          'E_SELF_CHECK',
          `re-measured ${m} violation ${violations[m]} exceeds alpha ${alpha[m]} by more than ${ALPHA_TOL}`,
        );
    const dualBound = certifiedDualBound(layout, lpDist.nCells, C, solution.rowDual, rowLower, rowUpper);
    checkFinite('accuracy', accuracy);
    checkFinite('dualBound', dualBound);
    if (dualBound - accuracy > DUALITY_GAP_TOL || accuracy - dualBound > DUALITY_GAP_TOL)
      throw new SolverError(
        'E_SELF_CHECK',
        `duality gap ${(dualBound - accuracy).toExponential(2)} exceeds ${DUALITY_GAP_TOL} at ${formatAlphas(alpha)} (accuracy ${accuracy}, dual bound ${dualBound})`,
      );
    if (MEASURES.every((m) => alpha[m] >= VACUOUS_ALPHA) && Math.abs(accuracy - bayes) > BAYES_TOL)
      throw new SolverError(
        'E_SELF_CHECK',
        `with every alpha = 1 the value ${accuracy} differs from the Bayes accuracy ${bayes}`,
      );
    const fairnessDuals = {} as Record<Measure, Float64Array>;
    const price = {} as Record<Measure, number>;
    for (const m of MEASURES) {
      const { first, count } = layout.fairnessRows[m];
      fairnessDuals[m] = solution.rowDual.slice(first, first + count);
      price[m] = fairnessDuals[m].reduce((a, v) => a + Math.abs(v), 0);
    }
    return {
      alpha,
      accuracy,
      dualBound: Math.max(dualBound, accuracy),
      status: 'optimal',
      violations,
      price,
      h: hFull,
      P,
      fairnessDuals,
      solver: { algorithm: effective, iterations, elapsedMs, retried },
    };
  };

  return {
    distribution: d,
    nColumns,
    nRows: layout.numRows,
    nNonzeros,
    nLpCells: lpDist.nCells,
    algorithm,
    bayesAccuracy: bayes,
    solve(alphaIn: Partial<Alphas>): FairFrontPoint {
      const alpha = completeAlphas(alphaIn);
      if (!model) throw new SolverError('E_SOLVER_STATUS', 'the frontier model was disposed');
      for (const m of MEASURES) {
        const { first, count } = layout.fairnessRows[m];
        if (count === 0) continue;
        const lo = new Float64Array(count).fill(-alpha[m]);
        const hi = new Float64Array(count).fill(alpha[m]);
        rowLower.fill(-alpha[m], first, first + count);
        rowUpper.fill(alpha[m], first, first + count);
        model.changeRowsBounds({ kind: 'range', from: first, to: first + count - 1 }, lo, hi);
      }
      try {
        return attempt(alpha, algorithm, false);
      } catch (first) {
        if (!(first instanceof SolverError) || first.code === 'E_SOLVER_TIME_LIMIT') throw first;
        // DESIGN §4: on a failed check, retry once from scratch with the other algorithm, then fail loudly.
        model.dispose();
        model = createHighsModel(highs, { ...layout, rowLower, rowUpper });
        configured = undefined;
        hasBasis = false;
        const other = algorithm === 'simplex' ? 'ipm' : 'simplex';
        try {
          return attempt(alpha, other, true);
        } catch (second) {
          throw new SolverError(
            second instanceof SolverError ? second.code : 'E_SOLVER_STATUS',
            `FairFront LP failed with ${algorithm} (${(first as Error).message}) and with ${other} (${(second as Error).message})`,
            undefined,
            { cause: second },
          );
        }
      }
    },
    dispose() {
      model?.dispose();
      model = undefined;
    },
  };
}

function createHighsModel(highs: Highs, layout: LpLayout): Model {
  const nColumns = layout.nH + layout.nP;
  return highs.createModel({
    numCols: nColumns,
    numRows: layout.numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: layout.colCost,
    colLower: new Float64Array(nColumns),
    colUpper: new Float64Array(nColumns).fill(1),
    rowLower: layout.rowLower,
    rowUpper: layout.rowUpper,
    matrix: {
      format: 'csr',
      numRows: layout.numRows,
      numCols: nColumns,
      starts: layout.starts,
      indices: layout.indices,
      values: layout.values,
    },
  });
}

/**
 * FairFront(alpha) of DESIGN §4: the best accuracy of any classifier on the cells of `d` whose SP, EO and OAE
 * violations are within `alpha` (absent = 1, vacuous). Exact LP solved by HiGHS, self-checked.
 * @throws InputError E_BAD_ALPHA; SolverError E_SOLVER_STATUS, E_SOLVER_TIME_LIMIT, E_INFEASIBLE, E_SELF_CHECK
 * @example
 * const point = await fairFront(syntheticDistribution({ seed: 1 }), { alpha: { eo: 0.02 } });
 * console.log(point.accuracy, point.violations.eo);
 */
export async function fairFront(
  d: Distribution,
  options: FrontierModelOptions & { readonly alpha: Partial<Alphas> },
): Promise<FairFrontPoint> {
  const alpha = completeAlphas(options.alpha);
  const model = await openFrontierModel(d, options);
  try {
    return model.solve(alpha);
  } finally {
    model.dispose();
  }
}
