import { rowWeight, selectRows, type EncodedTable } from '../../data/table.js';
import { distributionFromTable, locateCells } from '../../distribution/index.js';
import { InputError } from '../../errors.js';
import {
  CRITERIA,
  CRITERION_KIND,
  type Criterion,
  completeBounds,
  isCriterion,
} from '../../metrics/index.js';
import { openFrontierModel, type FrontierModelOptions } from '../frontier-model.js';
import { achievableHeldOut, type AchievableHeldOut } from './achievable-held-out.js';
import {
  addRowsToSums,
  applyCellClassifier,
  emptyEvaluationSums,
  finishEvaluation,
  type RowEvaluation,
} from './held-out.js';
import { poolRareCells } from './pool-rare-cells.js';
import { DEFAULT_MIN_CELL_ROWS } from './tolerances.js';

export interface HeldOutFrontierCurveOptions extends FrontierModelOptions {
  /** The criterion the curve runs along (any of docs/constraints.md). */
  readonly measure: Criterion;
  /**
   * Training bounds of the candidate rules. Default for a difference 0, 0.005, ..., 0.3 and 1; for a ratio the
   * same distances from parity, R = 1, 0.995, ..., 0.7 and 0. Group loss has no default (a small Z can leave no
   * classifier): give its Z values.
   */
  readonly alphas?: readonly number[];
  readonly isGroupAware?: boolean;
  /** Rare-cell back-off (see heldOutFrontier). */
  readonly minCellRows?: number;
}

/** Candidate rules fitted on training rows and measured on test rows: the frontier test rows can reach. */
export interface HeldOutFrontierCurve {
  readonly measure: Criterion;
  readonly candidates: readonly { readonly trainingAlpha: number; readonly evaluation: RowEvaluation }[];
  /** The constant rule (the training rows' most frequent label) on the test rows. */
  readonly constant: RowEvaluation;
}

const DEFAULT_CURVE_ALPHAS: readonly number[] = [...Array.from({ length: 61 }, (_, i) => i * 0.005), 1];

/**
 * The achievable held-out frontier of one train / test split (docs/estimation.md): the exact FairFront rule of
 * the training rows at each candidate alpha, applied to the test rows (rare-cell back-off as heldOutFrontier),
 * plus the constant rule. `achievableOnCurve` then gives the best test accuracy at test violation <= alpha.
 * @throws InputError E_BAD_OPTION, E_EMPTY_GROUP_LABEL; SolverError as fairFront
 */
export async function heldOutCurve(
  table: EncodedTable,
  trainRows: ArrayLike<number>,
  testRows: ArrayLike<number>,
  options: HeldOutFrontierCurveOptions,
): Promise<HeldOutFrontierCurve> {
  const isGroupAware = options.isGroupAware ?? true;
  const measure = options.measure;
  if (typeof measure !== 'string' || !isCriterion(measure))
    throw new InputError(
      'E_BAD_OPTION',
      `unknown fairness criterion "${String(measure)}" (use ${CRITERIA.join(', ')})`,
      { option: 'measure' },
    );
  if (measure === 'groupLoss' && options.alphas === undefined)
    throw new InputError(
      'E_BAD_OPTION',
      'a held-out curve along group loss needs its Z values (alphas): there is no default, as a small Z can leave no classifier on the training rows',
      { option: 'alphas' },
    );
  const alphas =
    options.alphas ??
    (CRITERION_KIND[measure] === 'ratio' ? DEFAULT_CURVE_ALPHAS.map((a) => 1 - a) : DEFAULT_CURVE_ALPHAS);
  for (const a of alphas) completeBounds({ [measure]: a });
  if (alphas.length === 0)
    throw new InputError('E_BAD_ALPHA', 'the alpha list is empty', { option: 'alphas' });
  const { train: trainTable, held } = poolRareCells(
    selectRows(table, trainRows, `${table.name} (train)`),
    selectRows(table, testRows, `${table.name} (test)`),
    options.minCellRows ?? DEFAULT_MIN_CELL_ROWS,
    isGroupAware,
  );
  const train = distributionFromTable(trainTable, { isGroupAware }).distribution;
  const A = train.nGroups;
  const C = train.nClasses;
  const heldCells = locateCells(train, held);
  const model = await openFrontierModel(train, {
    ...options,
    criteria: [...(options.criteria ?? []), measure],
  });
  const candidates: { trainingAlpha: number; evaluation: RowEvaluation }[] = [];
  try {
    for (const a of alphas) {
      const point = model.solve({ [measure]: a });
      const { proba, isUnseen } = applyCellClassifier(train, point.h, held, heldCells);
      const sums = emptyEvaluationSums(A, C);
      addRowsToSums(sums, held, proba, isUnseen);
      candidates.push({ trainingAlpha: a, evaluation: finishEvaluation(sums) });
    }
  } finally {
    model.dispose();
  }
  const labelCount = new Float64Array(C);
  for (let i = 0; i < trainTable.nRows; i++) labelCount[trainTable.label[i]] += rowWeight(trainTable, i);
  const majority = labelCount.indexOf(Math.max(...labelCount));
  const constProba = new Float64Array(held.nRows * C);
  for (let i = 0; i < held.nRows; i++) constProba[i * C + majority] = 1;
  const constSums = emptyEvaluationSums(A, C);
  addRowsToSums(constSums, held, constProba);
  return { measure, candidates, constant: finishEvaluation(constSums) };
}

/**
 * Best test accuracy on the curve with its test value within the bound `alpha` along its criterion (a difference
 * or group error at most alpha, a ratio at least R; null when none). `tightening` reports the candidate's
 * training bound as a share of the target's distance from parity (alpha for a difference, 1 - R for a ratio).
 */
export function achievableOnCurve(curve: HeldOutFrontierCurve, alpha: number): AchievableHeldOut | null {
  const m = curve.measure;
  const target = completeBounds({ [m]: Math.min(1, Math.max(0, alpha)) });
  const isRatio = CRITERION_KIND[m] === 'ratio';
  const distance = (b: number) => (isRatio ? 1 - b : b);
  const scale = distance(target[m]) > 0 ? distance(target[m]) : 1;
  return achievableHeldOut(
    curve.candidates.map((c) => ({
      tightening: distance(c.trainingAlpha) / scale,
      evaluation: c.evaluation,
    })),
    curve.constant,
    target,
  );
}
