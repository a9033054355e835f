import { describe, expect, test } from 'vitest';
import {
  calEqOdds,
  fitCalEqOdds,
  type CalEqOddsOptions,
} from '../../../src/interventions/post-processing/index.js';
import type { InterventionData } from '../../../src/interventions/types.js';
import { createRng } from '../../../src/rng.js';
import { calibratedBinarySample } from './fixtures.js';

/** Rows as [group, score, label]. */
function rowsData(rows: readonly (readonly [number, number, number])[], nGroups = 2): InterventionData {
  const n = rows.length;
  return {
    x: { nRows: n, nFeatures: 0, values: new Float64Array(0) },
    scores: Float64Array.from(rows.flatMap(([, p]) => [1 - p, p])),
    group: Int32Array.from(rows.map(([s]) => s)),
    label: Int32Array.from(rows.map(([, , y]) => y)),
    nGroups,
    nClasses: 2,
  };
}

/**
 * The generalized costs of the randomized classifier Yhat ~ Bernoulli(p) computed from its probabilities and the
 * labels: FNR = E[1 - p | Y=1, S=s], FPR = E[p | Y=0, S=s], weighted as Pleiss et al.'s g_t.
 */
function costs(
  data: InterventionData,
  p1: (i: number) => number,
  cost: 'fnr' | 'fpr' | 'weighted',
  fnWeight = 0.5,
): number[] {
  return Array.from({ length: data.nGroups }, (_, s) => {
    let n0 = 0;
    let n1 = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < data.group.length; i++) {
      if (data.group[i] !== s) continue;
      const w = data.weight ? data.weight[i] : 1;
      if (data.label[i] === 1) {
        n1 += w;
        fn += w * (1 - p1(i));
      } else {
        n0 += w;
        fp += w * p1(i);
      }
    }
    const br = n1 / (n0 + n1);
    if (cost === 'fnr') return fn / n1;
    if (cost === 'fpr') return fp / n0;
    return (1 - fnWeight) * (fp / n0) * (1 - br) + fnWeight * (fn / n1) * br;
  });
}

const spread = (a: number[]) => Math.max(...a) - Math.min(...a);
const context = (knob: number) => ({ measure: 'eo' as const, knob });

