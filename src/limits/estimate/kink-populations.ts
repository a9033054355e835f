import type { Criterion } from '../../metrics/index.js';
import { openFrontierModel } from '../frontier-model.js';
import { finitePopulation, type FinitePopulation } from './ground-truth.js';

/**
 * Populations for the coverage bench's hard cases (docs/estimation.md, Measured coverage): a fairness
 * constraint that barely binds (kinks) and a small minority. Their FairFront is the exact LP on the pmf.
 */

/**
 * Three levels x two groups, six well-filled cells. Group 0's positives sit in cells the Bayes rule calls
 * positive, group 1's partly in a cell it calls negative; equalizing the rates costs about 0.33 accuracy per
 * unit of TPR gap, so a bound just below the Bayes rule's violation binds with a steep price.
 */
export function kinkPopulation(): FinitePopulation {
  // [mass, P(Y = 1)] per (x, s).
  const cells: [number, number][][] = [
    [
      [0.1, 0.05],
      [0.3, 0.1],
    ],
    [
      [0.2, 0.9],
      [0.1, 0.12],
    ],
    [
      [0.2, 0.95],
      [0.1, 0.9],
    ],
  ];
  const pmf = new Float64Array(cells.length * 4);
  cells.forEach((row, x) =>
    row.forEach(([m, q], s) => {
      pmf[(x * 2 + s) * 2] = m * (1 - q);
      pmf[(x * 2 + s) * 2 + 1] = m * q;
    }),
  );
  return finitePopulation({ seed: 1, nLevels: cells.length, pmf });
}

/** finitePopulation({ seed, nLevels }) with group 1 reweighted to `share` of the mass (two groups). */
export function minorityPopulation(share: number, seed = 3, nLevels = 6): FinitePopulation {
  const base = finitePopulation({ seed, nLevels }).distribution;
  const A = 2;
  const C = base.nClasses;
  const pmf = new Float64Array(nLevels * A * C);
  const groupMass = [0, 0];
  for (let x = 0; x < nLevels; x++)
    for (let s = 0; s < A; s++)
      for (let y = 0; y < C; y++) {
        const p = base.mass[((x * A + s) * A + s) * C + y];
        pmf[(x * A + s) * C + y] = p;
        groupMass[s] += p;
      }
  for (let i = 0; i < pmf.length; i++) {
    const s = Math.floor(i / C) % A;
    pmf[i] *= (s === 1 ? share : 1 - share) / groupMass[s];
  }
  return finitePopulation({ seed, nLevels, pmf });
}

/**
 * The smallest bound of a difference criterion at which the population FairFront reaches the Bayes accuracy
 * (the kink), by bisection to 1e-6 on the exact LP.
 * @throws SolverError as fairFront
 */
export async function bayesKink(population: FinitePopulation, criterion: Criterion): Promise<number> {
  const model = await openFrontierModel(population.distribution, { criteria: [criterion] });
  try {
    const bayes = model.solve({}).accuracy;
    let lo = 0;
    let hi = 1;
    while (hi - lo > 1e-6) {
      const mid = (lo + hi) / 2;
      if (model.solve({ [criterion]: mid }).accuracy >= bayes - 1e-9) hi = mid;
      else lo = mid;
    }
    return hi;
  } finally {
    model.dispose();
  }
}
