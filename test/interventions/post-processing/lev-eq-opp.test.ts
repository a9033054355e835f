import { describe, expect, test } from 'vitest';
import {
  fitLevEqOpp,
  levEqOpp,
  thresholdProbability,
} from '../../../src/interventions/post-processing/index.js';
import type { InterventionData } from '../../../src/interventions/types.js';
import { createRng } from '../../../src/rng.js';
import { accuracyOf, calibratedBinarySample, conditionalFromLabels } from './fixtures.js';

/** Label-based TPR of each group of a randomized binary prediction. */
function labelTpr(data: InterventionData, p: Float64Array): number[] {
  const { P } = conditionalFromLabels(data, p);
  return Array.from({ length: data.nGroups }, (_, s) => P[(s * 2 + 1) * 2 + 1]);
}

/** Plug-in TPR (labels replaced by the scores, Chzhen et al.'s estimate) of each group. */
function plugInTpr(data: InterventionData, p: Float64Array): number[] {
  const num = new Float64Array(data.nGroups);
  const den = new Float64Array(data.nGroups);
  for (let i = 0; i < data.group.length; i++) {
    const w = data.weight ? data.weight[i] : 1;
    const eta = data.scores[2 * i + 1];
    num[data.group[i]] += w * eta * p[2 * i + 1];
    den[data.group[i]] += w * eta;
  }
  return Array.from(num, (v, s) => v / den[s]);
}

const spread = (a: number[]) => Math.max(...a) - Math.min(...a);

/**
 * Brute force with labels, written without the fitted code's machinery: each group's rules "top j score blocks,
 * the next block with probability f" trace a piecewise linear curve (TPR, correct predictions) in j + f. For a
 * common target T (a uniform grid of step 1/1000 plus every breakpoint +- tol/2), each group's best rule with
 * TPR in [T - tol/2, T + tol/2] is found by scanning every breakpoint in the band and every crossing of the band's
 * ends; the best total over T is returned.
 */
function bruteForce(data: InterventionData, tol: number): number {
  const n = data.group.length;
  const curves = Array.from({ length: data.nGroups }, (_, s) => {
    const idx = [...Array(n).keys()].filter((i) => data.group[i] === s);
    const values = [...new Set(idx.map((i) => data.scores[2 * i + 1]))].sort((a, b) => b - a);
    const pos = values.map(
      (v) => idx.filter((i) => data.scores[2 * i + 1] === v && data.label[i] === 1).length,
    );
    const neg = values.map(
      (v) => idx.filter((i) => data.scores[2 * i + 1] === v && data.label[i] === 0).length,
    );
    const totalPos = pos.reduce((a, b) => a + b, 0);
    const totalNeg = neg.reduce((a, b) => a + b, 0);
    const tpr = [0];
    const correct = [totalNeg];
    values.forEach((_, j) => {
      tpr.push(tpr[j] + pos[j] / totalPos);
      correct.push(correct[j] + pos[j] - neg[j]);
    });
    return { tpr, correct };
  });
  const bestInBand = (c: { tpr: number[]; correct: number[] }, lo: number, hi: number) => {
    let best = -Infinity;
    c.tpr.forEach((t, j) => {
      if (t >= lo - 1e-12 && t <= hi + 1e-12) best = Math.max(best, c.correct[j]);
      if (j + 1 < c.tpr.length && c.tpr[j + 1] > t)
        for (const b of [lo, hi])
          if (b > t && b < c.tpr[j + 1])
            best = Math.max(
              best,
              c.correct[j] + ((b - t) / (c.tpr[j + 1] - t)) * (c.correct[j + 1] - c.correct[j]),
            );
    });
    return best;
  };
  const targets = Array.from({ length: 1001 }, (_, k) => k / 1000);
  for (const c of curves)
    for (const t of c.tpr)
      targets.push(Math.min(1, Math.max(0, t - tol / 2)), Math.min(1, Math.max(0, t + tol / 2)));
  let best = -Infinity;
  for (const T of targets)
    best = Math.max(
      best,
      curves.reduce((a, c) => a + bestInBand(c, T - tol / 2, T + tol / 2), 0),
    );
  return best / n;
}

function smallTable(seed: number): InterventionData {
  const rng = createRng(seed);
  const n = 160;
  const group = new Int32Array(n);
  const label = new Int32Array(n);
  const scores = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    group[i] = i % 2;
    const p = Math.round((0.1 + 0.8 * rng.next()) * 8) / 8;
    scores[2 * i] = 1 - p;
    scores[2 * i + 1] = p;
    label[i] = rng.next() < p - 0.15 * group[i] ? 1 : 0;
  }
  label[0] = 1;
  label[1] = 1;
  return {
    x: { nRows: n, nFeatures: 0, values: new Float64Array(0) },
    scores,
    group,
    label,
    nGroups: 2,
    nClasses: 2,
  };
}

