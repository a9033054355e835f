import { normalQuantile } from '../../data/synthetic.js';
import { checkOptionsObject } from '../../check-masses.js';
import { type EncodedTable, checkEncodedTable } from '../../data/table.js';
import { type Distribution, bayesAccuracy, normalizeDistribution } from '../../distribution/index.js';
import { InputError } from '../../errors.js';
import { type LearnerName, isLearnerName, learners as learnerFactories } from '../../learn/registry.js';
import type { Learner } from '../../learn/types.js';
import { type Bounds, completeBounds } from '../../metrics/index.js';
import { createRng } from '../../rng.js';
import { openFrontierModel, type FrontierModelOptions } from '../frontier-model.js';
import type { ProgressCallback } from '../sweep-frontier.js';
import { crossFitPosterior, type CrossFitPosterior } from './cross-fit-posterior.js';
import { criteriaOf } from './held-out-frontier.js';
import { applyCellClassifier } from './held-out.js';
import { dualSign, foldBounds, type RowEstimate } from './lagrangian-bounds.js';
import { fitScoreCells, scoreCellCount, scoreCellsOf } from './score-cells.js';
import { DEFAULT_INTERVAL_LEVEL } from './tolerances.js';

/** The posterior estimate's method name, as written into reports. */
export const POSTERIOR_METHOD = 'posterior-cross-fit' as const;

/** Default outer folds of the posterior estimate. */
export const DEFAULT_POSTERIOR_FOLDS = 4;
/** Learners the inner cross-validation chooses from, by held-out log-loss. */
export const DEFAULT_POSTERIOR_LEARNERS: readonly LearnerName[] = ['logit', 'gbm'];
/** Score bins per (group, ranked-first class) the inner cross-validation chooses from. */
export const DEFAULT_POSTERIOR_BINS: readonly number[] = [4, 8, 16, 32];
/** Rows a learner is fitted on at most (a seeded sample above it); the cells count every row. */
export const DEFAULT_POSTERIOR_MAX_FIT_ROWS = 20_000;

/**
 * The learners' settings here: looser than their stand-alone defaults, because 6 pair fits per learner and 4
 * outer fits must fit in the default command's time budget, and the cells are quantiles of the score, so what matters is the ranking
 * within a group, which converges long before the last digits of the log-loss (bench/posterior-coverage.ts).
 */
// gbm keeps its default 255 feature bins: with 64, a feature that is 0 on most rows (Adult's capital_gain) lost
// its informative values and the estimate fell below what an intervention reached (docs/estimation.md).
const LEARNER_SETTINGS: { readonly [K in LearnerName]: () => Learner } = {
  logit: () => learnerFactories.logit({ gradientTolerance: 1e-5, maxIterations: 300 }),
  gbm: () => learnerFactories.gbm({ nEstimators: 50, learningRate: 0.2, maxDepth: 3 }),
  rf: () => learnerFactories.rf({ nEstimators: 30, minSamplesLeaf: 20 }),
};

/** What the three numbers at each alpha are, in plain words (report and text output). */
export const POSTERIOR_COVERS =
  'estimate: the exact FairFront of the cells of a cross-fitted posterior P(Y | features, group) of all rows ' +
  '(learner and number of cells chosen by inner cross-validation). lower: a lower confidence bound on the ' +
  'population FairFront of all the features used: a fair rule fitted on other rows, scored on rows it never ' +
  'saw, charged for any excess violation; any function of the features is a garbling of them, so no rule beats ' +
  'their limit (Blackwell). upper: a confidence bound on the limit of classifiers that see the features only ' +
  "through the learned score's cells; it is not an upper bound for the full features, which a better learner " +
  'could exploit further.';

export interface PosteriorFrontierOptions extends FrontierModelOptions {
  /** Bounds of any criteria of docs/constraints.md (absent = vacuous); the estimate covers accuracy. */
  readonly alphas: readonly Partial<Bounds>[];
  readonly seed: number;
  /** Two-sided level of the interval (default 0.95). */
  readonly level?: number;
  /** Outer cross-fitting folds K >= 3 (default 4). */
  readonly folds?: number;
  /** Learners to choose from (default logit and gbm). */
  readonly learners?: readonly LearnerName[];
  /** Candidate numbers of score bins per (group, ranked-first class) (default 4, 8, 16, 32). */
  readonly bins?: readonly number[];
  /** Rows a learner is fitted on at most (default 20 000). */
  readonly maxFitRows?: number;
  readonly onProgress?: ProgressCallback;
}

