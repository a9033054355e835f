import { describe, expect, test } from 'vitest';
import { groupLabelMass, type Distribution } from '../../src/distribution/index.js';
import { InputError, SolverError } from '../../src/errors.js';
import {
  fairFront,
  frontierLpSize,
  openFrontierModel,
  type FrontierModelOptions,
} from '../../src/limits/index.js';
import { CRITERIA, type Bounds, type Criterion, criterionValues } from '../../src/metrics/index.js';
import { ALPHA_TOL, BAYES_TOL } from '../../src/limits/tolerances.js';
import { denseFrontierValue, type DenseBounds } from '../fixtures/dense-lp-reference.js';
import { randomDistribution } from '../fixtures/random-distribution.js';

const REFERENCE_TOL = 1e-7;

interface Case {
  readonly seed: number;
  readonly nGroups: number;
  readonly nClasses: number;
  readonly nCells: number;
  readonly isGroupAware?: boolean;
  readonly bounds: DenseBounds;
}

/**
 * Every family alone, on two and three groups, two and three classes, group-aware and blind. The bound is set
 * halfway between the unconstrained optimum's measured value and perfect fairness, so that it binds (tested);
 * group loss 0.005 below the Bayes classifier's worst group error (infeasible with group-aware cells, where the
 * Bayes rule already minimizes every group's error; feasible and binding group-blind).
 */
const single: Omit<Case, 'bounds'>[] = [];
const families: Criterion[] = ['tpr', 'fpr', 'errorRate', 'spRatio', 'tprRatio', 'fprRatio', 'groupLoss'];
let seed = 100;
for (const _ of families)
  for (const shape of [
    { nGroups: 2, nClasses: 2, nCells: 10 },
    { nGroups: 3, nClasses: 3, nCells: 9 },
    { nGroups: 2, nClasses: 2, nCells: 8, isGroupAware: false },
  ])
    single.push({ seed: seed++, ...shape });

const combinations: Case[] = [
  { seed: 201, nGroups: 3, nClasses: 2, nCells: 12, bounds: { sp: 0.05, tpr: 0.02, groupLoss: 0.5 } },
  { seed: 202, nGroups: 2, nClasses: 3, nCells: 10, bounds: { eo: 0.1, spRatio: 0.8, fpr: 0.05 } },
  { seed: 203, nGroups: 4, nClasses: 2, nCells: 12, bounds: { oae: 0.02, tprRatio: 0.85, fprRatio: 0.8 } },
  {
    seed: 204,
    nGroups: 3,
    nClasses: 3,
    nCells: 12,
    bounds: { tpr: 0.05, fpr: 0.05, errorRate: 0.03, spRatio: 0.7 },
  },
];

function distributionOf(c: Case): Distribution {
  return randomDistribution({
    seed: c.seed,
    nCells: c.nCells,
    nGroups: c.nGroups,
    nClasses: c.nClasses,
    ...(c.isGroupAware === undefined ? {} : { isGroupAware: c.isGroupAware }),
  });
}

const label = (c: Case): string =>
  `seed ${c.seed}: ${c.nGroups} groups, ${c.nClasses} classes${c.isGroupAware === false ? ', blind' : ''}, ${JSON.stringify(c.bounds)}`;

async function checkAgainstDense(d: Distribution, bounds: DenseBounds): Promise<number | 'infeasible'> {
  let expected: number;
  try {
    expected = denseFrontierValue(d, bounds);
  } catch {
    // Group loss can be infeasible; then fairlimit must say so with a coded error.
    await expect(fairFront(d, { alpha: bounds })).rejects.toMatchObject({ code: 'E_INFEASIBLE' });
    return 'infeasible';
  }
  for (const fairnessRowForm of ['compact', 'pairwise'] as const) {
    const p = await fairFront(d, { alpha: bounds, fairnessRowForm });
    expect(Math.abs(p.value - expected)).toBeLessThanOrEqual(REFERENCE_TOL);
    expect(p.accuracy).toBe(p.value);
    // Re-measured by the metric engine, every criterion within its bound.
    const measured = criterionValues(p.P, groupLabelMass(d), d.nGroups, d.nClasses);
    for (const [k, bound] of Object.entries(bounds) as [Criterion, number][]) {
      expect(measured[k]).toBeCloseTo(p.violations[k], 12);
      if (k.endsWith('Ratio')) expect(measured[k]).toBeGreaterThanOrEqual(bound - ALPHA_TOL);
      else expect(measured[k]).toBeLessThanOrEqual(bound + ALPHA_TOL);
    }
  }
  return expected;
}

