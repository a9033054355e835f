import { expect, test } from 'vitest';
import { slackFrontier } from '../../src/blackwell/index.js';
import { logisticRegression } from '../../src/learn/index.js';
import { posteriorExperiment } from '../../src/blackwell/index.js';
import { fairFront, normalCdf, twoGaussianPopulation } from '../../src/limits/index.js';
import { createRng } from '../../src/rng.js';

test('the normal CDF matches reference values to 1e-15', () => {
  // Reference values from scipy.stats.norm.cdf.
  const cases: [number, number][] = [
    [0, 0.5],
    [1, 0.8413447460685429],
    [-2, 0.022750131948179195],
    [3, 0.9986501019683699],
    [-6, 9.865876450376946e-10],
  ];
  for (const [z, p] of cases) expect(Math.abs(normalCdf(z) - p)).toBeLessThanOrEqual(1e-15);
});

const population = twoGaussianPopulation();
const alpha = { eo: 0.02 };

test('the two-Gaussian population frontier converges on refining (nested) grids: 2000 and 4000 intervals agree to 1e-6', async () => {
  const coarse = await fairFront(population.populationDistribution({ gridSize: 2000 }), { alpha });
  const fine = await fairFront(population.populationDistribution({ gridSize: 4000 }), { alpha });
  // A finer grid refines the cells, so its value is at least the coarser one's (a garbling argument).
  expect(fine.accuracy).toBeGreaterThanOrEqual(coarse.accuracy - 1e-9);
  expect(fine.accuracy - coarse.accuracy).toBeLessThanOrEqual(1e-6);
  // The constraint binds: the fair value is strictly below the Bayes accuracy.
  const bayes = await fairFront(population.populationDistribution({ gridSize: 4000 }), { alpha: {} });
  expect(bayes.accuracy - fine.accuracy).toBeGreaterThan(1e-3);
});

test('the plug-in frontier from estimated posteriors approaches the population value as n grows (true posterior and logistic regression)', async () => {
  const truth = (await fairFront(population.populationDistribution(), { alpha })).accuracy;
  // Stated tolerances: three standard errors of an accuracy on n points, plus the estimation error of g.
  const tolerance = { 1000: 0.05, 10000: 0.015 } as const;
  for (const n of [1000, 10000] as const) {
    const table = population.sample(n, createRng(n + 17));
    const known = posteriorExperiment(table, { posterior: (t) => population.labelPosterior(t), seed: 1 });
    const fitted = posteriorExperiment(table, { posterior: logisticRegression(), seed: 1 });
    const valueKnown = (await slackFrontier(known.experiment, { alpha })).value;
    const valueFitted = (await slackFrontier(fitted.experiment, { alpha })).value;
    expect(Math.abs(valueKnown - truth), `true posterior, n=${n}`).toBeLessThanOrEqual(tolerance[n]);
    expect(Math.abs(valueFitted - truth), `logistic regression, n=${n}`).toBeLessThanOrEqual(tolerance[n]);
  }
});

test('the group-blind plug-in with the true joint posterior matches the group-blind population frontier', async () => {
  const truth = (
    await fairFront(population.populationDistribution({ gridSize: 2000, isGroupAware: false }), { alpha })
  ).accuracy;
  const table = population.sample(20000, createRng(5));
  const { experiment } = posteriorExperiment(table, {
    posterior: (t) => population.jointPosterior(t),
    isGroupAware: false,
    seed: 1,
  });
  expect(Math.abs((await slackFrontier(experiment, { alpha })).value - truth)).toBeLessThanOrEqual(0.01);
});
