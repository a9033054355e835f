import { normalQuantile } from '../../data/synthetic.js';
import { selectRows, type EncodedTable } from '../../data/table.js';
import { distributionFromTable } from '../../distribution/index.js';
import { InputError, SolverError } from '../../errors.js';
import {
  type Bounds,
  CRITERIA,
  CRITERION_KIND,
  type Criterion,
  completeBounds,
  isVacuousBound,
} from '../../metrics/index.js';
import {
  openFrontierModel,
  type FairFrontPoint,
  type FrontierModel,
  type FrontierModelOptions,
} from '../frontier-model.js';
import { clopperPearsonUpper } from './clopper-pearson.js';
import { criteriaOf } from './held-out-frontier.js';
import { maxCriticalValue } from './max-critical-value.js';
import { applyCellClassifier } from './held-out.js';
import {
  dualSign,
  foldBounds,
  foldLowerBound,
  foldPriceFloorLowerBound,
  type RowEstimate,
} from './lagrangian-bounds.js';
import { foldDistribution } from './fold-distribution.js';
import { stratifiedOrder } from './stratified-order.js';
import { supportReport } from './support-warnings.js';
import {
  DEFAULT_INTERVAL_FOLDS,
  DEFAULT_INTERVAL_LEVEL,
  INTERVAL_BACK_OFF_SIZES,
  INTERVAL_CELLS_PER_ROW_LIMIT,
  INTERVAL_PRICE_WINDOW_SE,
  MEASURED_INTERVAL_COVERAGE,
} from './tolerances.js';

/** The interval's method name, as written into reports. */
export const INTERVAL_METHOD = 'cross-fit-lagrangian' as const;

/**
 * How the per-fold standard errors are combined: `pooled` treats the folds' errors as independent
 * (sqrt of the summed variances), `conservative` adds the standard errors (valid for any correlation, by
 * Cauchy-Schwarz). The default was chosen by the coverage simulation (bench/coverage.ts).
 */
export type IntervalCombine = 'pooled' | 'conservative';

export interface FrontierIntervalOptions extends FrontierModelOptions {
  /**
   * Bounds of any criteria of docs/constraints.md (differences, ratios, group loss; absent = vacuous). The
   * interval bounds the accuracy objective only.
   */
  readonly alphas: readonly Partial<Bounds>[];
  /** Two-sided confidence level in (0, 1). Default 0.95. */
  readonly level?: number;
  /** Required seed of the fold split. */
  readonly seed: number;
  /** Cross-fitting folds K >= 2 (default 5): rules and multipliers fitted on K-1 folds, evaluated on the rest. */
  readonly folds?: number;
  /** Group in the cell key (default true). */
  readonly isGroupAware?: boolean;
  /** How fold standard errors combine (default `pooled`). */
  readonly combine?: IntervalCombine;
  /**
   * Back-off sizes of the lower side's rules: for each size m, training cells with fewer than m rows are pooled
   * within their group before the rule is fitted (see poolRareCells; 1 = no pooling). Each size gives a lower
   * confidence bound; the lower end is the largest of them, all at the max-type critical value of their joint
   * normal law at (1 - level) / 2 (Bonferroni with `combine: 'conservative'`).
   * Default INTERVAL_BACK_OFF_SIZES.
   */
  readonly minCellRows?: number | readonly number[];
}

export interface FrontierIntervalPoint {
  readonly alpha: Bounds;
  /** Lower confidence bound for the population FairFront(alpha). */
  readonly lower: number;
  /** Upper confidence bound for the population FairFront(alpha). */
  readonly upper: number;
  readonly level: number;
  readonly method: typeof INTERVAL_METHOD;
  /** In-sample FairFront on all rows (the plug-in estimate, biased upward). */
  readonly inSample: number;
  /** Cross-fitted Lagrangian value of the training rules on held-out rows (before the margin). */
  readonly lowerEstimate: number;
  /** Cross-fitted dual function at the training multipliers on held-out rows (before the margin). */
  readonly upperEstimate: number;
  readonly lowerStandardError: number;
  readonly upperStandardError: number;
  /**
   * Clopper-Pearson upper limit, one-sided at (1 - level) / 4, of the in-sample Bayes accuracy (the same at every
   * alpha): the upper end is the smaller of it and upperEstimate + z((1 - level) / 4) * upperStandardError.
   */
  readonly bayesUpper: number;
  /**
   * The critical value of the lower end: the max-type value of the back-off sizes' joint normal law at
   * (1 - level) / 2 (between z((1 - level) / 2) and the Bonferroni z((1 - level) / (2 sizes))).
   */
  readonly lowerCriticalValue: number;
  /** The back-off size whose rule gave the lower end (see FrontierIntervalOptions.minCellRows). */
  readonly lowerMinCellRows: number;
}