describe('each criterion agrees with the dense pairwise LP (javascript-lp-solver)', () => {
  test.each(
    families.flatMap((criterion, i) =>
      single
        .slice(3 * i, 3 * i + 3)
        .map((c) => [`${criterion}, ${label({ ...c, bounds: {} })}`, criterion, c] as const),
    ),
  )('%s', async (_, criterion, c) => {
    const d = distributionOf({ ...c, bounds: {} });
    const free = await fairFront(d, { alpha: {} });
    const v = free.violations[criterion];
    const bound = criterion.endsWith('Ratio') ? (1 + v) / 2 : criterion === 'groupLoss' ? v - 0.005 : v / 2;
    const value = await checkAgainstDense(d, { [criterion]: bound });
    // The bound binds: the constrained optimum is below the unconstrained one.
    if (value !== 'infeasible') expect(value).toBeLessThan(free.value - 1e-6);
  });

  test.each(combinations.map((c) => [label(c), c] as const))('%s', async (_, c) => {
    const d = distributionOf(c);
    expect(await checkAgainstDense(d, c.bounds)).not.toBe('infeasible');
  });
});

describe('objectives agree with the dense LP', () => {
  const cases: [string, Case, FrontierModelOptions['objective']][] = [
    [
      'balanced accuracy, EO 0.05',
      { seed: 301, nGroups: 2, nClasses: 2, nCells: 10, bounds: { eo: 0.05 } },
      { kind: 'balancedAccuracy' },
    ],
    [
      'balanced accuracy, 3 classes, SP 0.1',
      { seed: 302, nGroups: 3, nClasses: 3, nCells: 9, bounds: { sp: 0.1 } },
      { kind: 'balancedAccuracy' },
    ],
    [
      'cost FP=1 FN=5, TPR 0.02',
      { seed: 303, nGroups: 2, nClasses: 2, nCells: 10, bounds: { tpr: 0.02 } },
      {
        kind: 'cost',
        cost: [
          [0, 1],
          [5, 0],
        ],
      },
    ],
    [
      'cost matrix 3x3, four-fifths',
      { seed: 304, nGroups: 2, nClasses: 3, nCells: 9, bounds: { spRatio: 0.8 } },
      {
        kind: 'cost',
        cost: [
          [0, 1, 2],
          [3, 0, 1],
          [4, 2, 0],
        ],
      },
    ],
  ];
  test.each(cases)('%s', async (_, c, objective) => {
    const d = distributionOf(c);
    const expected = denseFrontierValue(d, c.bounds, objective);
    const p = await fairFront(d, { alpha: c.bounds, objective });
    expect(p.objective).toBe(objective!.kind);
    expect(Math.abs(p.value - expected)).toBeLessThanOrEqual(REFERENCE_TOL);
    if (objective!.kind === 'cost') expect(p.dualBound).toBeLessThanOrEqual(p.value + 1e-12);
    else expect(p.dualBound).toBeGreaterThanOrEqual(p.value - 1e-12);
  });

  test('balanced accuracy with no constraint equals its Bayes value, computed cell by cell', async () => {
    const d = randomDistribution({ seed: 310, nCells: 15, nGroups: 3, nClasses: 3 });
    const { nCells: K, nGroups: A, nClasses: C, mass } = d;
    // P(Y = y) and, per cell, the best class under the weights 1 / (C P(Y = y)).
    const py = new Array(C).fill(0);
    for (let k = 0; k < K; k++)
      for (let s = 0; s < A; s++) for (let y = 0; y < C; y++) py[y] += mass[(k * A + s) * C + y];
    let bayes = 0;
    for (let k = 0; k < K; k++) {
      let best = 0;
      for (let yHat = 0; yHat < C; yHat++) {
        let v = 0;
        for (let s = 0; s < A; s++) v += mass[(k * A + s) * C + yHat] / (C * py[yHat]);
        best = Math.max(best, v);
      }
      bayes += best;
    }
    const p = await fairFront(d, { alpha: {}, objective: { kind: 'balancedAccuracy' } });
    expect(Math.abs(p.value - bayes)).toBeLessThanOrEqual(BAYES_TOL);
  });
});

