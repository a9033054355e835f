import { expect, test } from 'vitest';
import { syntheticTable } from '../../src/data/synthetic.js';
import { distributionFromTable } from '../../src/distribution/index.js';
import { InputError } from '../../src/errors.js';
import { createReduction, exponentiatedGradient } from '../../src/interventions/index.js';
import { mixtureProbabilityOfOne } from '../../src/interventions/reduction/index.js';
import { fairFront } from '../../src/limits/index.js';
import { evaluatePredictions } from '../../src/metrics/index.js';
import { createRng } from '../../src/rng.js';
import { cellMatrix, tableLearner } from './stand-ins.js';

/** Re-measuring the same mixture through the metric engine agrees with the algorithm's own moments to this. */
const REMEASURE_TOL = 1e-12;

const small = syntheticTable({ seed: 3, nRows: 2000, nFeatures: 3, levels: 4 });
const threeGroups = syntheticTable({ seed: 5, nRows: 3000, nGroups: 3, nFeatures: 3, levels: 3 });

function measured(table: typeof small, result: Awaited<ReturnType<typeof exponentiatedGradient>>) {
  const p1 = mixtureProbabilityOfOne(result, cellMatrix(table));
  const distribution = new Float64Array(p1.length * 2);
  p1.forEach((p, i) => {
    distribution[2 * i] = 1 - p;
    distribution[2 * i + 1] = p;
  });
  return evaluatePredictions({
    group: table.group,
    label: table.label,
    distribution,
    nGroups: table.groupNames.length,
    nClasses: 2,
  });
}

for (const measure of ['eo', 'sp'] as const)
  for (const eps of [0.005, 0.03])
    test(`${measure} at eps ${eps}: the final training violation is within eps plus the reported gap`, async () => {
      const result = await exponentiatedGradient(
        { x: cellMatrix(small), group: small.group, label: small.label, nGroups: 2 },
        { measure, eps, learner: tableLearner, rng: createRng(1) },
      );
      const metrics = measured(small, result);
      expect(Math.abs(metrics.violations[measure] - result.trainingViolation)).toBeLessThanOrEqual(
        REMEASURE_TOL,
      );
      expect(Math.abs(1 - metrics.accuracy - result.trainingError)).toBeLessThanOrEqual(REMEASURE_TOL);
      expect(metrics.violations[measure]).toBeLessThanOrEqual(eps + result.bestGap + REMEASURE_TOL);
    });

test('with an exact best-response oracle the accuracy is within twice the gap of FairFront(eps) (Agarwal et al. Thm 1)', async () => {
  // The table learner's best response is exact over all functions of the cells, so the mixtures Reduction searches
  // are exactly the randomized classifiers of the FairFront LP.
  const { distribution } = distributionFromTable(small);
  for (const eps of [0.002, 0.02]) {
    const result = await exponentiatedGradient(
      { x: cellMatrix(small), group: small.group, label: small.label, nGroups: 2 },
      { measure: 'eo', eps, learner: tableLearner, rng: createRng(2) },
    );
    const limit = await fairFront(distribution, { alpha: { eo: eps } });
    const accuracy = 1 - result.trainingError;
    expect(accuracy).toBeLessThanOrEqual(limit.dualBound + 1e-9);
    expect(accuracy).toBeGreaterThanOrEqual(limit.accuracy - 2 * result.bestGap - 1e-9);
  }
});

test('three groups under SP: every pairwise gap is within eps plus the reported gap', async () => {
  const eps = 0.02;
  const result = await exponentiatedGradient(
    { x: cellMatrix(threeGroups), group: threeGroups.group, label: threeGroups.label, nGroups: 3 },
    { measure: 'sp', eps, learner: tableLearner, rng: createRng(3) },
  );
  const metrics = measured(threeGroups, result);
  expect(metrics.violations.sp).toBeLessThanOrEqual(eps + result.bestGap + REMEASURE_TOL);
  // The unconstrained base rule violates SP well above eps here, so the constraint really binds.
  const base = await exponentiatedGradient(
    { x: cellMatrix(threeGroups), group: threeGroups.group, label: threeGroups.label, nGroups: 3 },
    { measure: 'sp', eps: 1, learner: tableLearner, rng: createRng(3) },
  );
  expect(measured(threeGroups, base).violations.sp).toBeGreaterThan(5 * eps);
});

