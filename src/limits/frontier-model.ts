import type { Model } from 'highs';
import { type Distribution, bayesAccuracy, groupLabelMass } from '../distribution/index.js';
import { checkMassTable, checkOptionsObject } from '../check-masses.js';
import { InputError, SolverError, checkFinite } from '../errors.js';
import {
  type Bounds,
  CRITERIA,
  type Criterion,
  completeBounds,
  criterionValues,
  isCriterion,
  isVacuousBound,
  meetsBound,
} from '../metrics/index.js';
import {
  type CriterionRows,
  type FairnessRowForm,
  addCriterionRows,
  boundDerivative,
  boundsAt,
} from '../lp/criterion-rows.js';
import {
  ACCURACY,
  type Objective,
  type ObjectiveKind,
  checkObjective,
  objectiveWeights,
} from '../lp/objective.js';
import { completeAlphas } from '../metrics/measure.js';
import { Accumulator } from '../numeric.js';
import { certifiedBound } from '../lp/certified-bound.js';
import { solveWithRetry } from '../lp/checked-solve.js';
import { highsRuntime } from '../lp/highs-runtime.js';
import { checkOptimal } from '../lp/lp-status.js';
import { configureModel } from '../lp/solver-options.js';
import { type LpData, createModel } from '../lp/sparse-lp.js';
import { expandClassifier, mergeEquivalentCells } from './merge-cells.js';
import {
  ALPHA_TOL,
  BAYES_TOL,
  DEFAULT_TIME_LIMIT_SECONDS,
  DUALITY_GAP_TOL,
  H_FEASIBILITY_TOL,
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
  /**
   * Criteria whose rows are built up front besides sp, eo and oae (docs/constraints.md). A solve that bounds
   * another criterion rebuilds the model with its rows once (losing that one warm start).
   */
  readonly criteria?: readonly Criterion[];
  /** What is maximized (a cost is minimized). Default accuracy. */
  readonly objective?: Objective;
  /** O(A) rows with one auxiliary variable per rate (default) or the textbook pairwise rows (for tests). */
  readonly fairnessRowForm?: FairnessRowForm;
}

/** One exact FairFront value with everything needed to trust and use it. */
export interface FairFrontPoint {
  /**
   * The bounds imposed, one per criterion (an `Alphas` record for sp, eo, oae): alpha for differences (1 =
   * vacuous), R for ratios (0 = vacuous), Z for group loss (1 = vacuous).
   */
  readonly alpha: Bounds;
  /** Accuracy of the returned classifier h, re-computed from the data (FairFront(alpha) when the objective is accuracy). */
  readonly accuracy: number;
  /** The objective optimized. */
  readonly objective: ObjectiveKind;
  /** Objective value of h, re-computed from the data: the optimum (its expected cost for a cost objective). */
  readonly value: number;
  /**
   * Certified bound on the optimum from the LP duals (weak duality, re-computed in TypeScript): value <= optimum
   * <= dualBound when maximizing (accuracy, balanced accuracy), dualBound <= optimum <= value for a cost.
   */
  readonly dualBound: number;
  /** Always 'optimal': anything else is thrown as a SolverError. */
  readonly status: 'optimal';
  /**
   * What h actually reaches, re-measured by the metric engine (`criterionValues`) for every criterion: the
   * largest difference (each <= its alpha + ALPHA_TOL), the smallest ratio (>= R - ALPHA_TOL), the largest
   * group error (<= Z + ALPHA_TOL).
   */
  readonly violations: Readonly<Record<Criterion, number>>;
  /**
   * Price of fairness per criterion: |d optimum / d bound|, the objective gained per unit of alpha or Z (lost per
   * unit of R), from the duals of that criterion's rows (docs/constraints.md). 0 where it does not bind.
   */
  readonly price: Readonly<Record<Criterion, number>>;
  /** Optimal randomized classifier: nCells x nClasses row-major, rows sum to 1. h[k*C + yHat]. */
  readonly h: Float64Array;
  /** Induced conditional matrix P[(s,y), yHat], (nGroups*nClasses) x nClasses row-major. */
  readonly P: Float64Array;
  /** Row duals of each criterion's rows (empty for criteria without rows in this model). */
  readonly fairnessDuals: Readonly<Record<Criterion, Float64Array>>;
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
  /** Bayes accuracy of the distribution (the accuracy at alpha = 1). */
  readonly bayesAccuracy: number;
  /** The objective and its value with every bound vacuous (= bayesAccuracy for accuracy). */
  readonly objective: ObjectiveKind;
  readonly bayesValue: number;
  solve(alpha: Partial<Bounds>): FairFrontPoint;
  dispose(): void;
}

