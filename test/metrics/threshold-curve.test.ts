import { describe, expect, test } from 'vitest';
import { createRng, randomInt } from '../../src/rng.js';
import { evaluatePredictions, thresholdCurve } from '../../src/metrics/index.js';
import { FairlimitError } from '../../src/errors.js';

/** Two groups, six rows: (score, label) per row, hand-computed below. */
const small = {
  group: Int32Array.from([0, 0, 0, 1, 1, 1]),
  label: Int32Array.from([1, 0, 1, 0, 1, 0]),
  score: Float64Array.from([0.9, 0.6, 0.3, 0.8, 0.4, 0.4]),
  nGroups: 2,
  nClasses: 2,
};

function randomScores(seed: number, n: number, nGroups: number, levels: number, weighted: boolean) {
  const rng = createRng(seed);
  const group = Int32Array.from({ length: n }, () => randomInt(rng, nGroups));
  const label = Int32Array.from({ length: n }, () => randomInt(rng, 2));
  // Few score levels: many ties, which the curve must treat as one threshold.
  const score = Float64Array.from(
    { length: n },
    (_, i) => (randomInt(rng, levels) + label[i]) / (levels + 1),
  );
  const weight = weighted ? Float64Array.from({ length: n }, () => randomInt(rng, 4)) : undefined;
  return { group, label, score, nGroups, nClasses: 2, ...(weight ? { weight } : {}) };
}

describe('thresholdCurve', () => {
  test('matches hand-computed confusion tables on six rows', () => {
    const c = thresholdCurve(small);
    expect(c.points.map((p) => p.threshold)).toEqual([Infinity, 0.9, 0.8, 0.6, 0.4, 0.3]);
    // Correct rows at each threshold: 3 (all negative), 4, 3, 2, 2 (a TP and an FP at 0.4 cancel), 3.
    expect(c.points.map((p) => p.accuracy * 6)).toEqual([3, 4, 3, 2, 2, 3].map((v) => expect.closeTo(v, 12)));
    // At 0.9: group 0 selects 1/3, group 1 none; TPR 1/2 vs 0, FPR 0 vs 0.
    expect(c.points[1].criteria.sp).toBeCloseTo(1 / 3, 12);
    expect(c.points[1].criteria.tpr).toBeCloseTo(1 / 2, 12);
    expect(c.points[1].criteria.fpr).toBeCloseTo(0, 12);
    expect(c.points[1].criteria.eo).toBeCloseTo(1 / 2, 12);
    // At 0.4: group 0 TPR 1/2 FPR 1, group 1 TPR 1 FPR 1/2.
    expect(c.points[4].criteria.eo).toBeCloseTo(1 / 2, 12);
    expect(c.points[4].positiveRate).toBeCloseTo(5 / 6, 12);
    expect(c.bestIndex).toBe(1);
  });

  test.each([
    [1, false],
    [2, true],
    [3, false],
  ])(
    'every point equals the metric engine on the hard predictions (seed %i, weighted %s)',
    (seed, weighted) => {
      const input = randomScores(seed, 300, 3, 12, weighted);
      const c = thresholdCurve(input);
      expect(c.points.length).toBe(new Set(input.score).size + 1);
      for (const p of c.points) {
        const prediction = Int32Array.from(input.score, (s) => (s >= p.threshold ? 1 : 0));
        const m = evaluatePredictions({ ...input, prediction });
        expect(p.accuracy).toBeCloseTo(m.accuracy, 12);
        for (const [k, v] of Object.entries(m.criteria))
          expect(p.criteria[k as keyof typeof m.criteria]).toBeCloseTo(v, 12);
      }
    },
  );

  test('its best accuracy equals the best single threshold by brute force', () => {
    for (let seed = 10; seed < 20; seed++) {
      const input = randomScores(seed, 80, 2, 5, seed % 2 === 0);
      const w = (i: number) => (input.weight ? input.weight[i] : 1);
      let total = 0;
      for (let i = 0; i < input.label.length; i++) total += w(i);
      let best = -1;
      for (const t of [Infinity, ...input.score]) {
        let correct = 0;
        for (let i = 0; i < input.label.length; i++)
          if ((input.score[i] >= t ? 1 : 0) === input.label[i]) correct += w(i);
        best = Math.max(best, correct / total);
      }
      const c = thresholdCurve(input);
      expect(c.points[c.bestIndex].accuracy).toBeCloseTo(best, 12);
    }
  });

  test('refuses a NaN score naming the row', () => {
    const score = Float64Array.from(small.score);
    score[4] = NaN;
    expect(() => thresholdCurve({ ...small, score })).toThrow(
      expect.objectContaining({ code: 'E_NOT_FINITE', message: expect.stringContaining('row 4') }),
    );
  });

  test('refuses more than two classes with the reason', () => {
    try {
      thresholdCurve({ ...small, nClasses: 3 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FairlimitError);
      expect((e as FairlimitError).code).toBe('E_USAGE');
      expect((e as Error).message).toMatch(/binary/);
    }
  });
});
