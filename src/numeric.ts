/** Small numerical helpers shared by every area. */

/** Default tolerance for comparing probabilities and accuracies that went through an LP solver. */
export const EPSILON = 1e-9;

/** |a - b| <= tol, refusing NaN. */
export function approxEqual(a: number, b: number, tol = EPSILON): boolean {
  return Math.abs(a - b) <= tol;
}

/** Neumaier's compensated sum: accurate over many cells of very different magnitude. */
export function fsum(values: ArrayLike<number>): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/** Accumulator form of fsum for loops that do not build an array. */
export class Accumulator {
  private sum = 0;
  private compensation = 0;
  add(v: number): void {
    const t = this.sum + v;
    this.compensation += Math.abs(this.sum) >= Math.abs(v) ? this.sum - t + v : v - t + this.sum;
    this.sum = t;
  }
  value(): number {
    return this.sum + this.compensation;
  }
}

/** Evenly spaced grid from start to stop inclusive, with `count` points. */
export function linspace(start: number, stop: number, count: number): number[] {
  if (count === 1) return [start];
  return Array.from({ length: count }, (_, i) => start + ((stop - start) * i) / (count - 1));
}

/** Mean and sample standard deviation (n - 1 in the denominator; 0 for a single value) over replicates. */
export interface Summary {
  readonly mean: number;
  readonly std: number;
  readonly n: number;
}

/** The Summary of `values` (NaN mean and std when there are none). */
export function summarize(values: readonly number[]): Summary {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, std: Number.NaN, n: 0 };
  const mean = values.reduce((a, v) => a + v, 0) / n;
  const ss = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  return { mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, n };
}

/**
 * A threshold between two sorted values `low < high`, at least `low` and strictly below `high`: their midpoint,
 * computed without overflow (`(a + b) / 2` is Infinity for values near 1.8e308), and `low` itself when the two
 * are adjacent doubles and the midpoint rounds up to `high`. A rule "x > threshold" (or "x <= threshold") then
 * separates them exactly.
 */
export function midpoint(low: number, high: number): number {
  let m = (low + high) / 2;
  if (!Number.isFinite(m) && Number.isFinite(low) && Number.isFinite(high)) m = low / 2 + high / 2;
  return m < high ? m : low;
}
