import { selectRows, type EncodedTable } from '../../data/table.js';
import { InputError } from '../../errors.js';
import { MEASURES } from '../../metrics/measure.js';
import type { Bounds } from '../../metrics/index.js';
import { createRng, permutation } from '../../rng.js';
import type { FrontierModelOptions } from '../frontier-model.js';
import { achievableHeldOut, TIGHTENING_FACTORS } from './achievable-held-out.js';
import { addSplitEvaluations, tightenedCandidates, type TableCells } from './fold-evaluation.js';
import { addRowsToSums, emptyEvaluationSums, finishEvaluation, type RowEvaluation } from './held-out.js';
import { DEFAULT_MIN_CELL_ROWS } from './tolerances.js';

/** Back-off sizes tried by the inner cross-validation (docs/estimation.md, rare and unseen cells). */
export const MIN_CELL_ROWS_CANDIDATES: readonly number[] = [1, 3, 5, 10, 20];

/** Inner folds of the back-off choice. */
export const MIN_CELL_ROWS_INNER_FOLDS = 3;

/** The inner cross-validated score of one back-off size. */
export interface MinCellRowsScore {
  readonly minCellRows: number;
  /**
   * Mean over the alphas of the achievable inner held-out accuracy (held-out violations <= alpha, as the
   * achievable held-out curve); where nothing meets alpha, the rule's accuracy minus its excess violations.
   */
  readonly score: number;
  /** Mean over the alphas of the untightened rule's inner held-out accuracy minus its excess violations. */
  readonly tieBreak: number;
}

/** The back-off size chosen on training rows only. */
export interface MinCellRowsChoice {
  readonly chosen: number;
  /** One score per candidate, in the order tried; empty when the inner split could not be made. */
  readonly scores: readonly MinCellRowsScore[];
  /** Why the default was used instead of a choice (too few rows for the inner folds), else absent. */
  readonly fallback?: string;
}

const SCORE_TIE = 1e-12;

function excess(e: RowEvaluation, alpha: Bounds): number {
  let sum = 0;
  for (const m of MEASURES) if (alpha[m] < 1) sum += Math.max(0, e.violations[m] - alpha[m]);
  return sum;
}

/**
 * Chooses the rare-cell back-off (`minCellRows`) by cross-validation inside the rows `trainRows` of `table`
 * (docs/estimation.md, rare and unseen cells): the rows are split into MIN_CELL_ROWS_INNER_FOLDS seeded folds,
 * and for each candidate size the training-optimal rules (at the alphas and their tightened versions) are fitted
 * on the other inner folds and scored on each inner fold, pooled, as the achievable held-out curve scores them.
 * Only rows in `trainRows` are read (labels, groups and cells), so the outer held-out rows cannot influence the
 * choice. Ties go to the better tie-break, then to the smaller size.
 * @throws SolverError as fairFront
 */
export async function chooseMinCellRows(
  table: EncodedTable,
  cells: TableCells,
  trainRows: ArrayLike<number>,
  alphas: readonly Bounds[],
  seed: number,
  options: FrontierModelOptions & {
    readonly candidates?: readonly number[];
    readonly innerFolds?: number;
  } = {},
): Promise<MinCellRowsChoice> {
  const candidates = options.candidates ?? MIN_CELL_ROWS_CANDIDATES;
  const K = options.innerFolds ?? MIN_CELL_ROWS_INNER_FOLDS;
  const rows = Int32Array.from(trainRows).sort();
  const C = table.classNames.length;
  const A = table.groupNames.length;
  const order = permutation(createRng(seed), rows.length);
  const parts = Array.from({ length: K }, (_, j) => {
    const held: number[] = [];
    const train: number[] = [];
    order.forEach((p, i) => (i % K === j ? held : train).push(rows[p]));
    held.sort((a, b) => a - b);
    train.sort((a, b) => a - b);
    return { held, train, heldTable: selectRows(table, held, `${table.name} (inner fold ${j + 1}/${K})`) };
  });
  // The constant rule of the training rows (their most frequent label), scored on the inner folds.
  const labelCount = new Float64Array(C);
  for (const r of rows) labelCount[table.label[r]] += table.weight ? table.weight[r] : 1;
  const majority = labelCount.indexOf(Math.max(...labelCount));
  const constantSums = emptyEvaluationSums(A, C);
  for (const { heldTable } of parts) {
    const proba = new Float64Array(heldTable.nRows * C);
    for (let i = 0; i < heldTable.nRows; i++) proba[i * C + majority] = 1;
    addRowsToSums(constantSums, heldTable, proba);
  }
  const { candidates: fitted, candidateOf } = tightenedCandidates(alphas);
  const scores: MinCellRowsScore[] = [];
  try {
    const constant = finishEvaluation(constantSums);
    for (const minCellRows of candidates) {
      const sums = fitted.map(() => emptyEvaluationSums(A, C));
      for (const part of parts)
        await addSplitEvaluations(
          table,
          cells,
          part.train,
          part.held,
          part.heldTable,
          minCellRows,
          fitted,
          sums,
          options,
        );
      const evaluations = sums.map((s) => finishEvaluation(s));
      let score = 0;
      let tieBreak = 0;
      alphas.forEach((alpha, a) => {
        const own = candidateOf[a].map((c) => evaluations[c]);
        const reached = achievableHeldOut(
          TIGHTENING_FACTORS.map((t, j) => ({ tightening: t, evaluation: own[j] })),
          constant,
          alpha,
        );
        const penalized = own[0].accuracy - excess(own[0], alpha);
        score += (reached ? reached.accuracy : penalized) / alphas.length;
        tieBreak += penalized / alphas.length;
      });
      scores.push({ minCellRows, score, tieBreak });
    }
  } catch (error) {
    // Too few rows for the inner folds (a fold without some group and label): keep the default, say why.
    if (!(error instanceof InputError)) throw error;
    return { chosen: DEFAULT_MIN_CELL_ROWS, scores: [], fallback: error.message };
  }
  let best = scores[0];
  for (const s of scores.slice(1))
    if (
      s.score > best.score + SCORE_TIE ||
      (Math.abs(s.score - best.score) <= SCORE_TIE && s.tieBreak > best.tieBreak + SCORE_TIE)
    )
      best = s;
  return { chosen: best.minCellRows, scores };
}
