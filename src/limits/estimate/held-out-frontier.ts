import { rowWeight, selectRows, type EncodedTable } from '../../data/table.js';
import { distributionFromTable } from '../../distribution/index.js';
import { InputError } from '../../errors.js';
import { type Bounds, CRITERIA, type Criterion, completeBounds } from '../../metrics/index.js';
import { createRng, permutation } from '../../rng.js';
import { openFrontierModel, type FrontierModelOptions } from '../frontier-model.js';
import { addRowsToSums, emptyEvaluationSums, finishEvaluation, type RowEvaluation } from './held-out.js';
import { supportReport, type SupportReport } from './support-warnings.js';
import { DEFAULT_HELD_OUT_MIN_CELL_ROWS, UNSEEN_ROW_SHARE_WARNING } from './tolerances.js';
import {
  achievableHeldOut,
  tightenAlphas,
  TIGHTENING_FACTORS,
  type AchievableHeldOut,
} from './achievable-held-out.js';
import { chooseMinCellRows, MIN_CELL_ROWS_CANDIDATES } from './choose-min-cell-rows.js';
import { addSplitEvaluations, tightenedCandidates, type TableCells } from './fold-evaluation.js';
import { checkEncodedTable } from '../../data/table.js';
import { checkOptionsObject } from '../../check-masses.js';

/** How the rows are split: one held-out fraction, or K-fold cross-fitting (every row held out once). */
export type HeldOutProtocol =
  | { readonly kind: 'holdout'; readonly fraction: number }
  | { readonly kind: 'folds'; readonly folds: number };

export interface HeldOutFrontierOptions extends FrontierModelOptions {
  /**
   * The bounds to evaluate, of any criteria of docs/constraints.md (each a partial record; absent = vacuous).
   */
  readonly alphas: readonly Partial<Bounds>[];
  /** Held-out share in (0, 1), e.g. 0.3. Exactly one of holdout and folds. */
  readonly holdout?: number;
  /** K >= 2 folds for cross-fitting. */
  readonly folds?: number;
  /** Required seed of the split. */
  readonly seed: number;
  /** Group in the cell key (default true, the paper's). */
  readonly isGroupAware?: boolean;
  /**
   * Back-off for rare cells: training cells with fewer rows than this, and held-out cells unseen in training,
   * are pooled into one cell per group (one cell overall when group-blind) whose rule the LP optimizes.
   * 1 pools only unseen held-out cells into the group's average rule. `'auto'` chooses the size per split among
   * MIN_CELL_ROWS_CANDIDATES by inner cross-validation on that split's training rows only
   * (chooseMinCellRows). Default DEFAULT_HELD_OUT_MIN_CELL_ROWS.
   */
  readonly minCellRows?: number | 'auto';
}

export interface HeldOutFrontierPoint {
  readonly alpha: Bounds;
  /** FairFront on all rows, in sample (optimistic). */
  readonly inSample: { readonly accuracy: number; readonly violations: Readonly<Record<Criterion, number>> };
  /** FairFront on the training part(s), in sample (mean over folds). */
  readonly train: { readonly accuracy: number };
  /**
   * The training-optimal h applied to the held-out rows (pooled over folds): held-out accuracy and violations.
   * Its held-out violations exceed alpha in general: plot it at its own violation, not at alpha.
   */
  readonly heldOut: RowEvaluation;
  /**
   * The achievable held-out point at alpha: the best held-out accuracy with held-out violations <= alpha,
   * among the training rules at tightened alphas mixed with the constant rule (null when none meets alpha).
   * Chosen among a few candidates on the held-out rows, so slightly optimistic.
   */
  readonly achievable: AchievableHeldOut | null;
}

export interface HeldOutFrontier {
  readonly protocol: HeldOutProtocol;
  readonly seed: number;
  readonly points: readonly HeldOutFrontierPoint[];
  /** The constant rule (the most frequent label) on the held-out rows: zero SP and EO violation. */
  readonly constant: RowEvaluation;
  /**
   * The rare-cell back-off used (see HeldOutFrontierOptions.minCellRows); when chosen per split, the size
   * chosen most often (ties: the smaller).
   */
  readonly minCellRows: number;
  /** How the back-off was set, and the size used in each split (fold order). */
  readonly backOff: {
    readonly choice: 'fixed' | 'inner-cross-validation';
    readonly perPart: readonly number[];
    /** The sizes tried (inner cross-validation only). */
    readonly candidates?: readonly number[];
    /** Splits where the inner folds could not be made and the default was kept, with the reason. */
    readonly fallbacks?: readonly string[];
  };
  /** Support of the full data (cells / N, single-row cells). */
  readonly support: SupportReport;
  /** Support warnings plus a warning when many held-out rows fall in unseen cells. */
  readonly warnings: readonly string[];
  readonly elapsedMs: number;
}