export interface PosteriorFrontierPoint {
  readonly alpha: Bounds;
  /** The headline: exact FairFront of the cross-fitted posterior's cells (kept within [lower, upper]). */
  readonly estimate: number;
  /** Lower confidence bound on the population FairFront of the full features. */
  readonly lower: number;
  /** Upper confidence bound on the limit through the learned score's cells (not the full features). */
  readonly upper: number;
  readonly level: number;
  readonly method: typeof POSTERIOR_METHOD;
  /** The plug-in value before it was kept within the interval. */
  readonly inSample: number;
  /** Cross-fitted Lagrangian of the fitted fair rules on held-out rows (before the margin). */
  readonly lowerEstimate: number;
  readonly upperEstimate: number;
  readonly lowerStandardError: number;
  readonly upperStandardError: number;
}

export interface PosteriorFrontier {
  readonly method: typeof POSTERIOR_METHOD;
  readonly level: number;
  readonly seed: number;
  readonly folds: number;
  /** Learner chosen in each outer fold (its rows' posteriors in the estimate come from it). */
  readonly learnerOfFold: readonly LearnerName[];
  /** Score bins chosen in each outer fold; the estimate uses their median. */
  readonly binsOfFold: readonly number[];
  readonly estimateBins: number;
  readonly estimateCells: number;
  /** Bayes accuracy of the estimate's cells (alpha = 1). */
  readonly bayesAccuracy: number;
  readonly points: readonly PosteriorFrontierPoint[];
  readonly covers: string;
  /** The cross-fitted posterior of every row (nRows x nClasses) and its fold: for measuring placed models. */
  readonly posterior: Float64Array;
  readonly foldOfRow: Int32Array;
  readonly elapsedMs: number;
}

/** The distribution of the rows `rows` on global cells `cellOfRow` (group-aware ids); -1 marks absent cells. */
function cellDistribution(
  table: EncodedTable,
  cellOfRow: Int32Array,
  nTotal: number,
  rows: ArrayLike<number>,
): { distribution: Distribution; localOf: Int32Array } {
  const A = table.groupNames.length;
  const C = table.classNames.length;
  const count = new Float64Array(nTotal);
  for (let r = 0; r < rows.length; r++) count[cellOfRow[rows[r]]]++;
  const localOf = new Int32Array(nTotal).fill(-1);
  const keys: string[] = [];
  for (let k = 0; k < nTotal; k++)
    if (count[k] > 0) {
      localOf[k] = keys.length;
      keys.push(`score cell ${k}`);
    }
  const weights = new Float64Array(keys.length * A * C);
  const rowsPerCell = new Float64Array(keys.length);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    const k = localOf[cellOfRow[i]];
    rowsPerCell[k]++;
    weights[(k * A + table.group[i]) * C + table.label[i]] += table.weight ? table.weight[i] : 1;
  }
  const distribution = normalizeDistribution(
    { cellKeys: keys, groupNames: table.groupNames, classNames: table.classNames, isGroupAware: true },
    weights,
    rowsPerCell,
    rows.length,
  );
  return { distribution, localOf };
}

/**
 * The number of score bins with the smallest cross-validated log-loss of the cells' label rates on the training
 * rows `rows` (inner folds = the outer folds other than the held one): few bins lose information, many bins
 * estimate their rates from few rows. The edges are fitted on all training rows, which only ranks candidates.
 */
