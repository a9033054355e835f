import { describe, expect, test } from 'vitest';
import { createRng, randomInt } from '../../src/rng.js';
import {
  CRITERION_OF_CONSTRAINT,
  type ThresholdConstraint,
  thresholdOptimizer,
} from '../../src/metrics/index.js';

/** Rows from (group, label, score, copies) blocks. */
function rowsOf(blocks: readonly (readonly [number, number, number, number])[]) {
  const group: number[] = [];
  const label: number[] = [];
  const score: number[] = [];
  for (const [s, y, v, copies] of blocks)
    for (let k = 0; k < copies; k++) {
      group.push(s);
      label.push(y);
      score.push(v);
    }
  return {
    group: Int32Array.from(group),
    label: Int32Array.from(label),
    score: Float64Array.from(score),
    nGroups: 2,
    nClasses: 2,
  };
}

describe('thresholdOptimizer, equalized odds', () => {
  // Group 0 separates perfectly (ROC hull (0,0), (0,1), (1,1)); group 1's ROC hull is (0,0), (0.5,0.8), (1,1).
  // Balanced labels: accuracy = (TPR + 1 - FPR) / 2 on the lower envelope (group 1's hull), largest at
  // FPR 0.5, TPR 0.8: accuracy 0.65. Group 0 sits at (0.5, 1) (mix of "> 0.5" and "> -inf" half and half) and
  // must come down to TPR 0.8 by predicting positive w.p. 0.5 with probability pIgnore = (1 - 0.8) / (1 - 0.5).
  const input = rowsOf([
    [0, 1, 0.8, 10],
    [0, 0, 0.2, 10],
    [1, 1, 0.9, 8],
    [1, 1, 0.1, 2],
    [1, 0, 0.9, 5],
    [1, 0, 0.1, 5],
  ]);
  const r = thresholdOptimizer(input, { constraint: 'equalized_odds' });

  test('picks the closed-form point of the lower ROC envelope', () => {
    expect(r.x).toBeCloseTo(0.5, 12);
    expect(r.y).toBeCloseTo(0.8, 12);
    expect(r.expectedAccuracy).toBeCloseTo(0.65, 12);
  });

  test('mixes the closed-form thresholds and p_ignore in each group', () => {
    const [g0, g1] = r.groups;
    expect(g0).toMatchObject({ threshold0: 0.5, threshold1: -Infinity, predictionConstant: r.x });
    expect(g0.p0).toBeCloseTo(0.5, 12);
    expect(g0.pIgnore).toBeCloseTo(0.4, 12);
    // Group 1 is at a hull vertex: the grid point equals it, fairlearn interpolates from the vertex to its left.
    expect(g1.pIgnore).toBeCloseTo(0, 12);
    expect(g1.p1).toBeCloseTo(1, 12);
    expect(g1.threshold1).toBeCloseTo(0.5, 12); // between the scores 0.9 and 0.1
  });

  test('measures zero EO violation and the expected accuracy on the rows', () => {
    expect(r.criteria.eo).toBeCloseTo(0, 12);
    expect(r.accuracy).toBeCloseTo(0.65, 12);
  });
});

/**
 * Independent brute force of a simple constraint: for each group every single-threshold (rate, accuracy) point,
 * the best accuracy at rate x by mixing any two of them (the upper concave envelope, by enumeration of pairs),
 * weighted by the group shares, maximized over fairlearn's grid.
 */