/** Instances with more LP nonzeros than this go to interior point first (bench/frontier-sweep). */
const IPM_NONZERO_THRESHOLD = 400_000;

/**
 * Simplex is fastest for the two-class data sets and warm-starts across a sweep; interior point wins on large
 * multi-group multi-class models (docs/design.md, The exact LP: 1 s against 15 s at 5k cells x 4 x 5).
 */
export function chooseAlgorithm(nNonzeros: number): 'simplex' | 'ipm' {
  return nNonzeros > IPM_NONZERO_THRESHOLD ? 'ipm' : 'simplex';
}

export { completeAlphas };

interface LpLayout {
  readonly nH: number; // number of h columns
  readonly nP: number;
  readonly nColumns: number; // h, P, then the auxiliary columns of the fairness rows
  readonly numRows: number;
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  /** Mutable: the ratio rows' coefficients change with R. */
  readonly values: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  /** The rows of each criterion built into this model. */
  readonly criterionRows: Readonly<Partial<Record<Criterion, CriterionRows>>>;
}

/** sp, eo and oae rows are always built (O(A) rows each); other criteria when asked for. */
const BASE_CRITERIA: readonly Criterion[] = ['sp', 'eo', 'oae'];

/**
 * The sparse LP of docs/design.md (The exact LP) with explicit P variables (see docs/design.md, The exact
 * LP):
 *   columns h[k, yHat] (k < K), then P[(s,y), yHat], then one auxiliary column per rate of the fairness rows;
 *   rows: sum_yHat h[k, yHat] = 1; P[(s,y), yHat] - sum_k p(k,s,y)/mu(s,y) h[k, yHat] = 0;
 *   then each criterion's rows on P (src/lp/criterion-rows.ts), at their vacuous bounds.
 * Objective: max sum_j w_j P_j with the objective's weights (accuracy: w = mu(s,y) on yHat = y).
 */
function buildLayout(
  d: Distribution,
  criteria: readonly Criterion[],
  weights: Float64Array,
  form: FairnessRowForm,
): LpLayout {
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
  const colLower: number[] = [];
  const colUpper: number[] = [];
  for (let j = 0; j < nH + nP; j++) {
    colLower.push(0);
    colUpper.push(1);
  }
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
  const sink = {
    addColumn(lo: number, hi: number): number {
      colLower.push(lo);
      colUpper.push(hi);
      return colLower.length - 1;
    },
    // Entries are kept as given (explicit zeros too): the ratio rows' coefficients are found by position.
    addRow(entries: readonly (readonly [number, number])[], lo: number, hi: number): number {
      for (const [col, coef] of entries) {
        idx.push(col);
        val.push(coef);
      }
      endRow(lo, hi);
      return lower.length - 1;
    },
    nextEntry: () => idx.length,
  };
  const criterionRows: Partial<Record<Criterion, CriterionRows>> = {};
  for (const c of criteria) criterionRows[c] = addCriterionRows(sink, c, mu, A, C, (j) => nH + j, form);
  const nColumns = colLower.length;
  const colCost = new Float64Array(nColumns);
  colCost.set(weights, nH);
  return {
    nH,
    nP,
    nColumns,
    numRows: lower.length,
    starts: Int32Array.from(rowsStart),
    indices: Int32Array.from(idx),
    values: Float64Array.from(val),
    rowLower: Float64Array.from(lower),
    rowUpper: Float64Array.from(upper),
    colCost,
    colLower: Float64Array.from(colLower),
    colUpper: Float64Array.from(colUpper),
    criterionRows,
  };
}