function protocolOf(options: HeldOutFrontierOptions): HeldOutProtocol {
  const { holdout, folds } = options;
  if ((holdout === undefined) === (folds === undefined))
    throw new InputError('E_BAD_OPTION', 'give exactly one of holdout (a fraction) and folds (K >= 2)', {
      option: 'holdout',
    });
  if (holdout !== undefined) {
    if (typeof holdout !== 'number' || !(holdout > 0 && holdout < 1))
      throw new InputError(
        'E_BAD_OPTION',
        `holdout must be a fraction strictly between 0 and 1, got ${holdout}`,
        { option: 'holdout' },
      );
    return { kind: 'holdout', fraction: holdout };
  }
  if (!Number.isInteger(folds) || (folds as number) < 2)
    throw new InputError('E_BAD_OPTION', `folds must be an integer >= 2, got ${folds}`, { option: 'folds' });
  return { kind: 'folds', folds: folds as number };
}

/**
 * The held-out finite-sample frontier of docs/design.md (Inference): split the rows (seeded), solve FairFront
 * on the training part, apply the optimal randomized classifier h to the held-out rows (unseen cells use the
 * fallback rule of `applyCellClassifier`: the group's average of h over its training cells), and report
 * held-out accuracy and violations next to the in-sample frontier. With `folds` every row is held out once
 * (cross-fitting) and the held-out predictions are pooled before measuring. The held-out point is an unbiased
 * estimate of what the in-sample optimal rule achieves on new data; its violations may exceed alpha (sampling
 * noise).
 * @throws InputError E_BAD_OPTION, E_BAD_ALPHA, E_EMPTY_GROUP_LABEL (a split lacks a (group, label) pair);
 *   SolverError as fairFront
 * @example
 * const heldOut = await heldOutFrontier(table, { alphas: [{ eo: 0 }, { eo: 0.05 }], folds: 5, seed: 1 });
 * heldOut.points.map((p) => [p.inSample.accuracy, p.heldOut.accuracy]);
 */
