import { describe, expect, test } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { syntheticTable } from '../../src/data/index.js';
import { distributionFromTable } from '../../src/distribution/index.js';
import { InputError } from '../../src/errors.js';
import { sweepFrontier, sweepFrontierGrid } from '../../src/limits/index.js';
import type { Criterion } from '../../src/metrics/index.js';
import type { Objective } from '../../src/lp/objective.js';
import { denseFrontierValue } from '../fixtures/dense-lp-reference.js';
import { randomDistribution } from '../fixtures/random-distribution.js';

// Truth: the dense javascript-lp-solver formulation of every criterion and objective (test/fixtures), which
// shares no code with src/limits, at every point of the library's sweeps and grids; plus the invariants of
// docs/constraints.md (equal opportunity relaxes equalized odds; a ratio frontier falls as R rises).

const REFERENCE_TOL = 1e-7;

/** Bounds per family: three that bind on these distributions and the vacuous end. */
const SWEEPS: Readonly<Record<Exclude<Criterion, 'sp' | 'eo' | 'oae'>, readonly number[]>> = {
  tpr: [0, 0.03, 0.1, 1],
  fpr: [0, 0.03, 0.1, 1],
  errorRate: [0, 0.02, 0.08, 1],
  spRatio: [1, 0.9, 0.8, 0],
  tprRatio: [1, 0.9, 0.8, 0],
  fprRatio: [1, 0.85, 0.7, 0],
  // Group loss: relative to the unconstrained rule's worst group error w (see below): w - 0.005, w - 0.002, w, 1.
  groupLoss: [-0.005, -0.002, 0, 1],
};

describe('sweepFrontier over every criterion family equals the dense reference at each bound', () => {
  for (const [family, alphas] of Object.entries(SWEEPS) as [Criterion, number[]][])
    for (const shape of [
      { nGroups: 2, nClasses: 2, nCells: 10 },
      { nGroups: 3, nClasses: 3, nCells: 12 },
    ])
      test(`${family}, ${shape.nGroups} groups, ${shape.nClasses} classes`, async () => {
        // Group loss binds only on group-blind cells (group-aware, the Bayes rule already minimizes each
        // group's error).
        const d = randomDistribution({ seed: 31, ...shape, isGroupAware: family !== 'groupLoss' });
        const fixed = { sp: 0.2 };
        let bounds = alphas;
        if (family === 'groupLoss') {
          const [free] = (await sweepFrontier(d, { measure: 'groupLoss', alphas: [1], fixed })).points;
          const w = free.violations.groupLoss;
          bounds = alphas.map((a) => (a === 1 ? 1 : w + a));
        }
        const sweep = await sweepFrontier(d, { measure: family, alphas: bounds, fixed });
        expect(sweep.measure).toBe(family);
        expect(sweep.fixed.sp).toBe(0.2);
        expect(sweep.points.map((p) => p.alpha[family])).toEqual(bounds);
        for (const p of sweep.points) {
          const expected = denseFrontierValue(d, { ...fixed, [family]: p.alpha[family] });
          expect(Math.abs(p.value - expected)).toBeLessThanOrEqual(REFERENCE_TOL);
          expect(p.alpha.sp).toBe(0.2);
        }
        // The constraint binds somewhere: the tightest bound costs accuracy against the vacuous one.
        expect(sweep.points[0].value).toBeLessThan(sweep.points[bounds.length - 1].value - 1e-6);
      });
});

describe('sweepFrontier with other objectives equals the dense reference', () => {
  const objectives: Objective[] = [
    { kind: 'balancedAccuracy' },
    {
      kind: 'cost',
      cost: [
        [0, 1],
        [4, 0],
      ],
    },
  ];
  for (const objective of objectives)
    test(`${objective.kind} along spRatio and tpr`, async () => {
      const d = randomDistribution({ seed: 8, nGroups: 3, nClasses: 2, nCells: 12 });
      for (const measure of ['spRatio', 'tpr'] as const) {
        const alphas = measure === 'spRatio' ? [0.95, 0.8, 0.5] : [0, 0.05, 0.2];
        const sweep = await sweepFrontier(d, { measure, alphas, objective });
        for (const p of sweep.points) {
          expect(p.objective).toBe(objective.kind);
          const expected = denseFrontierValue(d, { [measure]: p.alpha[measure] }, objective);
          expect(Math.abs(p.value - expected)).toBeLessThanOrEqual(REFERENCE_TOL);
        }
      }
    });
});

test('invariants: the TPR frontier is never below the EO frontier; ratio frontiers fall as R rises', async () => {
  for (const [seed, nClasses] of [
    [41, 2],
    [42, 3],
  ]) {
    const d = randomDistribution({ seed, nGroups: 3, nClasses, nCells: 12 });
    const alphas = [0, 0.01, 0.02, 0.05, 0.1, 0.2];
    const tpr = await sweepFrontier(d, { measure: 'tpr', alphas });
    const eo = await sweepFrontier(d, { measure: 'eo', alphas });
    alphas.forEach((_, i) =>
      expect(tpr.points[i].accuracy).toBeGreaterThanOrEqual(eo.points[i].accuracy - 1e-9),
    );
    // Strictly above somewhere: EO also equalizes the false-positive side.
    expect(alphas.some((_, i) => tpr.points[i].accuracy > eo.points[i].accuracy + 1e-6)).toBe(true);
    const Rs = [0, 0.2, 0.4, 0.6, 0.7, 0.8, 0.9, 0.95, 1];
    for (const measure of ['spRatio', 'tprRatio', 'fprRatio'] as const) {
      const sweep = await sweepFrontier(d, { measure, alphas: Rs });
      for (let i = 1; i < Rs.length; i++)
        expect(sweep.points[i].accuracy).toBeLessThanOrEqual(sweep.points[i - 1].accuracy + 1e-9);
      // Each point meets its ratio as the metric engine re-measures it.
      sweep.points.forEach((p, i) => expect(p.violations[measure]).toBeGreaterThanOrEqual(Rs[i] - 1e-7));
    }
  }
});

