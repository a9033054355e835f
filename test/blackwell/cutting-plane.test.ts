import { expect, test } from 'vitest';
import {
  achievedJoint,
  cuttingPlaneFrontier,
  exactSeparator,
  experimentFromMasses,
  experimentPrior,
  innerProduct,
  l1Distance,
  mergeEqualPosteriors,
  slackFrontier,
  supportFunction,
  testGarbling,
} from '../../src/blackwell/index.js';
import { bayesAccuracy, distributionFromTable, type Distribution } from '../../src/distribution/index.js';
import { syntheticTable } from '../../src/data/synthetic.js';
import { fairFront } from '../../src/limits/index.js';
import type { Alphas } from '../../src/metrics/measure.js';
import { violationsFromConditional } from '../../src/metrics/violations.js';
import { createRng } from '../../src/rng.js';
import { randomDistribution } from '../fixtures/random-distribution.js';

/** Solver tolerance allowance when comparing a cutting-plane bound with the exact LP (both solved to 1e-9). */
const AGREE_TOL = 1e-6;
/** Every iterate is a certified upper bound: it may sit below the exact LP's primal value only by solver noise. */
const BELOW_TOL = 1e-9;

/**
 * 4 groups x 5 classes, HSLS's shape (Z has 100 x 5 entries) on 236 cells: the plain Algorithm 1 (one l1-deepest cut
 * per iterate) stalls here (after 300 iterates its bound is still 1e-3 to 1e-2 above the exact value at eo 0.1,
 * sp 0.05); the default (inner approximation + stabilization) closes the bracket in about 60-100 iterates.
 */
const hardShape = distributionFromTable(
  syntheticTable({ seed: 11, nRows: 4000, nGroups: 4, nClasses: 5, nFeatures: 3, levels: 4 }),
).distribution;

const instances: { name: string; d: Distribution; alphas: Partial<Alphas>[] }[] = [
  {
    name: 'synthetic 2 groups x 2 classes',
    d: distributionFromTable(syntheticTable({ seed: 5, nRows: 3000, nFeatures: 3, levels: 4 })).distribution,
    alphas: [{ eo: 0 }, { eo: 0.02 }, { sp: 0.05 }, { oae: 0.01 }, { sp: 0.1, eo: 0.05, oae: 0.02 }],
  },
  {
    name: 'synthetic 3 groups x 3 classes',
    d: distributionFromTable(
      syntheticTable({ seed: 9, nRows: 3000, nGroups: 3, nClasses: 3, nFeatures: 2, levels: 4 }),
    ).distribution,
    alphas: [{ eo: 0.05 }, { sp: 0.05 }, { oae: 0.03, eo: 0.1 }],
  },
  {
    name: 'random counts, group-blind',
    d: randomDistribution({ seed: 2, nCells: 30, nGroups: 2, nClasses: 2, isGroupAware: false }),
    alphas: [{ eo: 0.01 }, { sp: 0 }],
  },
  { name: 'synthetic 4 groups x 5 classes', d: hardShape, alphas: [{ eo: 0 }, { eo: 0.1 }, { sp: 0.05 }] },
];