export interface FrontierInterval {
  readonly method: typeof INTERVAL_METHOD;
  readonly level: number;
  readonly seed: number;
  readonly folds: number;
  readonly combine: IntervalCombine;
  readonly cellsPerRow: number;
  /** The back-off sizes of the lower side's rules (see FrontierIntervalOptions.minCellRows). */
  readonly backOffSizes: readonly number[];
  readonly points: readonly FrontierIntervalPoint[];
  /** What the interval covers, in plain words. */
  readonly covers: string;
  /** Coverage measured by bench/coverage.ts, and a warning when cells per row exceed the tested range. */
  readonly warnings: readonly string[];
  readonly elapsedMs: number;
}

/** The plain-words statement written next to every interval. */
export const INTERVAL_COVERS =
  'the population FairFront at each alpha: the best accuracy any classifier on these cells (randomized rules ' +
  'allowed) can reach on the population the rows were drawn from, under the fairness constraints. The in-sample ' +
  'value is biased upward (a maximum over noisy data); the interval is built from rules and prices fitted on ' +
  'some folds and scored on the others, so it does not inherit that bias.';

/**
 * A confidence interval for the population FairFront(alpha) (see docs/estimation.md and docs/design.md,
 * Inference). Cross-fitted Lagrangian bracket: for each fold, the exact LP on the other folds gives an
 * optimal rule h and row multipliers y; on the fold's rows
 * - upper: the dual function D(y; p) = max_h L(h, y; p) is an upper bound on FairFront for every y (weak
 *   duality), and its plug-in on held-out rows is biased upward (a maximum of unbiased linear estimates), so
 *   D-hat + z * se is an upper confidence bound;
 * - lower: L(h, y; p) <= FairFront at the population multipliers y* (Lagrangian duality), and the training h
 *   is suboptimal on new rows, so L-hat(h, y) - z * se is a lower confidence bound up to replacing y* by its
 *   cross-fitted estimate (a second-order error, which the coverage simulation measures).
 * Where the training rows find the constraint slack but the population's binds (a kink), the training
 * multiplier is 0 and the rule's excess violation on new rows would cost nothing; so each fold's lower value is
 * the smaller of that Lagrangian and the rule's accuracy minus its excess violation at a price floor, the
 * training price one standard error of a rate difference below alpha (concavity makes it no smaller than the
 * price at alpha; see foldPriceFloorLowerBound).
 * The lower side is computed for rules fitted after backing off rare training cells at each size in
 * `minCellRows` (default 1, 3, 10); the lower end is the largest of their lower bounds, all at the max-type
 * critical value of their joint normal law (maxCriticalValue), so it follows whichever size suits the data
 * without choosing on the evaluated rows.
 * The upper end is the smaller of the dual side and the Clopper-Pearson upper limit of the in-sample Bayes
 * accuracy, each one-sided at (1 - level) / 4. Each end is one-sided at (1 - level) / 2, so the union bound
 * gives level. Folds are stratified by (group, label). Coverage is measured in bench/coverage.ts on populations
 * with known FairFront; the report warns where cells per row exceed the range where coverage was shown.
 * @throws InputError E_BAD_OPTION, E_BAD_ALPHA, E_EMPTY_GROUP_LABEL (a fold misses a (group, label) pair: a
 *   pair with fewer rows than folds); SolverError as fairFront
 * @example
 * const { points } = await frontierInterval(table, { alphas: [{ eo: 0 }, { eo: 0.05 }], seed: 1 });
 * points.map((p) => [p.lower, p.upper]);
 */
