import type { EncodedTable } from '../data/table.js';
import { observedMode } from './column-statistics.js';
import type { MissingMask } from './missing-mask.js';
import type { MissingSource } from './missing-source.js';

/**
 * Model-based imputation: a saturated categorical predictor of column j from the other columns. A missing
 * value of row i becomes the most frequent observed value of column j among donor rows of the same group that
 * are observed on j and agree with row i on every other column that row i has observed, compared on their
 * encoded (discretized) values in `keys`. When no donor matches, the last compared column (source order) is
 * dropped and the search repeats, down to the group alone, then to all rows. Ties go to the smallest value.
 * The label is never used, so the imputer needs no held-out protection; it is fitted on all rows.
 *
 * Cost: one hash pass over the rows per (column, set of compared columns) that some missing row needs.
 * Returns the imputed column values (observed values unchanged).
 */
export function conditionalModeImpute(
  source: MissingSource,
  mask: MissingMask,
  keys: EncodedTable,
): Float64Array[] {
  const n = source.nRows;
  const p = source.columns.length;
  return source.columns.map((column, j) => {
    const out = column.values.slice();
    const missing = mask.isMissing[j];
    let nMissing = 0;
    for (let i = 0; i < n; i++) nMissing += missing[i];
    if (nMissing === 0) return out;
    const fallback = observedMode(column.values, missing);
    // Predictions per compared-column set (a bitmask over source columns), built on first use.
    const tables = new Map<number, Map<string, number>>();
    const keyOf = (i: number, set: number): string => {
      let key = `${source.group[i]}`;
      for (let k = 0; k < p; k++)
        if (set & (1 << k)) key += `|${keys.features[source.columns[k].feature][i]}`;
      return key;
    };
    const predictions = (set: number): Map<string, number> => {
      let table = tables.get(set);
      if (table) return table;
      const counts = new Map<string, Map<number, number>>();
      for (let i = 0; i < n; i++) {
        if (missing[i]) continue;
        let isDonor = true;
        for (let k = 0; k < p && isDonor; k++) if (set & (1 << k) && mask.isMissing[k][i]) isDonor = false;
        if (!isDonor) continue;
        const key = keyOf(i, set);
        let c = counts.get(key);
        if (!c) counts.set(key, (c = new Map()));
        c.set(column.values[i], (c.get(column.values[i]) ?? 0) + 1);
      }
      table = new Map();
      for (const [key, c] of counts) {
        let best = Number.NaN;
        let bestCount = 0;
        for (const [v, count] of c)
          if (count > bestCount || (count === bestCount && v < best)) [best, bestCount] = [v, count];
        table.set(key, best);
      }
      tables.set(set, table);
      return table;
    };
    for (let i = 0; i < n; i++) {
      if (!missing[i]) continue;
      const observed: number[] = [];
      for (let k = 0; k < p; k++) if (k !== j && !mask.isMissing[k][i]) observed.push(k);
      let value = Number.NaN;
      for (let keep = observed.length; keep >= 0 && Number.isNaN(value); keep--) {
        let set = 0;
        for (let t = 0; t < keep; t++) set |= 1 << observed[t];
        value = predictions(set).get(keyOf(i, set)) ?? Number.NaN;
      }
      out[i] = Number.isNaN(value) ? fallback : value;
    }
    return out;
  });
}
