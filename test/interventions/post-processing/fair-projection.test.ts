import { describe, expect, test } from 'vitest';
import {
  createFairProjection,
  fairProjection,
  fairProjectionAsBenchmarked,
  fitFairProjection,
} from '../../../src/interventions/post-processing/index.js';
import type { InterventionData } from '../../../src/interventions/types.js';
import { violationsFromConditional } from '../../../src/metrics/index.js';
import { createRng } from '../../../src/rng.js';
import { calibratedBinarySample, calibratedMultiClassSample, conditionalFromLabels } from './fixtures.js';

const SMOOTHING = 1e-4;
const smooth = (v: number, C: number) => (v + SMOOTHING) / (1 + C * SMOOTHING);

/** Data given as score rows and groups (labels arbitrary: the projection does not read them except for tuning). */
function scoreRows(
  rows: readonly (readonly number[])[],
  group: readonly number[],
  nGroups: number,
  label?: readonly number[],
): InterventionData {
  const C = rows[0].length;
  return {
    x: { nRows: rows.length, nFeatures: 0, values: new Float64Array(0) },
    scores: Float64Array.from(rows.flat()),
    group: Int32Array.from(group),
    label: Int32Array.from(label ?? group.map(() => 0)),
    nGroups,
    nClasses: C,
  };
}

/**
 * P[(s,y), yHat] with the label replaced by the smoothed base score (the quantity FairProjection constrains for
 * EO), and mu(s,y) likewise.
 */
function plugInConditional(data: InterventionData, h: Float64Array): { P: Float64Array; mu: Float64Array } {
  const { nGroups: A, nClasses: C } = data;
  const P = new Float64Array(A * C * C);
  const mu = new Float64Array(A * C);
  for (let i = 0; i < data.group.length; i++)
    for (let y = 0; y < C; y++) {
      const q = smooth(data.scores[i * C + y], C);
      const sy = data.group[i] * C + y;
      mu[sy] += q;
      for (let c = 0; c < C; c++) P[sy * C + c] += q * h[i * C + c];
    }
  for (let sy = 0; sy < A * C; sy++) for (let c = 0; c < C; c++) P[sy * C + c] /= mu[sy];
  return { P, mu };
}

const kl = (p: number[], q: number[]) => p.reduce((a, v, c) => a + (v > 0 ? v * Math.log(v / q[c]) : 0), 0);

/** Minimizes a convex function on [lo, hi] by golden-section search. */
function golden(f: (x: number) => number, lo: number, hi: number): number {
  const r = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  for (let it = 0; it < 90; it++) {
    const c = b - r * (b - a);
    const d = a + r * (b - a);
    if (f(c) < f(d)) b = d;
    else a = c;
  }
  return (a + b) / 2;
}

/** The root of an increasing function on [lo, hi] by bisection. */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  for (let it = 0; it < 90; it++) {
    const m = (a + b) / 2;
    if (f(m) < 0) a = m;
    else b = m;
  }
  return (a + b) / 2;
}

describe('FairProjection returns the base scores when the constraints are vacuous', () => {
  test.each([
    ['kl', 'sp'],
    ['kl', 'eo'],
    ['cross-entropy', 'sp'],
    ['cross-entropy', 'eo'],
  ] as const)('%s, %s, tolerance 1: binary and multi-class', (divergence, measure) => {
    for (const data of [
      calibratedBinarySample({
        seed: 1,
        nRows: 3000,
        groupShares: [0.3, 0.7],
        shifts: [-1, 0.5],
        spreads: [1, 2],
      }),
      calibratedMultiClassSample({
        seed: 2,
        nRows: 3000,
        nGroups: 3,
        nClasses: 4,
        spread: 1.5,
        groupShift: 1.5,
      }),
    ]) {
      const fitted = fitFairProjection(data, { measure, knob: 1 }, { divergence });
      const h = fitted.predictDistribution(data);
      let worst = 0;
      for (let k = 0; k < h.length; k++) worst = Math.max(worst, Math.abs(h[k] - data.scores[k]));
      expect(worst).toBeLessThan(1e-9);
      expect(fitted.isIdentity).toBe(true);
    }
  });
});