export async function frontierInterval(
  table: EncodedTable,
  options: FrontierIntervalOptions,
): Promise<FrontierInterval> {
  const started = performance.now();
  const level = options.level ?? DEFAULT_INTERVAL_LEVEL;
  if (typeof level !== 'number' || !(level > 0 && level < 1))
    throw new InputError('E_BAD_OPTION', `level must be strictly between 0 and 1, got ${level}`, {
      option: 'level',
    });
  if (!Number.isInteger(options.seed))
    throw new InputError('E_BAD_OPTION', 'seed must be an integer', { option: 'seed' });
  const folds = options.folds ?? DEFAULT_INTERVAL_FOLDS;
  if (!Number.isInteger(folds) || folds < 2)
    throw new InputError('E_BAD_OPTION', `interval folds must be an integer >= 2, got ${folds}`, {
      option: 'folds',
    });
  if (options.alphas.length === 0)
    throw new InputError('E_BAD_ALPHA', 'the alpha list is empty', { option: 'alphas' });
  if (table.nRows < 4 * folds)
    throw new InputError('E_BAD_OPTION', `${table.nRows} rows are too few for a ${folds}-fold interval`, {
      option: 'interval',
    });
  const combine = options.combine ?? 'pooled';
  if (options.objective !== undefined && options.objective.kind !== 'accuracy')
    throw new InputError(
      'E_BAD_OPTION',
      `the interval covers FairFront's accuracy; the ${String(options.objective.kind)} objective is not covered (see docs/estimation.md)`,
      { option: 'objective' },
    );
  const alphas = options.alphas.map((a) => completeBounds(a));
  const modelOptions = { ...options, criteria: criteriaOf(alphas, options) };
  const isGroupAware = options.isGroupAware ?? true;
  const { distribution: full, cellOfRow } = distributionFromTable(table, { isGroupAware });
  const inSample: number[] = [];
  {
    const model = await openFrontierModel(full, modelOptions);
    try {
      for (const alpha of alphas) inSample.push(model.solve(alpha).accuracy);
    } finally {
      model.dispose();
    }
  }
  // Folds stratified by (group, label), so a small minority reaches every fold (docs/estimation.md).
  const order = stratifiedOrder(table, options.seed);
  const foldRows: number[][] = Array.from({ length: folds }, () => []);
  order.forEach((row, i) => foldRows[i % folds].push(row));
  const sizes = backOffSizes(options.minCellRows);
  const sum = () => ({ value: 0, se: 0, variance: 0 });
  const add = (t: { value: number; se: number; variance: number }, e: RowEstimate, share: number) => {
    t.value += share * e.value;
    t.se += share * e.standardError;
    t.variance += (share * e.standardError) ** 2;
  };
  const lowerSums = sizes.map(() => alphas.map(sum));
  // Each size's share-weighted centred influence per row, for the covariance of the sizes' lower estimates.
  const influence = sizes.map(() => alphas.map(() => new Float64Array(table.nRows)));
  const upperSums = alphas.map(sum);
  const heldMask = new Uint8Array(table.nRows);
  for (let f = 0; f < folds; f++) {
    const held = foldRows[f].sort((a, b) => a - b);
    heldMask.fill(0);
    held.forEach((r) => (heldMask[r] = 1));
    const trainRows: number[] = [];
    for (let r = 0; r < table.nRows; r++) if (!heldMask[r]) trainRows.push(r);
    const heldTable = selectRows(table, held, `${table.name} (interval fold ${f + 1}/${folds})`);
    const share = held.length / table.nRows;
    const window = priceWindow(table, trainRows);
    const addLower = (j: number, a: number, e: RowEstimate) => {
      add(lowerSums[j][a], e, share);
      const c = e.centeredInfluence;
      if (c) held.forEach((r, i) => (influence[j][a][r] = share * c[i]));
    };
    // The held rows' own cells, for the upper side's best response (any numbering of the same partition).
    const ownCells = { cellOfRow: Int32Array.from(held, (r) => cellOfRow[r]), nCells: full.nCells };
    // The lower side's rules back off rare training cells (see docs/estimation.md): a rule that memorizes
    // one-row cells scores badly on new rows, and any rule on the cells gives a valid lower end. A size that
    // pools no training row gives the unpooled rule again.
    const fits = sizes.map((m) =>
      foldDistribution(table, cellOfRow, full.cellKeys, isGroupAware, trainRows, held, m),
    );
    const fine =
      fits[0].pooledRows === 0
        ? fits[0]
        : foldDistribution(table, cellOfRow, full.cellKeys, isGroupAware, trainRows, held);
    const distinct = fits.map((d, j) => (d.pooledRows === 0 ? -1 : j));
    // The Lagrangian on held-out rows follows the pairwise rows (docs/estimation.md); both forms give the same
    // frontier.
    const foldModelOptions = { ...modelOptions, fairnessRowForm: 'pairwise' as const };
    const models: FrontierModel[] = [];
    try {
      const model = await openFrontierModel(fine.train, foldModelOptions);
      models.push(model);
      const pooledModels = new Map<number, FrontierModel>();
      for (const j of distinct)
        if (j >= 0) {
          const m = await openFrontierModel(fits[j].train, foldModelOptions);
          models.push(m);
          pooledModels.set(j, m);
        }
      alphas.forEach((alpha, a) => {
        const point = model.solve(alpha);
        const sign = dualSign(fine.train, point.fairnessDuals, alpha);
        const { proba } = applyCellClassifier(fine.train, point.h, heldTable, fine.evalCells);
        const b = foldBounds(heldTable, proba, point.fairnessDuals, alpha, sign, isGroupAware, ownCells);
        add(upperSums[a], b.upper, share);
        // The smaller of the lower sides at the training multipliers and at the price floor (kinks).
        const lowerOf = (
          m: FrontierModel,
          fitted: FairFrontPoint,
          rowsProba: ArrayLike<number>,
          multiplierSide: RowEstimate,
        ) => {
          const floor = priceFloor(m, fitted, alpha, window);
          if (!floor) return multiplierSide;
          const floored = foldPriceFloorLowerBound(heldTable, rowsProba, floor, alpha, window);
          return floored.value < multiplierSide.value ? floored : multiplierSide;
        };
        const fineLower = lowerOf(model, point, proba, b.lower);
        sizes.forEach((_, j) => {
          const pooledModel = pooledModels.get(j);
          if (!pooledModel) return addLower(j, a, fineLower);
          const d = fits[j].train;
          const rule = pooledModel.solve(alpha);
          const ruleSign = dualSign(d, rule.fairnessDuals, alpha);
          const ruleProba = applyCellClassifier(d, rule.h, heldTable, fits[j].evalCells).proba;
          const lower = foldLowerBound(
            heldTable,
            ruleProba,
            rule.fairnessDuals,
            alpha,
            ruleSign,
            isGroupAware,
            ownCells,
          );
          addLower(j, a, lowerOf(pooledModel, rule, ruleProba, lower));
        });
      });
    } finally {
      for (const m of models) m.dispose();
    }
  }
  // The upper end is the smaller of two upper bounds, each one-sided at (1 - level) / 4: the Lagrangian one and
  // the Clopper-Pearson limit of the in-sample Bayes accuracy (valid at any N: its count is at least the
  // population Bayes rule's count on these rows, which is binomial).
  const z = -normalQuantile((1 - level) / 4); // upper tail as minus the lower: exact for levels near 1
  const bayesUpper = clopperPearsonUpper(
    bayesCount(table, cellOfRow, full.nCells),
    table.nRows,
    (1 - level) / 4,
  );
  // The lower end is the largest of the back-off sizes' lower bounds, each at the max-type critical value of
  // their joint normal law (pooled errors; covariance from the rows' influence values), so it fails with
  // probability (1 - level) / 2; the conservative combination keeps the Bonferroni value (1 - level) / (2 sizes).
  const bonferroni = -normalQuantile((1 - level) / (2 * sizes.length)); // the upper tail as minus the lower: exact near level 1
  const seOf = (s: { se: number; variance: number }) => (combine === 'pooled' ? Math.sqrt(s.variance) : s.se);
  const points = alphas.map((alpha, a) => {
    let best = 0;
    const zLower =
      combine === 'pooled'
        ? maxCriticalValue(
            sizes.map((_, j) =>
              sizes.map((__, k) => {
                let c = 0;
                const x = influence[j][a];
                const y = influence[k][a];
                for (let i = 0; i < x.length; i++) c += x[i] * y[i];
                return c;
              }),
            ),
            (1 - level) / 2,
            options.seed + a,
          )
        : bonferroni;
    const bound = (j: number) => lowerSums[j][a].value - zLower * seOf(lowerSums[j][a]);
    for (let j = 1; j < sizes.length; j++) if (bound(j) > bound(best)) best = j;
    const lowerSe = seOf(lowerSums[best][a]);
    const upperSe = seOf(upperSums[a]);
    return {
      alpha,
      lower: Math.max(0, bound(best)),
      upper: Math.min(1, bayesUpper, upperSums[a].value + z * upperSe),
      level,
      method: INTERVAL_METHOD,
      inSample: inSample[a],
      lowerEstimate: lowerSums[best][a].value,
      upperEstimate: upperSums[a].value,
      lowerStandardError: lowerSe,
      upperStandardError: upperSe,
      bayesUpper,
      lowerCriticalValue: zLower,
      lowerMinCellRows: sizes[best],
    };
  });
  const { cellsPerRow } = supportReport(full);
  return {
    method: INTERVAL_METHOD,
    level,
    seed: options.seed,
    folds,
    combine,
    cellsPerRow,
    backOffSizes: sizes,
    points,
    covers: INTERVAL_COVERS,
    warnings: intervalWarnings(cellsPerRow),
    elapsedMs: performance.now() - started,
  };
}

