import { expect, test } from 'vitest';
import { syntheticTable } from '../../src/data/synthetic.js';
import {
  DEFAULT_HOLDOUT_SHARES,
  holdoutReplicates,
  interventions,
  runBenchmark,
} from '../../src/interventions/index.js';
import { achievableOnCurve, heldOutCurve } from '../../src/limits/index.js';
import { createRng } from '../../src/rng.js';
import { tableLearner } from './stand-ins.js';

const table = syntheticTable({ seed: 31, nRows: 1200, nFeatures: 3, levels: 4 });

test('holdout protocol: gapLow is the frontier the test rows can reach (recomputed from the same split), gapHigh the in-sample gap', async () => {
  const result = await runBenchmark({
    table,
    learners: { table: tableLearner },
    interventions: [interventions.eqodds!],
    knobs: { eqodds: [0] },
    protocol: 'holdout',
    seed: 7,
    seeds: 1,
  });
  const [split] = holdoutReplicates(table.nRows, 1, DEFAULT_HOLDOUT_SHARES, createRng(7));
  const train = Int32Array.from([...split.trainRows, ...split.postFitRows]);
  const curve = await heldOutCurve(table, train, split.evaluationRows, { measure: 'eo' });
  for (const p of result.points) {
    expect(p.gapHigh).toBe(p.gap);
    const best = achievableOnCurve(curve, p.violations.eo.mean)!;
    expect(p.gapLow).toBeCloseTo(best.accuracy - p.accuracy.mean, 12);
    // The reachable frontier is never below the constant rule on the test rows.
    expect(best.accuracy).toBeGreaterThanOrEqual(curve.constant.accuracy - 1e-12);
  }
});

test('paper protocol: the points are measured on resamples of the training rows, so gapLow = gap', async () => {
  const result = await runBenchmark({
    table,
    learners: { table: tableLearner },
    interventions: [],
    protocol: 'paper',
    seed: 7,
    seeds: 2,
  });
  for (const p of result.points) expect(p.gapLow).toBe(p.gap);
});