describe('FairProjection at tolerance 0', () => {
  test.each(['kl', 'cross-entropy'] as const)(
    '%s: statistical parity holds on the fitting data (binary, two groups)',
    (divergence) => {
      const data = calibratedBinarySample({
        seed: 3,
        nRows: 20000,
        groupShares: [0.3, 0.7],
        shifts: [-1.5, -0.3],
        spreads: [1.5, 2],
        weighted: true,
      });
      const h = fitFairProjection(data, { measure: 'sp', knob: 0 }, { divergence }).predictDistribution(data);
      const { P, mu } = conditionalFromLabels(data, h);
      const before = conditionalFromLabels(data, data.scores);
      expect(violationsFromConditional(before.P, before.mu, 2, 2).sp).toBeGreaterThan(0.1);
      expect(violationsFromConditional(P, mu, 2, 2).sp).toBeLessThanOrEqual(1e-6);
    },
  );

  test.each(['kl', 'cross-entropy'] as const)(
    '%s: statistical parity holds for 4 groups and 5 classes',
    (divergence) => {
      const data = calibratedMultiClassSample({
        seed: 4,
        nRows: 4000,
        nGroups: 4,
        nClasses: 5,
        spread: 1,
        groupShift: 1.5,
      });
      const fitted = fitFairProjection(data, { measure: 'sp', knob: 0 }, { divergence });
      const { P, mu } = conditionalFromLabels(data, fitted.predictDistribution(data));
      expect(violationsFromConditional(P, mu, 4, 5).sp).toBeLessThanOrEqual(1e-6);
      expect(fitted.diagnostics!.converged).toBe(true);
    },
  );

  test.each(['kl', 'cross-entropy'] as const)(
    '%s: equalized odds holds exactly on the plug-in rates and up to sampling error on labels',
    (divergence) => {
      const data = calibratedBinarySample({
        seed: 5,
        nRows: 40000,
        groupShares: [0.4, 0.6],
        shifts: [-1.5, -0.3],
        spreads: [1.5, 2],
      });
      const h = fitFairProjection(data, { measure: 'eo', knob: 0 }, { divergence }).predictDistribution(data);
      const plugIn = plugInConditional(data, h);
      expect(violationsFromConditional(plugIn.P, plugIn.mu, 2, 2).eo).toBeLessThanOrEqual(1e-6);
      const labels = conditionalFromLabels(data, h);
      expect(violationsFromConditional(labels.P, labels.mu, 2, 2).eo).toBeLessThanOrEqual(0.02);
    },
  );

  test('multi-class equalized odds: every (y, yHat) plug-in rate is equal across three groups', () => {
    const data = calibratedMultiClassSample({
      seed: 6,
      nRows: 3000,
      nGroups: 3,
      nClasses: 3,
      spread: 1.2,
      groupShift: 1.5,
    });
    const fitted = fitFairProjection(data, { measure: 'eo', knob: 0 }, { divergence: 'kl' });
    const plugIn = plugInConditional(data, fitted.predictDistribution(data));
    expect(violationsFromConditional(plugIn.P, plugIn.mu, 3, 3).eo).toBeLessThanOrEqual(1e-6);
  });

  test("the ratio form (the authors' parametrization) at tolerance 0 is also exact parity", () => {
    const data = calibratedMultiClassSample({
      seed: 7,
      nRows: 3000,
      nGroups: 3,
      nClasses: 3,
      spread: 1.2,
      groupShift: 1.5,
    });
    const h = fitFairProjection(
      data,
      { measure: 'sp', knob: 0 },
      { constraintForm: 'ratio' },
    ).predictDistribution(data);
    const { P, mu } = conditionalFromLabels(data, h);
    expect(violationsFromConditional(P, mu, 3, 3).sp).toBeLessThanOrEqual(1e-6);
  });
});