/** The measured-coverage warning for data with more cells per row than the range the simulation covered. */
export function intervalWarnings(cellsPerRow: number): string[] {
  if (cellsPerRow <= INTERVAL_CELLS_PER_ROW_LIMIT) return [];
  const m = MEASURED_INTERVAL_COVERAGE;
  return [
    `${cellsPerRow.toFixed(3)} cells per row is above ${INTERVAL_CELLS_PER_ROW_LIMIT}, where the interval's coverage ` +
      `was shown; measured in simulation (bench/coverage.ts) at ${m.cellsPerRow} cells per row: coverage ` +
      `${m.coverage} at nominal 0.95, mean width ${m.meanWidth}: the interval stays valid but grows wide, because ` +
      'the data cannot tell how predictive rare cells are. Coarser cells give a tighter interval.',
  ];
}

/**
 * The window below alpha at which the price floor is read: INTERVAL_PRICE_WINDOW_SE standard errors of a rate
 * difference in the training rows' smallest (group, label) stratum, sqrt(1/2 / n), of order n^-1/2.
 */
function priceWindow(table: EncodedTable, trainRows: readonly number[]): number {
  const C = table.classNames.length;
  const count = new Float64Array(table.groupNames.length * C);
  for (const r of trainRows) count[table.group[r] * C + table.label[r]]++;
  return INTERVAL_PRICE_WINDOW_SE * Math.sqrt(0.5 / Math.max(1, Math.min(...count)));
}