function chooseBins(
  table: EncodedTable,
  proba: Float64Array,
  rows: Int32Array,
  foldOfRow: Int32Array,
  candidates: readonly number[],
): number {
  const A = table.groupNames.length;
  const C = table.classNames.length;
  const folds = [...new Set(Array.from(rows, (r) => foldOfRow[r]))];
  let best = candidates[0];
  let bestLoss = Infinity;
  for (const nBins of candidates) {
    const q = fitScoreCells(proba, table.group, rows, A, C, nBins);
    const cells = scoreCellsOf(q, proba, table.group);
    const nTotal = scoreCellCount(q);
    const counts = new Float64Array(nTotal * C);
    for (const r of rows) counts[cells[r] * C + table.label[r]]++;
    let loss = 0;
    for (const j of folds) {
      const own = new Float64Array(nTotal * C);
      for (const r of rows) if (foldOfRow[r] === j) own[cells[r] * C + table.label[r]]++;
      for (const r of rows) {
        if (foldOfRow[r] !== j) continue;
        const k = cells[r];
        let n = 0;
        for (let y = 0; y < C; y++) n += counts[k * C + y] - own[k * C + y];
        const m = counts[k * C + table.label[r]] - own[k * C + table.label[r]];
        loss -= Math.log((m + 0.5) / (n + 0.5 * C));
      }
    }
    if (loss < bestLoss - 1e-9) {
      bestLoss = loss;
      best = nBins;
    }
  }
  return best;
}

/** Group and label of some rows, as the table the held-out Lagrangian reads. */
function labelsOf(table: EncodedTable, rows: Int32Array): EncodedTable {
  return {
    name: table.name,
    nRows: rows.length,
    featureNames: [],
    features: [],
    group: Int32Array.from(rows, (r) => table.group[r]),
    groupNames: table.groupNames,
    label: Int32Array.from(rows, (r) => table.label[r]),
    classNames: table.classNames,
  };
}

function checkOptions(table: EncodedTable, options: PosteriorFrontierOptions) {
  const level = options.level ?? DEFAULT_INTERVAL_LEVEL;
  if (typeof level !== 'number' || !(level > 0 && level < 1))
    throw new InputError('E_BAD_OPTION', `level must be strictly between 0 and 1, got ${level}`, {
      option: 'level',
    });
  if (!Number.isInteger(options.seed))
    throw new InputError('E_BAD_OPTION', 'seed must be an integer', { option: 'seed' });
  const folds = options.folds ?? DEFAULT_POSTERIOR_FOLDS;
  if (!Number.isInteger(folds) || folds < 3)
    throw new InputError('E_BAD_OPTION', `posterior folds must be an integer >= 3, got ${folds}`, {
      option: 'folds',
    });
  if (options.alphas.length === 0)
    throw new InputError('E_BAD_ALPHA', 'the alpha list is empty', { option: 'alphas' });
  if (table.nRows < 10 * folds)
    throw new InputError(
      'E_BAD_OPTION',
      `${table.nRows} rows are too few for the posterior estimate with ${folds} folds`,
      { option: 'estimate' },
    );
  if (options.objective !== undefined && options.objective.kind !== 'accuracy')
    throw new InputError(
      'E_BAD_OPTION',
      `the posterior estimate covers FairFront's accuracy; the ${String(options.objective.kind)} objective is not covered`,
      { option: 'objective' },
    );
  const names = options.learners ?? DEFAULT_POSTERIOR_LEARNERS;
  if (names.length === 0 || names.some((n) => !isLearnerName(n)))
    throw new InputError('E_BAD_OPTION', `unknown learner in ${JSON.stringify(names)} (use logit, gbm, rf)`, {
      option: 'learners',
    });
  const bins = options.bins ?? DEFAULT_POSTERIOR_BINS;
  if (bins.length === 0 || bins.some((b) => !Number.isInteger(b) || b < 1 || b > 1000))
    throw new InputError('E_BAD_OPTION', `bins must be integers in 1..1000, got ${JSON.stringify(bins)}`, {
      option: 'bins',
    });
  const maxFitRows = options.maxFitRows ?? DEFAULT_POSTERIOR_MAX_FIT_ROWS;
  if (!Number.isInteger(maxFitRows) || maxFitRows < 10)
    throw new InputError('E_BAD_OPTION', `maxFitRows must be an integer >= 10, got ${maxFitRows}`, {
      option: 'maxFitRows',
    });
  return { level, folds, names, bins, maxFitRows };
}

