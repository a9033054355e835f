import { expect, test } from 'vitest';
import { syntheticTable } from '../../src/data/synthetic.js';
import { selectRows } from '../../src/data/table.js';
import { distributionFromTable } from '../../src/distribution/index.js';
import { applyFrontierRule, createFairFrontRule } from '../../src/interventions/index.js';
import { fairFront } from '../../src/limits/index.js';
import { evaluatePredictions, type Measure } from '../../src/metrics/index.js';
import { createRng } from '../../src/rng.js';
import { cellMatrix, tableLearner } from './stand-ins.js';

/** The rule's accuracy and the frontier at its violation agree to this (both come from HiGHS at 1e-9 feasibility). */
const ON_FRONTIER_TOL = 1e-7;

const cases: { name: string; table: ReturnType<typeof syntheticTable>; measure: Measure; alpha: number }[] = [
  {
    name: 'two groups, EO',
    table: syntheticTable({ seed: 11, nRows: 1500, nFeatures: 3, levels: 4 }),
    measure: 'eo',
    alpha: 0.02,
  },
  {
    name: 'two groups, SP at 0',
    table: syntheticTable({ seed: 12, nRows: 1500, nFeatures: 3, levels: 4 }),
    measure: 'sp',
    alpha: 0,
  },
  {
    name: 'three groups, three classes, OAE',
    table: syntheticTable({ seed: 13, nRows: 2000, nGroups: 3, nClasses: 3, nFeatures: 2, levels: 4 }),
    measure: 'oae',
    alpha: 0.01,
  },
  {
    name: 'three classes, EO',
    table: syntheticTable({ seed: 14, nRows: 2000, nClasses: 3, nFeatures: 2, levels: 4 }),
    measure: 'eo',
    alpha: 0.05,
  },
];

for (const { name, table, measure, alpha } of cases)
  test(`${name}: in sample the rule's accuracy equals FairFront at its measured violation`, async () => {
    const nGroups = table.groupNames.length;
    const nClasses = table.classNames.length;
    const x = cellMatrix(table);
    const scores = new Float64Array(table.nRows * nClasses);
    const fitted = await createFairFrontRule().fit(
      { x, scores, group: table.group, label: table.label, nGroups, nClasses },
      { measure, knob: alpha, learner: tableLearner, rng: createRng(1) },
    );
    const metrics = evaluatePredictions({
      group: table.group,
      label: table.label,
      distribution: fitted.predictDistribution({ x, scores, group: table.group }),
      nGroups,
      nClasses,
    });
    expect(metrics.violations[measure]).toBeLessThanOrEqual(alpha + 1e-6);
    const { distribution } = distributionFromTable(table);
    const limit = await fairFront(distribution, { alpha: { [measure]: metrics.violations[measure] } });
    expect(Math.abs(metrics.accuracy - limit.accuracy)).toBeLessThanOrEqual(ON_FRONTIER_TOL);
  });

test('a row in an unseen cell gets its group average prediction under h', async () => {
  const table = syntheticTable({ seed: 21, nRows: 400, nFeatures: 2, levels: 3 });
  // The rule's cells are the distinct rows of x = (features, group): the group-aware cells, keyed group-blind.
  const keyed = distributionFromTable(
    {
      ...table,
      featureNames: [...table.featureNames, 'group'],
      features: [...table.features, Float64Array.from(table.group)],
    },
    { isGroupAware: false },
  ).distribution;
  const rule = await fairFront(keyed, { alpha: { sp: 0.01 } });
  // Feature value 99 never occurs: both rows fall back, to the mass-weighted mean of h over their group's cells.
  const x = { nRows: 2, nFeatures: 3, values: Float64Array.from([99, 0, 0, 99, 0, 1]) };
  const applied = applyFrontierRule(keyed, rule.h, x, Int32Array.from([0, 1]));
  expect(applied.unseenRows).toBe(2);
  for (const s of [0, 1]) {
    let mass = 0;
    let positive = 0;
    for (let k = 0; k < keyed.nCells; k++) {
      const p = keyed.mass[(k * 2 + s) * 2] + keyed.mass[(k * 2 + s) * 2 + 1];
      mass += p;
      positive += p * rule.h[k * 2 + 1];
    }
    expect(Math.abs(applied.distribution[s * 2 + 1] - positive / mass)).toBeLessThanOrEqual(1e-12);
  }
  // The fallback keeps the groups' selection rates, so their gap stays within alpha as under h.
  expect(Math.abs(applied.distribution[1] - applied.distribution[3])).toBeLessThanOrEqual(0.01 + 1e-6);
});

test('held out, a row of a known cell gets the same prediction as the training rows of that cell', async () => {
  const table = syntheticTable({ seed: 22, nRows: 600, nFeatures: 3, levels: 5 });
  const train = selectRows(
    table,
    Array.from({ length: 300 }, (_, i) => i),
  );
  const heldOut = selectRows(
    table,
    Array.from({ length: 300 }, (_, i) => 300 + i),
  );
  const fitted = await createFairFrontRule().fit(
    {
      x: cellMatrix(train),
      scores: new Float64Array(600),
      group: train.group,
      label: train.label,
      nGroups: 2,
      nClasses: 2,
    },
    { measure: 'eo', knob: 0.05, learner: tableLearner, rng: createRng(1) },
  );
  const xTrain = cellMatrix(train);
  const xHeld = cellMatrix(heldOut);
  const dTrain = fitted.predictDistribution({ x: xTrain, scores: new Float64Array(600), group: train.group });
  const dHeld = fitted.predictDistribution({ x: xHeld, scores: new Float64Array(600), group: heldOut.group });
  const key = (x: typeof xTrain, i: number) =>
    Array.from(x.values.subarray(i * x.nFeatures, (i + 1) * x.nFeatures)).join(',');
  const trained = new Map<string, number>();
  for (let i = 0; i < 300; i++) trained.set(key(xTrain, i), dTrain[2 * i + 1]);
  let known = 0;
  for (let i = 0; i < 300; i++) {
    expect(Math.abs(dHeld[2 * i] + dHeld[2 * i + 1] - 1)).toBeLessThanOrEqual(1e-9);
    const p = trained.get(key(xHeld, i));
    if (p === undefined) continue;
    known++;
    expect(dHeld[2 * i + 1]).toBe(p);
  }
  expect(known).toBeGreaterThan(100);
});
