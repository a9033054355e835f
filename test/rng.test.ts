import { expect, test } from 'vitest';
import { bootstrapRows, createRng, permutation, randomInt, randomNormal } from '../src/rng.js';

// Truths from outside the generator: the definition of the output (53-bit doubles in [0, 1)), the uniform and normal
// distributions (chi-square and Kolmogorov-Smirnov statistics against their tabulated critical values, for fixed
// seeds, so each check is deterministic), and the contract of fork (streams depend on the seed and stream only).

const draws = (seed: number, n: number): number[] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

/** Pearson's chi-square statistic of observed counts against equal expected counts. */
function chiSquare(counts: readonly number[]): number {
  const n = counts.reduce((a, b) => a + b, 0);
  const expected = n / counts.length;
  return counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
}

/** Upper 0.1% points of the chi-square distribution (tables; e.g. Abramowitz and Stegun, table 26.8). */
const CHI2_999 = { 5: 20.515, 9: 27.877, 99: 148.23 } as const;

test('the same seed gives the same stream and different seeds give different streams', () => {
  expect(draws(42, 100)).toEqual(draws(42, 100));
  const a = draws(1, 100);
  const b = draws(2, 100);
  expect(a.filter((x, i) => x === b[i])).toEqual([]);
});

test('seeds that differ only above 32 bits give different streams', () => {
  expect(draws(2 ** 32 + 7, 10)).not.toEqual(draws(7, 10));
});

test('next() is a multiple of 2^-53 in [0, 1)', () => {
  const bad = draws(3, 10_000).filter((x) => !(x >= 0 && x < 1 && Number.isInteger(x * 2 ** 53)));
  expect(bad).toEqual([]);
});

test('next() is uniform: chi-square over 100 bins of 200 000 draws is below the 0.1% critical value', () => {
  for (const seed of [1, 2, 3]) {
    const counts = new Array<number>(100).fill(0);
    for (const x of draws(seed, 200_000)) counts[Math.floor(x * 100)]++;
    expect(chiSquare(counts)).toBeLessThan(CHI2_999[99]);
  }
});

test('successive draws are not correlated: the lag-1 serial correlation of 100 000 draws is within 4/sqrt(n)', () => {
  const x = draws(11, 100_000);
  const n = x.length - 1;
  let sxy = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += x[i] * x[i + 1];
    sx += x[i];
    sy += x[i + 1];
    sxx += x[i] * x[i];
    syy += x[i + 1] * x[i + 1];
  }
  const r = (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
  expect(Math.abs(r)).toBeLessThan(4 / Math.sqrt(n));
});

test('fork(k) depends only on the seed and k: not on the parent draws made before it', () => {
  const fresh = createRng(5).fork(3);
  const used = createRng(5);
  for (let i = 0; i < 1000; i++) used.next();
  const later = used.fork(3);
  const a = Array.from({ length: 50 }, () => fresh.next());
  expect(Array.from({ length: 50 }, () => later.next())).toEqual(a);
});

test('forked streams differ from each other and from the parent', () => {
  const take = (r: { next(): number }) => Array.from({ length: 20 }, () => r.next());
  const parent = take(createRng(9));
  const f0 = take(createRng(9).fork(0));
  const f1 = take(createRng(9).fork(1));
  expect(f0).not.toEqual(parent);
  expect(f1).not.toEqual(f0);
  expect(take(createRng(9).fork(1).fork(0))).not.toEqual(f1);
});

test('createRng refuses a seed that is not an integer', () => {
  expect(() => createRng(1.5)).toThrow(/integer/);
  expect(() => createRng(Number.NaN)).toThrow(/integer/);
});

test('randomInt(n) covers 0..n-1 uniformly', () => {
  const rng = createRng(4);
  const counts = new Array<number>(10).fill(0);
  const bad: number[] = [];
  for (let i = 0; i < 100_000; i++) {
    const v = randomInt(rng, 10);
    if (Number.isInteger(v) && v >= 0 && v < 10) counts[v]++;
    else bad.push(v);
  }
  expect(bad).toEqual([]);
  expect(chiSquare(counts)).toBeLessThan(CHI2_999[9]);
});

test('permutation returns each of the 6 orders of 3 elements equally often', () => {
  const rng = createRng(8);
  const counts = new Map<string, number>();
  for (let i = 0; i < 60_000; i++) {
    const key = permutation(rng, 3).join('');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  expect([...counts.keys()].sort()).toEqual(['012', '021', '102', '120', '201', '210']);
  expect(chiSquare([...counts.values()])).toBeLessThan(CHI2_999[5]);
});

test('permutation of n is a permutation of 0..n-1', () => {
  const p = permutation(createRng(12), 1000);
  expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
});

/** Standard normal CDF through the complementary error function (Abramowitz and Stegun 7.1.26, error < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erfc =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
    Math.exp(-x * x);
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

test('randomNormal is standard normal: Kolmogorov-Smirnov distance of 20 000 draws below the 0.1% critical value', () => {
  const rng = createRng(21);
  const n = 20_000;
  const z = Float64Array.from({ length: n }, () => randomNormal(rng)).sort();
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = normalCdf(z[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  // Critical value of the one-sample KS statistic at level 0.001: 1.9495 / sqrt(n).
  expect(d).toBeLessThan(1.9495 / Math.sqrt(n));
  const mean = z.reduce((a, b) => a + b, 0) / n;
  const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n));
  expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
});

test('bootstrapRows draws `size` indices in 0..nRows-1, each row about equally often', () => {
  const rows = bootstrapRows(7, 70_000, createRng(30));
  expect(rows.length).toBe(70_000);
  const counts = new Array<number>(7).fill(0);
  for (const r of rows) counts[r]++;
  expect(Math.min(...rows)).toBe(0);
  expect(Math.max(...rows)).toBe(6);
  expect(chiSquare(counts)).toBeLessThan(22.458); // chi-square, 6 degrees of freedom, upper 0.1%
});
