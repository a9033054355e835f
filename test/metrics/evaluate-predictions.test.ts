import { test, expect } from 'vitest';
import { fc, test as propTest } from '@fast-check/vitest';
import {
  evaluatePredictions,
  violationsFromConditional,
  type PredictionInput,
} from '../../src/metrics/index.js';
import { InputError } from '../../src/errors.js';
import { syntheticTable } from '../../src/data/synthetic.js';
import { distributionFromTable, groupLabelMass } from '../../src/distribution/index.js';
import { inducedConditional } from '../../src/limits/index.js';
import { createRng } from '../../src/rng.js';

/** Exact rational arithmetic is not needed: hand values are compared at 1e-12. */
const TOL = 1e-12;

// The fixed 12-row example. Group 0 (rows 0-5) and group 1 (rows 6-11), (label, prediction):
//   group 0: (1,1) (1,1) (1,0) (0,0) (0,1) (0,0)  -> confusion [[2,1],[1,2]]
//            TPR = 2/3, FPR = 1/3, selection rate P(Yhat=1) = 3/6 = 1/2, accuracy 4/6
//   group 1: (1,1) (1,0) (0,0) (0,0) (0,0) (0,1)  -> confusion [[3,1],[1,1]]
//            TPR = 1/2, FPR = 1/4, selection rate 2/6 = 1/3, accuracy 4/6
//   overall: confusion [[5,2],[2,3]]: TPR = 3/5, FPR = 2/7, selection 5/12, accuracy 8/12
const twelve: PredictionInput = {
  group: Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]),
  label: Int32Array.from([1, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0]),
  prediction: Int32Array.from([1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1]),
  nGroups: 2,
  nClasses: 2,
  groupNames: ['a', 'b'],
  classNames: ['no', 'yes'],
};

test('the 12-row example gives the hand-computed confusion tables', () => {
  const m = evaluatePredictions(twelve);
  expect(m.groups[0].confusion).toEqual([
    [2, 1],
    [1, 2],
  ]);
  expect(m.groups[1].confusion).toEqual([
    [3, 1],
    [1, 1],
  ]);
  expect(m.groups.map((g) => g.rows)).toEqual([6, 6]);
  expect(m.flags).toEqual([]);
});

test('the 12-row example gives the hand-computed rates per group and overall', () => {
  const m = evaluatePredictions(twelve);
  const [a, b] = m.groups;
  expect(a.truePositiveRateBinary).toBeCloseTo(2 / 3, 12);
  expect(a.falsePositiveRateBinary).toBeCloseTo(1 / 3, 12);
  expect(a.selectionRate[1]).toBeCloseTo(1 / 2, 12);
  expect(a.accuracy).toBeCloseTo(4 / 6, 12);
  expect(b.truePositiveRateBinary).toBeCloseTo(1 / 2, 12);
  expect(b.falsePositiveRateBinary).toBeCloseTo(1 / 4, 12);
  expect(b.selectionRate[1]).toBeCloseTo(1 / 3, 12);
  expect(b.recall[0]).toBeCloseTo(3 / 4, 12); // true negative rate = 1 - FPR
  expect(m.overall.truePositiveRateBinary).toBeCloseTo(3 / 5, 12);
  expect(m.overall.falsePositiveRateBinary).toBeCloseTo(2 / 7, 12);
  expect(m.overall.selectionRate[1]).toBeCloseTo(5 / 12, 12);
  expect(m.accuracy).toBeCloseTo(8 / 12, 12);
  expect(m.brierScore).toBeNull();
});

test('the 12-row example gives the hand-computed violations of docs/design.md (Fairness measures)', () => {
  // SP: |1/2 - 1/3| = 1/6 for both predicted classes. EO: y=0: |1/3 - 1/4| = 1/12, y=1: |2/3 - 1/2| = 1/6.
  // OAE: both groups 4/6 accurate -> 0.
  const m = evaluatePredictions(twelve);
  expect(Math.abs(m.violations.sp - 1 / 6)).toBeLessThan(TOL);
  expect(Math.abs(m.violations.eo - 1 / 6)).toBeLessThan(TOL);
  expect(Math.abs(m.violations.oae - 0)).toBeLessThan(TOL);
  expect(m.violationsIncomplete).toEqual({ sp: false, eo: false, oae: false });
  // P rows (s, y): (0,0) = [2/3, 1/3], (0,1) = [1/3, 2/3], (1,0) = [3/4, 1/4], (1,1) = [1/2, 1/2]
  const expected = [2 / 3, 1 / 3, 1 / 3, 2 / 3, 3 / 4, 1 / 4, 1 / 2, 1 / 2];
  expected.forEach((v, j) => expect(Math.abs(m.P[j] - v)).toBeLessThan(TOL));
  [3 / 12, 3 / 12, 4 / 12, 2 / 12].forEach((v, j) => expect(Math.abs(m.muSY[j] - v)).toBeLessThan(TOL));
});

