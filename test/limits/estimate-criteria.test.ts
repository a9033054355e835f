import { describe, expect, test } from 'vitest';
import { distributionFromTable } from '../../src/distribution/index.js';
import {
  achievableOnCurve,
  applyCellClassifier,
  bootstrapFrontier,
  fairFront,
  finitePopulation,
  frontierInterval,
  heldOutCurve,
  heldOutFrontier,
  intervalCoverage,
} from '../../src/limits/index.js';
import { dualSign, fairnessRowLayout, foldBounds } from '../../src/limits/estimate/lagrangian-bounds.js';
import { type Bounds, criterionValues } from '../../src/metrics/index.js';
import { createRng } from '../../src/rng.js';

// Truths: strong LP duality (at the rows' own optimal rule and multipliers both Lagrangian sides equal the exact
// LP on those rows), weak duality (any multipliers give an upper bound), the exact population FairFront of a
// known finite population (coverage), and the metric engine's values of the held-out predictions.

const FAMILIES: Partial<Bounds>[] = [
  { tpr: 0.02 },
  { fpr: 0.03 },
  { errorRate: 0.02 },
  { spRatio: 0.85 },
  { tprRatio: 0.9 },
  { fprRatio: 0.8 },
  { tpr: 0.05, spRatio: 0.9, sp: 0.2 },
];

describe('the Lagrangian bounds on rows, every family', () => {
  for (const shape of [
    { nGroups: 2, nClasses: 2 },
    { nGroups: 3, nClasses: 3 },
  ])
    test(`strong duality on the rows' own optimum (${shape.nGroups} groups, ${shape.nClasses} classes)`, async () => {
      const table = finitePopulation({ seed: 4, nLevels: 5, ...shape }).sample(3000, createRng(1));
      const d = distributionFromTable(table).distribution;
      const bayes = (await fairFront(d, { alpha: {} })).accuracy;
      let binding = 0;
      for (const alpha of FAMILIES) {
        const point = await fairFront(d, { alpha, fairnessRowForm: 'pairwise' });
        const sign = dualSign(d, point.fairnessDuals, alpha);
        const { proba } = applyCellClassifier(d, point.h, table);
        const b = foldBounds(table, proba, point.fairnessDuals, alpha, sign, true);
        expect(b.upper.value, JSON.stringify(alpha)).toBeCloseTo(point.accuracy, 7);
        expect(b.lower.value, JSON.stringify(alpha)).toBeCloseTo(point.accuracy, 7);
        if (point.accuracy < bayes - 1e-6) binding++;
      }
      // Most constraints bind (the multipliers are not all zero), so the rows' layout is really exercised.
      expect(binding).toBeGreaterThanOrEqual(5);
    });

  test('group loss, group-blind: strong duality, and weak duality for random multipliers of any sign', async () => {
    const population = finitePopulation({ seed: 6, nLevels: 5, isGroupAware: false });
    const table = population.sample(3000, createRng(2));
    const d = distributionFromTable(table, { isGroupAware: false }).distribution;
    const free = await fairFront(d, { alpha: {} });
    const alpha = { groupLoss: free.violations.groupLoss - 0.01 };
    const point = await fairFront(d, { alpha, fairnessRowForm: 'pairwise' });
    const sign = dualSign(d, point.fairnessDuals, alpha);
    const { proba } = applyCellClassifier(d, point.h, table);
    const b = foldBounds(table, proba, point.fairnessDuals, alpha, sign, false);
    expect(b.upper.value).toBeCloseTo(point.accuracy, 7);
    expect(b.lower.value).toBeCloseTo(point.accuracy, 7);
    // Weak duality with random multipliers on one-sided ratio and group-loss rows (wrong signs are dropped).
    const rng = createRng(3);
    for (const a of [
      { spRatio: 0.8, groupLoss: 0.45 },
      { tprRatio: 0.9, fpr: 0.05 },
    ] as Partial<Bounds>[]) {
      const exact = (await fairFront(d, { alpha: a })).accuracy;
      const { count } = fairnessRowLayout(2, 2, a);
      const uniform = new Float64Array(table.nRows * 2).fill(0.5);
      for (let trial = 0; trial < 20; trial++) {
        const duals = Object.fromEntries(
          Object.entries(count).map(([c, n]) => [
            c,
            Float64Array.from({ length: n }, () => rng.next() - 0.5),
          ]),
        );
        expect(
          foldBounds(table, uniform, duals, a, trial % 2 ? 1 : -1, false).upper.value,
        ).toBeGreaterThanOrEqual(exact - 1e-12);
      }
    }
  });
});

