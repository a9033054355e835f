import { normalQuantile } from '../../data/synthetic.js';
import { createRng, randomNormal } from '../../rng.js';

/** Monte Carlo draws behind maxCriticalValue (its quantile error is about 0.01 at 0.99). */
export const MAX_CRITICAL_VALUE_DRAWS = 20_000;

/**
 * The one-sided max-type critical value of k jointly normal estimates: the z with
 * P(max_j Z_j / sd_j > z) = errorRate for Z ~ N(0, covariance), by seeded Monte Carlo. Between the single
 * quantile z(1 - errorRate) (perfectly correlated estimates) and the Bonferroni z(1 - errorRate / k), so taking
 * the largest of k lower bounds at it keeps the level without paying for estimates that move together (the
 * interval's back-off sizes; docs/estimation.md). Estimates with zero variance are left out; with none left the
 * single quantile is returned.
 * @example
 * maxCriticalValue([[1, 1], [1, 1]], 0.025, 1); // about 1.96: two copies of one estimate
 */
export function maxCriticalValue(
  covariance: readonly (readonly number[])[],
  errorRate: number,
  seed: number,
): number {
  const single = -normalQuantile(errorRate);
  const keep = covariance.map((_, j) => j).filter((j) => covariance[j][j] > 0);
  const k = keep.length;
  if (k <= 1) return single;
  // Correlation matrix of the kept estimates, then its Cholesky factor (a pivot at or below 1e-12 is a direction
  // with no variance left: its column is dropped, which is exact for a singular matrix).
  const sd = keep.map((j) => Math.sqrt(covariance[j][j]));
  const corr = keep.map((i, a) => keep.map((j, b) => covariance[i][j] / (sd[a] * sd[b])));
  const L = Array.from({ length: k }, () => new Float64Array(k));
  for (let i = 0; i < k; i++)
    for (let j = 0; j <= i; j++) {
      let v = corr[i][j];
      for (let m = 0; m < j; m++) v -= L[i][m] * L[j][m];
      if (i === j) L[i][i] = v > 1e-12 ? Math.sqrt(v) : 0;
      else L[i][j] = L[j][j] > 0 ? v / L[j][j] : 0;
    }
  const rng = createRng(seed);
  const maxima = new Float64Array(MAX_CRITICAL_VALUE_DRAWS);
  const g = new Float64Array(k);
  for (let d = 0; d < maxima.length; d++) {
    for (let i = 0; i < k; i++) g[i] = randomNormal(rng);
    let max = -Infinity;
    for (let i = 0; i < k; i++) {
      let z = 0;
      for (let m = 0; m <= i; m++) z += L[i][m] * g[m];
      if (z > max) max = z;
    }
    maxima[d] = max;
  }
  maxima.sort();
  const z = maxima[Math.min(maxima.length - 1, Math.ceil((1 - errorRate) * maxima.length) - 1)];
  // Monte Carlo noise must not leave the proven range.
  return Math.min(-normalQuantile(errorRate / k), Math.max(single, z));
}