describe('FairProjection against direct convex solves', () => {
  // One row per group and exact parity force one common distribution p for every row. Then
  // min sum_s w_s KL(p || y_s) is solved by the normalized weighted geometric mean of the y_s, and
  // min sum_s w_s KL(y_s || p) by their weighted arithmetic mean.
  const rows = [
    [0.7, 0.2, 0.1],
    [0.1, 0.3, 0.6],
    [0.25, 0.5, 0.25],
  ];
  const data = scoreRows(rows, [0, 1, 2], 3);
  const y = rows.map((r) => r.map((v) => smooth(v, 3)));

  test('KL: one row per group at exact parity gives the weighted geometric mean', () => {
    const h = fitFairProjection(data, { measure: 'sp', knob: 0 }, { divergence: 'kl' }).predictDistribution(
      data,
    );
    const g = [0, 1, 2].map((c) => Math.exp(y.reduce((a, r) => a + Math.log(r[c]) / 3, 0)));
    const total = g.reduce((a, b) => a + b, 0);
    for (let s = 0; s < 3; s++) for (let c = 0; c < 3; c++) expect(h[s * 3 + c]).toBeCloseTo(g[c] / total, 6);
  });

  test('cross-entropy: one row per group at exact parity gives the weighted arithmetic mean', () => {
    const h = fitFairProjection(
      data,
      { measure: 'sp', knob: 0 },
      { divergence: 'cross-entropy' },
    ).predictDistribution(data);
    for (let s = 0; s < 3; s++)
      for (let c = 0; c < 3; c++) expect(h[s * 3 + c]).toBeCloseTo((y[0][c] + y[1][c] + y[2][c]) / 3, 6);
  });

  test.each(['kl', 'cross-entropy'] as const)(
    '%s: matches a nested one-dimensional solve of a binary two-group problem with tolerance 0.1',
    (divergence) => {
      // Rows [group, P(Y=1)], equal weights. The SP constraint binds (the base gap is larger than 0.1), so at the
      // optimum rate_0 - rate_1 = 0.1 (group 0 has the higher rate). For fixed group rates the problem splits by
      // group: min sum_i D(h_i, y_i) s.t. mean h_i = r, solved through its scalar multiplier t by bisection; the
      // outer problem is convex in r_0 (golden section).
      const p1 = [
        [0, 0.9],
        [0, 0.7],
        [0, 0.4],
        [1, 0.5],
        [1, 0.2],
        [1, 0.1],
        [1, 0.3],
      ];
      const d = scoreRows(
        p1.map(([, p]) => [1 - p, p]),
        p1.map(([s]) => s),
        2,
      );
      const ys = p1.map(([s, p]) => [s, smooth(p, 2)] as const);
      // Row optimum for multiplier t: KL: h = sigmoid(logit y - t); CE: y/h - (1-y)/(1-h) = t, increasing h in -t.
      const rowH = (yv: number, t: number) =>
        divergence === 'kl'
          ? 1 / (1 + Math.exp(-(Math.log(yv / (1 - yv)) - t)))
          : bisect((h) => -(yv / h - (1 - yv) / (1 - h) - t), 1e-15, 1 - 1e-15);
      const rowD = (yv: number, h: number) =>
        divergence === 'kl' ? kl([h, 1 - h], [yv, 1 - yv]) : kl([yv, 1 - yv], [h, 1 - h]);
      const groupCost = (s: number, r: number) => {
        const members = ys.filter(([g]) => g === s).map(([, v]) => v);
        const t = bisect(
          (tt) => -(members.reduce((a, v) => a + rowH(v, tt), 0) / members.length - r),
          -50,
          50,
        );
        return members.reduce((a, v) => a + rowD(v, rowH(v, t)), 0);
      };
      const total = (r0: number) => (groupCost(0, r0) + groupCost(1, r0 - 0.1)) / ys.length;
      const r0 = golden(total, 0.11, 0.99);
      const best = total(r0);
      const fitted = fitFairProjection(d, { measure: 'sp', knob: 0.1 }, { divergence });
      const h = fitted.predictDistribution(d);
      let objective = 0;
      for (let i = 0; i < ys.length; i++) objective += rowD(ys[i][1], h[2 * i + 1]) / ys.length;
      expect(objective).toBeCloseTo(best, 7);
      expect(fitted.diagnostics!.primalObjective as number).toBeCloseTo(best, 7);
      const rate = (s: number) =>
        p1.reduce((a, [g], i) => a + (g === s ? h[2 * i + 1] : 0), 0) / p1.filter(([g]) => g === s).length;
      expect(rate(0) - rate(1)).toBeCloseTo(0.1, 6);
      expect(rate(0)).toBeCloseTo(r0, 4);
    },
  );
});