describe('held-out estimates for the new families', () => {
  test('held-out frontier: values by the metric engine; achievable points meet every bound on held-out rows', async () => {
    const table = finitePopulation({ seed: 8, nLevels: 6 }).sample(2000, createRng(4));
    const alphas: Partial<Bounds>[] = [
      { tpr: 0 },
      { tpr: 0.05 },
      { spRatio: 0.9 },
      { fprRatio: 0.8, tpr: 0.1 },
    ];
    const r = await heldOutFrontier(table, { alphas, folds: 4, seed: 5 });
    r.points.forEach((p, i) => {
      const e = p.heldOut;
      expect(e.violations).toEqual(criterionValues(e.P, e.mu, 2, 2));
      for (const [c, t] of Object.entries(alphas[i]) as [keyof Bounds, number][]) {
        expect(p.alpha[c]).toBe(t);
        if (p.achievable)
          if (c.endsWith('Ratio')) expect(p.achievable.violations[c]).toBeGreaterThanOrEqual(t - 1e-9);
          else expect(p.achievable.violations[c]).toBeLessThanOrEqual(t + 1e-9);
      }
    });
    // TPR and the selection-rate ratio are met by the constant rule: an achievable point always exists.
    expect(r.points.every((p) => p.achievable !== null)).toBe(true);
    // Same seed, same numbers.
    const again = await heldOutFrontier(table, { alphas, folds: 4, seed: 5 });
    expect(again.points.map((p) => p.achievable?.accuracy)).toEqual(
      r.points.map((p) => p.achievable?.accuracy),
    );
  });

  test('held-out curve along a ratio: default R from 1 down; achievable accuracy rises as R falls', async () => {
    const table = finitePopulation({ seed: 9, nLevels: 6 }).sample(2000, createRng(5));
    const rows = Array.from({ length: table.nRows }, (_, i) => i);
    const curve = await heldOutCurve(table, rows.slice(0, 1400), rows.slice(1400), { measure: 'spRatio' });
    expect(curve.candidates[0].trainingAlpha).toBe(1);
    let previous = -Infinity;
    for (const R of [1, 0.95, 0.9, 0.8, 0.7]) {
      const a = achievableOnCurve(curve, R)!;
      expect(a.violations.spRatio).toBeGreaterThanOrEqual(R - 1e-9);
      expect(a.accuracy).toBeGreaterThanOrEqual(previous - 1e-12);
      previous = a.accuracy;
    }
    await expect(
      heldOutCurve(table, rows.slice(0, 1400), rows.slice(1400), { measure: 'groupLoss' }),
    ).rejects.toMatchObject({ code: 'E_BAD_OPTION' });
  });

  test('bootstrap bands take the new families', async () => {
    const table = finitePopulation({ seed: 2, nLevels: 4 }).sample(800, createRng(6));
    const b = await bootstrapFrontier(table, { alphas: [{ fprRatio: 0.8 }], replicates: 4, seed: 1 });
    const exact = await fairFront(distributionFromTable(table).distribution, { alpha: { fprRatio: 0.8 } });
    expect(b.bands[0].estimate).toBeCloseTo(exact.accuracy, 9);
  });
});

describe('frontierInterval for the new families', () => {
  test.each([{ tpr: 0 }, { tpr: 0.05 }, { spRatio: 0.8 }, { spRatio: 0.95 }] as Partial<Bounds>[])(
    'seeded coverage: at least 0.85 of 40 intervals contain the exact population FairFront (%o)',
    async (alpha) => {
      // The population of the EO coverage test: 6 levels x 2 groups = 12 cells; 1000 rows.
      const population = finitePopulation({ seed: 3, nLevels: 6 });
      const result = await intervalCoverage({
        population,
        nRows: 1000,
        replicates: 40,
        alphas: [alpha],
        seed: 21,
      });
      const [p] = result.points;
      expect(p.coverage).toBeGreaterThanOrEqual(0.85);
      expect(p.meanWidth).toBeLessThan(0.25);
      // The constraint binds in the population (the truth is below the Bayes accuracy).
      const bayes = (await fairFront(population.distribution, { alpha: {} })).accuracy;
      expect(p.truth).toBeLessThan(bayes - 1e-4);
    },
    240_000,
  );

  test('same seed, same interval; other objectives are refused', async () => {
    const table = finitePopulation({ seed: 5, nLevels: 8 }).sample(1500, createRng(3));
    const options = { alphas: [{ tprRatio: 0.9 }, { groupLoss: 0.6, tpr: 0.1 }], seed: 7 };
    const a = await frontierInterval(table, options);
    expect((await frontierInterval(table, options)).points).toEqual(a.points);
    for (const p of a.points) {
      expect(p.lower).toBeLessThanOrEqual(p.lowerEstimate);
      expect(p.lowerEstimate).toBeLessThanOrEqual(p.upperEstimate + 1e-12);
    }
    await expect(
      frontierInterval(table, { alphas: [{ tpr: 0.1 }], seed: 1, objective: { kind: 'balancedAccuracy' } }),
    ).rejects.toMatchObject({ code: 'E_BAD_OPTION' });
  });
});

describe('model gap brackets and check --estimate along a new family', () => {
  test('the held-out end of a TPR-ratio gap is the achievable held-out frontier at the model value', async () => {
    const { syntheticTable } = await import('../../src/data/index.js');
    const { checkReport, frontierReport, reportSchemaErrors } = await import('../../src/report/index.js');
    const table = syntheticTable({ seed: 3, nRows: 1500, nFeatures: 5, levels: 4 });
    const model = { name: 'm', measure: 'tprRatio' as const, violation: 0.85, accuracy: 0.6 };
    const report = await frontierReport(
      { table, source: { kind: 'file', name: table.name } },
      { alphas: { tprRatio: [0.8, 0.9] }, models: [model], estimation: { folds: 3, seed: 2 } },
    );
    expect(reportSchemaErrors(report)).toEqual([]);
    const m = report.models![0];
    const heldOut = await heldOutFrontier(table, { alphas: [{ tprRatio: 0.85 }], folds: 3, seed: 2 });
    expect(m.gapLow).toBeCloseTo(heldOut.points[0].achievable!.accuracy - model.accuracy, 12);
    expect(m.gapLow!).toBeLessThan(m.gap);
    // The held-out section carries the family's held-out values.
    expect(report.estimation!.honest!.points.every((p) => p.heldOut.violations.tprRatio !== undefined)).toBe(
      true,
    );
    const between = (m.gap + m.gapLow!) / 2;
    expect(checkReport(report, { maxGap: between, estimate: 'in-sample' }).passed).toBe(false);
    expect(checkReport(report, { maxGap: between, estimate: 'held-out' }).passed).toBe(true);
  });
});
