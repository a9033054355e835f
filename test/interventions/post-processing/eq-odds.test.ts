import { describe, expect, test } from 'vitest';
import { FairlimitError } from '../../../src/errors.js';
import { eqOdds, fitEqOdds, mixtureProbability } from '../../../src/interventions/post-processing/index.js';
import type { InterventionData } from '../../../src/interventions/types.js';
import { violationsFromConditional, type Measure } from '../../../src/metrics/index.js';
import { createRng } from '../../../src/rng.js';
import { jsLpSolver } from '../../fixtures/js-lp-solver.js';
import { accuracyOf, calibratedBinarySample, conditionalFromLabels } from './fixtures.js';

/** Rows given as [group, score, label, count]. */
function tableData(
  rows: readonly (readonly [number, number, number, number])[],
  nGroups: number,
): InterventionData {
  const group: number[] = [];
  const label: number[] = [];
  const scores: number[] = [];
  for (const [s, p, y, count] of rows)
    for (let r = 0; r < count; r++) {
      group.push(s);
      label.push(y);
      scores.push(1 - p, p);
    }
  const n = group.length;
  return {
    x: { nRows: n, nFeatures: 0, values: new Float64Array(0) },
    scores: Float64Array.from(scores),
    group: Int32Array.from(group),
    label: Int32Array.from(label),
    nGroups,
    nClasses: 2,
  };
}

/** A small random scored table: few distinct scores per group, so ties and flat ROC segments occur. */
function randomTable(seed: number, nGroups: number, nRows: number): InterventionData {
  const rng = createRng(seed);
  const rows: [number, number, number, number][] = [];
  for (let i = 0; i < nRows; i++) {
    const s = Math.floor(rng.next() * nGroups);
    const p = Math.round(rng.next() * 6) / 6;
    const y = rng.next() < 0.15 + 0.7 * p - 0.1 * s ? 1 : 0;
    rows.push([s, p, y, 1]);
  }
  // Every group needs both labels for eo.
  for (let s = 0; s < nGroups; s++) rows.push([s, 0.5, 0, 1], [s, 0.5, 1, 1]);
  return tableData(rows, nGroups);
}

/**
 * Independent optimum over mixtures of thresholds: one weight per group and per threshold "score >= t" over ALL
 * distinct scores (no convex hull), free targets per rate, solved by javascript-lp-solver (no HiGHS).
 */
function referenceOptimum(data: InterventionData, measure: Measure, alpha: number): number {
  const n = data.group.length;
  const variables: Record<string, Record<string, number>> = {};
  const constraints: Record<string, { min?: number; max?: number; equal?: number }> = {};
  for (let s = 0; s < data.nGroups; s++) {
    const idx = [...Array(n).keys()].filter((i) => data.group[i] === s);
    const thresholds = [Infinity, ...new Set(idx.map((i) => data.scores[2 * i + 1]))].sort((a, b) => b - a);
    const pos = idx.filter((i) => data.label[i] === 1).length;
    const neg = idx.length - pos;
    constraints[`sum_${s}`] = { equal: 1 };
    thresholds.forEach((t, j) => {
      let tp = 0;
      let fp = 0;
      for (const i of idx) if (data.scores[2 * i + 1] >= t) data.label[i] === 1 ? tp++ : fp++;
      const rates: Record<string, number> =
        measure === 'eo'
          ? { tpr: tp / pos, fpr: fp / neg }
          : measure === 'sp'
            ? { pr: (tp + fp) / idx.length }
            : { acc: (tp + neg - fp) / idx.length };
      const v: Record<string, number> = {
        [`sum_${s}`]: 1,
        accuracy: (tp + neg - fp) / n,
        [`cap_${s}_${j}`]: 1,
      };
      constraints[`cap_${s}_${j}`] = { max: 1 };
      for (const [name, value] of Object.entries(rates)) {
        v[`${name}_${s}_hi`] = value;
        v[`${name}_${s}_lo`] = value;
        constraints[`${name}_${s}_hi`] = { max: alpha / 2 };
        constraints[`${name}_${s}_lo`] = { min: -alpha / 2 };
      }
      variables[`w_${s}_${j}`] = v;
    });
  }
  // Free targets as differences of two non-negative variables.
  const names = measure === 'eo' ? ['tpr', 'fpr'] : measure === 'sp' ? ['pr'] : ['acc'];
  for (const name of names)
    for (const sign of [1, -1]) {
      const v: Record<string, number> = {};
      for (let s = 0; s < data.nGroups; s++) {
        v[`${name}_${s}_hi`] = -sign;
        v[`${name}_${s}_lo`] = -sign;
      }
      variables[`target_${name}_${sign}`] = v;
    }
  const result = jsLpSolver.Solve({ optimize: 'accuracy', opType: 'max', constraints, variables });
  if (!result.feasible) throw new Error('reference LP infeasible');
  return result.result;
}