describe('the default FairProjection (the projection of the base decision, randomized)', () => {
  // Smooth, calibrated scores (labels drawn from them), two groups with different score distributions.
  const data = calibratedBinarySample({
    seed: 5,
    nRows: 40000,
    groupShares: [0.4, 0.6],
    shifts: [-1.5, -0.3],
    spreads: [1.5, 2],
  });
  const context = (knob: number) => ({
    measure: 'eo' as const,
    knob,
    learner: undefined as never,
    rng: createRng(1),
  });
  const eoOnLabels = (h: Float64Array) => {
    const { P, mu } = conditionalFromLabels(data, h);
    return violationsFromConditional(P, mu, 2, 2).eo;
  };
  /** Plug-in accuracy sum_i sum_c y_c(x_i) h_c(x_i) / n: the base model's argmax maximizes it over every classifier. */
  const plugInAccuracy = (h: Float64Array) => {
    let hit = 0;
    for (let k = 0; k < h.length; k++) hit += data.scores[k] * h[k];
    return hit / data.group.length;
  };
  const argmax = new Float64Array(data.scores.length);
  for (let i = 0; i < data.group.length; i++)
    argmax[2 * i + (data.scores[2 * i + 1] > data.scores[2 * i] ? 1 : 0)] = 1;

  test('tolerance 0 brings the equalized-odds violation of its predictions near 0 (base decision 0.34)', async () => {
    const h = (await fairProjection.fit(data, context(0))).predictDistribution(data);
    expect(eoOnLabels(argmax)).toBeGreaterThan(0.3);
    // Exact on the plug-in rates (labels replaced by the scores, the constraint FairProjection imposes) ...
    const plugIn = plugInConditional(data, h);
    expect(violationsFromConditional(plugIn.P, plugIn.mu, 2, 2).eo).toBeLessThanOrEqual(1e-6);
    // ... and within sampling error of the labels drawn from the scores (40000 rows: about 0.006 observed).
    expect(eoOnLabels(h)).toBeLessThanOrEqual(0.02);
    // The paper's benchmark decision (threshold on the projected scores) does not keep the constraint.
    const benchmarked = (await fairProjectionAsBenchmarked.fit(data, context(0))).predictDistribution(data);
    expect(eoOnLabels(benchmarked)).toBeGreaterThan(0.03);
  });

  test('at tolerance 0 it is more accurate than sampling from the projected scores and no more than the base decision', async () => {
    const h = (await fairProjection.fit(data, context(0))).predictDistribution(data);
    const projectedScores = fitFairProjection(
      data,
      { measure: 'eo', knob: 0 },
      { decision: 'randomized' },
    ).predictDistribution(data);
    expect(plugInAccuracy(h)).toBeGreaterThan(plugInAccuracy(projectedScores) + 0.03);
    expect(plugInAccuracy(h)).toBeLessThanOrEqual(plugInAccuracy(argmax));
  });

  test('the violation grows with the tolerance and stays within it on the plug-in rates', async () => {
    let previous = -1;
    for (const knob of [0, 0.1, 0.2]) {
      const h = (await fairProjection.fit(data, context(knob))).predictDistribution(data);
      const plugIn = plugInConditional(data, h);
      const v = violationsFromConditional(plugIn.P, plugIn.mu, 2, 2).eo;
      expect(v).toBeLessThanOrEqual(knob + 1e-6);
      expect(v).toBeGreaterThan(previous);
      previous = v;
    }
  });

  test('a vacuous tolerance returns the base decision', async () => {
    const fitted = await fairProjection.fit(data, context(1));
    expect(Array.from(fitted.predictDistribution(data))).toEqual(Array.from(argmax));
  });
});

describe('FairProjection decisions and refusals', () => {
  const data = calibratedBinarySample({
    seed: 9,
    nRows: 5000,
    groupShares: [0.4, 0.6],
    shifts: [-1.5, 0],
    spreads: [1.5, 2],
  });

  test("fairProjectionAsBenchmarked (the FairFront paper's protocol) predicts hard classes with a tuned threshold", async () => {
    const fitted = await fairProjectionAsBenchmarked.fit(data, {
      measure: 'eo',
      knob: 0.02,
      learner: undefined as never,
      rng: createRng(1),
    });
    const p = fitted.predictDistribution(data);
    for (let k = 0; k < p.length; k++) expect(p[k] === 0 || p[k] === 1).toBe(true);
    expect(fitted.diagnostics!.threshold as number).toBeGreaterThan(0);
    expect(fitted.diagnostics!.threshold as number).toBeLessThan(1);
  });

  test('the tuned threshold is at least as accurate on the fitting data as 0.5 and as argmax', () => {
    const acc = (decision: 'tuned-threshold' | 'argmax') => {
      const p = fitFairProjection(data, { measure: 'eo', knob: 0.02 }, { decision }).predictDistribution(
        data,
      );
      let hit = 0;
      for (let i = 0; i < data.group.length; i++) hit += p[2 * i + data.label[i]];
      return hit / data.group.length;
    };
    expect(acc('tuned-threshold')).toBeGreaterThanOrEqual(acc('argmax') - 1e-12);
  });

  test('is deterministic', () => {
    const a = fitFairProjection(data, { measure: 'eo', knob: 0.01 }, {}).predictDistribution(data);
    const b = createFairProjection().fit(data, {
      measure: 'eo',
      knob: 0.01,
      learner: undefined as never,
      rng: createRng(2),
    }) as ReturnType<typeof fitFairProjection>;
    expect(Array.from(b.predictDistribution(data))).toEqual(Array.from(a));
  });

  test('refuses oae, a zero smoothing and a pairwise tolerance above 1', () => {
    expect(() => fitFairProjection(data, { measure: 'oae', knob: 0 })).toThrow(
      expect.objectContaining({ code: 'E_BAD_OPTION', where: { option: 'measure' } }),
    );
    expect(() => fitFairProjection(data, { measure: 'sp', knob: 0 }, { smoothing: 0 })).toThrow(
      expect.objectContaining({ code: 'E_BAD_OPTION', where: { option: 'smoothing' } }),
    );
    expect(() =>
      fitFairProjection(data, { measure: 'sp', knob: 0 }, { reference: 'labels' as never }),
    ).toThrow(expect.objectContaining({ code: 'E_BAD_OPTION', where: { option: 'reference' } }));
    expect(() => fitFairProjection(data, { measure: 'sp', knob: 1.5 })).toThrow(
      expect.objectContaining({ code: 'E_BAD_ALPHA', where: { option: 'tolerance' } }),
    );
  });
});