describe('invariants', () => {
  test('equal opportunity relaxes equalized odds: its frontier is never below', async () => {
    for (const s of [401, 402, 403]) {
      const d = randomDistribution({ seed: s, nCells: 16, nGroups: 3, nClasses: 2 });
      const model = await openFrontierModel(d, { criteria: ['tpr'] });
      try {
        for (const a of [0, 0.01, 0.05, 0.1]) {
          const eo = model.solve({ eo: a });
          const tpr = model.solve({ tpr: a });
          expect(tpr.value).toBeGreaterThanOrEqual(eo.value - 1e-9);
        }
      } finally {
        model.dispose();
      }
    }
  });

  test('the ratio frontier falls as R rises (four-fifths and TPR ratio)', async () => {
    const d = randomDistribution({ seed: 410, nCells: 20, nGroups: 3, nClasses: 2 });
    const model = await openFrontierModel(d, { criteria: ['spRatio', 'tprRatio'] });
    try {
      for (const c of ['spRatio', 'tprRatio'] as const) {
        let previous = Infinity;
        for (const r of [0, 0.2, 0.5, 0.8, 0.9, 0.95, 1]) {
          const p = model.solve({ [c]: r });
          expect(p.value).toBeLessThanOrEqual(previous + 1e-9);
          expect(p.violations[c]).toBeGreaterThanOrEqual(r - ALPHA_TOL);
          previous = p.value;
        }
      }
    } finally {
      model.dispose();
    }
  });

  test('error-rate parity is overall accuracy equality (e_s = 1 - acc_s)', async () => {
    const d = randomDistribution({ seed: 420, nCells: 12, nGroups: 3, nClasses: 3 });
    for (const a of [0, 0.02, 0.1]) {
      const oae = await fairFront(d, { alpha: { oae: a } });
      const er = await fairFront(d, { alpha: { errorRate: a } });
      expect(Math.abs(oae.value - er.value)).toBeLessThanOrEqual(1e-9);
    }
  });

  test('the compact and pairwise rows give the same value, and each price lies between the one-sided slopes', async () => {
    const d = randomDistribution({ seed: 430, nCells: 18, nGroups: 4, nClasses: 2 });
    const step = 1e-4;
    const checks: [Criterion, number][] = [
      ['eo', 0.03],
      ['sp', 0.02],
      ['tpr', 0.01],
      ['spRatio', 0.9],
      ['groupLoss', 0.42],
    ];
    for (const fairnessRowForm of ['compact', 'pairwise'] as const) {
      const model = await openFrontierModel(d, {
        criteria: ['tpr', 'spRatio', 'groupLoss'],
        fairnessRowForm,
      });
      try {
        for (const [c, t] of checks) {
          const at = (v: number) => model.solve({ [c]: v } as Partial<Bounds>);
          let p;
          try {
            p = at(t);
          } catch (e) {
            expect(e).toBeInstanceOf(SolverError);
            continue;
          }
          const up = at(t + step).value;
          const down = at(t - step).value;
          // The value is concave in alpha and Z, convex-decreasing in R: the price is |slope|, between the
          // one-sided finite differences.
          const right = Math.abs(up - p.value) / step;
          const left = Math.abs(p.value - down) / step;
          expect(p.price[c]).toBeGreaterThanOrEqual(Math.min(left, right) - 1e-6);
          expect(p.price[c]).toBeLessThanOrEqual(Math.max(left, right) + 1e-6);
        }
      } finally {
        model.dispose();
      }
    }
  });

  test('every criterion is reported for every point, vacuous ones included', async () => {
    const d = randomDistribution({ seed: 440, nCells: 10, nGroups: 2, nClasses: 2 });
    const p = await fairFront(d, { alpha: { eo: 0.05 } });
    for (const c of CRITERIA) {
      expect(Number.isFinite(p.violations[c])).toBe(true);
      expect(Number.isFinite(p.price[c])).toBe(true);
    }
    expect(p.alpha.spRatio).toBe(0);
    expect(p.alpha.groupLoss).toBe(1);
  });
});