/**
 * The population FairFront of the full features, estimated from rows (docs/estimation.md, The default estimate
 * on a CSV). A posterior P(Y | X, S) is learned with nested cross-fitting (crossFitPosterior); its quantiles per
 * group (and ranked-first class) are cells.
 * - lower: for each outer fold k, the learner and the bins are chosen on the other folds, the exact LP on their
 *   cells (their scores from models that never saw their labels) gives a fair rule, and that rule, applied to the
 *   cells of fold k's scores (from the model fitted without fold k), is scored on fold k by the held-out
 *   Lagrangian of the cross-fitted interval (accuracy charged for excess violation at the training prices). The
 *   rule is a fixed function of (x, s) given the other folds, so by Blackwell it reaches at most the full
 *   features' FairFront; the folds' values are combined with a one-sided normal margin.
 * - upper: the dual function at the training prices on fold k's score cells (weak duality), plus the margin: it
 *   bounds the limit through those cells only.
 * - estimate: the exact LP on the cells of every row's cross-fitted posterior.
 * @throws InputError E_BAD_OPTION, E_BAD_ALPHA, E_EMPTY_GROUP_LABEL (a fold misses a (group, label) pair);
 *   SolverError as fairFront
 * @example
 * const { points } = await posteriorFrontier(table, { alphas: [{ eo: 0 }], seed: 1 });
 * points.map((p) => [p.lower, p.estimate, p.upper]);
 */
export async function posteriorFrontier(
  table: EncodedTable,
  options: PosteriorFrontierOptions,
): Promise<PosteriorFrontier> {
  const started = performance.now();
  const fitted = fitPosteriorCells(table, options);
  const points = await fitted.evaluate(options.alphas);
  options.onProgress?.(fitted.steps, fitted.steps);
  return { ...fitted.summary, points, elapsedMs: performance.now() - started };
}

/** The fitted stages of the posterior estimate, evaluated at any alphas without refitting the learners. */
export interface PosteriorCells {
  readonly summary: Omit<PosteriorFrontier, 'points' | 'elapsedMs'>;
  /** The estimate's cell of every row (group-aware ids), for a report's exact LP on the same cells. */
  readonly cellOfRow: Int32Array;
  /** Progress steps of fitting and one evaluation. */
  readonly steps: number;
  evaluate(alphas: readonly Partial<Bounds>[]): Promise<PosteriorFrontierPoint[]>;
}

/** One outer fold's training cells and where its held-out rows fall in them. */
interface OuterFold {
  readonly distribution: Distribution;
  readonly heldTable: EncodedTable;
  readonly heldLocal: Int32Array;
  readonly ownCells: { readonly cellOfRow: Int32Array; readonly nCells: number };
  readonly share: number;
}

/**
 * Fits the learners (nested cross-fitting), chooses learner and bins per outer fold, and builds the cells: the
 * expensive part of `posteriorFrontier`. `evaluate` solves the LPs at any alphas (e.g. at placed models'
 * violations) on the same cells.
 */
