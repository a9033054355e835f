import { test, expect } from 'vitest';
import {
  decisionTree,
  featureMatrixFromTable,
  gradientBoosting,
  learners,
  randomForest,
  type FeatureMatrix,
  type FittedDecisionTree,
  type FittedGradientBoosting,
  type Learner,
} from '../../src/learn/index.js';
import { createRng } from '../../src/rng.js';
import { syntheticTable } from '../../src/data/synthetic.js';
import { bayesAccuracy, distributionFromTable } from '../../src/distribution/index.js';
import { evaluatePredictions } from '../../src/metrics/index.js';

const matrix = (rows: number[][]): FeatureMatrix => ({
  nRows: rows.length,
  nFeatures: rows[0].length,
  values: Float64Array.from(rows.flat()),
});
const argmax = (p: Float64Array, C: number): Int32Array =>
  Int32Array.from({ length: p.length / C }, (_, i) => {
    let best = 0;
    for (let c = 1; c < C; c++) if (p[i * C + c] > p[i * C + best]) best = c;
    return best;
  });

// The grid 0..9 x 0..9 with the rule y = 1 iff x1 > 4 and x2 <= 2.
const grid = Array.from({ length: 100 }, (_, k) => [Math.floor(k / 10), k % 10]);
const rule = (x1: number, x2: number) => (x1 > 4 && x2 <= 2 ? 1 : 0);
const gridY = Int32Array.from(grid, ([a, b]) => rule(a, b));

test('a tree recovers an axis-aligned rule exactly, with thresholds at the midpoints 4.5 and 2.5', () => {
  const model = decisionTree().fit(
    { x: matrix(grid), y: gridY, nClasses: 2 },
    createRng(1),
  ) as FittedDecisionTree;
  const internal = [...model.tree.feature.keys()].filter((k) => model.tree.feature[k] >= 0);
  expect(internal.map((k) => [model.tree.feature[k], model.tree.threshold[k]]).sort()).toEqual([
    [0, 4.5],
    [1, 2.5],
  ]);
  expect(model.tree.nLeaves).toBe(3);
  expect(Array.from(argmax(model.predictProba(matrix(grid)), 2))).toEqual(Array.from(gridY));
  // Off the grid, the learned rule is x1 > 4.5 and x2 <= 2.5 (midpoints between the observed values).
  const probe = [
    [4.4, 0],
    [4.6, 0],
    [4.6, 2.4],
    [4.6, 2.6],
    [100, -5],
    [-1, -1],
  ];
  expect(Array.from(argmax(model.predictProba(matrix(probe)), 2))).toEqual([0, 1, 1, 0, 1, 0]);
});

test('tree leaves hold weighted class proportions', () => {
  // One feature, two leaves: x = 0 has labels 0 (w 1), 1 (w 3); x = 1 has label 1 (w 2) only.
  const model = decisionTree().fit(
    {
      x: matrix([[0], [0], [1]]),
      y: Int32Array.from([0, 1, 1]),
      nClasses: 2,
      weight: Float64Array.from([1, 3, 2]),
    },
    createRng(1),
  );
  expect(Array.from(model.predictProba(matrix([[0], [1]])))).toEqual([0.25, 0.75, 0, 1]);
});

/** Data where a weight of 2 on some rows can be compared with the rows duplicated. */
function duplicationCase() {
  const table = syntheticTable({ seed: 5, nRows: 400, nClasses: 3, nFeatures: 3, levels: 4 });
  const x = featureMatrixFromTable(table);
  const twice = [3, 17, 42, 99, 250, 311];
  const weight = new Float64Array(table.nRows).fill(1);
  for (const i of twice) weight[i] = 2;
  const rows = [...Array.from({ length: table.nRows }, (_, i) => i), ...twice];
  const duplicated: FeatureMatrix = {
    nRows: rows.length,
    nFeatures: x.nFeatures,
    values: Float64Array.from(
      rows.flatMap((i) => Array.from(x.values.subarray(i * x.nFeatures, (i + 1) * x.nFeatures))),
    ),
  };
  const yDuplicated = Int32Array.from(rows, (i) => table.label[i]);
  return { x, y: table.label, weight, duplicated, yDuplicated };
}