/** P[(s,y), yHat] induced by a classifier h on the cells (docs/design.md, The exact LP), and its accuracy. */
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

/** sum_j w_j P_j with compensated summation. */
function weightedValue(weights: Float64Array, P: Float64Array): number {
  const acc = new Accumulator();
  for (let j = 0; j < weights.length; j++) if (weights[j] !== 0) acc.add(weights[j] * P[j]);
  return acc.value();
}

/** The best value of sum_j w_j P_j without constraints: each cell takes its best prediction (Bayes rule). */
function bayesValueOf(d: Distribution, weights: Float64Array): number {
  const { nCells: K, nGroups: A, nClasses: C, mass } = d;
  const mu = groupLabelMass(d);
  const acc = new Accumulator();
  for (let k = 0; k < K; k++) {
    let best = -Infinity;
    for (let yHat = 0; yHat < C; yHat++) {
      let v = 0;
      for (let sy = 0; sy < A * C; sy++) {
        const p = mass[k * A * C + sy];
        if (p > 0) v += (p / mu[sy]) * weights[sy * C + yHat];
      }
      best = Math.max(best, v);
    }
    acc.add(best);
  }
  return acc.value();
}

/** The layout as the LP layer's row-form LP. */
const lpData = (layout: LpLayout): LpData => ({ ...layout, numCols: layout.nColumns });

function formatBounds(a: Bounds): string {
  const active = CRITERIA.filter((c) => !isVacuousBound(c, a[c]));
  return active.length === 0 ? 'no fairness constraint' : active.map((c) => `${c}=${a[c]}`).join(', ');
}

/**
 * Builds the FairFront LP of `d` once. Call `solve(alpha)` any number of times (a sweep), then `dispose()`.
 * @throws InputError E_BAD_OPTION (algorithm, criteria, objective); SolverError E_SOLVER_STATUS,
 *   E_SOLVER_TIME_LIMIT, E_INFEASIBLE, E_SELF_CHECK from `solve`
 */