test('the 12-row example gives fairlearn-style differences between groups and to overall', () => {
  // demographic_parity_difference: between 1/2 - 1/3 = 1/6; to overall max(|1/2 - 5/12|, |1/3 - 5/12|) = 1/12.
  // equalized_odds_difference (worst case): max(dTPR = 1/6, dFPR = 1/12) = 1/6; mean (1/6 + 1/12)/2 = 1/8.
  //   to overall: dTPR = max(|2/3-3/5|, |1/2-3/5|) = 1/10, dFPR = max(|1/3-2/7|, |1/4-2/7|) = 1/21
  //   -> worst 1/10, mean (1/10 + 1/21)/2 = 31/420.
  // equal opportunity: dTPR = 1/6 between, 1/10 to overall.
  const x = evaluatePredictions(twelve).extras;
  const close = (a: number | null, b: number) => expect(Math.abs((a as number) - b)).toBeLessThan(TOL);
  close(x.demographicParityDifference.betweenGroups, 1 / 6);
  close(x.demographicParityDifference.toOverall, 1 / 12);
  close(x.equalizedOddsDifference.betweenGroups, 1 / 6);
  close(x.equalizedOddsDifferenceMean.betweenGroups, 1 / 8);
  close(x.equalizedOddsDifference.toOverall, 1 / 10);
  close(x.equalizedOddsDifferenceMean.toOverall, 31 / 420);
  close(x.equalOpportunityDifference.betweenGroups, 1 / 6);
  close(x.equalOpportunityDifference.toOverall, 1 / 10);
});

test('three weighted groups follow fairlearn definitions (max - min over groups of TPR, FPR, selection rate)', () => {
  // group 0: rows (y,yHat,w) = (1,1,2) (1,0,1) (0,0,3) (0,1,1): TPR 2/3, FPR 1/4, selection 3/7 group 1:
  // (1,1,1) (0,0,1): TPR 1, FPR 0, selection 1/2 group 2: (1,0,1) (0,1,2) (0,0,2): TPR 0, FPR 2/4 = 1/2,
  // selection 2/5 dTPR = 1 - 0 = 1, dFPR = 1/2 - 0 = 1/2 -> equalized_odds_difference = 1, mean = 3/4
  // demographic_parity_difference = 1/2 - 2/5 = 1/10; EO violation (docs/design.md, Fairness measures) = max
  // over (y, yHat) = 1. overall: TPR (2+1)/(3+1+1) = 3/5, FPR (1+2)/(4+1+4) = 1/3, selection (3+1+2)/14 = 3/7
  // equal opportunity to overall: max(|2/3-3/5|, |1-3/5|, |0-3/5|) = 3/5
  const m = evaluatePredictions({
    group: Int32Array.from([0, 0, 0, 0, 1, 1, 2, 2, 2]),
    label: Int32Array.from([1, 1, 0, 0, 1, 0, 1, 0, 0]),
    prediction: Int32Array.from([1, 0, 0, 1, 1, 0, 0, 1, 0]),
    weight: Float64Array.from([2, 1, 3, 1, 1, 1, 1, 2, 2]),
    nGroups: 3,
    nClasses: 2,
  });
  const close = (a: number | null, b: number) => expect(Math.abs((a as number) - b)).toBeLessThan(TOL);
  close(m.groups[0].truePositiveRateBinary, 2 / 3);
  close(m.groups[0].falsePositiveRateBinary, 1 / 4);
  close(m.groups[2].falsePositiveRateBinary, 1 / 2);
  close(m.extras.equalizedOddsDifference.betweenGroups, 1);
  close(m.extras.equalizedOddsDifferenceMean.betweenGroups, 3 / 4);
  close(m.extras.demographicParityDifference.betweenGroups, 1 / 10);
  close(m.extras.equalOpportunityDifference.toOverall, 3 / 5);
  close(m.violations.eo, 1);
  close(m.violations.sp, 1 / 10);
  close(m.accuracy, (2 + 3 + 1 + 1 + 2) / 14); // correct weight 9 of total weight 14
});