const deterministicLearners: [string, Learner][] = [
  ['tree', decisionTree()],
  ['rf without bootstrap', randomForest({ nEstimators: 10, bootstrap: false })],
  ['gbm', gradientBoosting({ nEstimators: 20 })],
];
for (const [name, learner] of deterministicLearners)
  test(`${name}: a weight of 2 gives the same predictions as the row written twice`, () => {
    const { x, y, weight, duplicated, yDuplicated } = duplicationCase();
    const a = learner.fit({ x, y, nClasses: 3, weight }, createRng(9)).predictProba(x);
    const b = learner.fit({ x: duplicated, y: yDuplicated, nClasses: 3 }, createRng(9)).predictProba(x);
    for (let k = 0; k < a.length; k++) expect(Math.abs(a[k] - b[k])).toBeLessThan(1e-12);
  });

test('rf with bootstrap: weights act like duplicated rows on average (bootstrap draws proportional to weight)', () => {
  // A single feature value with labels 0 (weight 3) and 1 (weight 1): a duplicated-rows forest predicts 1/4 on
  // average; so must the weighted one, within Monte-Carlo error over 400 trees.
  const x = matrix([[0], [0]]);
  const model = randomForest({ nEstimators: 400 }).fit(
    { x, y: Int32Array.from([0, 1]), nClasses: 2, weight: Float64Array.from([3, 1]) },
    createRng(2),
  );
  expect(Math.abs(model.predictProba(matrix([[0]]))[1] - 0.25)).toBeLessThan(0.03);
});

test('gbm training loss decreases at every stage (binary and 4 classes)', () => {
  for (const nClasses of [2, 4]) {
    const table = syntheticTable({ seed: 12, nRows: 1500, nClasses, nFeatures: 4, levels: 5 });
    const model = gradientBoosting({ nEstimators: 60 }).fit(
      { x: featureMatrixFromTable(table), y: table.label, nClasses },
      createRng(3),
    ) as FittedGradientBoosting;
    for (let m = 1; m < model.trainLoss.length; m++)
      expect(model.trainLoss[m]).toBeLessThan(model.trainLoss[m - 1]);
    // Stage 0's loss is below the prior's deviance (the constant model).
    const prior = new Float64Array(nClasses);
    for (const y of table.label) prior[y] += 1 / table.nRows;
    const priorLoss = -Array.from(table.label).reduce((s, y) => s + Math.log(prior[y]), 0) / table.nRows;
    expect(model.trainLoss[0]).toBeLessThan(priorLoss);
  }
});

test('gbm monitored loss equals the deviance of its own predictions', () => {
  const table = syntheticTable({ seed: 13, nRows: 800, nClasses: 3 });
  const x = featureMatrixFromTable(table);
  const model = gradientBoosting({ nEstimators: 15 }).fit(
    { x, y: table.label, nClasses: 3 },
    createRng(1),
  ) as FittedGradientBoosting;
  const p = model.predictProba(x);
  const deviance = -Array.from(table.label).reduce((s, y, i) => s + Math.log(p[i * 3 + y]), 0) / table.nRows;
  expect(Math.abs(deviance - model.trainLoss[14])).toBeLessThan(1e-10);
});

test('the same seed gives the same model; another seed a different forest', () => {
  const table = syntheticTable({ seed: 7, nRows: 1000 });
  const x = featureMatrixFromTable(table);
  for (const name of ['rf', 'gbm', 'logit'] as const) {
    const learner = name === 'gbm' ? learners.gbm({ subsample: 0.5, nEstimators: 20 }) : learners[name]();
    const a = learner.fit({ x, y: table.label, nClasses: 2 }, createRng(42)).predictProba(x);
    const b = learner.fit({ x, y: table.label, nClasses: 2 }, createRng(42)).predictProba(x);
    expect(Array.from(a)).toEqual(Array.from(b));
    if (name !== 'logit') {
      const c = learner.fit({ x, y: table.label, nClasses: 2 }, createRng(43)).predictProba(x);
      expect(Array.from(a)).not.toEqual(Array.from(c));
    }
  }
});

