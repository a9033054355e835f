import { expect, test } from 'vitest';
import { fairFront, finitePopulation, heldOutFrontier } from '../../src/limits/index.js';
import { createRng } from '../../src/rng.js';

// A finite population with 60 levels x 2 groups = 120 cells and a known pmf: its FairFront is the truth.
const population = finitePopulation({ seed: 4, nLevels: 60 });
const alpha = { eo: 0.02 };
const SEEDS = [1, 2, 3, 4];

/**
 * Three standard errors of a mean accuracy over `replicates` samples of n rows (accuracy variance <= 1/4):
 * the stated tolerance for "in-sample >= truth - tol" and "held-out <= truth + tol".
 */
const tolerance = (n: number, replicates: number) => 3 * (0.5 / Math.sqrt(n * replicates));

async function meanErrors(n: number, seeds: readonly number[], truth: number) {
  let inSample = 0;
  let heldOut = 0;
  for (const seed of seeds) {
    const table = population.sample(n, createRng(1000 * seed + n));
    const estimate = await heldOutFrontier(table, { alphas: [alpha], folds: 5, seed });
    inSample += (estimate.points[0].inSample.accuracy - truth) / seeds.length;
    heldOut += (estimate.points[0].heldOut.accuracy - truth) / seeds.length;
  }
  return { inSample, heldOut };
}

test('as n grows the in-sample frontier approaches the population value from above and the cross-fitted held-out value from below', async () => {
  const truth = (await fairFront(population.distribution, { alpha })).accuracy;
  const small = await meanErrors(1_000, SEEDS, truth);
  const large = await meanErrors(10_000, SEEDS, truth);
  const huge = await meanErrors(100_000, SEEDS.slice(0, 2), truth);
  for (const [n, e, r] of [
    [1_000, small, 4],
    [10_000, large, 4],
    [100_000, huge, 2],
  ] as const) {
    expect(e.inSample, `in-sample at n=${n}`).toBeGreaterThanOrEqual(-tolerance(n, r));
    expect(e.heldOut, `held-out at n=${n}`).toBeLessThanOrEqual(tolerance(n, r));
    expect(e.inSample).toBeGreaterThanOrEqual(e.heldOut);
  }
  // The in-sample optimism is real at n = 1e3 (about 8 rows per cell) and fades with n.
  expect(small.inSample).toBeGreaterThan(0.03);
  expect(large.inSample).toBeLessThan(small.inSample / 2);
  expect(Math.abs(large.heldOut)).toBeLessThan(Math.abs(small.heldOut));
  expect(Math.abs(huge.inSample)).toBeLessThanOrEqual(0.005);
  expect(Math.abs(huge.heldOut)).toBeLessThanOrEqual(0.005);
});
