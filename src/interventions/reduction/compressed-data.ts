import type { FeatureMatrix } from '../../learn/types.js';

/** Distinct rows of a feature matrix and, for every input row, the index of its distinct row. */
export interface DistinctRows {
  readonly x: FeatureMatrix;
  readonly indexOfRow: Int32Array;
}

/**
 * Groups identical feature rows. On cell features (the benchmark's default) Adult's 46k rows become about 5k:
 * every best response and every prediction is computed once per distinct row.
 */
export function distinctRows(x: FeatureMatrix): DistinctRows {
  const { nRows, nFeatures, values } = x;
  const index = new Map<string, number>();
  const indexOfRow = new Int32Array(nRows);
  const firstRows: number[] = [];
  for (let i = 0; i < nRows; i++) {
    const key = Array.prototype.join.call(values.subarray(i * nFeatures, (i + 1) * nFeatures), ',');
    let u = index.get(key);
    if (u === undefined) {
      u = firstRows.length;
      index.set(key, u);
      firstRows.push(i);
    }
    indexOfRow[i] = u;
  }
  const out = new Float64Array(firstRows.length * nFeatures);
  firstRows.forEach((i, u) => out.set(values.subarray(i * nFeatures, (i + 1) * nFeatures), u * nFeatures));
  return {
    x: {
      nRows: firstRows.length,
      nFeatures,
      values: out,
      ...(x.featureNames ? { featureNames: x.featureNames } : {}),
    },
    indexOfRow,
  };
}

/**
 * The training rows summed into strata (distinct row u, event e, group s, label y) with their total weight.
 * Everything exponentiated gradient needs (error, constraint moments, cost-sensitive weights) is a sum over
 * rows of a function of these four, so the strata carry the same information as the rows.
 */
export interface Strata {
  readonly nStrata: number;
  readonly distinct: Int32Array;
  readonly event: Int32Array;
  readonly group: Int32Array;
  readonly label: Int32Array;
  readonly weight: Float64Array;
  /** Total weight of all rows. */
  readonly totalWeight: number;
  /** Stratum of every training row. */
  readonly stratumOfRow: Int32Array;
}

export function buildStrata(
  indexOfRow: Int32Array,
  event: Int32Array,
  group: Int32Array,
  label: Int32Array,
  weight: Float64Array | undefined,
): Strata {
  const index = new Map<string, number>();
  const distinct: number[] = [];
  const ev: number[] = [];
  const gr: number[] = [];
  const lb: number[] = [];
  const wt: number[] = [];
  let total = 0;
  const stratumOfRow = new Int32Array(indexOfRow.length);
  for (let i = 0; i < indexOfRow.length; i++) {
    const w = weight ? weight[i] : 1;
    total += w;
    const key = `${indexOfRow[i]},${event[i]},${group[i]},${label[i]}`;
    let t = index.get(key);
    if (t === undefined) {
      t = distinct.length;
      index.set(key, t);
      distinct.push(indexOfRow[i]);
      ev.push(event[i]);
      gr.push(group[i]);
      lb.push(label[i]);
      wt.push(0);
    }
    wt[t] += w;
    stratumOfRow[i] = t;
  }
  return {
    nStrata: distinct.length,
    distinct: Int32Array.from(distinct),
    event: Int32Array.from(ev),
    group: Int32Array.from(gr),
    label: Int32Array.from(lb),
    weight: Float64Array.from(wt),
    totalWeight: total,
    stratumOfRow,
  };
}
