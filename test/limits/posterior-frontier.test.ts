import { describe, expect, test } from 'vitest';
import { openFrontierModel } from '../../src/limits/frontier-model.js';
import {
  mixturePopulation,
  type MixturePopulationOptions,
} from '../../src/limits/estimate/mixture-population.js';
import { posteriorFrontier } from '../../src/limits/estimate/posterior-frontier.js';
import { fitScoreCells, scoreCellsOf } from '../../src/limits/estimate/score-cells.js';
import { createRng } from '../../src/rng.js';
import { normalCdf } from '../../src/limits/estimate/ground-truth.js';

/**
 * Two groups, two classes, z1 | S = s, Y = y ~ N(m, 1): the log-odds are linear in z1 within each group with a
 * positive slope, so a logistic model on (z1, noise, group) ranks each group's rows as the true posterior does,
 * and the quantile cells of its score are those of the true posterior. The truth is the exact LP on a fine grid
 * of z1 (normal CDF masses), which is independent of the estimator.
 */
const GAUSS2: MixturePopulationOptions = {
  groupShare: [0.65, 0.35],
  classRate: [
    [0.55, 0.45],
    [0.75, 0.25],
  ],
  mean: [
    [
      [-0.9, 0],
      [0.9, 0],
    ],
    [
      [-0.5, 0],
      [0.5, 0],
    ],
  ],
};

async function truthOf(options: MixturePopulationOptions, alphas: { eo: number }[], grid: number) {
  const model = await openFrontierModel(mixturePopulation(options).gridDistribution(grid));
  try {
    return alphas.map((a) => model.solve(a).accuracy);
  } finally {
    model.dispose();
  }
}

