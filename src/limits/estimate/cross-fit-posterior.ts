import type { EncodedTable } from '../../data/table.js';
import { featureMatrixFromTable } from '../../learn/feature-matrix.js';
import { selectMatrixRows } from '../../learn/row-groups.js';
import type { FeatureMatrix, Learner } from '../../learn/types.js';
import { createRng, permutation, type Rng } from '../../rng.js';

/**
 * Cross-fitted posteriors P(Y | X, S) for nested cross-fitting (docs/estimation.md, The default estimate on a
 * CSV). With K folds, `outer[l]` holds, for every row of fold k, the posterior of learner l fitted on the other
 * folds; `inner[l][k]` holds, for every row outside fold k, say in fold j, the posterior of learner l fitted on
 * the folds other than j and k. A pair model serves both outer folds of its pair, so K + K(K-1)/2 fits per
 * learner give, for each outer fold k, scores of its training rows that no model fitted on their labels (or on
 * fold k's) produced.
 */
export interface CrossFitPosterior {
  readonly nFolds: number;
  /** Fold of every row. */
  readonly foldOfRow: Int32Array;
  /** Rows of each fold, ascending. */
  readonly foldRows: readonly Int32Array[];
  /** Per learner, nRows x nClasses. */
  readonly outer: readonly Float64Array[];
  /** Per learner and outer fold k, nRows x nClasses (rows of fold k left at 0). */
  readonly inner: readonly (readonly Float64Array[])[];
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

/** Outer and pair-model posteriors of every learner on a seeded K-fold split (see CrossFitPosterior). */
export function crossFitPosterior(table: EncodedTable, options: CrossFitPosteriorOptions): CrossFitPosterior {
  const K = options.folds;
  const n = table.nRows;
  const C = table.classNames.length;
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
  const total = options.learners.length * (K + (K * (K - 1)) / 2);
  let done = 0;
  const outer: Float64Array[] = [];
  const inner: Float64Array[][] = [];
  options.learners.forEach((learner, l) => {
    const rng = options.rng.fork(1 + l);
    const out = new Float64Array(n * C);
    for (let k = 0; k < K; k++) {
      fitAndPredict(learner, x, table, rowsOutside([k]), foldRows[k], out, options, rng.fork(k));
      options.onFit?.(++done, total);
    }
    outer.push(out);
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
    inner.push(perFold);
  });
  return { nFolds: K, foldOfRow, foldRows, outer, inner };
}