test('multi-class extras are one-vs-rest per class and the worst class between groups equals the SP violation', () => {
  // 3 classes, 2 groups. group 0: (y,yHat) = (0,0) (1,2) (2,2) (2,1); group 1: (0,1) (1,1) (2,2) (0,0)
  // selection rates g0 = [1/4, 1/4, 2/4], g1 = [1/4, 2/4, 1/4]: class disparities 0, 1/4, 1/4 -> DP diff 1/4.
  // recall g0 = [1, 0, 1/2], g1 = [1/2, 1, 1] -> per class 1/2, 1, 1/2; equal opportunity (max) = 1.
  // OvR FPR of class 1: g0 P(Yhat=1 | Y!=1) = 1/3, g1 = 1/3 (row (0,1)) -> 0
  const m = evaluatePredictions({
    group: Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]),
    label: Int32Array.from([0, 1, 2, 2, 0, 1, 2, 0]),
    prediction: Int32Array.from([0, 2, 2, 1, 1, 1, 2, 0]),
    nGroups: 2,
    nClasses: 3,
  });
  const close = (a: number | null, b: number) => expect(Math.abs((a as number) - b)).toBeLessThan(TOL);
  expect(m.positiveClass).toBeNull();
  expect(m.groups[0].truePositiveRateBinary).toBeNull();
  close(m.extras.demographicParityDifference.betweenGroups, 1 / 4);
  close(m.violations.sp, 1 / 4);
  close(m.extras.perClass[1].truePositiveRate.betweenGroups, 1);
  close(m.extras.perClass[1].falsePositiveRate.betweenGroups, 0);
  close(m.extras.equalOpportunityDifference.betweenGroups, 1);
  close(m.violations.eo, 1);
});

test('Brier score and log loss of a probabilistic prediction match the hand values', () => {
  // row 0: y=1, p=[0.2, 0.8]: squared error 0.04 + 0.04 = 0.08, -log 0.8
  // row 1: y=0, p=[0.6, 0.4]: 0.16 + 0.16 = 0.32, -log 0.6 ; weights 1 and 3
  const m = evaluatePredictions({
    group: Int32Array.from([0, 1]),
    label: Int32Array.from([1, 0]),
    distribution: Float64Array.from([0.2, 0.8, 0.6, 0.4]),
    weight: Float64Array.from([1, 3]),
    nGroups: 2,
    nClasses: 2,
  });
  expect(Math.abs((m.brierScore as number) - (0.08 + 3 * 0.32) / 4)).toBeLessThan(TOL);
  expect(Math.abs((m.logLoss as number) - (-Math.log(0.8) - 3 * Math.log(0.6)) / 4)).toBeLessThan(TOL);
  expect(Math.abs(m.accuracy - (0.8 + 3 * 0.6) / 4)).toBeLessThan(TOL);
});

test('a (group, label) pair without rows is flagged, its rates are null and EO uses the present pairs', () => {
  // group 1 has no positive rows: TPR of group 1 is undefined; EO over (y=0) only: FPR 1/2 vs 0 -> 1/2
  const m = evaluatePredictions({
    group: Int32Array.from([0, 0, 0, 0, 1, 1]),
    label: Int32Array.from([1, 1, 0, 0, 0, 0]),
    prediction: Int32Array.from([1, 0, 1, 0, 0, 0]),
    nGroups: 2,
    nClasses: 2,
    groupNames: ['a', 'b'],
    classNames: ['no', 'yes'],
  });
  expect(m.flags).toHaveLength(1);
  expect(m.flags[0]).toMatchObject({
    kind: 'groupLabel',
    group: 1,
    groupName: 'b',
    label: 1,
    className: 'yes',
    rows: 0,
  });
  expect(m.groups[1].truePositiveRateBinary).toBeNull();
  expect(m.groups[1].falsePositiveRateBinary).toBe(0);
  expect(m.violations.eo).toBe(0.5);
  expect(m.violationsIncomplete).toEqual({ sp: false, eo: true, oae: false });
  expect(m.extras.equalOpportunityDifference.betweenGroups).toBeNull();
  expect(m.extras.equalizedOddsDifference.betweenGroups).toBeNull();
});

