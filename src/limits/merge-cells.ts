import type { Distribution } from '../distribution/index.js';

/**
 * Cells whose conditional vectors p(s, y | x) coincide are interchangeable for FairFront: for any classifier,
 * replacing h on such cells by their p(x)-weighted average leaves P unchanged (P is linear in p(x,s,y) h(x) and
 * p(x,s,y) = p(x) p(s,y|x)). So the LP on merged cells has exactly the same value, and its optimal h, copied to
 * every member cell, is optimal on the original cells. This is Blackwell's reduction of an experiment to its
 * distribution of posteriors; on real data with many one-row cells it shrinks the LP by an order of magnitude.
 */
export interface MergedCells {
  readonly merged: Distribution;
  /** Merged cell index of each original cell. */
  readonly mergedOfCell: Int32Array;
}

/** Posteriors are compared after rounding to this relative precision (masses carry ~1e-16 rounding). */
const POSTERIOR_KEY_DIGITS = 1e12;

export function mergeEquivalentCells(d: Distribution): MergedCells {
  const { nCells: K, nGroups: A, nClasses: C, mass } = d;
  const width = A * C;
  const index = new Map<string, number>();
  const mergedOfCell = new Int32Array(K);
  const cellMass = new Float64Array(K);
  const groups: number[][] = [];
  for (let k = 0; k < K; k++) {
    let total = 0;
    for (let j = 0; j < width; j++) total += mass[k * width + j];
    cellMass[k] = total;
    let key = '';
    for (let j = 0; j < width; j++) {
      const v = mass[k * width + j];
      key += `${v === 0 ? 0 : Math.round((v / total) * POSTERIOR_KEY_DIGITS)},`;
    }
    let m = index.get(key);
    if (m === undefined) {
      m = groups.length;
      index.set(key, m);
      groups.push([]);
    }
    groups[m].push(k);
    mergedOfCell[k] = m;
  }
  const nMerged = groups.length;
  const mergedMass = new Float64Array(nMerged * width);
  const rowsPerCell = new Float64Array(nMerged);
  for (let k = 0; k < K; k++) {
    const m = mergedOfCell[k];
    for (let j = 0; j < width; j++) mergedMass[m * width + j] += mass[k * width + j];
    if (d.rowsPerCell.length) rowsPerCell[m] += d.rowsPerCell[k];
  }
  const merged: Distribution = {
    ...d,
    nCells: nMerged,
    mass: mergedMass,
    rowsPerCell,
    cellKeys: groups.map((members) => `merged(${members.length}):${d.cellKeys[members[0]]}`),
  };
  return { merged, mergedOfCell };
}

/** Copies a classifier on merged cells back to the original cells. */
export function expandClassifier(
  hMerged: Float64Array,
  mergedOfCell: Int32Array,
  nClasses: number,
): Float64Array {
  const h = new Float64Array(mergedOfCell.length * nClasses);
  for (let k = 0; k < mergedOfCell.length; k++)
    h.set(hMerged.subarray(mergedOfCell[k] * nClasses, (mergedOfCell[k] + 1) * nClasses), k * nClasses);
  return h;
}
