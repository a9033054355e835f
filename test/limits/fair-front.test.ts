import { describe, expect, test } from 'vitest';
import { fc, test as propTest } from '@fast-check/vitest';
import {
  bayesAccuracy,
  constantAccuracy,
  distributionFromCounts,
  normalizeDistribution,
  type Distribution,
} from '../../src/distribution/index.js';
import { InputError } from '../../src/errors.js';
import {
  fairFront,
  inducedConditional,
  openFrontierModel,
  sweepFrontier,
  sweepFrontierGrid,
} from '../../src/limits/index.js';
import { violationsFromConditional } from '../../src/metrics/violations.js';
import { groupLabelMass } from '../../src/distribution/index.js';
import { ALPHA_TOL, BAYES_TOL } from '../../src/limits/tolerances.js';
import { denseFairFront } from '../fixtures/dense-lp-reference.js';
import { randomDistribution } from '../fixtures/random-distribution.js';

/**
 * Two groups of equal mass, one cell each (the classifier sees only the group): P(Y=1|s=0) = 0.8,
 * P(Y=1|s=1) = 0.3. With q_s = P(Yhat=1|s), accuracy = 0.45 + 0.3 q0 - 0.2 q1 and EO (= SP here) is |q0 - q1|.
 * Maximizing under q0 - q1 <= alpha gives q0 = 1, q1 = 1 - alpha: FairFront_EO(alpha) = 0.55 + 0.2 alpha, with
 * price 0.2. Under OAE = |(0.2 + 0.6 q0) - (0.7 - 0.4 q1)| <= 0: q1 = 0, q0 = 5/6, accuracy 0.7.
 */
function twoCellExample(): Distribution {
  return distributionFromCounts(
    [
      { cell: 'g0', group: 'g0', label: '0', count: 20 },
      { cell: 'g0', group: 'g0', label: '1', count: 80 },
      { cell: 'g1', group: 'g1', label: '0', count: 70 },
      { cell: 'g1', group: 'g1', label: '1', count: 30 },
    ],
    { classNames: ['0', '1'] },
  );
}

describe('exact FairFront on a two-cell example solved by hand', () => {
  test.each([0, 0.1, 0.25, 0.5, 0.9, 1])(
    'EO frontier equals 0.55 + 0.2 alpha at alpha = %s',
    async (alpha) => {
      const p = await fairFront(twoCellExample(), { alpha: { eo: alpha } });
      expect(p.accuracy).toBeCloseTo(0.55 + 0.2 * alpha, 9);
    },
  );

  test('the EO price of fairness is the slope 0.2 inside (0, 1)', async () => {
    const p = await fairFront(twoCellExample(), { alpha: { eo: 0.3 } });
    expect(p.price.eo).toBeCloseTo(0.2, 7);
    expect(p.price.sp + p.price.oae).toBeCloseTo(0, 9);
  });

  test('OAE at alpha = 0 reaches 0.7 with q0 = 5/6 and q1 = 0', async () => {
    const p = await fairFront(twoCellExample(), { alpha: { oae: 0 } });
    expect(p.accuracy).toBeCloseTo(0.7, 9);
    // h rows: cell g0 then g1; column 1 = predict 1.
    expect(p.h[1]).toBeCloseTo(5 / 6, 7);
    expect(p.h[3]).toBeCloseTo(0, 7);
  });

  test('the certified dual bound brackets the value', async () => {
    const p = await fairFront(twoCellExample(), { alpha: { eo: 0.4 } });
    expect(p.dualBound).toBeGreaterThanOrEqual(p.accuracy);
    expect(p.dualBound - p.accuracy).toBeLessThan(1e-8);
  });
});

test('identical groups give a flat frontier at the Bayes accuracy', async () => {
  const records = [];
  for (const group of ['a', 'b'])
    for (const [cell, n0, n1] of [
      ['x1', 30, 10],
      ['x2', 5, 25],
      ['x3', 12, 12],
    ] as const) {
      records.push({ cell: `${cell}`, group, label: '0', count: n0 });
      records.push({ cell: `${cell}`, group, label: '1', count: n1 });
    }
  const d = distributionFromCounts(records, { isGroupAware: false });
  const sweep = await sweepFrontier(d, { measure: 'eo', alphas: [0, 0.05, 1], fixed: { sp: 0, oae: 0 } });
  for (const p of sweep.points) expect(p.accuracy).toBeCloseTo(bayesAccuracy(d), 9);
});

