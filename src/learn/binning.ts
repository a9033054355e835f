import type { FeatureMatrix } from './types.js';

/**
 * Features quantized for histogram split search. A column with at most `maxBins` distinct training values gets
 * one bin per value (exact CART on integer-coded cell features); a column with more gets bins at weighted-free
 * quantiles of its sorted values. Bins keep the smallest and largest training value they hold so that a split
 * between two bins sits at the midpoint of the neighbouring values, as scikit-learn's trees do.
 */
export interface BinnedFeatures {
  readonly nRows: number;
  readonly nFeatures: number;
  /** Column-major bin codes: bins[j][i] is the bin of row i in feature j. */
  readonly bins: readonly Uint16Array[];
  readonly nBins: Int32Array;
  /** Per feature, per bin: the smallest and largest training value in the bin. */
  readonly binMin: readonly Float64Array[];
  readonly binMax: readonly Float64Array[];
}

/** Bin codes fit in a Uint16Array. */
export const MAX_BINS_LIMIT = 65535;

export function binFeatures(x: FeatureMatrix, maxBins: number): BinnedFeatures {
  const { nRows, nFeatures, values } = x;
  const bins: Uint16Array[] = [];
  const nBins = new Int32Array(nFeatures);
  const binMin: Float64Array[] = [];
  const binMax: Float64Array[] = [];
  const column = new Float64Array(nRows);
  for (let j = 0; j < nFeatures; j++) {
    for (let i = 0; i < nRows; i++) column[i] = values[i * nFeatures + j];
    const sorted = Float64Array.from(column).sort();
    const distinct: number[] = [];
    for (let i = 0; i < nRows; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
    // Upper value of each bin: every distinct value, or quantiles of the sorted column.
    let uppers: number[];
    if (distinct.length <= maxBins) uppers = distinct;
    else {
      uppers = [];
      for (let b = 1; b <= maxBins; b++) {
        const v = sorted[Math.min(nRows - 1, Math.ceil((b * nRows) / maxBins) - 1)];
        if (uppers.length === 0 || v > uppers[uppers.length - 1]) uppers.push(v);
      }
      if (uppers[uppers.length - 1] < sorted[nRows - 1]) uppers.push(sorted[nRows - 1]);
    }
    const code = new Uint16Array(nRows);
    const lo = new Float64Array(uppers.length).fill(Infinity);
    const hi = new Float64Array(uppers.length).fill(-Infinity);
    for (let i = 0; i < nRows; i++) {
      const v = column[i];
      // First bin whose upper value is >= v.
      let a = 0;
      let b = uppers.length - 1;
      while (a < b) {
        const mid = (a + b) >> 1;
        if (uppers[mid] >= v) b = mid;
        else a = mid + 1;
      }
      code[i] = a;
      if (v < lo[a]) lo[a] = v;
      if (v > hi[a]) hi[a] = v;
    }
    bins.push(code);
    nBins[j] = uppers.length;
    binMin.push(lo);
    binMax.push(hi);
  }
  return { nRows, nFeatures, bins, nBins, binMin, binMax };
}

/** The binned rows `rows` (e.g. one representative per group of identical rows). */
export function selectBinnedRows(binned: BinnedFeatures, rows: Int32Array): BinnedFeatures {
  return {
    ...binned,
    nRows: rows.length,
    bins: binned.bins.map((code) => Uint16Array.from(rows, (i) => code[i])),
  };
}

/** Key of row i's bin tuple. */
export function binKey(binned: BinnedFeatures, i: number): string {
  let key = '';
  for (let j = 0; j < binned.nFeatures; j++) key += `${binned.bins[j][i]},`;
  return key;
}