export async function openFrontierModel(
  d: Distribution,
  options: FrontierModelOptions = {},
): Promise<FrontierModel> {
  checkMassTable(d);
  if (
    options.timeLimitSeconds !== undefined &&
    !(
      typeof options.timeLimitSeconds === 'number' &&
      options.timeLimitSeconds > 0 &&
      options.timeLimitSeconds < Infinity
    )
  )
    throw new InputError(
      'E_BAD_OPTION',
      `timeLimitSeconds must be a positive finite number, got ${options.timeLimitSeconds}`,
      { option: 'timeLimitSeconds' },
    );
  const highs = await highsRuntime();
  const { merged: lpDist, mergedOfCell } =
    options.mergeCells === false ? { merged: d, mergedOfCell: undefined } : mergeEquivalentCells(d);
  const objective = checkObjective(options.objective ?? ACCURACY, d.nClasses);
  const mu = groupLabelMass(d);
  const { weights, sign: objectiveSign } = objectiveWeights(objective, mu, d.nGroups, d.nClasses);
  const form = options.fairnessRowForm ?? 'compact';
  if (form !== 'compact' && form !== 'pairwise')
    throw new InputError(
      'E_BAD_OPTION',
      `unknown fairness row form "${String(form)}" (use compact or pairwise)`,
      {
        option: 'fairnessRowForm',
      },
    );
  const built = new Set<Criterion>(BASE_CRITERIA);
  for (const c of options.criteria ?? []) {
    if (!isCriterion(c))
      throw new InputError(
        'E_BAD_OPTION',
        `unknown fairness criterion "${String(c)}" (use ${CRITERIA.join(', ')})`,
        {
          option: 'criteria',
        },
      );
    built.add(c);
  }
  let layout = buildLayout(
    lpDist,
    CRITERIA.filter((c) => built.has(c)),
    weights,
    form,
  );
  const requested = options.algorithm ?? 'auto';
  if (!isAlgorithm(requested))
    throw new InputError('E_BAD_OPTION', `unknown algorithm "${requested}" (use auto, simplex or ipm)`, {
      option: 'algorithm',
    });
  const algorithm = requested === 'auto' ? chooseAlgorithm(layout.indices.length) : requested;
  const timeLimitSeconds = options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
  const bayes = bayesAccuracy(d);
  const bayesLpValue = objective.kind === 'accuracy' ? bayes : bayesValueOf(d, weights);
  let model: Model | undefined = createModel(highs, lpData(layout), 'maximize');
  let configured: 'simplex' | 'ipm' | undefined;
  let hasBasis = false;
  /** The bound each criterion's rows are set to in `model` (they start vacuous). */
  let applied: Partial<Record<Criterion, number>> = {};

  const configure = (m: Model, alg: 'simplex' | 'ipm') => {
    configureModel(m, alg, timeLimitSeconds);
    configured = alg;
  };

  const rebuild = () => {
    model?.dispose();
    layout = buildLayout(
      lpDist,
      CRITERIA.filter((c) => built.has(c)),
      weights,
      form,
    );
    model = createModel(highs, lpData(layout), 'maximize');
    configured = undefined;
    hasBasis = false;
    applied = {};
  };

  /** Sets every built criterion's rows (bounds, and the ratio coefficients) to `alpha`, in the model and layout. */
  const applyBounds = (alpha: Bounds) => {
    for (const c of CRITERIA) {
      const rows = layout.criterionRows[c];
      if (!rows || rows.count === 0 || applied[c] === alpha[c]) continue;
      const t = alpha[c];
      const { lower, upper } = boundsAt(rows, t);
      layout.rowLower.set(lower, rows.first);
      layout.rowUpper.set(upper, rows.first);
      model!.changeRowsBounds(
        { kind: 'range', from: rows.first, to: rows.first + rows.count - 1 },
        lower,
        upper,
      );
      for (let j = 0; j < rows.entry.length; j++) {
        const value = rows.entrySlope[j] * t;
        layout.values[rows.entry[j]] = value;
        model!.changeCoefficient(rows.entryRow[j], rows.entryColumn[j], value);
      }
      applied[c] = t;
    }
  };

  const attempt = (alpha: Bounds, alg: 'simplex' | 'ipm', retried: boolean): FairFrontPoint => {
    if (!model) throw new SolverError('E_SOLVER_STATUS', 'the frontier model was disposed');
    // After one interior-point solve with crossover the basis is valid: later alphas warm-start with simplex.
    const effective = alg === 'ipm' && hasBasis && !retried ? 'simplex' : alg;
    if (configured !== effective) configure(model, effective);
    const started = performance.now();
    model.run();
    const elapsedMs = performance.now() - started;
    checkOptimal(model.getModelStatus(), {
      what: 'FairFront LP',
      where: `at ${formatBounds(alpha)}`,
      timeLimitSeconds,
      infeasible: (statusName) =>
        isVacuousBound('groupLoss', alpha.groupLoss)
          ? `HiGHS reports the FairFront LP ${statusName} at ${formatBounds(alpha)}; the uniform random classifier is always feasible, so this is a solver failure`
          : `no classifier meets ${formatBounds(alpha)}: a group's error rate cannot be brought down to groupLoss = ${alpha.groupLoss} (HiGHS: ${statusName})`,
    });
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
        `h returned by HiGHS is not a classifier (error ${worst.toExponential(2)}) at ${formatBounds(alpha)}`,
      );
    const hFull = mergedOfCell ? expandClassifier(h, mergedOfCell, C) : h;
    const { P, accuracy } = inducedConditional(d, hFull);
    const lpValue = objective.kind === 'accuracy' ? accuracy : weightedValue(weights, P);
    const violations = criterionValues(P, mu, d.nGroups, C);
    for (const c of CRITERIA)
      if (!meetsBound(c, violations[c], alpha[c], ALPHA_TOL))
        throw new SolverError(
          'E_SELF_CHECK',
          `re-measured ${c} ${violations[c]} misses its bound ${alpha[c]} by more than ${ALPHA_TOL}`,
        );
    const { bound: dualBound, sign } = certifiedBound(lpData(layout), solution.rowDual, lpDist.nCells);
    checkFinite('value', lpValue);
    checkFinite('dualBound', dualBound);
    if (dualBound - lpValue > DUALITY_GAP_TOL || lpValue - dualBound > DUALITY_GAP_TOL)
      throw new SolverError(
        'E_SELF_CHECK',
        `duality gap ${(dualBound - lpValue).toExponential(2)} exceeds ${DUALITY_GAP_TOL} at ${formatBounds(alpha)} (value ${lpValue}, dual bound ${dualBound})`,
      );
    if (CRITERIA.every((c) => isVacuousBound(c, alpha[c])) && Math.abs(lpValue - bayesLpValue) > BAYES_TOL)
      throw new SolverError(
        'E_SELF_CHECK',
        `with every bound vacuous the value ${lpValue} differs from the Bayes value ${bayesLpValue}`,
      );
    const fairnessDuals = {} as Record<Criterion, Float64Array>;
    const price = {} as Record<Criterion, number>;
    const multipliers = Float64Array.from(solution.rowDual, (y) => sign * y);
    for (const c of CRITERIA) {
      const rows = layout.criterionRows[c];
      fairnessDuals[c] = rows
        ? solution.rowDual.slice(rows.first, rows.first + rows.count)
        : new Float64Array(0);
      price[c] = rows ? Math.abs(boundDerivative(rows, multipliers, solution.colValue)) : 0;
    }
    return {
      alpha,
      accuracy,
      objective: objective.kind,
      value: objectiveSign * lpValue,
      dualBound: objectiveSign * Math.max(dualBound, lpValue),
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
    get nColumns() {
      return layout.nColumns;
    },
    get nRows() {
      return layout.numRows;
    },
    get nNonzeros() {
      return layout.indices.length;
    },
    nLpCells: lpDist.nCells,
    algorithm,
    bayesAccuracy: bayes,
    objective: objective.kind,
    bayesValue: objectiveSign * bayesLpValue,
    solve(alphaIn: Partial<Bounds>): FairFrontPoint {
      const alpha = completeBounds(alphaIn);
      if (!model) throw new SolverError('E_SOLVER_STATUS', 'the frontier model was disposed');
      const missing = CRITERIA.filter((c) => !built.has(c) && !isVacuousBound(c, alpha[c]));
      if (missing.length > 0) {
        for (const c of missing) built.add(c);
        rebuild();
      }
      applyBounds(alpha);
      // On a failed check, retry once from scratch with the other algorithm, then fail loudly.
      return solveWithRetry(
        algorithm,
        (alg, retried) => attempt(alpha, alg, retried),
        () => {
          model?.dispose();
          model = createModel(highs, lpData(layout), 'maximize');
          configured = undefined;
          hasBasis = false;
        },
        'FairFront LP',
      );
    },
    dispose() {
      model?.dispose();
      model = undefined;
    },
  };
}