export async function heldOutFrontier(
  table: EncodedTable,
  options: HeldOutFrontierOptions,
): Promise<HeldOutFrontier> {
  checkEncodedTable(table);
  checkOptionsObject(options, 'options');
  const started = performance.now();
  const protocol = protocolOf(options);
  if (!Number.isInteger(options.seed))
    throw new InputError('E_BAD_OPTION', 'seed must be an integer', { option: 'seed' });
  if (options.alphas.length === 0)
    throw new InputError('E_BAD_ALPHA', 'the alpha list is empty', { option: 'alphas' });
  const alphas = options.alphas.map((a) => completeBounds(a));
  const isGroupAware = options.isGroupAware ?? true;
  const { distribution: full, cellOfRow } = distributionFromTable(table, { isGroupAware });
  const cells: TableCells = { cellOfRow, cellKeys: full.cellKeys, isGroupAware };
  const modelOptions = { ...options, criteria: criteriaOf(alphas, options) };
  const inSample = await solveAll(full, alphas, modelOptions);
  const order = permutation(createRng(options.seed), table.nRows);
  const nParts = protocol.kind === 'folds' ? protocol.folds : 1;
  if (table.nRows < 2 * nParts)
    throw new InputError(
      'E_BAD_OPTION',
      protocol.kind === 'folds'
        ? `${table.nRows} rows are too few for ${nParts} folds (at least ${2 * nParts}: two rows per fold)`
        : `${table.nRows} rows are too few to split into a training and a held-out part (at least 2)`,
      { option: protocol.kind === 'folds' ? 'folds' : 'holdout' },
    );
  const heldOutRows: number[][] = Array.from({ length: nParts }, () => []);
  const trainRows: number[][] = Array.from({ length: nParts }, () => []);
  if (protocol.kind === 'holdout') {
    const nHeld = Math.max(1, Math.round(protocol.fraction * table.nRows));
    order.forEach((row, i) => (i < nHeld ? heldOutRows[0] : trainRows[0]).push(row));
  } else
    order.forEach((row, i) => {
      for (let f = 0; f < nParts; f++) (i % nParts === f ? heldOutRows[f] : trainRows[f]).push(row);
    });
  const { candidates, candidateOf } = tightenedCandidates(alphas);
  const sums = candidates.map(() => emptyEvaluationSums(full.nGroups, full.nClasses));
  const constantSums = emptyEvaluationSums(full.nGroups, full.nClasses);
  const trainAccuracy = new Float64Array(alphas.length);
  const minCellRows = options.minCellRows ?? DEFAULT_HELD_OUT_MIN_CELL_ROWS;
  if (minCellRows !== 'auto' && (!Number.isInteger(minCellRows) || minCellRows < 1))
    throw new InputError('E_BAD_OPTION', `minCellRows must be an integer >= 1, got ${minCellRows}`, {
      option: 'minCellRows',
    });
  const C = table.classNames.length;
  const labelCount = new Float64Array(C);
  for (let i = 0; i < table.nRows; i++) labelCount[table.label[i]] += rowWeight(table, i);
  const majority = labelCount.indexOf(Math.max(...labelCount));
  const perPart: number[] = [];
  const fallbacks: string[] = [];
  for (let f = 0; f < nParts; f++) {
    // Sorted row lists keep the split independent of permutation order inside a part.
    const train = trainRows[f].sort((a, b) => a - b);
    const held = heldOutRows[f].sort((a, b) => a - b);
    const heldTable = selectRows(table, held, `${table.name} (held out ${f + 1}/${nParts})`);
    let size: number;
    if (minCellRows === 'auto') {
      // Chosen on this split's training rows only: the held-out rows never enter the choice.
      const choice = await chooseMinCellRows(table, cells, train, alphas, options.seed + 1 + f, modelOptions);
      size = choice.chosen;
      if (choice.fallback) fallbacks.push(`split ${f + 1}: ${choice.fallback}`);
    } else size = minCellRows;
    perPart.push(size);
    const trainAcc = await addSplitEvaluations(
      table,
      cells,
      train,
      held,
      heldTable,
      size,
      candidates,
      sums,
      modelOptions,
    );
    alphas.forEach((_, a) => (trainAccuracy[a] += trainAcc[candidateOf[a][0]] / nParts));
    // The constant rule: one label for every fold (pooled rates stay equal across groups, so its SP and EO
    // violations are exactly 0 on the pooled held-out rows).
    const constProba = new Float64Array(heldTable.nRows * C);
    for (let i = 0; i < heldTable.nRows; i++) constProba[i * C + majority] = 1;
    addRowsToSums(constantSums, heldTable, constProba);
  }
  const evaluations = sums.map((s) => finishEvaluation(s));
  const constant = finishEvaluation(constantSums);
  const points = alphas.map((alpha, a) => ({
    alpha,
    inSample: inSample[a],
    train: { accuracy: trainAccuracy[a] },
    heldOut: evaluations[candidateOf[a][0]],
    achievable: achievableHeldOut(
      TIGHTENING_FACTORS.map((t, j) => ({ tightening: t, evaluation: evaluations[candidateOf[a][j]] })),
      constant,
      alpha,
    ),
  }));
  const support = supportReport(full);
  const warnings = [...support.warnings];
  const unseen = points[0].heldOut.unseenRowShare;
  if (unseen > UNSEEN_ROW_SHARE_WARNING)
    warnings.push(
      `${(100 * unseen).toFixed(1)}% of held-out rows fall in cells unseen in training and are predicted by the group-average fallback rule`,
    );
  return {
    protocol,
    seed: options.seed,
    points,
    constant,
    minCellRows: minCellRows === 'auto' ? mostFrequent(perPart) : minCellRows,
    backOff:
      minCellRows === 'auto'
        ? {
            choice: 'inner-cross-validation',
            perPart,
            candidates: MIN_CELL_ROWS_CANDIDATES,
            ...(fallbacks.length ? { fallbacks } : {}),
          }
        : { choice: 'fixed', perPart },
    support,
    warnings,
    elapsedMs: performance.now() - started,
  };
}

async function solveAll(
  d: Parameters<typeof openFrontierModel>[0],
  alphas: readonly Bounds[],
  options: FrontierModelOptions,
): Promise<{ accuracy: number; violations: Readonly<Record<Criterion, number>> }[]> {
  const model = await openFrontierModel(d, options);
  try {
    return alphas.map((alpha) => {
      const p = model.solve(alpha);
      return { accuracy: p.accuracy, violations: p.violations };
    });
  } finally {
    model.dispose();
  }
}

/** The value occurring most often (ties: the smaller). */
function mostFrequent(values: readonly number[]): number {
  const count = new Map<number, number>();
  for (const v of values) count.set(v, (count.get(v) ?? 0) + 1);
  let best = values[0];
  for (const [v, c] of count) {
    const b = count.get(best)!;
    if (c > b || (c === b && v < best)) best = v;
  }
  return best;
}

/** The criteria whose rows the models need up front (the bound ones), so no solve rebuilds the LP. */
export function criteriaOf(alphas: readonly Bounds[], options: FrontierModelOptions): Criterion[] {
  return [
    ...(options.criteria ?? []),
    ...CRITERIA.filter((c) => alphas.some((a) => a[c] !== completeBounds({})[c])),
  ];
}