export function fitPosteriorCells(table: EncodedTable, options: PosteriorFrontierOptions): PosteriorCells {
  checkEncodedTable(table);
  checkOptionsObject(options, 'options');
  const { level, folds, names, bins, maxFitRows } = checkOptions(table, options);
  const A = table.groupNames.length;
  const C = table.classNames.length;
  const nFits = names.length * ((folds * (folds - 1)) / 2) + folds;
  const steps = nFits + 1;
  const rng = createRng(options.seed);
  const cf: CrossFitPosterior = crossFitPosterior(table, {
    learners: names.map((n) => LEARNER_SETTINGS[n]()),
    folds,
    rng,
    maxFitRows,
    onFit: (done) => options.onProgress?.(done, steps),
  });
  const learnerOfFold = cf.learnerOfFold;
  const binsOfFold: number[] = [];
  const outerFolds: OuterFold[] = [];
  for (let k = 0; k < folds; k++) {
    const held = cf.foldRows[k];
    const train = new Int32Array(table.nRows - held.length);
    let t = 0;
    for (let r = 0; r < table.nRows; r++) if (cf.foldOfRow[r] !== k) train[t++] = r;
    const innerProba = cf.inner[k];
    const nBins = bins.length > 1 ? chooseBins(table, innerProba, train, cf.foldOfRow, bins) : bins[0];
    binsOfFold.push(nBins);
    const q = fitScoreCells(innerProba, table.group, train, A, C, nBins);
    const nTotal = scoreCellCount(q);
    const trainCells = scoreCellsOf(q, innerProba, table.group);
    const { distribution, localOf } = cellDistribution(table, trainCells, nTotal, train);
    const heldTable = labelsOf(table, held);
    const heldProba = new Float64Array(held.length * C);
    held.forEach((r, i) => heldProba.set(cf.outer.subarray(r * C, (r + 1) * C), i * C));
    const heldGlobal = scoreCellsOf(q, heldProba, heldTable.group);
    outerFolds.push({
      distribution,
      heldTable,
      heldLocal: Int32Array.from(heldGlobal, (g) => localOf[g]),
      ownCells: { cellOfRow: heldGlobal, nCells: nTotal },
      share: held.length / table.nRows,
    });
  }
  // The estimate: every row's posterior from the model fitted without its fold (the learner its fold chose).
  const posterior = cf.outer;
  const estimateBins = [...binsOfFold].sort((a, b) => a - b)[Math.floor(folds / 2)];
  const allRows = Int32Array.from({ length: table.nRows }, (_, i) => i);
  const q = fitScoreCells(posterior, table.group, allRows, A, C, estimateBins);
  const cellOfRow = scoreCellsOf(q, posterior, table.group);
  const { distribution: estimateCells } = cellDistribution(table, cellOfRow, scoreCellCount(q), allRows);
  const z = -normalQuantile((1 - level) / 2);

  async function evaluate(alphasIn: readonly Partial<Bounds>[]): Promise<PosteriorFrontierPoint[]> {
    const alphas = alphasIn.map((a) => completeBounds(a));
    const modelOptions = {
      ...(options.algorithm ? { algorithm: options.algorithm } : {}),
      ...(options.timeLimitSeconds !== undefined ? { timeLimitSeconds: options.timeLimitSeconds } : {}),
      criteria: criteriaOf(alphas, options),
    };
    const sums = alphas.map(() => ({ lower: zero(), upper: zero() }));
    for (const fold of outerFolds) {
      const model = await openFrontierModel(fold.distribution, {
        ...modelOptions,
        fairnessRowForm: 'pairwise',
      });
      try {
        alphas.forEach((alpha, a) => {
          const point = model.solve(alpha);
          const sign = dualSign(fold.distribution, point.fairnessDuals, alpha);
          const { proba } = applyCellClassifier(fold.distribution, point.h, fold.heldTable, fold.heldLocal);
          const b = foldBounds(fold.heldTable, proba, point.fairnessDuals, alpha, sign, true, fold.ownCells);
          add(sums[a].lower, b.lower, fold.share);
          add(sums[a].upper, b.upper, fold.share);
        });
      } finally {
        model.dispose();
      }
    }
    const inSample: number[] = [];
    const model = await openFrontierModel(estimateCells, modelOptions);
    try {
      for (const alpha of alphas) inSample.push(model.solve(alpha).accuracy);
    } finally {
      model.dispose();
    }
    return alphas.map((alpha, a) => {
      const lowerSe = Math.sqrt(sums[a].lower.variance);
      const upperSe = Math.sqrt(sums[a].upper.variance);
      const lower = Math.max(0, sums[a].lower.value - z * lowerSe);
      const upper = Math.min(1, Math.max(lower, sums[a].upper.value + z * upperSe));
      return {
        alpha,
        estimate: Math.min(upper, Math.max(lower, inSample[a])),
        lower,
        upper,
        level,
        method: POSTERIOR_METHOD,
        inSample: inSample[a],
        lowerEstimate: sums[a].lower.value,
        upperEstimate: sums[a].upper.value,
        lowerStandardError: lowerSe,
        upperStandardError: upperSe,
      };
    });
  }

  return {
    summary: {
      method: POSTERIOR_METHOD,
      level,
      seed: options.seed,
      folds,
      learnerOfFold: learnerOfFold.map((l) => names[l]),
      binsOfFold,
      estimateBins,
      estimateCells: estimateCells.nCells,
      bayesAccuracy: bayesAccuracy(estimateCells),
      covers: POSTERIOR_COVERS,
      posterior,
      foldOfRow: cf.foldOfRow,
    },
    cellOfRow,
    steps,
    evaluate,
  };
}

const zero = () => ({ value: 0, variance: 0 });
function add(t: { value: number; variance: number }, e: RowEstimate, share: number) {
  t.value += share * e.value;
  t.variance += (share * e.standardError) ** 2;
}
