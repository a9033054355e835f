import { expect, test } from 'vitest';
import {
  certifiedBracket,
  cuttingPlaneFrontier,
  experimentFromMasses,
  slackFrontier,
} from '../../src/blackwell/index.js';
import { syntheticTable } from '../../src/data/synthetic.js';
import { distributionFromTable, type Distribution } from '../../src/distribution/index.js';
import { fairFront } from '../../src/limits/index.js';
import { frontierReport } from '../../src/report/index.js';
import type { Bounds } from '../../src/metrics/index.js';
import { denseFrontierValue } from '../fixtures/dense-lp-reference.js';
import { randomDistribution } from '../fixtures/random-distribution.js';

// Truth: the exact LP (HiGHS, src/limits) and the dense javascript-lp-solver formulation (test/fixtures) at the
// same bounds. The cutting planes see only the joint matrix Z; every family is linear in P = Z / mu, so
// Algorithm 1 and the certified bracket must meet the exact value for each of them.

const AGREE_TOL = 1e-6;
const BELOW_TOL = 1e-9;

const instances: { name: string; d: Distribution; bounds: Partial<Bounds>[] }[] = [
  {
    name: '2 groups x 2 classes',
    d: distributionFromTable(syntheticTable({ seed: 5, nRows: 3000, nFeatures: 3, levels: 4 })).distribution,
    bounds: [
      { tpr: 0 },
      { fpr: 0.02 },
      { errorRate: 0.01 },
      { spRatio: 0.8 },
      { tprRatio: 0.95 },
      { fprRatio: 0.7 },
      { groupLoss: 0.6 },
      { tpr: 0.02, spRatio: 0.9, eo: 0.1 },
    ],
  },
  {
    name: '3 groups x 3 classes',
    d: distributionFromTable(
      syntheticTable({ seed: 9, nRows: 3000, nGroups: 3, nClasses: 3, nFeatures: 2, levels: 4 }),
    ).distribution,
    bounds: [{ tpr: 0.03 }, { fprRatio: 0.8 }, { spRatio: 0.85, errorRate: 0.05 }],
  },
  {
    name: 'random counts, group-blind',
    d: randomDistribution({ seed: 2, nCells: 30, nGroups: 2, nClasses: 2, isGroupAware: false }),
    bounds: [{ tprRatio: 0.9 }, { fpr: 0 }],
  },
];

for (const { name, d, bounds } of instances)
  test(`Algorithm 1 meets the exact LP on every criterion family (${name})`, async () => {
    const { experiment } = experimentFromMasses(d);
    for (const alpha of bounds) {
      const exact = await fairFront(d, { alpha });
      // The independent dense formulation agrees with the exact LP (so the truth is not the code under test).
      if (d.nCells <= 40)
        expect(Math.abs(exact.accuracy - denseFrontierValue(d, alpha))).toBeLessThanOrEqual(1e-7);
      const run = await cuttingPlaneFrontier(experiment, { alpha });
      expect(run.converged, JSON.stringify(alpha)).toBe(true);
      expect(Math.abs(run.upperBound - exact.accuracy), JSON.stringify(alpha)).toBeLessThanOrEqual(AGREE_TOL);
      expect(run.lowerBound).toBeLessThanOrEqual(exact.accuracy + BELOW_TOL);
      for (const it of run.iterations)
        expect(it.upperBound).toBeGreaterThanOrEqual(exact.accuracy - BELOW_TOL);
      // The final point's every criterion is re-measured and meets its bound.
      for (const [c, t] of Object.entries(alpha) as [keyof Bounds, number][])
        if (c.endsWith('Ratio')) expect(run.violations[c]).toBeGreaterThanOrEqual(t - 1e-7);
        else expect(run.violations[c]).toBeLessThanOrEqual(t + 1e-7);
      // The slack LP at eps = 0 is the exact LP on the experiment too.
      const direct = await slackFrontier(experiment, { alpha });
      expect(Math.abs(direct.value - exact.accuracy)).toBeLessThanOrEqual(AGREE_TOL);
    }
  });

test('the certified bracket brackets the exact LP under ratio and TPR bounds', async () => {
  const d = distributionFromTable(
    syntheticTable({ seed: 21, nRows: 2000, nFeatures: 3, levels: 6 }),
  ).distribution;
  const { experiment } = experimentFromMasses(d);
  for (const alpha of [{ spRatio: 0.8 }, { tpr: 0.02, fprRatio: 0.9 }]) {
    const exact = await fairFront(d, { alpha });
    const b = await certifiedBracket(experiment, { alpha, levels: [2, 4] });
    expect(b.lower).toBeLessThanOrEqual(exact.accuracy + BELOW_TOL);
    expect(b.upper).toBeGreaterThanOrEqual(exact.accuracy - BELOW_TOL);
    expect(b.alpha.spRatio).toBe(alpha.spRatio ?? 0);
  }
});

test('group loss below every classifier that ignores x is refused with a coded error', async () => {
  const d = randomDistribution({ seed: 7, nCells: 12, nGroups: 2, nClasses: 2, isGroupAware: false });
  const { experiment } = experimentFromMasses(d);
  // The uniform rule errs 0.5 in every group; the best constant rule errs more than 0.3 in some group here.
  await expect(cuttingPlaneFrontier(experiment, { alpha: { groupLoss: 0.3 } })).rejects.toMatchObject({
    code: 'E_USAGE',
    message: expect.stringMatching(/--group-loss 0.3.*use the exact LP/),
  });
});

test('the report computes cutting planes and the bracket for new families, equal to its exact frontier', async () => {
  const table = syntheticTable({ seed: 3, nRows: 1500, nFeatures: 2, levels: 3 });
  for (const method of ['cutting-plane', 'bracket'] as const) {
    const report = await frontierReport(
      { table, source: { kind: 'memory', name: 't' } },
      { alphas: { tpr: [0, 0.05], spRatio: [0.8] }, estimation: { method } },
    );
    const rows = method === 'cutting-plane' ? report.estimation!.cuttingPlane! : report.estimation!.bracket!;
    expect(rows.map((r) => r.alpha.tpr)).toEqual([0, 0.05]);
    expect(rows.map((r) => r.alpha.spRatio)).toEqual([0.8, 0.8]);
    rows.forEach((r, i) => {
      const exact = report.frontier[i].accuracy;
      if ('upperBound' in r) expect(Math.abs(r.upperBound - exact)).toBeLessThanOrEqual(AGREE_TOL);
      else {
        expect(r.lower).toBeLessThanOrEqual(exact + BELOW_TOL);
        expect(r.upper).toBeGreaterThanOrEqual(exact - BELOW_TOL);
      }
    });
  }
});