for (const { name, d, alphas } of instances)
  test(`Algorithm 1 converges to the exact LP value with every iterate above it (${name})`, async () => {
    const { experiment } = experimentFromMasses(d);
    for (const alpha of alphas) {
      const exact = await fairFront(d, { alpha });
      const run = await cuttingPlaneFrontier(experiment, { alpha });
      expect(run.converged, JSON.stringify(alpha)).toBe(true);
      for (const it of run.iterations) {
        expect(it.upperBound).toBeGreaterThanOrEqual(exact.accuracy - BELOW_TOL);
        expect(it.lowerBound).toBeLessThanOrEqual(exact.accuracy + BELOW_TOL);
      }
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
        expect(
          Math.abs(cuts.upperBound - single.value),
          `${JSON.stringify(alpha)} eps=${slack}`,
        ).toBeLessThanOrEqual(1e-6);
        expect(single.distance).toBeLessThanOrEqual(slack + 1e-9);
        // The inner point is within the budget of the achievable set, so its accuracy is a lower bound.
        expect(cuts.lowerBound).toBeLessThanOrEqual(single.value + 1e-9);
        expect((await testGarbling(experiment, cuts.innerZ)).distance).toBeLessThanOrEqual(slack + 1e-7);
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
  await expect(cuttingPlaneFrontier(experiment, { alpha: { eo: 0.1 }, slack: -1 })).rejects.toMatchObject({
    code: 'E_BAD_OPTION',
  });
  await expect(cuttingPlaneFrontier(experiment, { alpha: { eo: 2 } })).rejects.toMatchObject({
    code: 'E_BAD_ALPHA',
  });
  await expect(slackFrontier(experiment, { alpha: { sp: 0.1 }, slack: Number.NaN })).rejects.toMatchObject({
    code: 'E_BAD_OPTION',
  });
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

test('the lower bound is a real classifier: its joint matrix is achievable (garbling test), fair, and of that accuracy', async () => {
  const { experiment } = experimentFromMasses(hardShape);
  const mu = experimentPrior(experiment);
  const C = hardShape.nClasses;
  for (const alpha of [{ eo: 0.1 }, { oae: 0.02, sp: 0.1 }]) {
    const exact = await fairFront(hardShape, { alpha });
    const run = await cuttingPlaneFrontier(experiment, { alpha, tolerance: 1e-9 });
    expect(run.converged).toBe(true);
    expect(Math.abs(run.lowerBound - exact.accuracy)).toBeLessThanOrEqual(AGREE_TOL);
    for (let i = 1; i < run.iterations.length; i++)
      expect(run.iterations[i].lowerBound).toBeGreaterThanOrEqual(run.iterations[i - 1].lowerBound);
    const cert = await testGarbling(experiment, run.innerZ);
    expect(cert.distance).toBeLessThanOrEqual(1e-7);
    const P = run.innerZ.map((z, i) => z / mu[Math.floor(i / C)]);
    const violations = violationsFromConditional(P, mu, hardShape.nGroups, C);
    for (const m of ['sp', 'eo', 'oae'] as const)
      expect(violations[m]).toBeLessThanOrEqual(run.alpha[m] + 1e-7);
    let accuracy = 0;
    for (let t = 0; t < mu.length; t++) accuracy += run.innerZ[t * C + (t % C)];
    expect(accuracy).toBeCloseTo(run.lowerBound, 12);
  }
});

test("the paper's plain Algorithm 1 (no inner approximation, no stabilization) still converges on small instances", async () => {
  for (const { d, alphas } of instances.slice(0, 2)) {
    const { experiment } = experimentFromMasses(d);
    for (const alpha of alphas.slice(0, 2)) {
      const exact = await fairFront(d, { alpha });
      const run = await cuttingPlaneFrontier(experiment, {
        alpha,
        innerApproximation: false,
        isStabilized: false,
      });
      expect(run.stopReason).toBe('separation');
      for (const it of run.iterations) expect(it.cutsAdded).toBeLessThanOrEqual(1);
      expect(Math.abs(run.upperBound - exact.accuracy)).toBeLessThanOrEqual(AGREE_TOL);
    }
  }
});

test('the exact separator on merged posteriors returns the l1 distance on the original points and a valid cut', async () => {
  // Counts of 0 or 1 make many cells share a posterior, so merging shrinks the experiment; check against the
  // unmerged garbling test on random targets with the right row sums.
  const d = randomDistribution({
    seed: 4,
    nCells: 200,
    nGroups: 2,
    nClasses: 3,
    isGroupAware: false,
    maxCount: 1,
  });
  const { experiment } = experimentFromMasses(d);
  const merged = mergeEqualPosteriors(experiment);
  expect(merged.merged.nPoints).toBeLessThan(experiment.nPoints / 2);
  expect(merged.meanDeviation).toBeLessThanOrEqual(1e-15);
  const mu = experimentPrior(experiment);
  const C = 3;
  const separator = await exactSeparator(experiment);
  const rng = createRng(8);
  try {
    for (let trial = 0; trial < 5; trial++) {
      const Z = new Float64Array(mu.length * C);
      for (let t = 0; t < mu.length; t++) {
        const u = [rng.next(), rng.next(), rng.next()];
        const sum = u[0] + u[1] + u[2];
        for (let j = 0; j < C; j++) Z[t * C + j] = (mu[t] * u[j]) / sum;
      }
      const sep = separator.separate(Z);
      const original = await testGarbling(experiment, Z);
      expect(sep.separation).toBeCloseTo(original.distance, 7);
      expect(sep.cut.sigma).toBeGreaterThanOrEqual(supportFunction(experiment, sep.cut.A, C).value - 1e-12);
      expect(sep.cut.sigma).toBeLessThanOrEqual(supportFunction(experiment, sep.cut.A, C).value + 1e-12);
      // The nearest achievable point is achievable on the original experiment and that close to Z.
      expect(l1Distance(Z, sep.achieved!)).toBeCloseTo(original.distance, 7);
      expect((await testGarbling(experiment, sep.achieved!)).distance).toBeLessThanOrEqual(1e-7);
    }
  } finally {
    separator.dispose();
  }
  // achievedJoint of a deterministic garbling is a vertex attaining sigma: the support function's own check.
  const A = Float64Array.from({ length: mu.length * C }, () => 2 * rng.next() - 1);
  const { value, argmax } = supportFunction(experiment, A, C);
  const h = new Float64Array(experiment.nPoints * C);
  argmax.forEach((j, k) => (h[k * C + j] = 1));
  expect(innerProduct(A, achievedJoint(experiment, h, C))).toBeCloseTo(value, 12);
});
