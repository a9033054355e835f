import { rowWeight, type EncodedTable } from '../../data/table.js';
import { locateCells, type Distribution } from '../../distribution/index.js';
import { InputError } from '../../errors.js';
import { type Criterion, criterionValues } from '../../metrics/index.js';
import { Accumulator } from '../../numeric.js';

/**
 * What a classifier h, fitted on the cells of a training distribution, predicts for every row of another table.
 * Rows whose cell was seen in training get h of that cell. Rows in an unseen cell get the **fallback rule**:
 * - group-aware cells: the group's average of h over its training cells, weighted by the training mass
 *   p_train(x, s) (what h does to a random training member of the same group);
 * - group-blind cells: the average of h over all training cells, weighted by p_train(x) (the rule may not
 *   look at the group).
 * Returns row-major nRows x nClasses prediction probabilities and which rows were unseen.
 */
export function applyCellClassifier(
  train: Distribution,
  h: ArrayLike<number>,
  table: EncodedTable,
  /** The training cell of every row (locateCells(train, table)), when already known: sweeps reuse it. */
  knownCells?: Int32Array,
): { proba: Float64Array; isUnseen: Uint8Array } {
  const { nCells: K, nGroups: A, nClasses: C, mass } = train;
  const fallback = new Float64Array(A * C);
  const groupMass = new Float64Array(A);
  for (let k = 0; k < K; k++)
    for (let s = 0; s < A; s++) {
      let p = 0;
      for (let y = 0; y < C; y++) p += mass[(k * A + s) * C + y];
      if (p === 0) continue;
      groupMass[s] += p;
      for (let j = 0; j < C; j++) fallback[s * C + j] += p * h[k * C + j];
    }
  if (!train.isGroupAware) {
    // One rule for everyone: the mixture over all cells, the same for every group.
    const all = new Float64Array(C);
    let total = 0;
    for (let s = 0; s < A; s++) {
      total += groupMass[s];
      for (let j = 0; j < C; j++) all[j] += fallback[s * C + j];
    }
    for (let s = 0; s < A; s++) {
      groupMass[s] = total;
      fallback.set(all, s * C);
    }
  }
  for (let s = 0; s < A; s++) for (let j = 0; j < C; j++) fallback[s * C + j] /= groupMass[s];
  const cellOfRow = knownCells ?? locateCells(train, table);
  const proba = new Float64Array(table.nRows * C);
  const isUnseen = new Uint8Array(table.nRows);
  for (let i = 0; i < table.nRows; i++) {
    const k = cellOfRow[i];
    if (k >= 0) for (let j = 0; j < C; j++) proba[i * C + j] = h[k * C + j];
    else {
      isUnseen[i] = 1;
      const s = table.group[i];
      for (let j = 0; j < C; j++) proba[i * C + j] = fallback[s * C + j];
    }
  }
  return { proba, isUnseen };
}

/**
 * Accuracy and violations of randomized predictions on labelled rows (the metric engine of docs/design.md
 * (Fairness measures)).
 */
export interface RowEvaluation {
  /** Weighted expected accuracy sum_i w_i proba[i, y_i] / sum_i w_i. */
  readonly accuracy: number;
  /** Every criterion's value on these rows (the metric engine's `criterionValues`). */
  readonly violations: Readonly<Record<Criterion, number>>;
  /** P[(s,y), yHat] of the predictions on these rows. */
  readonly P: Float64Array;
  /** mu(s, y) of these rows (weighted shares). */
  readonly mu: Float64Array;
  /** Weighted share of rows predicted by the fallback rule (0 when `isUnseen` is absent). */
  readonly unseenRowShare: number;
  readonly nRows: number;
}

/** Running sums for evaluating randomized predictions over several row sets (the folds of a cross-fit). */
export interface RowEvaluationSums {
  readonly nGroups: number;
  readonly nClasses: number;
  /** sum of w_i proba[i, yHat] per (s, y, yHat). */
  readonly joint: Float64Array;
  /** sum of w_i per (s, y). */
  readonly muSY: Float64Array;
  correct: number;
  total: number;
  unseen: number;
  nRows: number;
}

export function emptyEvaluationSums(nGroups: number, nClasses: number): RowEvaluationSums {
  return {
    nGroups,
    nClasses,
    joint: new Float64Array(nGroups * nClasses * nClasses),
    muSY: new Float64Array(nGroups * nClasses),
    correct: 0,
    total: 0,
    unseen: 0,
    nRows: 0,
  };
}

export function addRowsToSums(
  sums: RowEvaluationSums,
  table: EncodedTable,
  proba: Float64Array,
  isUnseen?: Uint8Array,
): void {
  const C = sums.nClasses;
  const correct = new Accumulator();
  correct.add(sums.correct);
  for (let i = 0; i < table.nRows; i++) {
    const w = rowWeight(table, i);
    const sy = table.group[i] * C + table.label[i];
    sums.muSY[sy] += w;
    for (let j = 0; j < C; j++) sums.joint[sy * C + j] += w * proba[i * C + j];
    correct.add(w * proba[i * C + table.label[i]]);
    sums.total += w;
    if (isUnseen?.[i]) sums.unseen += w;
  }
  sums.correct = correct.value();
  sums.nRows += table.nRows;
}

/**
 * Turns the sums into accuracy and violations (violationsFromConditional on the held-out conditional).
 * @throws InputError E_EMPTY_INPUT when there are no rows
 */
export function finishEvaluation(sums: RowEvaluationSums): RowEvaluation {
  const { nGroups: A, nClasses: C } = sums;
  if (!(sums.total > 0)) throw new InputError('E_EMPTY_INPUT', 'no held-out rows to evaluate');
  const P = new Float64Array(A * C * C);
  for (let sy = 0; sy < A * C; sy++)
    for (let j = 0; j < C; j++)
      P[sy * C + j] = sums.muSY[sy] > 0 ? sums.joint[sy * C + j] / sums.muSY[sy] : 0;
  const mu = Float64Array.from(sums.muSY, (v) => v / sums.total);
  return {
    accuracy: sums.correct / sums.total,
    violations: criterionValues(P, mu, A, C),
    P,
    mu,
    unseenRowShare: sums.unseen / sums.total,
    nRows: sums.nRows,
  };
}
