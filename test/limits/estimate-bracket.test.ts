import { expect, test } from 'vitest';
import {
  certifiedBracket,
  posteriorExperiment,
  quantizeExperiment,
  slackFrontier,
} from '../../src/blackwell/index.js';
import { twoGaussianPopulation } from '../../src/limits/index.js';
import { createRng } from '../../src/rng.js';

const population = twoGaussianPopulation();
const table = population.sample(2000, createRng(3));
const { experiment } = posteriorExperiment(table, {
  posterior: (t) => population.labelPosterior(t),
  seed: 1,
});
const alpha = { eo: 0.02 };
const LP_TOL = 1e-7;

test('the certified bracket contains the direct LP value on 2000 continuous samples at every level', async () => {
  const direct = (await slackFrontier(experiment, { alpha })).value;
  const bracket = await certifiedBracket(experiment, { alpha, levels: [4, 8, 16, 32, 64] });
  for (const level of bracket.levels) {
    expect(level.lowerBound).toBeLessThanOrEqual(direct + LP_TOL);
    expect(level.upperBound).toBeGreaterThanOrEqual(direct - LP_TOL);
  }
  expect(bracket.lower).toBeLessThanOrEqual(direct + LP_TOL);
  expect(bracket.upper).toBeGreaterThanOrEqual(direct - LP_TOL);
});

test('refining the quantization shrinks the gap: lower bounds rise, upper bounds fall, the gap drops 20-fold', async () => {
  const bracket = await certifiedBracket(experiment, {
    alpha: { sp: 0.05 },
    levels: [4, 8, 16, 32, 64, 128],
  });
  const levels = bracket.levels;
  for (let i = 1; i < levels.length; i++) {
    // Doubling the bins refines the merged cells (nested), so the merged LP value cannot drop.
    expect(levels[i].lowerBound).toBeGreaterThanOrEqual(levels[i - 1].lowerBound - LP_TOL);
    expect(levels[i].upper).toBeLessThanOrEqual(levels[i - 1].upper + LP_TOL);
    expect(levels[i].gap).toBeLessThanOrEqual(levels[i - 1].gap + LP_TOL);
  }
  expect(levels[levels.length - 1].gap).toBeLessThan(levels[0].gap / 20);
  expect(levels[levels.length - 1].nCells).toBeGreaterThan(levels[0].nCells);
});

test('quantization merges points into nested cells and keeps total weight and the prior', () => {
  const coarse = quantizeExperiment(experiment, 8);
  const fine = quantizeExperiment(experiment, 16);
  // Every fine cell lies inside one coarse cell.
  const parent = new Map<number, number>();
  for (let k = 0; k < experiment.nPoints; k++) {
    const seen = parent.get(fine.cellOfPoint[k]);
    if (seen === undefined) parent.set(fine.cellOfPoint[k], coarse.cellOfPoint[k]);
    else expect(seen).toBe(coarse.cellOfPoint[k]);
  }
  const sum = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0);
  expect(sum(coarse.merged.weight)).toBeCloseTo(1, 12);
  for (let t = 0; t < 4; t++) {
    let before = 0;
    let after = 0;
    for (let k = 0; k < experiment.nPoints; k++)
      before += experiment.weight[k] * experiment.posterior[k * 4 + t];
    for (let k = 0; k < coarse.merged.nPoints; k++)
      after += coarse.merged.weight[k] * coarse.merged.posterior[k * 4 + t];
    expect(after).toBeCloseTo(before, 12);
  }
});
