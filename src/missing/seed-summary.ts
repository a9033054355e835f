/** Mean and sample standard deviation over seeds (n - 1 in the denominator; 0 for a single value). */
export interface SeedSummary {
  readonly mean: number;
  readonly std: number;
  readonly n: number;
}

export function summarize(values: readonly number[]): SeedSummary {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, std: Number.NaN, n: 0 };
  const mean = values.reduce((a, v) => a + v, 0) / n;
  const ss = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  return { mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, n };
}
