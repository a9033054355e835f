import { expect, test } from 'vitest';
import { massIndex } from '../../src/distribution/index.js';
import { sweepFrontier } from '../../src/limits/index.js';
import { missingPopulation, populationDistribution, type Population } from '../../src/missing/index.js';
import { smallPopulation } from './population-fixture.js';

/** Two LP optima compared across distributions: each is within ~1e-9 of its true value (solver tolerance). */
const LP_TOL = 1e-7;
const ALPHAS = [0, 0.02, 0.05, 0.1, 0.2, 0.4, 1];

async function frontier(
  d: Parameters<typeof sweepFrontier>[0],
  measure: 'eo' | 'sp' | 'oae' = 'eo',
): Promise<number[]> {
  const sweep = await sweepFrontier(d, { measure, alphas: ALPHAS });
  return sweep.points.map((p) => p.accuracy);
}

test('MCAR with a fixed substitute moves a share r of each non-mode cell to the mode cell, as computed by hand', () => {
  const population: Population = {
    featureNames: ['x'],
    groupNames: ['g0', 'g1'],
    classNames: ['0', '1'],
    cells: [
      { features: [0], group: 0, mass: [0.1, 0.2] },
      { features: [1], group: 0, mass: [0.15, 0.05] },
      { features: [0], group: 1, mass: [0.2, 0.1] },
      { features: [1], group: 1, mass: [0.05, 0.15] },
    ],
  };
  const d = missingPopulation(population, {
    columns: [0],
    rateByGroup: [0.3, 0.5],
    strategy: { kind: 'constant', substitutes: [0] },
  });
  const cell = (key: string) => d.cellKeys.indexOf(key);
  // Group 0: x=1 keeps 70% of its mass; x=0 gains the other 30%. Group 1: half moves.
  expect(d.mass[massIndex(d, cell('1|s=0'), 0, 0)]).toBeCloseTo(0.15 * 0.7, 12);
  expect(d.mass[massIndex(d, cell('0|s=0'), 0, 1)]).toBeCloseTo(0.2 + 0.05 * 0.3, 12);
  expect(d.mass[massIndex(d, cell('0|s=1'), 1, 0)]).toBeCloseTo(0.2 + 0.05 * 0.5, 12);
  expect(d.mass[massIndex(d, cell('1|s=1'), 1, 1)]).toBeCloseTo(0.15 * 0.5, 12);
  const indicator = missingPopulation(population, {
    columns: [0],
    rateByGroup: [0.3, 0.5],
    strategy: { kind: 'indicator' },
  });
  expect(indicator.nCells).toBe(6);
  expect(indicator.mass[massIndex(indicator, indicator.cellKeys.indexOf('NA|s=1'), 1, 1)]).toBeCloseTo(
    (0.1 + 0.15) * 0.5,
    12,
  );
});

test('MCAR with mode imputation never raises the population frontier (garbling), for every alpha', async () => {
  for (const seed of [1, 2, 3]) {
    const population = smallPopulation(seed);
    const complete = await frontier(populationDistribution(population));
    for (const rateByGroup of [
      [0.1, 0.1],
      [0.1, 0.5],
      [0.1, 0.7],
      [0.6, 0.2],
    ]) {
      const garbled = missingPopulation(population, {
        columns: [0, 1, 2],
        rateByGroup,
        strategy: { kind: 'constant', substitutes: [1, 0, 2] },
      });
      const values = await frontier(garbled);
      values.forEach((v, t) => expect(v).toBeLessThanOrEqual(complete[t] + LP_TOL));
    }
  }
});

test('the drop grows with the minority rate: disparate missingness strictly lowers the frontier at alpha_EO = 0', async () => {
  const population = smallPopulation(7);
  const complete = await frontier(populationDistribution(population));
  const atZero: number[] = [];
  for (const minor of [0.1, 0.3, 0.5, 0.7]) {
    const garbled = missingPopulation(population, {
      columns: [0, 1, 2],
      rateByGroup: [0.1, minor],
      strategy: { kind: 'constant', substitutes: [1, 0, 2] },
    });
    atZero.push((await frontier(garbled))[0]);
  }
  expect(atZero[0]).toBeLessThan(complete[0] - 1e-4);
  for (let t = 1; t < atZero.length; t++) expect(atZero[t]).toBeLessThan(atZero[t - 1] + LP_TOL);
  expect(atZero[3]).toBeLessThan(atZero[0] - 1e-3);
});

test('the missing-indicator category is at least as informative as mode imputation, and at most the complete data, in the population', async () => {
  for (const seed of [1, 2, 3]) {
    const population = smallPopulation(seed);
    const completeDistribution = populationDistribution(population);
    const complete = {
      eo: await frontier(completeDistribution, 'eo'),
      sp: await frontier(completeDistribution, 'sp'),
      oae: await frontier(completeDistribution, 'oae'),
    };
    for (const rateByGroup of [
      [0.1, 0.3],
      [0.1, 0.7],
      [0.4, 0.4],
    ])
      for (const measure of ['eo', 'sp', 'oae'] as const) {
        const mode = await frontier(
          missingPopulation(population, {
            columns: [0, 1, 2],
            rateByGroup,
            strategy: { kind: 'constant', substitutes: [1, 0, 2] },
          }),
          measure,
        );
        const indicator = await frontier(
          missingPopulation(population, { columns: [0, 1, 2], rateByGroup, strategy: { kind: 'indicator' } }),
          measure,
        );
        indicator.forEach((v, t) => {
          expect(v).toBeGreaterThanOrEqual(mode[t] - LP_TOL);
          expect(v).toBeLessThanOrEqual(complete[measure][t] + LP_TOL);
        });
      }
  }
});

test('rate 0 leaves the population pmf unchanged', () => {
  const population = smallPopulation(4);
  const complete = populationDistribution(population);
  const none = missingPopulation(population, {
    columns: [0, 2],
    rateByGroup: [0, 0],
    strategy: { kind: 'constant', substitutes: [0, 0] },
  });
  expect(none.cellKeys).toEqual(complete.cellKeys);
  expect(Array.from(none.mass)).toEqual(Array.from(complete.mass));
});

test('refuses a rate list of the wrong length and a feature out of range', () => {
  const population = smallPopulation(1);
  expect(() =>
    missingPopulation(population, { columns: [0], rateByGroup: [0.1], strategy: { kind: 'indicator' } }),
  ).toThrow(expect.objectContaining({ code: 'E_BAD_OPTION' }));
  expect(() =>
    missingPopulation(population, { columns: [5], rateByGroup: [0.1, 0.1], strategy: { kind: 'indicator' } }),
  ).toThrow(expect.objectContaining({ code: 'E_BAD_OPTION' }));
});