test('sample weights act like repeated rows', async () => {
  const n = 600;
  const table = syntheticTable({ seed: 9, nRows: n, nFeatures: 2, levels: 3 });
  const weight = Float64Array.from({ length: n }, (_, i) => 1 + (i % 3));
  const rows = Array.from({ length: n }, (_, i) => Array(1 + (i % 3)).fill(i)).flat();
  const x = cellMatrix(table);
  const repeated = {
    nRows: rows.length,
    nFeatures: x.nFeatures,
    values: Float64Array.from(
      rows.flatMap((i) => Array.from(x.values.subarray(i * x.nFeatures, (i + 1) * x.nFeatures))),
    ),
  };
  const options = {
    measure: 'eo' as const,
    eps: 0.01,
    learner: tableLearner,
    rng: createRng(4),
    runLinprogStep: true,
  };
  const weighted = await exponentiatedGradient(
    { x, group: table.group, label: table.label, nGroups: 2, weight },
    options,
  );
  const expanded = await exponentiatedGradient(
    {
      x: repeated,
      group: Int32Array.from(rows, (i) => table.group[i]),
      label: Int32Array.from(rows, (i) => table.label[i]),
      nGroups: 2,
    },
    options,
  );
  expect(weighted.trainingError).toBeCloseTo(expanded.trainingError, 12);
  expect(weighted.trainingViolation).toBeCloseTo(expanded.trainingViolation, 12);
});

test('the fitted intervention predicts a distribution over {0, 1} for every row', async () => {
  const x = cellMatrix(small);
  const fitted = await createReduction({ maxIter: 10 }).fit(
    {
      x,
      scores: new Float64Array(small.nRows * 2),
      group: small.group,
      label: small.label,
      nGroups: 2,
      nClasses: 2,
    },
    { measure: 'eo', knob: 0.01, learner: tableLearner, rng: createRng(5) },
  );
  const d = fitted.predictDistribution({ x, scores: new Float64Array(small.nRows * 2), group: small.group });
  expect(d.length).toBe(small.nRows * 2);
  for (let i = 0; i < small.nRows; i++) {
    expect(d[2 * i]).toBeGreaterThanOrEqual(0);
    expect(d[2 * i + 1]).toBeGreaterThanOrEqual(0);
    expect(Math.abs(d[2 * i] + d[2 * i + 1] - 1)).toBeLessThanOrEqual(1e-12);
  }
  expect(fitted.diagnostics?.iterations).toBeLessThanOrEqual(10);
});

test('refuses multi-class labels, a non-positive eps and a criterion that is not linear in the group rates', async () => {
  const three = syntheticTable({ seed: 1, nRows: 300, nClasses: 3 });
  const x = cellMatrix(three);
  const data = {
    x,
    scores: new Float64Array(three.nRows * 3),
    group: three.group,
    label: three.label,
    nGroups: 2,
    nClasses: 3,
  };
  const context = { measure: 'eo' as const, knob: 0.01, learner: tableLearner, rng: createRng(1) };
  await expect(Promise.resolve(createReduction().fit(data, context))).rejects.toMatchObject({
    code: 'E_TOO_MANY_CLASSES',
  });
  const binary = { ...data, label: small.label.slice(0, 300), nClasses: 2, scores: new Float64Array(600) };
  await expect(Promise.resolve(createReduction().fit(binary, { ...context, knob: 0 }))).rejects.toMatchObject(
    { code: 'E_BAD_OPTION', where: { option: 'eps' } },
  );
  await expect(
    Promise.resolve(createReduction().fit(binary, { ...context, measure: 'spRatio' as never })),
  ).rejects.toBeInstanceOf(InputError);
});

test("to-overall bound (fairlearn's): two groups' pairwise gap is at most eps over the larger group's share, and binds", async () => {
  // |r_s - r| <= eps with r = p_1 r_1 + p_2 r_2 gives |r_1 - r_2| = |r_s - r| / p_other <= eps / max(p_1, p_2).
  const eps = 0.01;
  const data = { x: cellMatrix(small), group: small.group, label: small.label, nGroups: 2 };
  const overall = await exponentiatedGradient(data, {
    measure: 'eo',
    eps,
    bound: 'to-overall',
    learner: tableLearner,
    rng: createRng(4),
  });
  const pairwise = measured(small, overall).violations.eo;
  let limit = 0;
  for (const y of [0, 1]) {
    const count = [0, 0];
    small.label.forEach((l, i) => {
      if (l === y) count[small.group[i]]++;
    });
    limit = Math.max(limit, (eps + overall.bestGap) / (Math.max(...count) / (count[0] + count[1])));
  }
  expect(pairwise).toBeLessThanOrEqual(limit + REMEASURE_TOL);
  expect(overall.trainingViolation).toBeLessThanOrEqual(eps + overall.bestGap + REMEASURE_TOL);
  // The same eps bounds more tightly pairwise: the pairwise fit is never less constrained.
  const strict = await exponentiatedGradient(data, {
    measure: 'eo',
    eps,
    learner: tableLearner,
    rng: createRng(4),
  });
  expect(measured(small, strict).violations.eo).toBeLessThanOrEqual(eps + strict.bestGap + REMEASURE_TOL);
  expect(pairwise).toBeGreaterThan(eps + strict.bestGap);
});