function bruteForceSimple(
  input: ReturnType<typeof randomInput>,
  constraint: ThresholdConstraint,
  grid: number,
) {
  const shares: number[] = [];
  const envelopes: ((x: number) => number)[] = [];
  for (let s = 0; s < input.nGroups; s++) {
    const rows = [...input.group.keys()].filter((i) => input.group[i] === s);
    shares.push(rows.length / input.group.length);
    const pts: [number, number][] = [];
    for (const t of [Infinity, ...rows.map((i) => input.score[i])]) {
      let tp = 0;
      let fp = 0;
      let pos = 0;
      let neg = 0;
      for (const i of rows) {
        const yHat = input.score[i] >= t ? 1 : 0;
        if (input.label[i] === 1) {
          pos++;
          tp += yHat;
        } else {
          neg++;
          fp += yHat;
        }
      }
      const acc = (tp + neg - fp) / rows.length;
      const x =
        constraint === 'demographic_parity'
          ? (tp + fp) / rows.length
          : constraint === 'true_positive_rate_parity'
            ? tp / pos
            : fp / neg;
      pts.push([x, acc]);
    }
    envelopes.push((x) => {
      let best = -Infinity;
      for (const [xa, ya] of pts)
        for (const [xb, yb] of pts) {
          if (xa > x + 1e-15 || xb < x - 1e-15) continue;
          best = Math.max(best, xb === xa ? Math.max(ya, yb) : ya + ((yb - ya) * (x - xa)) / (xb - xa));
        }
      return best;
    });
  }
  let best = -Infinity;
  for (let g = 0; g <= grid; g++) {
    const x = g / grid;
    best = Math.max(
      best,
      shares.reduce((sum, p, s) => sum + p * envelopes[s](x), 0),
    );
  }
  return best;
}

function randomInput(seed: number) {
  const rng = createRng(seed);
  const n = 60;
  const group = Int32Array.from({ length: n }, () => randomInt(rng, 2));
  const label = Int32Array.from({ length: n }, () => randomInt(rng, 2));
  // Every (group, label) pair present.
  group.set([0, 0, 1, 1]);
  label.set([0, 1, 0, 1]);
  const score = Float64Array.from({ length: n }, (_, i) => (randomInt(rng, 6) + 2 * label[i]) / 8);
  return { group, label, score, nGroups: 2, nClasses: 2 };
}

describe('thresholdOptimizer, simple constraints', () => {
  const constraints: ThresholdConstraint[] = [
    'demographic_parity',
    'true_positive_rate_parity',
    'false_positive_rate_parity',
  ];
  for (const constraint of constraints)
    test(`${constraint}: the grid optimum equals a brute force over threshold pairs, and the rule meets it exactly`, () => {
      for (let seed = 1; seed <= 6; seed++) {
        const input = randomInput(seed);
        const r = thresholdOptimizer(input, { constraint, gridSize: 50 });
        expect(r.expectedAccuracy).toBeCloseTo(bruteForceSimple(input, constraint, 50), 10);
        // The mixture is exact in expectation: the measured accuracy is the predicted one and the rate is equal.
        expect(r.accuracy).toBeCloseTo(r.expectedAccuracy, 10);
        expect(r.criteria[CRITERION_OF_CONSTRAINT[constraint]]).toBeCloseTo(0, 10);
      }
    });

  test('equalized odds meets EO exactly on random data', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const r = thresholdOptimizer(randomInput(seed), { constraint: 'equalized_odds' });
      expect(r.criteria.eo).toBeCloseTo(0, 10);
      expect(r.accuracy).toBeCloseTo(r.expectedAccuracy, 10);
    }
  });

  test('refuses a group without positive rows, as fairlearn does', () => {
    const input = rowsOf([
      [0, 1, 0.8, 2],
      [0, 0, 0.2, 2],
      [1, 0, 0.3, 2],
    ]);
    expect(() => thresholdOptimizer(input, { constraint: 'demographic_parity' })).toThrow(
      expect.objectContaining({ code: 'E_EMPTY_GROUP_LABEL' }),
    );
  });

  test('refuses an unknown constraint', () => {
    expect(() => thresholdOptimizer(randomInput(1), { constraint: 'parity' as ThresholdConstraint })).toThrow(
      expect.objectContaining({ code: 'E_BAD_OPTION' }),
    );
  });
});