const eoViolation = (data: InterventionData, p: Float64Array) => {
  const { P, mu } = conditionalFromLabels(data, p);
  return violationsFromConditional(P, mu, data.nGroups, 2);
};

describe('EqOdds on known ROC curves', () => {
  test('a perfect score in one group and a useless one in the other give the majority-class accuracy at alpha 0', async () => {
    // Group 0: score 0.9 for every positive, 0.1 for every negative (ROC through (0, 1)); group 1: one score for
    // all (ROC = the diagonal). Equal TPR and FPR force both groups onto the diagonal, TPR = FPR = q, and the
    // accuracy P(Y=0) + q (P(Y=1) - P(Y=0)) is best at q = 0 or 1: the majority-class accuracy, 0.6 here.
    const data = tableData(
      [
        [0, 0.9, 1, 30],
        [0, 0.1, 0, 20],
        [1, 0.5, 1, 10],
        [1, 0.5, 0, 40],
      ],
      2,
    );
    const fitted = await fitEqOdds(data, { measure: 'eo', knob: 0 });
    const p = fitted.predictDistribution(data);
    expect(accuracyOf(data, p)).toBeCloseTo(0.6, 9);
    expect(fitted.accuracy).toBeCloseTo(0.6, 9);
    expect(eoViolation(data, p).eo).toBeLessThanOrEqual(1e-9);
  });

  test('with alpha = 1 each group takes its most accurate threshold', async () => {
    const data = tableData(
      [
        [0, 0.9, 1, 30],
        [0, 0.1, 0, 20],
        [1, 0.5, 1, 10],
        [1, 0.5, 0, 40],
      ],
      2,
    );
    const fitted = await fitEqOdds(data, { measure: 'eo', knob: 1 });
    // Group 0 perfect (50 of 50), group 1 predicts 0 (40 of 50).
    expect(accuracyOf(data, fitted.predictDistribution(data))).toBeCloseTo(0.9, 9);
  });

  test.each([
    ['eo', 0],
    ['eo', 0.05],
    ['eo', 0.2],
    ['sp', 0],
    ['sp', 0.1],
    ['oae', 0],
    ['oae', 0.05],
  ] as const)(
    'reaches the accuracy of an independent LP over all thresholds (%s, alpha %s)',
    async (measure, alpha) => {
      for (const seed of [1, 2, 3]) {
        const data = randomTable(seed, seed === 3 ? 3 : 2, 120);
        const fitted = await fitEqOdds(data, { measure, knob: alpha });
        const p = fitted.predictDistribution(data);
        expect(accuracyOf(data, p)).toBeCloseTo(referenceOptimum(data, measure, alpha), 6);
        expect(eoViolation(data, p)[measure]).toBeLessThanOrEqual(alpha + 1e-7);
      }
    },
  );

  test('on a large calibrated sample the TPR and FPR gaps are within alpha and accuracy grows with alpha', async () => {
    const data = calibratedBinarySample({
      seed: 7,
      nRows: 20000,
      groupShares: [0.35, 0.65],
      shifts: [-1.2, -0.3],
      spreads: [1.4, 2],
      weighted: true,
    });
    let previous = 0;
    for (const alpha of [0, 0.02, 0.05, 0.1, 1]) {
      const fitted = await fitEqOdds(data, { measure: 'eo', knob: alpha });
      const p = fitted.predictDistribution(data);
      const { P, mu } = conditionalFromLabels(data, p);
      const tprGap = Math.abs(P[1 * 2 + 1] - P[3 * 2 + 1]);
      const fprGap = Math.abs(P[0 * 2 + 1] - P[2 * 2 + 1]);
      expect(Math.max(tprGap, fprGap)).toBeLessThanOrEqual(alpha + 1e-7);
      expect(violationsFromConditional(P, mu, 2, 2).eo).toBeLessThanOrEqual(alpha + 1e-7);
      const accuracy = accuracyOf(data, p);
      expect(accuracy).toBeCloseTo(fitted.accuracy, 9);
      expect(accuracy).toBeGreaterThanOrEqual(previous - 1e-12);
      previous = accuracy;
    }
  });

  test('the fitted rule is a non-decreasing step function of the score in every group', async () => {
    const data = calibratedBinarySample({
      seed: 3,
      nRows: 3000,
      groupShares: [0.5, 0.5],
      shifts: [-1, 0],
      spreads: [1, 2],
    });
    const fitted = await fitEqOdds(data, { measure: 'eo', knob: 0.01 });
    for (const mixture of fitted.mixtures) {
      expect(mixture.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      let last = -1;
      for (let score = 0; score <= 1; score += 0.01) {
        const p = mixtureProbability(mixture, score);
        expect(p).toBeGreaterThanOrEqual(last);
        last = p;
      }
    }
  });

  test('is deterministic: the same data give the same probabilities', async () => {
    const data = randomTable(11, 2, 200);
    const a = (await fitEqOdds(data, { measure: 'eo', knob: 0.03 })).predictDistribution(data);
    const b = (await fitEqOdds(data, { measure: 'eo', knob: 0.03 })).predictDistribution(data);
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});

describe('EqOdds refusals', () => {
  const base = randomTable(5, 2, 60);
  const fit = (data: InterventionData, measure: Measure = 'eo', knob = 0) =>
    Promise.resolve().then(() =>
      eqOdds.fit(data, { measure, knob, learner: undefined as never, rng: createRng(1) }),
    );

  test('refuses an alpha outside [0, 1], naming the option', async () => {
    await expect(fit(base, 'eo', 1.5)).rejects.toMatchObject({
      code: 'E_BAD_ALPHA',
      where: { option: 'alpha' },
    });
  });

  test('refuses more than two classes', async () => {
    const data = { ...base, nClasses: 3, scores: new Float64Array(base.group.length * 3).fill(1 / 3) };
    await expect(fit(data)).rejects.toMatchObject({ code: 'E_TOO_MANY_CLASSES' });
  });

  test('refuses a group without positives under eo', async () => {
    const data = tableData(
      [
        [0, 0.3, 0, 5],
        [0, 0.7, 1, 5],
        [1, 0.2, 0, 5],
      ],
      2,
    );
    await expect(fit(data)).rejects.toMatchObject({ code: 'E_EMPTY_GROUP_LABEL' });
  });

  test('refuses scores whose rows do not sum to 1, naming the row', async () => {
    const scores = Float64Array.from(base.scores);
    scores[7] += 0.1;
    const error = await fit({ ...base, scores }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FairlimitError);
    expect(error).toMatchObject({
      code: 'E_NOT_A_DISTRIBUTION',
      where: { option: 'scores', detail: 'row 3' },
    });
  });

  test('refuses a scores array of the wrong length', async () => {
    await expect(fit({ ...base, scores: base.scores.subarray(2) })).rejects.toMatchObject({
      code: 'E_LENGTH_MISMATCH',
    });
  });
});
