import { expect, test } from 'vitest';
import {
  achievedJoint,
  createExperiment,
  experimentFromMasses,
  innerProduct,
  supportFunction,
  testGarbling,
} from '../../src/blackwell/index.js';
import { distributionFromTable } from '../../src/distribution/index.js';
import { syntheticTable } from '../../src/data/synthetic.js';
import { createRng } from '../../src/rng.js';

/** Binary symmetric channel with crossover p and a uniform prior, as an experiment over theta in {0, 1}. */
const bsc = (p: number) =>
  createExperiment({ nStates: 2, weight: [0.5, 0.5], posterior: [1 - p, p, p, 1 - p] });
/** BSC(q) as a joint matrix Z[theta, output] = P(theta) P(output | theta). */
const bscJoint = (q: number) => Float64Array.of(0.5 * (1 - q), 0.5 * q, 0.5 * q, 0.5 * (1 - q));

test('BSC(p) garbles into BSC(q) exactly when q lies between p and 1 - p (closed form)', async () => {
  const grid = [0, 0.05, 0.1, 0.2, 0.3, 0.45, 0.5, 0.6, 0.8, 0.95];
  for (const p of grid)
    for (const q of grid) {
      const cert = await testGarbling(bsc(p), bscJoint(q));
      const lo = Math.min(p, 1 - p);
      const hi = Math.max(p, 1 - p);
      const inside = q >= lo - 1e-12 && q <= hi + 1e-12;
      expect(cert.isAchievable, `p=${p} q=${q}`).toBe(inside);
      // Closed-form l1 distance: moving the crossover from the nearest end of [lo, hi] to q costs 2 * |gap|.
      const gap = inside ? 0 : q < lo ? lo - q : q - hi;
      expect(cert.distance).toBeCloseTo(2 * gap, 7);
    }
});

test('an achievable target comes with a garbling that reproduces it', async () => {
  const cert = await testGarbling(bsc(0.1), bscJoint(0.3));
  expect(cert.isAchievable).toBe(true);
  const Q = achievedJoint(bsc(0.1), cert.garbling, 2);
  const Z = bscJoint(0.3);
  for (let i = 0; i < 4; i++) expect(Q[i]).toBeCloseTo(Z[i], 8);
  // The garbling is itself a channel: rows are probability vectors.
  for (let k = 0; k < 2; k++) expect(cert.garbling[2 * k] + cert.garbling[2 * k + 1]).toBeCloseTo(1, 12);
});

test('an unachievable target comes with a box cut A with <A, Z> > sigma(A), re-checked by direct summation', async () => {
  const e = bsc(0.3);
  const Z = bscJoint(0.1);
  const cert = await testGarbling(e, Z);
  expect(cert.isAchievable).toBe(false);
  for (const a of cert.cut.A) expect(Math.abs(a)).toBeLessThanOrEqual(1);
  const sigma = supportFunction(e, cert.cut.A, 2).value;
  expect(sigma).toBeCloseTo(cert.cut.sigma, 12);
  expect(innerProduct(cert.cut.A, Z) - sigma).toBeGreaterThan(0.1);
  // The cut's value equals the l1 distance (the separation LP is the dual of the distance LP).
  expect(innerProduct(cert.cut.A, Z) - sigma).toBeCloseTo(cert.distance, 7);
});

test('the support function equals the best accuracy of a deterministic garbling (brute force)', () => {
  const rng = createRng(7);
  const n = 5;
  const S = 3;
  const weight = Array.from({ length: n }, () => rng.next() + 0.1);
  const posterior: number[] = [];
  for (let k = 0; k < n; k++) {
    const r = Array.from({ length: S }, () => rng.next() + 0.01);
    const t = r.reduce((a, b) => a + b, 0);
    posterior.push(...r.map((v) => v / t));
  }
  const e = createExperiment({ nStates: S, weight, posterior });
  const m = 2;
  const A = Float64Array.from({ length: S * m }, () => 2 * rng.next() - 1);
  let best = -Infinity;
  for (let code = 0; code < m ** n; code++) {
    const h = new Float64Array(n * m);
    for (let k = 0, c = code; k < n; k++, c = Math.floor(c / m)) h[k * m + (c % m)] = 1;
    best = Math.max(best, innerProduct(A, achievedJoint(e, h, m)));
  }
  expect(supportFunction(e, A, m).value).toBeCloseTo(best, 12);
});

test('every joint matrix of a real classifier on synthetic cells is achievable, and a perturbed one is not', async () => {
  const { distribution } = distributionFromTable(
    syntheticTable({ seed: 3, nRows: 400, nFeatures: 2, levels: 3 }),
  );
  const { experiment } = experimentFromMasses(distribution);
  const rng = createRng(11);
  const h = new Float64Array(experiment.nPoints * 2);
  for (let k = 0; k < experiment.nPoints; k++) {
    const u = rng.next();
    h[2 * k] = u;
    h[2 * k + 1] = 1 - u;
  }
  const Z = achievedJoint(experiment, h, 2);
  expect((await testGarbling(experiment, Z)).isAchievable).toBe(true);
  // Perfect prediction is beyond these cells (their Bayes accuracy is below 1).
  const perfect = new Float64Array(8);
  for (let t = 0; t < 4; t++) perfect[t * 2 + (t % 2)] = Z[t * 2] + Z[t * 2 + 1];
  const cert = await testGarbling(experiment, perfect);
  expect(cert.isAchievable).toBe(false);
  expect(cert.distanceLowerBound).toBeGreaterThan(0.01);
});

test('refuses a target of the wrong shape and an experiment with a bad posterior', async () => {
  await expect(testGarbling(bsc(0.1), [0.5, 0.5, 0])).rejects.toMatchObject({ code: 'E_BAD_OPTION' });
  expect(() => createExperiment({ nStates: 2, weight: [1], posterior: [0.7, 0.7] })).toThrow(
    expect.objectContaining({ code: 'E_BAD_OPTION' }),
  );
  expect(() => createExperiment({ nStates: 2, weight: [-1], posterior: [0.5, 0.5] })).toThrow(
    expect.objectContaining({ code: 'E_NEGATIVE_WEIGHT' }),
  );
});
