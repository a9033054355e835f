import { expect, test } from 'vitest';
import { cuttingPlaneFrontier, experimentFromMasses, slackFrontier } from '../../src/blackwell/index.js';
import { bayesAccuracy, distributionFromTable, type Distribution } from '../../src/distribution/index.js';
import { syntheticTable } from '../../src/data/synthetic.js';
import { fairFront } from '../../src/limits/index.js';
import type { Alphas } from '../../src/metrics/measure.js';
import { randomDistribution } from '../fixtures/random-distribution.js';

/** Solver tolerance allowance when comparing a cutting-plane bound with the exact LP (both solved to 1e-9). */
const AGREE_TOL = 1e-6;

const instances: { name: string; d: Distribution; alphas: Partial<Alphas>[] }[] = [
  {
    name: 'synthetic 2 groups x 2 classes',
    d: distributionFromTable(syntheticTable({ seed: 5, nRows: 3000, nFeatures: 3, levels: 4 })).distribution,
    alphas: [{ eo: 0 }, { eo: 0.02 }, { sp: 0.05 }, { oae: 0.01 }, { sp: 0.1, eo: 0.05, oae: 0.02 }],
  },
  {
    name: 'synthetic 3 groups x 3 classes',
    d: distributionFromTable(syntheticTable({ seed: 9, nRows: 3000, nGroups: 3, nClasses: 3, nFeatures: 2, levels: 4 })).distribution,
    alphas: [{ eo: 0.05 }, { sp: 0.05 }, { oae: 0.03, eo: 0.1 }],
  },
  {
    name: 'random counts, group-blind',
    d: randomDistribution({ seed: 2, nCells: 30, nGroups: 2, nClasses: 2, isGroupAware: false }),
    alphas: [{ eo: 0.01 }, { sp: 0 }],
  },
];

for (const { name, d, alphas } of instances)
  test(`Algorithm 1 converges to the exact LP value with every iterate above it (${name})`, async () => {
    const { experiment } = experimentFromMasses(d);
    for (const alpha of alphas) {
      const exact = await fairFront(d, { alpha });
      const run = await cuttingPlaneFrontier(experiment, { alpha });
      expect(run.converged, JSON.stringify(alpha)).toBe(true);
      for (const it of run.iterations) expect(it.upperBound).toBeGreaterThanOrEqual(exact.accuracy - AGREE_TOL);
      // Cuts only tighten the master LP: the bounds never go up.
      for (let i = 1; i < run.iterations.length; i++)
        expect(run.iterations[i].upperBound).toBeLessThanOrEqual(run.iterations[i - 1].upperBound + 1e-9);
      expect(Math.abs(run.upperBound - exact.accuracy), JSON.stringify(alpha)).toBeLessThanOrEqual(AGREE_TOL);
    }
  });

test('estimation slack: cutting planes with eps and the single l1-budget LP agree to 1e-6', async () => {
  for (const { d, alphas } of instances.slice(0, 2)) {
    const { experiment } = experimentFromMasses(d);
    for (const alpha of alphas.slice(0, 2))
      for (const slack of [0.001, 0.01, 0.05]) {
        const single = await slackFrontier(experiment, { alpha, slack });
        const cuts = await cuttingPlaneFrontier(experiment, { alpha, slack, tolerance: 1e-9 });
        expect(cuts.converged).toBe(true);
        expect(Math.abs(cuts.upperBound - single.value), `${JSON.stringify(alpha)} eps=${slack}`).toBeLessThanOrEqual(1e-6);
        expect(single.distance).toBeLessThanOrEqual(slack + 1e-9);
      }
  }
});

test('estimation slack eps = 0 reproduces the exact value; a positive eps raises it', async () => {
  const { d } = instances[0];
  const { experiment } = experimentFromMasses(d);
  const exact = await fairFront(d, { alpha: { eo: 0.01 } });
  const zero = await slackFrontier(experiment, { alpha: { eo: 0.01 }, slack: 0 });
  expect(Math.abs(zero.value - exact.accuracy)).toBeLessThanOrEqual(AGREE_TOL);
  const relaxed = await slackFrontier(experiment, { alpha: { eo: 0.01 }, slack: 0.02 });
  expect(relaxed.value).toBeGreaterThan(exact.accuracy + 1e-4);
  // Row sums of Z are fixed, so moving Z by eps in l1 raises accuracy by at most eps / 2 over any achievable
  // point: the relaxed value never exceeds Bayes + eps / 2.
  expect(relaxed.value).toBeLessThanOrEqual(bayesAccuracy(d) + 0.01 + 1e-9);
});

test('every iterate records its bound, separation and a box cut; initial cuts shorten the run', async () => {
  const { d } = instances[0];
  const { experiment } = experimentFromMasses(d);
  const first = await cuttingPlaneFrontier(experiment, { alpha: { eo: 0.02 } });
  for (const it of first.iterations) {
    expect(it.cut.A.length).toBe(8);
    for (const a of it.cut.A) expect(Math.abs(a)).toBeLessThanOrEqual(1);
    expect(it.separation).toBeGreaterThanOrEqual(-1e-9);
  }
  const warm = await cuttingPlaneFrontier(experiment, { alpha: { eo: 0.02 }, initialCuts: first.cuts });
  expect(warm.iterations.length).toBe(1);
  expect(Math.abs(warm.upperBound - first.upperBound)).toBeLessThanOrEqual(1e-9);
});

test('refuses a negative slack and a bad alpha', async () => {
  const { experiment } = experimentFromMasses(instances[0].d);
  await expect(cuttingPlaneFrontier(experiment, { alpha: { eo: 0.1 }, slack: -1 })).rejects.toMatchObject({ code: 'E_BAD_OPTION' });
  await expect(cuttingPlaneFrontier(experiment, { alpha: { eo: 2 } })).rejects.toMatchObject({ code: 'E_BAD_ALPHA' });
  await expect(slackFrontier(experiment, { alpha: { sp: 0.1 }, slack: Number.NaN })).rejects.toMatchObject({ code: 'E_BAD_OPTION' });
});

test('in-out stabilization reaches the same value and its lower bound is an achievable fair accuracy below it', async () => {
  const { d } = instances[0];
  const { experiment } = experimentFromMasses(d);
  const exact = await fairFront(d, { alpha: { eo: 0.01 } });
  const run = await cuttingPlaneFrontier(experiment, { alpha: { eo: 0.01 }, isStabilized: true });
  expect(run.converged).toBe(true);
  expect(Math.abs(run.upperBound - exact.accuracy)).toBeLessThanOrEqual(AGREE_TOL);
  for (const it of run.iterations) expect(it.lowerBound).toBeLessThanOrEqual(exact.accuracy + AGREE_TOL);
  expect(Math.abs(run.lowerBound - exact.accuracy)).toBeLessThanOrEqual(AGREE_TOL);
});