/**
 * FairFront(alpha) of docs/design.md (The exact LP): the best objective (default accuracy) of any classifier
 * on the cells of `d` whose fairness criteria are within their bounds (absent = vacuous;
 * docs/constraints.md). Exact LP solved by HiGHS, self-checked.
 * @throws InputError E_BAD_ALPHA, E_BAD_OPTION; SolverError E_SOLVER_STATUS, E_SOLVER_TIME_LIMIT, E_INFEASIBLE,
 *   E_SELF_CHECK
 * @example
 * const point = await fairFront(syntheticDistribution({ seed: 1 }), { alpha: { eo: 0.02 } });
 * console.log(point.accuracy, point.violations.eo);
 */
export async function fairFront(
  d: Distribution,
  options: FrontierModelOptions & { readonly alpha: Partial<Bounds> },
): Promise<FairFrontPoint> {
  checkOptionsObject(options, 'options');
  checkOptionsObject(options.alpha, 'alpha');
  const alpha = completeBounds(options.alpha);
  const model = await openFrontierModel(d, {
    ...options,
    criteria: [...(options.criteria ?? []), ...CRITERIA.filter((c) => !isVacuousBound(c, alpha[c]))],
  });
  try {
    return model.solve(alpha);
  } finally {
    model.dispose();
  }
}
