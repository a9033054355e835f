import { expect, test } from 'vitest';
import { syntheticTable } from '../../src/data/synthetic.js';
import { selectRows, type EncodedTable } from '../../src/data/table.js';
import { distributionFromTable } from '../../src/distribution/index.js';
import { applyClassifier, exportClassifier, fairFront } from '../../src/limits/index.js';
import { evaluatePredictions } from '../../src/metrics/index.js';

const N = 200_000;
const table = syntheticTable({ seed: 7, nRows: N, nFeatures: 3, levels: 4 });

async function exported(t: EncodedTable, alpha: Parameters<typeof fairFront>[1]['alpha']) {
  const { distribution } = distributionFromTable(t, { isGroupAware: true });
  const point = await fairFront(distribution, { alpha });
  return { point, artifact: exportClassifier({ table: t, point, isGroupAware: true }) };
}

test('on its training rows the exported rule reproduces the expected accuracy within sampling error', async () => {
  const { point, artifact } = await exported(table, { eo: 0.02 });
  const applied = applyClassifier(artifact, table, { seed: 11, hasLabels: true });
  expect(applied.unseenShare).toBe(0);
  // The expectation over the randomization is the LP's accuracy exactly (same cells, same probabilities).
  expect(Math.abs(applied.expectedAccuracy! - point.accuracy)).toBeLessThanOrEqual(1e-12);
  // The realized accuracy is a sum of N independent Bernoulli(q_i), q_i = h(y_i | x_i): its standard deviation
  // is sqrt(sum q_i (1 - q_i)) / N <= 1 / (2 sqrt(N)) = 1.1e-3. We allow 4.5 of its exact standard deviations
  // (a two-sided normal tail of 7e-6); the draw is seeded, so the test is deterministic.
  let variance = 0;
  for (let i = 0; i < N; i++) {
    const q = applied.probabilities[i * 2 + table.label[i]];
    variance += q * (1 - q);
  }
  const sd = Math.sqrt(variance) / N;
  expect(sd).toBeGreaterThan(0);
  expect(Math.abs(applied.realizedAccuracy! - point.accuracy)).toBeLessThanOrEqual(4.5 * sd);
  // The drawn predictions' EO violation is near the bound (the metric engine on the hard draws).
  const metrics = evaluatePredictions({
    group: table.group,
    label: table.label,
    prediction: applied.prediction,
    nGroups: 2,
    nClasses: 2,
  });
  expect(metrics.violations.eo).toBeLessThan(0.02 + 0.02);
  // The expected (randomized) violations are the point's exactly.
  const expectedMetrics = evaluatePredictions({
    group: table.group,
    label: table.label,
    distribution: applied.probabilities,
    nGroups: 2,
    nClasses: 2,
  });
  expect(expectedMetrics.violations.eo).toBeCloseTo(point.violations.eo, 9);
  expect(expectedMetrics.criteria.tpr).toBeCloseTo(point.violations.tpr, 9);
});

test('the same seed gives the same predictions, another seed others', async () => {
  const small = selectRows(
    table,
    Int32Array.from({ length: 5000 }, (_, i) => i),
  );
  const { artifact } = await exported(small, { sp: 0.01 });
  const a = applyClassifier(artifact, small, { seed: 3 });
  const b = applyClassifier(artifact, small, { seed: 3 });
  const c = applyClassifier(artifact, small, { seed: 4 });
  expect(Array.from(a.prediction)).toEqual(Array.from(b.prediction));
  expect(Array.from(a.prediction)).not.toEqual(Array.from(c.prediction));
});

test('unseen cells get the group average of the rule, and the artifact round-trips through JSON', async () => {
  const rows = Int32Array.from({ length: 4000 }, (_, i) => i);
  const train = selectRows(table, rows);
  const { artifact } = await exported(train, { eo: 0.05 });
  const parsed = JSON.parse(JSON.stringify(artifact)) as typeof artifact;
  // A row whose first feature takes a value never seen in training.
  const fresh: EncodedTable = {
    ...train,
    nRows: 1,
    features: train.features.map((f, j) => Float64Array.of(j === 0 ? 99 : f[0])),
    group: Int32Array.of(1),
    label: Int32Array.of(0),
  };
  const applied = applyClassifier(parsed, fresh, { seed: 1 });
  expect(applied.isSeen[0]).toBe(0);
  expect(Array.from(applied.probabilities)).toEqual(parsed.fallback.byGroup[train.groupNames[1]]);
  // The group average is the mean of the rule over that group's training rows.
  const { distribution, cellOfRow } = distributionFromTable(train, { isGroupAware: true });
  const point = await fairFront(distribution, { alpha: { eo: 0.05 } });
  let sum = 0;
  let count = 0;
  for (let i = 0; i < train.nRows; i++)
    if (train.group[i] === 1) {
      sum += point.h[cellOfRow[i] * 2 + 1];
      count++;
    }
  expect(parsed.fallback.byGroup[train.groupNames[1]][1]).toBeCloseTo(sum / count, 12);
});

test('a table with other features is refused', async () => {
  const small = selectRows(
    table,
    Int32Array.from({ length: 2000 }, (_, i) => i),
  );
  const { artifact } = await exported(small, {});
  const other: EncodedTable = { ...small, featureNames: ['a', 'b', 'c'] };
  expect(() => applyClassifier(artifact, other, { seed: 1 })).toThrow(/the classifier needs/);
});