describe('agreement with an independent dense LP (javascript-lp-solver)', () => {
  const cases = [
    { seed: 1, nCells: 6, nGroups: 2, nClasses: 2, alpha: { sp: 1, eo: 0.02, oae: 1 } },
    { seed: 2, nCells: 8, nGroups: 2, nClasses: 2, alpha: { sp: 0.03, eo: 1, oae: 1 } },
    { seed: 3, nCells: 8, nGroups: 2, nClasses: 2, alpha: { sp: 1, eo: 1, oae: 0.01 } },
    { seed: 4, nCells: 9, nGroups: 3, nClasses: 3, alpha: { sp: 0.05, eo: 0.1, oae: 0.02 } },
    {
      seed: 5,
      nCells: 6,
      nGroups: 2,
      nClasses: 3,
      alpha: { sp: 0.1, eo: 0.05, oae: 0.05 },
      isGroupAware: false,
    },
    { seed: 6, nCells: 12, nGroups: 4, nClasses: 2, alpha: { sp: 0, eo: 0, oae: 0 } },
    {
      seed: 7,
      nCells: 5,
      nGroups: 2,
      nClasses: 4,
      alpha: { sp: 0.2, eo: 0.01, oae: 1 },
      isGroupAware: false,
    },
  ];
  test.each(cases)(
    'seed $seed: $nGroups groups, $nClasses classes, alpha $alpha.sp/$alpha.eo/$alpha.oae',
    async (c) => {
      const d = randomDistribution(c);
      const p = await fairFront(d, { alpha: c.alpha });
      expect(Math.abs(p.accuracy - denseFairFront(d, c.alpha))).toBeLessThanOrEqual(1e-7);
    },
  );

  propTest.prop([fc.integer({ min: 100, max: 10_000 }), fc.double({ min: 0, max: 0.2, noNaN: true })], {
    numRuns: 15,
  })('random two-group instances agree to 1e-7 (EO)', async (seed, eo) => {
    const d = randomDistribution({ seed, nCells: 8 });
    const alpha = { sp: 1, eo, oae: 1 };
    const p = await fairFront(d, { alpha });
    expect(Math.abs(p.accuracy - denseFairFront(d, alpha))).toBeLessThanOrEqual(1e-7);
  });
});

describe('invariants on random instances', () => {
  const alphas = [0, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1];
  test.each([11, 12, 13, 14, 15])(
    'seed %s: monotone in alpha, Bayes at 1, above the constant classifier at 0',
    async (seed) => {
      const d = randomDistribution({ seed, nCells: 40, nGroups: 3, nClasses: 3 });
      for (const measure of ['sp', 'eo', 'oae'] as const) {
        const sweep = await sweepFrontier(d, { measure, alphas });
        const values = sweep.points.map((p) => p.accuracy);
        for (let i = 1; i < values.length; i++)
          expect(values[i]).toBeGreaterThanOrEqual(values[i - 1] - 1e-9);
        expect(Math.abs(values[values.length - 1] - bayesAccuracy(d))).toBeLessThanOrEqual(BAYES_TOL);
        expect(values[0]).toBeGreaterThanOrEqual(constantAccuracy(d) - 1e-9);
      }
    },
  );

  test('the returned h, re-measured independently, reaches the accuracy and satisfies every alpha', async () => {
    const d = randomDistribution({ seed: 21, nCells: 30, nGroups: 3, nClasses: 3 });
    const alpha = { sp: 0.04, eo: 0.08, oae: 0.03 };
    const p = await fairFront(d, { alpha });
    // Independent re-measurement: simulate predictions row by row from the masses.
    const { nCells: K, nGroups: A, nClasses: C } = d;
    let acc = 0;
    const joint = new Float64Array(A * C * C);
    for (let k = 0; k < K; k++)
      for (let s = 0; s < A; s++)
        for (let y = 0; y < C; y++)
          for (let yHat = 0; yHat < C; yHat++) {
            const m = d.mass[(k * A + s) * C + y] * p.h[k * C + yHat];
            joint[(s * C + y) * C + yHat] += m;
            if (yHat === y) acc += m;
          }
    const mu = groupLabelMass(d);
    const P = joint.map((v, i) => v / mu[Math.floor(i / C)]);
    const v = violationsFromConditional(P, mu, A, C);
    expect(acc).toBeCloseTo(p.accuracy, 9);
    expect(v.sp).toBeLessThanOrEqual(alpha.sp + ALPHA_TOL);
    expect(v.eo).toBeLessThanOrEqual(alpha.eo + ALPHA_TOL);
    expect(v.oae).toBeLessThanOrEqual(alpha.oae + ALPHA_TOL);
    expect(inducedConditional(d, p.h).accuracy).toBeCloseTo(p.accuracy, 12);
  });

  test('FairFront is at least the best deterministic rule that meets the constraint (brute force)', async () => {
    const d = randomDistribution({ seed: 31, nCells: 8, nGroups: 2, nClasses: 2 });
    const alpha = 0.1;
    let best = 0;
    for (let rule = 0; rule < 1 << d.nCells; rule++) {
      const h = new Float64Array(d.nCells * 2);
      for (let k = 0; k < d.nCells; k++) h[k * 2 + ((rule >> k) & 1)] = 1;
      const { P, accuracy } = inducedConditional(d, h);
      if (violationsFromConditional(P, groupLabelMass(d), 2, 2).eo <= alpha) best = Math.max(best, accuracy);
    }
    const p = await fairFront(d, { alpha: { eo: alpha } });
    expect(p.accuracy).toBeGreaterThanOrEqual(best - 1e-12);
    // and it never exceeds the Bayes accuracy
    expect(p.accuracy).toBeLessThanOrEqual(bayesAccuracy(d) + 1e-12);
  });
});