describe('posteriorFrontier on a population with a known frontier', () => {
  const alphas = [{ eo: 0 }, { eo: 0.05 }, { eo: 1 }];

  test('the grid truth converges, and at alpha = 1 equals the closed-form Bayes accuracy', async () => {
    const coarse = await truthOf(GAUSS2, alphas, 400);
    const fine = await truthOf(GAUSS2, alphas, 1600);
    // A finer grid is a finer garbling: its FairFront is at least the coarser one's, and the step is tiny.
    coarse.forEach((v, i) => {
      expect(fine[i]).toBeGreaterThanOrEqual(v - 1e-9);
      expect(fine[i] - v).toBeLessThan(2e-5);
    });
    // Bayes accuracy per group: threshold t where p0 phi(z - m0) = p1 phi(z - m1) (unit variances).
    let bayes = 0;
    GAUSS2.groupShare.forEach((share, s) => {
      const [p0, p1] = GAUSS2.classRate[s];
      const m0 = GAUSS2.mean[s][0][0];
      const m1 = GAUSS2.mean[s][1][0];
      const t = (m0 + m1) / 2 + Math.log(p0 / p1) / (m1 - m0);
      bayes += share * (p0 * normalCdf(t - m0) + p1 * (1 - normalCdf(t - m1)));
    });
    expect(fine[2]).toBeCloseTo(bayes, 6);
    expect(fine[0]).toBeLessThan(fine[1]);
  });

  test('at N = 20 000 the estimate is within 0.01 of the truth, inside its interval, monotone in alpha', async () => {
    const truth = await truthOf(GAUSS2, alphas, 1600);
    const table = mixturePopulation(GAUSS2).sample(20_000, createRng(7));
    const est = await posteriorFrontier(table, {
      alphas,
      seed: 3,
      learners: ['logit'],
      folds: 3,
      bins: [32],
    });
    est.points.forEach((p, i) => {
      expect(Math.abs(p.estimate - truth[i])).toBeLessThan(0.01);
      expect(p.lower).toBeLessThanOrEqual(truth[i]);
      expect(p.upper).toBeGreaterThanOrEqual(truth[i]);
      expect(p.lower).toBeLessThanOrEqual(p.estimate);
      expect(p.estimate).toBeLessThanOrEqual(p.upper);
      expect(p.method).toBe('posterior-cross-fit');
    });
    // The lower end is below the in-sample Bayes accuracy of the estimate's cells (alpha = 1 on them).
    for (const p of est.points) expect(p.lower).toBeLessThan(est.bayesAccuracy);
    expect(est.points[2].inSample).toBeCloseTo(est.bayesAccuracy, 9);
    // FairFront is non-decreasing in alpha, and so are the estimate and the held-out Lagrangian's plug-in.
    expect(est.points[0].estimate).toBeLessThanOrEqual(est.points[1].estimate + 1e-12);
    expect(est.points[1].estimate).toBeLessThanOrEqual(est.points[2].estimate + 1e-12);
    // Every row's posterior came from a model fitted without its fold: 3 folds, each a third of the rows.
    const perFold = [0, 0, 0];
    for (const f of est.foldOfRow) perFold[f]++;
    for (const n of perFold) expect(Math.abs(n - 20_000 / 3)).toBeLessThan(1);
  }, 120_000);

  test('seeded small simulation: the interval covers the truth in every sample (N = 3000, 4 samples)', async () => {
    const [truth] = await truthOf(GAUSS2, [{ eo: 0 }], 1600);
    let absError = 0;
    for (let r = 0; r < 4; r++) {
      const table = mixturePopulation(GAUSS2).sample(3000, createRng(100 + r));
      const est = await posteriorFrontier(table, {
        alphas: [{ eo: 0 }],
        seed: r,
        learners: ['logit'],
        folds: 3,
      });
      const p = est.points[0];
      expect(p.lower).toBeLessThanOrEqual(truth);
      expect(p.upper).toBeGreaterThanOrEqual(truth);
      absError += Math.abs(p.estimate - truth) / 4;
    }
    expect(absError).toBeLessThan(0.02);
  }, 120_000);

  test('three classes and three groups: lower <= truth, estimate within the interval', async () => {
    const population: MixturePopulationOptions = {
      groupShare: [0.4, 0.35, 0.25],
      classRate: [
        [0.4, 0.35, 0.25],
        [0.55, 0.3, 0.15],
        [0.35, 0.35, 0.3],
      ],
      mean: [
        [
          [-1, -0.6],
          [1, -0.6],
          [0, 1.1],
        ],
        [
          [-0.7, -0.4],
          [0.7, -0.4],
          [0, 0.8],
        ],
        [
          [-1.2, -0.6],
          [1.2, -0.6],
          [0, 1.2],
        ],
      ],
    };
    const [truth] = await truthOf(population, [{ eo: 0.05 }], 60);
    const table = mixturePopulation(population).sample(6000, createRng(11));
    const est = await posteriorFrontier(table, {
      alphas: [{ eo: 0.05 }],
      seed: 5,
      learners: ['logit'],
      folds: 3,
      bins: [4, 8],
    });
    const p = est.points[0];
    expect(p.lower).toBeLessThanOrEqual(truth);
    expect(p.lower).toBeLessThanOrEqual(p.estimate);
    expect(p.estimate).toBeLessThanOrEqual(p.upper);
    expect(Math.abs(p.estimate - truth)).toBeLessThan(0.05);
  }, 120_000);

  test('refuses too few folds or rows with coded errors', async () => {
    const table = mixturePopulation(GAUSS2).sample(200, createRng(1));
    await expect(posteriorFrontier(table, { alphas: [{ eo: 0 }], seed: 1, folds: 2 })).rejects.toMatchObject({
      code: 'E_BAD_OPTION',
    });
    await expect(
      posteriorFrontier(mixturePopulation(GAUSS2).sample(20, createRng(1)), { alphas: [{ eo: 0 }], seed: 1 }),
    ).rejects.toMatchObject({ code: 'E_BAD_OPTION' });
    await expect(
      posteriorFrontier(table, { alphas: [{ eo: 0 }], seed: 1, learners: ['svm' as never] }),
    ).rejects.toMatchObject({ code: 'E_BAD_OPTION' });
  });
});

describe('score cells', () => {
  test('two classes: equal-count quantile bins of P(Y = 1) within each group', () => {
    // Group 0 scores 0.1..0.8 (8 rows), group 1 scores 0.15..0.45 (4 rows); 4 bins per group.
    const p1 = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.15, 0.25, 0.35, 0.45];
    const proba = Float64Array.from(p1.flatMap((p) => [1 - p, p]));
    const group = Int32Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    const rows = Array.from({ length: 12 }, (_, i) => i);
    const q = fitScoreCells(proba, group, rows, 2, 2, 4);
    expect(Array.from(scoreCellsOf(q, proba, group))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 7]);
  });

  test('three classes: cells split by the ranked-first class, then by its probability', () => {
    const proba = Float64Array.from([0.6, 0.3, 0.1, 0.9, 0.05, 0.05, 0.2, 0.7, 0.1, 0.1, 0.1, 0.8]);
    const group = Int32Array.from([0, 0, 0, 0]);
    const q = fitScoreCells(proba, group, [0, 1, 2, 3], 2, 3, 2);
    // Class 0 first twice (edge 0.9: 0.6 in bin 0, 0.9 in bin 1); classes 1 and 2 once each, in strata 1 and 2
    // (cells 2-3 and 4-5), where the one row sits on its stratum's edge (bin 1).
    expect(Array.from(scoreCellsOf(q, proba, group))).toEqual([0, 1, 3, 5]);
  });
});