test('in sample on syntheticTable, each learner is within its margin below the Bayes accuracy and never above', () => {
  // The Bayes accuracy of the empirical distribution over cells (features + group) bounds every classifier of
  // those features in sample. Margins: rf (fully grown) 0.01, gbm 0.02, logit (additive model) 0.03.
  const table = syntheticTable({ seed: 31, nRows: 4000, nGroups: 2, nClasses: 3, nFeatures: 3, levels: 4 });
  const bayes = bayesAccuracy(distributionFromTable(table).distribution);
  const x = featureMatrixFromTable(table);
  const margins = { rf: 0.01, gbm: 0.02, logit: 0.03 } as const;
  for (const name of ['rf', 'gbm', 'logit'] as const) {
    const p = learners[name]().fit({ x, y: table.label, nClasses: 3 }, createRng(1)).predictProba(x);
    const { accuracy } = evaluatePredictions({
      group: table.group,
      label: table.label,
      prediction: argmax(p, 3),
      nGroups: 2,
      nClasses: 3,
    });
    expect(accuracy, name).toBeLessThanOrEqual(bayes + 1e-12);
    expect(accuracy, name).toBeGreaterThan(bayes - margins[name]);
  }
});

test('predictProba rows are probability vectors for every learner', () => {
  const table = syntheticTable({ seed: 2, nRows: 600, nClasses: 4 });
  const x = featureMatrixFromTable(table);
  for (const name of ['rf', 'gbm', 'logit'] as const) {
    const p = learners[name]({ nEstimators: 10 } as never)
      .fit({ x, y: table.label, nClasses: 4 }, createRng(1))
      .predictProba(x);
    expect(p.length).toBe(600 * 4);
    for (let i = 0; i < 600; i++) {
      let s = 0;
      for (let c = 0; c < 4; c++) {
        expect(p[i * 4 + c]).toBeGreaterThanOrEqual(0);
        s += p[i * 4 + c];
      }
      expect(Math.abs(s - 1)).toBeLessThan(1e-12);
    }
  }
});

test('featureMatrixFromTable appends the group as the last feature by default', () => {
  const table = syntheticTable({ seed: 1, nRows: 5, nFeatures: 2 });
  const x = featureMatrixFromTable(table);
  expect(x.featureNames).toEqual(['x1', 'x2', 'group']);
  for (let i = 0; i < 5; i++)
    expect(Array.from(x.values.subarray(i * 3, i * 3 + 3))).toEqual([
      table.features[0][i],
      table.features[1][i],
      table.group[i],
    ]);
  expect(featureMatrixFromTable(table, { includeGroup: false }).nFeatures).toBe(2);
});

test('tree learners refuse bad options and mismatched prediction inputs', () => {
  expect(() =>
    randomForest({ maxFeatures: 0 }).fit(
      { x: matrix([[1], [2]]), y: Int32Array.from([0, 1]), nClasses: 2 },
      createRng(0),
    ),
  ).toThrow(/maxFeatures/);
  expect(() => gradientBoosting({ learningRate: -1 })).toThrow(/learningRate/);
  const model = decisionTree().fit(
    { x: matrix([[1], [2]]), y: Int32Array.from([0, 1]), nClasses: 2 },
    createRng(0),
  );
  expect(() => model.predictProba(matrix([[1, 2]]))).toThrow(/fitted on 1/);
});