describe('sweeps reuse one model', () => {
  test('a warm-started sweep equals independent solves', async () => {
    const d = randomDistribution({ seed: 41, nCells: 60, nGroups: 2, nClasses: 2 });
    const alphas = [0.2, 0, 0.05, 0.01, 1];
    const sweep = await sweepFrontier(d, { measure: 'eo', alphas, fixed: { sp: 0.1 } });
    for (const [i, a] of alphas.entries()) {
      const single = await fairFront(d, { alpha: { eo: a, sp: 0.1 } });
      expect(sweep.points[i].accuracy).toBeCloseTo(single.accuracy, 9);
    }
  });

  test('a 2-D grid equals independent solves at each cell of the grid', async () => {
    const d = randomDistribution({ seed: 42, nCells: 30, nGroups: 3, nClasses: 2 });
    const grid = await sweepFrontierGrid(d, {
      x: { measure: 'sp', alphas: [0, 0.05, 0.2] },
      y: { measure: 'eo', alphas: [0, 0.1] },
    });
    for (const [i, sp] of [0, 0.05, 0.2].entries())
      for (const [j, eo] of [0, 0.1].entries()) {
        const single = await fairFront(d, { alpha: { sp, eo } });
        expect(grid.points[i][j].accuracy).toBeCloseTo(single.accuracy, 9);
      }
  });

  test('interior point and simplex agree', async () => {
    const d = randomDistribution({ seed: 43, nCells: 200, nGroups: 4, nClasses: 3 });
    const a = await fairFront(d, { alpha: { eo: 0.03 }, algorithm: 'simplex' });
    const b = await fairFront(d, { alpha: { eo: 0.03 }, algorithm: 'ipm' });
    expect(Math.abs(a.accuracy - b.accuracy)).toBeLessThanOrEqual(1e-7);
  });

  test('progress is reported once per alpha', async () => {
    const seen: [number, number][] = [];
    await sweepFrontier(twoCellExample(), {
      measure: 'eo',
      alphas: [0, 0.5, 1],
      onProgress: (d, t) => seen.push([d, t]),
    });
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  test('a disposed model refuses to solve', async () => {
    const m = await openFrontierModel(twoCellExample());
    m.dispose();
    expect(() => m.solve({ eo: 0 })).toThrow(/disposed/);
  });
});

describe('refusals', () => {
  test.each([-0.1, 1.5, Number.NaN])('alpha %s is refused with E_BAD_ALPHA', async (a) => {
    await expect(fairFront(twoCellExample(), { alpha: { eo: a } })).rejects.toMatchObject({
      code: 'E_BAD_ALPHA',
    });
  });

  test('a (group, label) pair with no rows is named', () => {
    expect(() =>
      distributionFromCounts([
        { cell: 'a', group: 'g0', label: '0', count: 3 },
        { cell: 'a', group: 'g0', label: '1', count: 3 },
        { cell: 'b', group: 'g1', label: '0', count: 3 },
      ]),
    ).toThrow(/group "g1" has no rows with label "1"/);
  });

  test('a single group is refused', () => {
    try {
      normalizeDistribution(
        { cellKeys: ['a'], groupNames: ['g'], classNames: ['0', '1'], isGroupAware: true },
        new Float64Array([1, 1]),
        new Float64Array(1),
        2,
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe('E_TOO_FEW_GROUPS');
    }
  });
});

describe('merging cells with identical posteriors is exact', () => {
  test.each([51, 52, 53])(
    'seed %s: the same value with and without merging, on instances with many duplicate cells',
    async (seed) => {
      // maxCount 2 over 3 classes makes many cells share their (s, y) count vector.
      const d = randomDistribution({ seed, nCells: 120, nGroups: 3, nClasses: 3, maxCount: 2 });
      const merged = await openFrontierModel(d);
      expect(merged.nLpCells).toBeLessThan(d.nCells);
      const alpha = { sp: 0.05, eo: 0.03, oae: 0.02 };
      const a = merged.solve(alpha);
      merged.dispose();
      const b = await fairFront(d, { alpha, mergeCells: false });
      expect(Math.abs(a.accuracy - b.accuracy)).toBeLessThanOrEqual(1e-9);
      expect(a.h.length).toBe(d.nCells * d.nClasses);
      expect(Math.abs(a.accuracy - denseFairFront(d, alpha))).toBeLessThanOrEqual(1e-7);
    },
  );
});

test('the certified dual bound stays tight on 20000 cells that do not merge (no accumulation of dual slack)', async () => {
  const d = randomDistribution({ seed: 61, nCells: 20_000, maxCount: 100_000 });
  const m = await openFrontierModel(d);
  try {
    expect(m.nLpCells).toBeGreaterThan(19_900);
    const p = m.solve({ eo: 0.01 });
    expect(p.dualBound - p.accuracy).toBeLessThanOrEqual(1e-7);
    expect(p.dualBound).toBeGreaterThanOrEqual(p.accuracy);
  } finally {
    m.dispose();
  }
});