describe('LevEqOpp', () => {
  test.each([0, 0.03, 0.1])(
    'with label rates matches a brute force over targets and randomized thresholds (tolerance %s)',
    (tol) => {
      for (const seed of [1, 2, 3]) {
        const data = smallTable(seed);
        const fitted = fitLevEqOpp(data, { measure: 'eo', knob: tol }, { rates: 'labels' });
        const p = fitted.predictDistribution(data);
        const accuracy = accuracyOf(data, p);
        const brute = bruteForce(data, tol);
        expect(spread(labelTpr(data, p))).toBeLessThanOrEqual(tol + 1e-9);
        expect(accuracy).toBeCloseTo(fitted.accuracy, 9);
        expect(accuracy).toBeCloseTo(brute, 9);
      }
    },
  );

  test.each([0, 0.02, 0.1])(
    'with plug-in rates equalizes the plug-in TPR to the tolerance %s, and the label TPR up to sampling error',
    (tol) => {
      const data = calibratedBinarySample({
        seed: 4,
        nRows: 40000,
        groupShares: [0.3, 0.7],
        shifts: [-1.5, -0.5],
        spreads: [1.5, 2],
      });
      const fitted = fitLevEqOpp(data, { measure: 'eo', knob: tol });
      const p = fitted.predictDistribution(data);
      expect(spread(plugInTpr(data, p))).toBeLessThanOrEqual(tol + 1e-9);
      // Labels are drawn from the scores: the label TPR of ~5000 positives per group is within ~0.02 of the plug-in.
      expect(spread(labelTpr(data, p))).toBeLessThanOrEqual(tol + 0.03);
    },
  );

  test("at tolerance 0 the two multipliers are opposite, as in Chzhen et al.'s one-parameter form", () => {
    const data = calibratedBinarySample({
      seed: 5,
      nRows: 40000,
      groupShares: [0.4, 0.6],
      shifts: [-1.2, -0.2],
      spreads: [1.5, 1.8],
    });
    const fitted = fitLevEqOpp(data, { measure: 'eo', knob: 0 });
    expect(Math.abs(fitted.theta[0])).toBeGreaterThan(0.01);
    expect(Math.abs(fitted.theta[0] + fitted.theta[1])).toBeLessThanOrEqual(0.02 * Math.abs(fitted.theta[0]));
  });

  test('with a vacuous tolerance it thresholds calibrated scores at 1/2', () => {
    const data = calibratedBinarySample({
      seed: 6,
      nRows: 5000,
      groupShares: [0.5, 0.5],
      shifts: [-1, 0],
      spreads: [1.5, 1.5],
    });
    const fitted = fitLevEqOpp(data, { measure: 'eo', knob: 1 });
    const p = fitted.predictDistribution(data);
    for (let i = 0; i < data.group.length; i++) {
      const score = data.scores[2 * i + 1];
      if (score > 0.5) expect(p[2 * i + 1]).toBe(1);
      if (score < 0.5) expect(p[2 * i + 1]).toBe(0);
    }
  });

  test('handles three groups: every pair of plug-in TPRs within the tolerance', () => {
    const data = calibratedBinarySample({
      seed: 8,
      nRows: 9000,
      groupShares: [0.2, 0.3, 0.5],
      shifts: [-1.5, -0.5, 0.3],
      spreads: [1, 1.5, 2],
      weighted: true,
    });
    for (const tol of [0, 0.04]) {
      const fitted = fitLevEqOpp(data, { measure: 'eo', knob: tol });
      expect(spread(plugInTpr(data, fitted.predictDistribution(data)))).toBeLessThanOrEqual(tol + 1e-9);
    }
  });

  test('a threshold rule is 1 above, its tie probability at, and 0 below the threshold', () => {
    const rule = { threshold: 0.4, tieProbability: 0.25 };
    expect([0.5, 0.4, 0.3].map((s) => thresholdProbability(rule, s))).toEqual([1, 0.25, 0]);
  });

  test('refuses measures other than eo and unknown rate estimates', () => {
    const data = smallTable(1);
    const context = { measure: 'sp' as const, knob: 0, learner: undefined as never, rng: createRng(1) };
    expect(() => levEqOpp.fit(data, context)).toThrow(
      expect.objectContaining({ code: 'E_BAD_OPTION', where: { option: 'measure' } }),
    );
    expect(() => fitLevEqOpp(data, { measure: 'eo', knob: 0 }, { rates: 'both' as never })).toThrow(
      expect.objectContaining({ code: 'E_BAD_OPTION', where: { option: 'rates' } }),
    );
  });
});
