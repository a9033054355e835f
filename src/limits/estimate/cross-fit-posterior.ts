import type { EncodedTable } from '../../data/table.js';
import { featureMatrixFromTable } from '../../learn/feature-matrix.js';
import { selectMatrixRows } from '../../learn/row-groups.js';
import type { FeatureMatrix, Learner } from '../../learn/types.js';
import { createRng, permutation, type Rng } from '../../rng.js';

/**
 * Cross-fitted posteriors P(Y | X, S) for nested cross-fitting (docs/estimation.md, The default estimate on a
 * CSV). With K folds, for every outer fold k: `inner[k]` holds, for every row outside fold k, say in fold j, the
 * posterior of a learner fitted on the folds other than j and k, and `outer` holds, for the rows of fold k, the
 * posterior of the same learner fitted on all folds but k. A pair model serves both outer folds of its pair, so
 * L K(K-1)/2 pair fits (every candidate learner) and K outer fits (the learner each fold chose from its inner
 * log-loss) give, for each outer fold, scores of its training rows that no model fitted on their labels (or on
 * fold k's) produced.
 */
export interface CrossFitPosterior {
  readonly nFolds: number;
  /** Fold of every row. */
  readonly foldOfRow: Int32Array;
  /** Rows of each fold, ascending. */
  readonly foldRows: readonly Int32Array[];
  /** The learner (index into the options' learners) each outer fold chose by inner log-loss. */
  readonly learnerOfFold: readonly number[];
  /** nRows x nClasses: row of fold k from the chosen learner of fold k fitted without fold k. */
  readonly outer: Float64Array;
  /** Per outer fold k, nRows x nClasses from the chosen learner's pair models (rows of fold k left at 0). */
  readonly inner: readonly Float64Array[];
}

export interface CrossFitPosteriorOptions {
  readonly learners: readonly Learner[];
  readonly folds: number;
  readonly rng: Rng;
  /** Largest number of rows a learner is fitted on (a seeded sample of the training rows above it). */
  readonly maxFitRows: number;
  /** Called after each fit. */
  readonly onFit?: (done: number, total: number) => void;
}

/** Fits one learner on the rows outside `heldFolds` (sampled down to maxFitRows) and predicts `targetRows`. */
function fitAndPredict(
  learner: Learner,
  x: FeatureMatrix,
  table: EncodedTable,
  trainRows: Int32Array,
  targetRows: Int32Array,
  out: Float64Array,
  options: CrossFitPosteriorOptions,
  rng: Rng,
): void {
  const C = table.classNames.length;
  let rows = trainRows;
  if (rows.length > options.maxFitRows) {
    const order = permutation(rng.fork(1), rows.length);
    rows = Int32Array.from(order.subarray(0, options.maxFitRows), (k) => trainRows[k]).sort();
  }
  const model = learner.fit(
    {
      x: selectMatrixRows(x, rows),
      y: Int32Array.from(rows, (r) => table.label[r]),
      nClasses: C,
      ...(table.weight ? { weight: Float64Array.from(rows, (r) => table.weight![r]) } : {}),
    },
    rng.fork(2),
  );
  const p = model.predictProba(selectMatrixRows(x, targetRows));
  for (let t = 0; t < targetRows.length; t++) out.set(p.subarray(t * C, (t + 1) * C), targetRows[t] * C);
}

/** Mean log-loss of posteriors `proba` on rows `rows`. */
function logLoss(table: EncodedTable, proba: Float64Array, rows: ArrayLike<number>): number {
  const C = table.classNames.length;
  let total = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    total -= Math.log(Math.max(proba[i * C + table.label[i]], 1e-12));
  }
  return total / rows.length;
}

/** Pair-model posteriors of every learner, the inner choice per outer fold, and the chosen outer fits. */
export function crossFitPosterior(table: EncodedTable, options: CrossFitPosteriorOptions): CrossFitPosterior {
  const K = options.folds;
  const n = table.nRows;
  const C = table.classNames.length;
  const L = options.learners.length;
  const x = featureMatrixFromTable(table);
  const order = permutation(options.rng.fork(0), n);
  const foldOfRow = new Int32Array(n);
  order.forEach((row, i) => (foldOfRow[row] = i % K));
  const foldRows = Array.from({ length: K }, (_, k) => {
    const rows: number[] = [];
    for (let r = 0; r < n; r++) if (foldOfRow[r] === k) rows.push(r);
    return Int32Array.from(rows);
  });
  const rowsOutside = (folds: readonly number[]) => {
    const rows: number[] = [];
    for (let r = 0; r < n; r++) if (!folds.includes(foldOfRow[r])) rows.push(r);
    return Int32Array.from(rows);
  };
  const total = L * ((K * (K - 1)) / 2) + K;
  let done = 0;
  // inner[l][k]: learner l's pair-model scores of the rows outside fold k.
  const inner = options.learners.map((learner, l) => {
    const rng = options.rng.fork(1 + l);
    const perFold = Array.from({ length: K }, () => new Float64Array(n * C));
    for (let j = 0; j < K; j++)
      for (let k = j + 1; k < K; k++) {
        // The model without folds j and k scores fold j for outer fold k, and fold k for outer fold j.
        const both = new Float64Array(n * C);
        const target = Int32Array.from([...foldRows[j], ...foldRows[k]]);
        fitAndPredict(learner, x, table, rowsOutside([j, k]), target, both, options, rng.fork(K + j * K + k));
        for (const r of foldRows[j]) perFold[k].set(both.subarray(r * C, (r + 1) * C), r * C);
        for (const r of foldRows[k]) perFold[j].set(both.subarray(r * C, (r + 1) * C), r * C);
        options.onFit?.(++done, total);
      }
    return perFold;
  });
  const learnerOfFold: number[] = [];
  const outer = new Float64Array(n * C);
  for (let k = 0; k < K; k++) {
    const train = rowsOutside([k]);
    let l = 0;
    if (L > 1) {
      const losses = inner.map((perFold) => logLoss(table, perFold[k], train));
      l = losses.indexOf(Math.min(...losses));
    }
    learnerOfFold.push(l);
    const rng = options.rng.fork(1 + l);
    fitAndPredict(options.learners[l], x, table, train, foldRows[k], outer, options, rng.fork(k));
    options.onFit?.(++done, total);
  }
  return {
    nFolds: K,
    foldOfRow,
    foldRows,
    learnerOfFold,
    outer,
    inner: learnerOfFold.map((l, k) => inner[l][k]),
  };
}
