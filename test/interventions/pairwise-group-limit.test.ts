import { expect, test } from 'vitest';
import { PAIRWISE_MAX_GROUPS } from '../../src/defaults.js';
import { partitionInterventions } from '../../src/interventions/benchmark/run-benchmark.js';
import { interventions } from '../../src/interventions/registry.js';

const all = Object.values(interventions);

test('above the pairwise limit the Reduction and FairProjection are skipped with the group count and the limit', () => {
  const { active, skipped } = partitionInterventions(all, 'eo', 2, 1000);
  expect(skipped.map((s) => s.method).sort()).toEqual(['fairprojection', 'reduction']);
  for (const s of skipped) expect(s.reason).toContain(`1000 groups, the limit is ${PAIRWISE_MAX_GROUPS}`);
  // The FairFront rule solves the O(A) frontier LP, so it stays.
  expect(active.map((i) => i.method)).toContain('fairfront-rule');
});

test('at the limit every method that supports the measure runs', () => {
  const { skipped } = partitionInterventions(all, 'eo', 2, PAIRWISE_MAX_GROUPS);
  expect(skipped).toEqual([]);
});