describe('CalEqOdds', () => {
  // Group 0: positives at 0.8, negatives at 0.2 (base rate 1/2, GFNR 0.2, trivial GFNR 1/2). Group 1: one positive
  // at 0.7, three negatives at 0.2 (base rate 1/4, GFNR 0.3). Equal FNR: group 0 mixes (0.3 - 0.2) / (0.5 - 0.2) = 1/3.
  const hand = rowsData([
    [0, 0.8, 1],
    [0, 0.8, 1],
    [0, 0.2, 0],
    [0, 0.2, 0],
    [1, 0.7, 1],
    [1, 0.2, 0],
    [1, 0.2, 0],
    [1, 0.2, 0],
  ]);

  test('mixes the group with the lower cost at the hand-computed rate (fnr)', () => {
    const fitted = fitCalEqOdds(hand, context(1), { cost: 'fnr' });
    expect(fitted.mixRates[0]).toBeCloseTo(1 / 3, 12);
    expect(fitted.mixRates[1]).toBe(0);
    expect(Array.from(fitted.baseRates)).toEqual([0.5, 0.25]);
    expect(fitted.costAfter[0]).toBeCloseTo(0.3, 12);
  });

  test('thresholds the withheld score as AIF360: a withheld row predicts 1 iff its base rate is >= 0.5', () => {
    const fitted = fitCalEqOdds(hand, context(1), { cost: 'fnr' });
    const p = fitted.predictDistribution(hand);
    // Group 0, score 0.8: 2/3 keep (1) + 1/3 base rate 0.5 (1) = 1; score 0.2: 2/3 * 0 + 1/3 * 1 = 1/3.
    expect(p[1]).toBeCloseTo(1, 12);
    expect(p[5]).toBeCloseTo(1 / 3, 12);
    // Group 1 is untouched: 0.7 -> 1, 0.2 -> 0.
    expect([p[9], p[11]]).toEqual([1, 0]);
  });

  // A diffuse group and a sharp one. The cheaper (sharp) group's trivial cost must exceed the other group's cost for
  // Pleiss et al.'s mixing to reach it: for FNR (trivial 1 - base rate) it needs the lower base rate, for FPR
  // (trivial = base rate) the higher one (see the unreachable test).
  test.each([
    ['fnr', [-0.3, -1.0]],
    ['fpr', [-0.8, -0.1]],
    ['weighted', [-0.3, -1.0]],
  ] as const)('equalizes the %s cost of the calibrated randomized classifier', (cost, shifts) => {
    const data = calibratedBinarySample({
      seed: 3,
      nRows: 20000,
      groupShares: [0.4, 0.6],
      shifts,
      spreads: [0.7, 2.5],
      weighted: true,
    });
    const options: CalEqOddsOptions = { cost, decision: 'score' };
    const fitted = fitCalEqOdds(data, context(1), options);
    const p = fitted.predictDistribution(data);
    const before = costs(data, (i) => data.scores[2 * i + 1], cost);
    const after = costs(data, (i) => p[2 * i + 1], cost);
    expect(spread(before)).toBeGreaterThan(0.01);
    expect(spread(after)).toBeLessThanOrEqual(1e-12);
    // Only the cheaper group is mixed, up to the costlier group's cost.
    expect(Math.max(...after)).toBeCloseTo(Math.max(...before), 12);
    expect(fitted.mixRates.filter((m) => m > 0).length).toBe(1);
  });

  test("AIF360's weighting equalizes AIF360's weighted cost (both terms times 1 - base rate)", () => {
    const data = calibratedBinarySample({
      seed: 8,
      nRows: 20000,
      groupShares: [0.4, 0.6],
      shifts: [-0.3, -1.0],
      spreads: [0.7, 2.5],
    });
    const p = fitCalEqOdds(data, context(1), { weighting: 'aif360', decision: 'score' }).predictDistribution(
      data,
    );
    const aif = (p1: (i: number) => number) => {
      const fnr = costs(data, p1, 'fnr');
      const fpr = costs(data, p1, 'fpr');
      const br = [0, 1].map((s) => {
        let n = 0;
        let pos = 0;
        for (let i = 0; i < data.group.length; i++) if (data.group[i] === s) (n++, (pos += data.label[i]));
        return pos / n;
      });
      return [0, 1].map((s) => 0.5 * (fpr[s] + fnr[s]) * (1 - br[s]));
    };
    expect(spread(aif((i) => data.scores[2 * i + 1]))).toBeGreaterThan(0.005);
    expect(spread(aif((i) => p[2 * i + 1]))).toBeLessThanOrEqual(1e-12);
  });

  test('the knob scales the mixing, and the cost gap shrinks linearly with it', () => {
    const data = calibratedBinarySample({
      seed: 4,
      nRows: 5000,
      groupShares: [0.5, 0.5],
      shifts: [-1, 0],
      spreads: [1.5, 1.5],
    });
    const gap0 = spread(Array.from(fitCalEqOdds(data, context(0)).costAfter));
    for (const f of [0, 0.25, 0.5, 1]) {
      const fitted = fitCalEqOdds(data, context(f));
      expect(spread(Array.from(fitted.costAfter))).toBeCloseTo((1 - f) * gap0, 12);
    }
    const p = fitCalEqOdds(data, context(0), { decision: 'score' }).predictDistribution(data);
    for (let i = 0; i < data.group.length; i++) expect(p[2 * i + 1]).toBe(data.scores[2 * i + 1]);
  });

  test('keeps calibration: among rows with output score near v the positive rate is near v (large sample)', () => {
    const data = calibratedBinarySample({
      seed: 5,
      nRows: 200000,
      groupShares: [0.5, 0.5],
      shifts: [-1.5, 0],
      spreads: [1.5, 1.5],
    });
    const fitted = fitCalEqOdds(data, context(1), { cost: 'weighted' });
    expect(Math.max(...fitted.mixRates)).toBeGreaterThan(0.05);
    // The output score of row i is its score with probability 1 - m, its group's base rate with probability m.
    const bins = 10;
    const mass = new Float64Array(bins);
    const labels = new Float64Array(bins);
    const scores = new Float64Array(bins);
    const add = (v: number, w: number, y: number) => {
      const b = Math.min(bins - 1, Math.floor(v * bins));
      mass[b] += w;
      labels[b] += w * y;
      scores[b] += w * v;
    };
    for (let i = 0; i < data.group.length; i++) {
      const s = data.group[i];
      const m = fitted.mixRates[s];
      add(data.scores[2 * i + 1], 1 - m, data.label[i]);
      add(fitted.baseRates[s], m, data.label[i]);
    }
    let ece = 0;
    for (let b = 0; b < bins; b++) if (mass[b] > 0) ece += Math.abs(labels[b] - scores[b]);
    ece /= data.group.length;
    expect(ece).toBeLessThanOrEqual(0.01);
  });

  test('with three groups every reachable group is raised to the largest cost', () => {
    const data = calibratedBinarySample({
      seed: 6,
      nRows: 30000,
      groupShares: [0.3, 0.3, 0.4],
      shifts: [-0.3, -0.8, -1.0],
      spreads: [0.6, 1.5, 2.5],
    });
    const fitted = fitCalEqOdds(data, context(1), { cost: 'fnr', decision: 'score' });
    expect(fitted.diagnostics!.unreachableGroups).toBe(0);
    const p = fitted.predictDistribution(data);
    expect(spread(costs(data, (i) => p[2 * i + 1], 'fnr'))).toBeLessThanOrEqual(1e-12);
  });

  test('a group whose trivial cost is below the target is withheld completely and reported', () => {
    // FNR: group 1 is sharp and mostly positive (trivial FNR = 1 - base rate is small), group 0 diffuse and mostly
    // negative (FNR large): even withholding every score of group 1 leaves its FNR below group 0's.
    const data = calibratedBinarySample({
      seed: 7,
      nRows: 20000,
      groupShares: [0.5, 0.5],
      shifts: [-1.5, 1],
      spreads: [0.5, 2.5],
    });
    const fitted = fitCalEqOdds(data, context(1), { cost: 'fnr' });
    expect(fitted.diagnostics!.unreachableGroups).toBe(1);
    expect(fitted.mixRates[1]).toBe(1);
    expect(fitted.costAfter[1]).toBeCloseTo(1 - fitted.baseRates[1], 12);
    expect(fitted.costAfter[1]).toBeLessThan(fitted.costAfter[0]);
  });

  test('refuses unknown costs, unsupported measures and knobs outside [0, 1]', () => {
    const ctx = { measure: 'eo' as const, knob: 1, learner: undefined as never, rng: createRng(1) };
    expect(() => fitCalEqOdds(hand, context(1), { cost: 'tpr' as never })).toThrow(
      expect.objectContaining({ code: 'E_BAD_OPTION', where: { option: 'cost' } }),
    );
    expect(() => calEqOdds.fit(hand, { ...ctx, measure: 'sp' })).toThrow(
      expect.objectContaining({ code: 'E_BAD_OPTION', where: { option: 'measure' } }),
    );
    expect(() => calEqOdds.fit(hand, { ...ctx, knob: 2 })).toThrow(
      expect.objectContaining({ code: 'E_BAD_ALPHA', where: { option: 'mixFraction' } }),
    );
  });
});
