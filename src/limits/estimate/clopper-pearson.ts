import { InputError } from '../../errors.js';

/** log P(X = k) for X ~ Binomial(n, p), 0 < p < 1, from the terms' ratio (no log-gamma needed). */
function logTail(successes: number, n: number, p: number, upper: boolean): number {
  // Sum P(X = k) over k > successes (upper) or k <= successes, starting at the far end and stepping by the
  // ratio P(X = k - 1) / P(X = k) = k (1 - p) / ((n - k + 1) p), in log space with a running maximum.
  const logRatio = Math.log1p(-p) - Math.log(p);
  let logTerm = upper ? n * Math.log(p) : n * Math.log1p(-p);
  let max = logTerm;
  let sum = 1; // sum of exp(logTerm_k - max)
  if (upper)
    for (let k = n; k > successes + 1; k--) {
      logTerm += Math.log(k) - Math.log(n - k + 1) + logRatio;
      if (logTerm > max) {
        sum = sum * Math.exp(max - logTerm) + 1;
        max = logTerm;
      } else sum += Math.exp(logTerm - max);
    }
  else
    for (let k = 0; k < successes; k++) {
      logTerm += Math.log(n - k) - Math.log(k + 1) - logRatio;
      if (logTerm > max) {
        sum = sum * Math.exp(max - logTerm) + 1;
        max = logTerm;
      } else sum += Math.exp(logTerm - max);
    }
  return max + Math.log(sum);
}

/** P(X <= successes) for X ~ Binomial(n, p), summing the shorter tail. */
export function binomialCdf(successes: number, n: number, p: number): number {
  if (successes >= n || p <= 0) return 1;
  if (successes < 0 || p >= 1) return 0;
  if (successes + 1 <= n - successes) return Math.min(1, Math.exp(logTail(successes, n, p, false)));
  return Math.max(0, 1 - Math.exp(logTail(successes, n, p, true)));
}

/**
 * The Clopper-Pearson exact upper confidence limit for a binomial proportion: the largest p with
 * P(X <= successes; n, p) >= errorRate, found by bisection to 1e-12 (the CDF decreases in p). One-sided: the
 * true proportion exceeds it with probability at most `errorRate`, at any n. Used by the interval's upper end
 * (docs/estimation.md): the in-sample Bayes accuracy's count is at least the population Bayes rule's, which is
 * binomial.
 * @throws InputError E_BAD_OPTION when the counts or the error rate are out of range
 * @example
 * clopperPearsonUpper(0, 10, 0.05); // 1 - 0.05 ** (1 / 10) = 0.2589
 */
export function clopperPearsonUpper(successes: number, n: number, errorRate: number): number {
  if (!(Number.isInteger(n) && n >= 1 && Number.isInteger(successes) && successes >= 0 && successes <= n))
    throw new InputError('E_BAD_OPTION', `need integer counts 0 <= ${successes} <= ${n}, n >= 1`);
  if (!(errorRate > 0 && errorRate < 1))
    throw new InputError('E_BAD_OPTION', `the error rate must lie in (0, 1), got ${errorRate}`);
  if (successes === n) return 1;
  let lo = successes / n;
  let hi = 1;
  while (hi - lo > 1e-12) {
    const mid = (lo + hi) / 2;
    if (binomialCdf(successes, n, mid) >= errorRate) lo = mid;
    else hi = mid;
  }
  return hi;
}