test('rows with weight 0 take no part: not drawn by the bootstrap, not in any leaf', () => {
  const x = matrix([[0], [1], [0]]);
  const y = Int32Array.from([0, 1, 1]);
  const weight = Float64Array.from([1, 0, 0]);
  for (const learner of [
    randomForest({ nEstimators: 20 }),
    decisionTree(),
    gradientBoosting({ nEstimators: 5 }),
  ]) {
    const p = learner.fit({ x, y, nClasses: 2, weight }, createRng(4)).predictProba(matrix([[0], [1]]));
    expect(p[1], learner.kind).toBeLessThan(1e-3);
    expect(p[3], learner.kind).toBeLessThan(1e-3);
  }
});

test("feature sampling as scikit-learn's: a drawn feature without a valid split ends the search, a constant one does not", () => {
  // f1 separates the labels; f0 has one row of value 1, so with leaves of >= 2 rows it has no valid split.
  const rows = Array.from({ length: 12 }, (_, i) => [i === 0 ? 1 : 0, i < 6 ? 0 : 1]);
  const y = Int32Array.from(rows, (r) => r[1]);
  const rootIsLeaf = (x: FeatureMatrix, seed: number) =>
    (
      decisionTree({ maxFeatures: 1, minSamplesLeaf: 2 }).fit(
        { x, y, nClasses: 2 },
        createRng(seed),
      ) as FittedDecisionTree
    ).tree.feature[0] < 0;
  const seeds = Array.from({ length: 40 }, (_, s) => s);
  // f0 is drawn first in about half the trees (binomial 40, 1/2: mean 20, sd 3.2): those roots are leaves.
  const leaves = seeds.filter((s) => rootIsLeaf(matrix(rows), s)).length;
  expect(leaves).toBeGreaterThanOrEqual(10);
  expect(leaves).toBeLessThanOrEqual(30);
  // A feature constant at the node counts as visited but does not end the search while no other was seen.
  const constant = rows.map((r) => [7, r[1]]);
  expect(seeds.filter((s) => rootIsLeaf(matrix(constant), s))).toEqual([]);
});

test('the entropy criterion picks the split of largest information gain where Gini prefers another', () => {
  const H = (p: number) => (p <= 0 || p >= 1 ? 0 : -(p * Math.log2(p) + (1 - p) * Math.log2(1 - p)));
  const G = (p: number) => 2 * p * (1 - p);
  // 60 rows, 30 of label 1: f0 isolates 12 rows of label 1 (left 12:0, right 18:30 as label1:label0);
  // f1 splits 30/30 into 23:7 and 7:23. Gini prefers f1, entropy f0 (gains computed below by hand formulas).
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 60; i++) {
    const label = i < 30 ? 1 : 0;
    const f0 = i < 12 ? 0 : 1;
    const f1 = label === 1 ? (i < 23 ? 0 : 1) : i < 37 ? 0 : 1;
    rows.push([f0, f1]);
    labels.push(label);
  }
  const x = matrix(rows);
  const y = Int32Array.from(labels);
  const gain = (imp: (p: number) => number, left: [number, number], right: [number, number]) => {
    const nl = left[0] + left[1];
    const nr = right[0] + right[1];
    return imp(0.5) - (nl / 60) * imp(left[0] / nl) - (nr / 60) * imp(right[0] / nr);
  };
  const ginis = [gain(G, [12, 0], [18, 30]), gain(G, [23, 7], [7, 23])];
  const entropies = [gain(H, [12, 0], [18, 30]), gain(H, [23, 7], [7, 23])];
  expect(ginis[1]).toBeGreaterThan(ginis[0] + 0.01);
  expect(entropies[0]).toBeGreaterThan(entropies[1] + 0.01);
  for (const [criterion, best] of [
    ['gini', 1],
    ['entropy', 0],
    ['log_loss', 0],
  ] as const) {
    const model = decisionTree({ maxDepth: 1, criterion }).fit(
      { x, y, nClasses: 2 },
      createRng(0),
    ) as FittedDecisionTree;
    expect(model.tree.feature[0], criterion).toBe(best);
  }
});
