import { midpoint } from '../numeric.js';

/** Statistics of a column's observed values (mask = 0); the missing entries are never read. */

/** Most frequent observed value; ties go to the smallest value (deterministic). NaN when nothing is observed. */
export function observedMode(values: Float64Array, isMissing: Uint8Array, rows?: ArrayLike<number>): number {
  const counts = new Map<number, number>();
  const n = rows ? rows.length : values.length;
  for (let r = 0; r < n; r++) {
    const i = rows ? rows[r] : r;
    if (!isMissing[i]) counts.set(values[i], (counts.get(values[i]) ?? 0) + 1);
  }
  let best = Number.NaN;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount || (c === bestCount && v < best)) [best, bestCount] = [v, c];
  return best;
}

/** Mean of the observed values (NaN when nothing is observed). */
export function observedMean(values: Float64Array, isMissing: Uint8Array): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++)
    if (!isMissing[i]) {
      sum += values[i];
      n++;
    }
  return n > 0 ? sum / n : Number.NaN;
}

/** Median of the observed values (mean of the two middle ones for an even count; NaN when none). */
export function observedMedian(values: Float64Array, isMissing: Uint8Array): number {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) if (!isMissing[i]) kept.push(values[i]);
  if (kept.length === 0) return Number.NaN;
  kept.sort((a, b) => a - b);
  const mid = kept.length >> 1;
  return kept.length % 2 === 1 ? kept[mid] : midpoint(kept[mid - 1], kept[mid]);
}