describe('refusals', () => {
  const d = randomDistribution({ seed: 500, nCells: 6 });
  test('an unknown criterion is refused with E_BAD_OPTION', async () => {
    await expect(fairFront(d, { alpha: { ratio: 0.8 } as never })).rejects.toMatchObject({
      code: 'E_BAD_OPTION',
    });
  });
  test('a ratio above 1 is refused with E_BAD_ALPHA naming the flag', async () => {
    const e = await fairFront(d, { alpha: { spRatio: 1.2 } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).code).toBe('E_BAD_ALPHA');
    expect((e as InputError).message).toContain('--sp-ratio');
  });
  test('group loss below what any classifier reaches is E_INFEASIBLE', async () => {
    await expect(fairFront(d, { alpha: { groupLoss: 0 } })).rejects.toMatchObject({ code: 'E_INFEASIBLE' });
  });
  test('a cost matrix of the wrong shape is refused', async () => {
    await expect(
      fairFront(d, { alpha: {}, objective: { kind: 'cost', cost: [[0, 1]] } }),
    ).rejects.toMatchObject({
      code: 'E_BAD_OPTION',
    });
  });
});

describe('many groups (O(A) fairness rows)', () => {
  test('30 groups, 3 classes: compact and pairwise rows give the same values for every family', async () => {
    const d = randomDistribution({ seed: 600, nCells: 90, nGroups: 30, nClasses: 3 });
    const bounds: Partial<Bounds>[] = [
      { eo: 0.1 },
      { sp: 0.05, tpr: 0.1 },
      { spRatio: 0.8, fpr: 0.2 },
      { oae: 0.05 },
    ];
    const compact = await openFrontierModel(d, { criteria: ['tpr', 'fpr', 'spRatio'] });
    const pairwise = await openFrontierModel(d, {
      criteria: ['tpr', 'fpr', 'spRatio'],
      fairnessRowForm: 'pairwise',
    });
    try {
      expect(compact.nRows).toBeLessThan(pairwise.nRows / 5);
      for (const b of bounds)
        expect(Math.abs(compact.solve(b).value - pairwise.solve(b).value)).toBeLessThanOrEqual(1e-7);
    } finally {
      compact.dispose();
      pairwise.dispose();
    }
  });

  test('1000 groups solve: the LP has O(A) fairness rows and the point meets its bound', async () => {
    const d = randomDistribution({ seed: 601, nCells: 2000, nGroups: 1000, nClasses: 2, maxCount: 5 });
    const size = frontierLpSize(d);
    // Cell rows + linking rows (A*C*C) + sp (A) + eo (2A) + oae (A) fairness rows: about 4000 + 4000 + 3000.
    expect(size.nRows).toBeLessThan(d.nCells + 4 * 1000 + 4 * 1000 + 10);
    const p = await fairFront(d, { alpha: { eo: 0.3 } });
    expect(p.violations.eo).toBeLessThanOrEqual(0.3 + ALPHA_TOL);
    expect(p.dualBound - p.value).toBeLessThanOrEqual(1e-6);
    expect(p.price.eo).toBeGreaterThan(0);
  });
});