test('minCount flags a small group: its rates are null and every violation skips it', () => {
  const input: PredictionInput = {
    group: Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1, 2]),
    label: Int32Array.from([1, 0, 1, 0, 1, 0, 1, 0, 1]),
    prediction: Int32Array.from([1, 0, 1, 0, 1, 1, 1, 1, 0]),
    nGroups: 3,
    nClasses: 2,
    minCount: 2,
  };
  const m = evaluatePredictions(input);
  expect(m.groups[2].isFlagged).toBe(true);
  expect(m.groups[2].accuracy).toBeNull();
  expect(m.groups[2].selectionRate).toEqual([null, null]);
  expect(m.flags.map((f) => [f.kind, f.group, f.label])).toEqual([
    ['group', 2, null],
    ['groupLabel', 2, 0],
    ['groupLabel', 2, 1],
  ]);
  // groups 0 and 1: selection 1/2 vs 1; FPR 0 vs 1; TPR 1 vs 1; accuracy 1 vs 1/2
  expect(m.violations).toEqual({ sp: 0.5, eo: 1, oae: 0.5 });
  expect(m.violationsIncomplete).toEqual({ sp: true, eo: true, oae: true });
  // Without minCount the single row of group 2 counts (accuracy 0): OAE = 1 - 0.
  expect(evaluatePredictions({ ...input, minCount: undefined }).violations.oae).toBe(1);
});

const arbRandomized = fc
  .record({
    n: fc.integer({ min: 1, max: 5 }),
    nClasses: fc.integer({ min: 2, max: 3 }),
    seed: fc.integer({ min: 0, max: 1e6 }),
  })
  .map(({ n, nClasses, seed }) => {
    const rng = createRng(seed);
    const group = Int32Array.from({ length: n }, (_, i) => (i < 2 ? i : Math.floor(rng.next() * 2)));
    const label = Int32Array.from({ length: n }, () => Math.floor(rng.next() * nClasses));
    const weight = Float64Array.from({ length: n }, () => 0.5 + rng.next());
    const distribution = new Float64Array(n * nClasses);
    for (let i = 0; i < n; i++) {
      let total = 0;
      for (let c = 0; c < nClasses; c++)
        total += distribution[i * nClasses + c] = rng.next() < 0.3 ? 0 : rng.next();
      if (total === 0) distribution[i * nClasses] = total = 1;
      for (let c = 0; c < nClasses; c++) distribution[i * nClasses + c] /= total;
    }
    return { group, label, weight, distribution, nClasses, n };
  });

propTest.prop([arbRandomized])(
  'a randomized prediction scores the average of its deterministic realizations (accuracy, P, confusion)',
  ({ group, label, weight, distribution, nClasses: C, n }) => {
    const base = { group, label, weight, nGroups: 2, nClasses: C };
    const randomized = evaluatePredictions({ ...base, distribution });
    let accuracy = 0;
    const P = new Float64Array(2 * C * C);
    const confusion = new Float64Array(2 * C * C);
    // Enumerate every realization (one class per row) with its probability prod_i distribution[i, c_i].
    for (let code = 0; code < C ** n; code++) {
      const prediction = new Int32Array(n);
      let probability = 1;
      for (let i = 0, r = code; i < n; i++, r = Math.floor(r / C)) {
        prediction[i] = r % C;
        probability *= distribution[i * C + prediction[i]];
      }
      if (probability === 0) continue;
      const m = evaluatePredictions({ ...base, prediction });
      accuracy += probability * m.accuracy;
      for (let j = 0; j < P.length; j++) P[j] += probability * m.P[j];
      m.groups.forEach((g, s) =>
        g.confusion.forEach((row, y) =>
          row.forEach((v, yHat) => (confusion[(s * C + y) * C + yHat] += probability * v)),
        ),
      );
    }
    expect(Math.abs(randomized.accuracy - accuracy)).toBeLessThan(1e-12);
    for (let j = 0; j < P.length; j++) expect(Math.abs(randomized.P[j] - P[j])).toBeLessThan(1e-12);
    randomized.groups.forEach((g, s) =>
      g.confusion.forEach((row, y) =>
        row.forEach((v, yHat) => expect(Math.abs(v - confusion[(s * C + y) * C + yHat])).toBeLessThan(1e-12)),
      ),
    );
  },
);

propTest.prop([
  fc.integer({ min: 0, max: 1e6 }),
  fc.integer({ min: 2, max: 4 }),
  fc.integer({ min: 2, max: 4 }),
])('a predictor independent of the group has SP violation 0', (seed, nGroups, nClasses) => {
  // Every group gets the same multiset of feature values; the prediction depends only on the feature, so
  // P(Yhat | S = s) is the same for every s, whatever the labels.
  const rng = createRng(seed);
  const featureValues = Array.from({ length: 6 }, () => Math.floor(rng.next() * 3));
  const h = Array.from({ length: 3 }, () => {
    const row = Array.from({ length: nClasses }, () => rng.next());
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((v) => v / total);
  });
  const n = nGroups * featureValues.length;
  const group = Int32Array.from({ length: n }, (_, i) => Math.floor(i / featureValues.length));
  const label = Int32Array.from({ length: n }, () => Math.floor(rng.next() * nClasses));
  const distribution = new Float64Array(n * nClasses);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < nClasses; c++) distribution[i * nClasses + c] = h[featureValues[i % 6]][c];
  const m = evaluatePredictions({ group, label, distribution, nGroups, nClasses });
  expect(m.violations.sp).toBeLessThan(1e-12);
});

