import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import {
  gridSearch,
  gridSearchPredict,
  type GridSearchOptions,
} from '../../src/interventions/reduction/index.js';
import { createRng } from '../../src/rng.js';
import { tableLearner } from './stand-ins.js';

/**
 * fairlearn 0.9.0's GridSearch for each parity moment (test/fixtures/fairlearn/generate.py) with a fully grown
 * decision tree as oracle, the exact cost-sensitive best response on these discrete features, as the table
 * learner is here: every grid point's error and largest moment, the selected point and its predictions.
 */
interface FairlearnCase {
  readonly criterion: GridSearchOptions['measure'];
  readonly grid_size: number;
  readonly n_groups: number;
  readonly features: number[][];
  readonly group: number[];
  readonly label: number[];
  readonly prediction: number[];
  readonly best_index: number;
  readonly objectives: number[];
  readonly max_gamma: number[];
}
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/fairlearn/grid-search.json', import.meta.url), 'utf8'),
) as { fairlearn: string; cases: FairlearnCase[] };

/** Errors and moments are sums of the same 0/1 predictions in another order. */
const TOL = 1e-12;

test('the fixture was made by fairlearn 0.9.0', () => expect(fixture.fairlearn).toBe('0.9.0'));

fixture.cases.forEach((c, k) =>
  test(`case ${k}: ${c.criterion}, grid of ${c.grid_size}, ${c.n_groups} groups: every grid point and the selected classifier equal fairlearn's`, async () => {
    const n = c.label.length;
    const values = new Float64Array(n * 3);
    c.features.forEach((f, i) => values.set([f[0], f[1], c.group[i]], i * 3));
    const x = { nRows: n, nFeatures: 3, values };
    const result = await gridSearch(
      { x, group: Int32Array.from(c.group), label: Int32Array.from(c.label), nGroups: c.n_groups },
      { measure: c.criterion, gridSize: c.grid_size, learner: tableLearner, rng: createRng(1) },
    );
    expect(result.grid).toHaveLength(c.objectives.length);
    result.grid.forEach((point, i) => {
      expect(Math.abs(point.error - c.objectives[i])).toBeLessThanOrEqual(TOL);
      expect(Math.abs(point.violation - c.max_gamma[i])).toBeLessThanOrEqual(TOL);
    });
    expect(result.bestIndex).toBe(c.best_index);
    expect(Array.from(gridSearchPredict(result, x))).toEqual(c.prediction);
  }),
);