/**
 * The price floor of each bounded difference or group-loss criterion (docs/estimation.md, kinks): the training
 * LP's price |d FairFront / d bound| at the bound lowered by `window` (at 0 when alpha is smaller). The optimum
 * is concave in the bound, so that price is at least the price at alpha itself, and it stays positive where the
 * constraint binds in the population but the training rows find it slack at alpha. Undefined when no
 * criterion qualifies. A lowered bound the training rows cannot meet (group loss) keeps the price at alpha.
 */
function priceFloor(
  model: FrontierModel,
  fitted: FairFrontPoint,
  alpha: Bounds,
  window: number,
): Partial<Record<Criterion, number>> | undefined {
  let floor: Partial<Record<Criterion, number>> | undefined;
  for (const c of CRITERIA) {
    const t = alpha[c];
    if (CRITERION_KIND[c] === 'ratio' || isVacuousBound(c, t) || !(t > 0)) continue;
    // A criterion that binds on the training rows has its own positive price; the floor is for slack ones.
    if (fitted.price[c] > PRICE_SLACK) continue;
    let price: number;
    try {
      price = model.solve({ ...alpha, [c]: Math.max(0, t - window) }).price[c];
    } catch (error) {
      if (!(error instanceof SolverError)) throw error;
      price = fitted.price[c];
    }
    floor = { ...floor, [c]: price };
  }
  return floor;
}

/** A training price at or below this counts as slack (LP noise around 0). */
const PRICE_SLACK = 1e-9;

/** Rows the in-sample Bayes rule gets right: the sum over cells of the largest label count. */
function bayesCount(table: EncodedTable, cellOfRow: Int32Array, nCells: number): number {
  const C = table.classNames.length;
  const count = new Float64Array(nCells * C);
  for (let i = 0; i < table.nRows; i++) count[cellOfRow[i] * C + table.label[i]]++;
  let total = 0;
  for (let k = 0; k < nCells; k++) total += Math.max(...count.subarray(k * C, (k + 1) * C));
  return total;
}

/** The lower side's back-off sizes: distinct integers >= 1, ascending. */
function backOffSizes(input: number | readonly number[] | undefined): number[] {
  const list = input === undefined ? INTERVAL_BACK_OFF_SIZES : typeof input === 'number' ? [input] : input;
  if (list.length === 0 || list.some((m) => !Number.isInteger(m) || m < 1))
    throw new InputError(
      'E_BAD_OPTION',
      `minCellRows must be an integer >= 1 or a non-empty list of them, got ${JSON.stringify(input)}`,
      { option: 'minCellRows' },
    );
  return [...new Set(list)].sort((a, b) => a - b);
}