test('predictions by h on the rows of syntheticTable agree with inducedConditional + violationsFromConditional', () => {
  for (const [nGroups, nClasses] of [
    [2, 2],
    [3, 3],
  ]) {
    const table = syntheticTable({ seed: 11, nRows: 3000, nGroups, nClasses, nFeatures: 3, levels: 4 });
    const { distribution: dist, cellOfRow } = distributionFromTable(table);
    const rng = createRng(5);
    const h = new Float64Array(dist.nCells * nClasses);
    for (let k = 0; k < dist.nCells; k++) {
      let total = 0;
      for (let c = 0; c < nClasses; c++) total += h[k * nClasses + c] = rng.next();
      for (let c = 0; c < nClasses; c++) h[k * nClasses + c] /= total;
    }
    const rowDistribution = new Float64Array(table.nRows * nClasses);
    for (let i = 0; i < table.nRows; i++)
      for (let c = 0; c < nClasses; c++) rowDistribution[i * nClasses + c] = h[cellOfRow[i] * nClasses + c];
    const m = evaluatePredictions({
      group: table.group,
      label: table.label,
      distribution: rowDistribution,
      nGroups,
      nClasses,
    });
    const { P, accuracy } = inducedConditional(dist, h);
    const expected = violationsFromConditional(P, groupLabelMass(dist), nGroups, nClasses);
    expect(Math.abs(m.accuracy - accuracy)).toBeLessThan(1e-12);
    for (const measure of ['sp', 'eo', 'oae'] as const)
      expect(Math.abs(m.violations[measure] - expected[measure])).toBeLessThan(1e-12);
    expect(m.violations.eo).toBeGreaterThan(0.01); // a random h is unfair: the comparison is not vacuous
  }
});

const refusal = (input: Partial<PredictionInput>) => {
  try {
    evaluatePredictions({ ...twelve, ...input } as PredictionInput);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const err = e as InputError;
    return { code: err.code, option: err.where?.option, detail: err.where?.detail };
  }
  throw new Error('expected an InputError');
};

test('refuses bad inputs with the field and the first bad row', () => {
  expect(refusal({ label: new Int32Array(11) })).toMatchObject({
    code: 'E_LENGTH_MISMATCH',
    option: 'label',
  });
  expect(refusal({ group: Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1, 2, 1, 1, 1]) })).toEqual({
    code: 'E_CODE_OUT_OF_RANGE',
    option: 'group',
    detail: 'row 8',
  });
  expect(refusal({ prediction: Int32Array.from([1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, -1]) })).toEqual({
    code: 'E_CODE_OUT_OF_RANGE',
    option: 'prediction',
    detail: 'row 11',
  });
  const d = new Float64Array(24).fill(0.5);
  d[7] = 0.6;
  expect(refusal({ prediction: undefined, distribution: d })).toEqual({
    code: 'E_NOT_A_DISTRIBUTION',
    option: 'distribution',
    detail: 'row 3',
  });
  d[7] = NaN;
  expect(refusal({ prediction: undefined, distribution: d })).toEqual({
    code: 'E_NOT_FINITE',
    option: 'distribution',
    detail: 'row 3',
  });
  expect(refusal({ distribution: new Float64Array(24).fill(0.5) })).toMatchObject({
    code: 'E_BAD_OPTION',
    option: 'prediction',
  });
  const w = new Float64Array(12).fill(1);
  w[5] = -1;
  expect(refusal({ weight: w })).toEqual({ code: 'E_NEGATIVE_WEIGHT', option: 'weight', detail: 'row 5' });
  w[5] = Infinity;
  expect(refusal({ weight: w })).toEqual({ code: 'E_NOT_FINITE', option: 'weight', detail: 'row 5' });
  expect(refusal({ weight: new Float64Array(12) })).toMatchObject({
    code: 'E_EMPTY_INPUT',
    option: 'weight',
  });
  expect(refusal({ nClasses: 1 })).toMatchObject({ code: 'E_BAD_OPTION', option: 'nClasses' });
  expect(refusal({ groupNames: ['x'] })).toMatchObject({ code: 'E_LENGTH_MISMATCH', option: 'groupNames' });
});
