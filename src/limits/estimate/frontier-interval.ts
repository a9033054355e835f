import { normalQuantile } from '../../data/synthetic.js';
import { selectRows, type EncodedTable } from '../../data/table.js';
import { distributionFromTable, locateCells } from '../../distribution/index.js';
import { InputError } from '../../errors.js';
import { type Bounds, completeBounds } from '../../metrics/index.js';
import { createRng, permutation } from '../../rng.js';
import { openFrontierModel, type FrontierModelOptions } from '../frontier-model.js';
import { criteriaOf } from './held-out-frontier.js';
import { applyCellClassifier } from './held-out.js';
import { dualSign, foldBounds, rowCells } from './lagrangian-bounds.js';
import { supportReport } from './support-warnings.js';
import {
  DEFAULT_INTERVAL_FOLDS,
  DEFAULT_INTERVAL_LEVEL,
  INTERVAL_CELLS_PER_ROW_LIMIT,
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
}

export interface FrontierInterval {
  readonly method: typeof INTERVAL_METHOD;
  readonly level: number;
  readonly seed: number;
  readonly folds: number;
  readonly combine: IntervalCombine;
  readonly cellsPerRow: number;
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
 * Each side is one-sided at (1 - level) / 2, so the union bound gives level. Coverage is measured in
 * bench/coverage.ts on populations with known FairFront; the report warns where cells per row exceed the
 * range where coverage was shown.
 * @throws InputError E_BAD_OPTION, E_BAD_ALPHA, E_EMPTY_GROUP_LABEL (a fold misses a (group, label) pair);
 *   SolverError as fairFront
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
  const full = distributionFromTable(table, { isGroupAware }).distribution;
  const inSample: number[] = [];
  {
    const model = await openFrontierModel(full, modelOptions);
    try {
      for (const alpha of alphas) inSample.push(model.solve(alpha).accuracy);
    } finally {
      model.dispose();
    }
  }
  const order = permutation(createRng(options.seed), table.nRows);
  const foldRows: number[][] = Array.from({ length: folds }, () => []);
  order.forEach((row, i) => foldRows[i % folds].push(row));
  const lowerSums = alphas.map(() => ({ value: 0, se: 0, variance: 0 }));
  const upperSums = alphas.map(() => ({ value: 0, se: 0, variance: 0 }));
  for (let f = 0; f < folds; f++) {
    const held = foldRows[f].sort((a, b) => a - b);
    const heldSet = new Uint8Array(table.nRows);
    held.forEach((r) => (heldSet[r] = 1));
    const trainRows: number[] = [];
    for (let r = 0; r < table.nRows; r++) if (!heldSet[r]) trainRows.push(r);
    const trainTable = selectRows(table, trainRows, `${table.name} (interval train ${f + 1}/${folds})`);
    const heldTable = selectRows(table, held, `${table.name} (interval fold ${f + 1}/${folds})`);
    const train = distributionFromTable(trainTable, { isGroupAware }).distribution;
    const share = held.length / table.nRows;
    const heldCells = locateCells(train, heldTable);
    const ownCells = rowCells(heldTable, isGroupAware);
    // The Lagrangian on held-out rows follows the pairwise rows (docs/estimation.md); both forms give the same
    // frontier.
    const model = await openFrontierModel(train, { ...modelOptions, fairnessRowForm: 'pairwise' });
    try {
      alphas.forEach((alpha, a) => {
        const point = model.solve(alpha);
        const sign = dualSign(train, point.fairnessDuals, alpha);
        const { proba } = applyCellClassifier(train, point.h, heldTable, heldCells);
        const b = foldBounds(heldTable, proba, point.fairnessDuals, alpha, sign, isGroupAware, ownCells);
        lowerSums[a].value += share * b.lower.value;
        lowerSums[a].se += share * b.lower.standardError;
        lowerSums[a].variance += (share * b.lower.standardError) ** 2;
        upperSums[a].value += share * b.upper.value;
        upperSums[a].se += share * b.upper.standardError;
        upperSums[a].variance += (share * b.upper.standardError) ** 2;
      });
    } finally {
      model.dispose();
    }
  }
  const z = normalQuantile(1 - (1 - level) / 2);
  const seOf = (s: { se: number; variance: number }) => (combine === 'pooled' ? Math.sqrt(s.variance) : s.se);
  const points = alphas.map((alpha, a) => {
    const lowerSe = seOf(lowerSums[a]);
    const upperSe = seOf(upperSums[a]);
    return {
      alpha,
      lower: Math.max(0, lowerSums[a].value - z * lowerSe),
      upper: Math.min(1, upperSums[a].value + z * upperSe),
      level,
      method: INTERVAL_METHOD,
      inSample: inSample[a],
      lowerEstimate: lowerSums[a].value,
      upperEstimate: upperSums[a].value,
      lowerStandardError: lowerSe,
      upperStandardError: upperSe,
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