test('a grid over two new families equals the dense reference at every cell and its sweeps', async () => {
  const d = randomDistribution({ seed: 52, nGroups: 2, nClasses: 2, nCells: 12 });
  const x = { measure: 'tpr' as const, alphas: [0, 0.05, 0.2] };
  const y = { measure: 'spRatio' as const, alphas: [0.7, 0.85, 1] };
  const grid = await sweepFrontierGrid(d, { x, y, fixed: { groupLoss: 0.9 } });
  expect(grid.fixed.groupLoss).toBe(0.9);
  x.alphas.forEach((ax, i) =>
    y.alphas.forEach((ay, j) => {
      const p = grid.points[i][j];
      expect(p.alpha.tpr).toBe(ax);
      expect(p.alpha.spRatio).toBe(ay);
      const expected = denseFrontierValue(d, { tpr: ax, spRatio: ay, groupLoss: 0.9 });
      expect(Math.abs(p.value - expected)).toBeLessThanOrEqual(REFERENCE_TOL);
    }),
  );
  // A grid row is the sweep along y at that x.
  const row = await sweepFrontier(d, {
    measure: 'spRatio',
    alphas: y.alphas,
    fixed: { tpr: 0.05, groupLoss: 0.9 },
  });
  row.points.forEach((p, j) => expect(p.value).toBeCloseTo(grid.points[1][j].value, 9));
  // Ratio and difference families mixed with a group-loss fixed bound: same seed, same numbers.
  const again = await sweepFrontierGrid(d, { x, y, fixed: { groupLoss: 0.9 } });
  expect(again.points.map((r) => r.map((p) => p.value))).toEqual(
    grid.points.map((r) => r.map((p) => p.value)),
  );
});

test('bad criteria and bounds are coded errors naming the option', async () => {
  const d = randomDistribution({ seed: 3, nCells: 6 });
  const codeOf = async (run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as InputError).code + ' ' + (e as InputError).message;
    }
    throw new Error('expected a coded error');
  };
  expect(await codeOf(() => sweepFrontier(d, { measure: 'fourFifths' as Criterion, alphas: [0.8] }))).toMatch(
    /^E_BAD_OPTION unknown fairness criterion "fourFifths"/,
  );
  expect(await codeOf(() => sweepFrontier(d, { measure: 'spRatio', alphas: [0.8, 1.25] }))).toMatch(
    /^E_BAD_ALPHA the bound of spRatio \(--sp-ratio\) must be a number in \[0, 1\], got the number 1.25/,
  );
  expect(await codeOf(() => sweepFrontier(d, { measure: 'groupLoss', alphas: [] }))).toMatch(
    /^E_BAD_ALPHA the Z list of groupLoss/,
  );
  expect(
    await codeOf(() => sweepFrontier(d, { measure: 'tpr', alphas: [0.1], fixed: { tpr: 0.2, sp: 0.1 } })),
  ).toMatch(/^E_BAD_OPTION tpr is swept and fixed at once/);
  expect(
    await codeOf(() => sweepFrontier(d, { measure: 'tpr', alphas: [0.1], fixed: { fprRatio: -0.1 } })),
  ).toMatch(/^E_BAD_ALPHA the bound of fprRatio/);
  expect(
    await codeOf(() =>
      sweepFrontierGrid(d, { x: { measure: 'fpr', alphas: [0.1] }, y: { measure: 'fpr', alphas: [0.2] } }),
    ),
  ).toMatch(/^E_BAD_OPTION a frontier grid needs two different criteria/);
  expect(
    await codeOf(() =>
      sweepFrontier(d, { measure: 'tpr', alphas: [0.1], objective: { kind: 'f1' } as never }),
    ),
  ).toMatch(/^E_BAD_OPTION unknown objective .*"f1"/);
});

test('analyze takes every family and the objective by the report names, and equals sweepFrontier', async () => {
  const table = syntheticTable({ seed: 12, nRows: 900, nGroups: 2, nClasses: 2, nFeatures: 2, levels: 3 });
  const Rs = [0.6, 0.8, 1];
  const report = await analyze(table, {
    spRatio: Rs,
    tpr: 0.05,
    objective: 'balanced-accuracy',
    chart: false,
  });
  expect(report.settings.constraints.swept).toEqual(['spRatio']);
  expect(report.settings.objective).toEqual({ kind: 'balancedAccuracy' });
  const sweep = await sweepFrontier(distributionFromTable(table).distribution, {
    measure: 'spRatio',
    alphas: Rs,
    fixed: { tpr: 0.05 },
    objective: { kind: 'balancedAccuracy' },
  });
  report.frontier.forEach((p, i) => {
    expect(p.alpha.spRatio).toBe(Rs[i]);
    expect(p.alpha.tpr).toBe(0.05);
    expect(p.value).toBeCloseTo(sweep.points[i].value, 9);
  });
  // A 2-D grid of two new families through analyze.
  const grid = await analyze(table, { fpr: [0, 0.1], groupLoss: [0.5, 1], chart: false });
  expect(grid.grid).toMatchObject({ x: 'fpr', y: 'groupLoss' });
  await expect(analyze(table, { tprRatio: 'high' as never, chart: false })).rejects.toMatchObject({
    code: 'E_BAD_ALPHA',
  });
  await expect(analyze(table, { tpr: 0.1, objective: 'f1', chart: false })).rejects.toMatchObject({
    code: 'E_BAD_OPTION',
  });
});
