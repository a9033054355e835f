import { describe, expect, test } from 'vitest';
import type { EncodedTable } from '../../src/data/index.js';
import { distributionFromTable } from '../../src/distribution/index.js';
import {
  applyCellClassifier,
  fairFront,
  finitePopulation,
  frontierInterval,
  intervalCoverage,
} from '../../src/limits/index.js';
import { dualSign, foldBounds } from '../../src/limits/estimate/lagrangian-bounds.js';
import { createRng } from '../../src/rng.js';
import { normalQuantile } from '../../src/data/synthetic.js';

/**
 * The two-cell example of test/limits/fair-front as rows: the classifier sees only the group;
 * P(Y=1|s=0) = 0.8, P(Y=1|s=1) = 0.3, equal group masses. FairFront_EO(alpha) = 0.55 + 0.2 alpha (by hand).
 */
function twoCellTable(): EncodedTable {
  const counts: [number, number, number][] = [
    [0, 0, 20],
    [0, 1, 80],
    [1, 0, 70],
    [1, 1, 30],
  ];
  const group: number[] = [];
  const label: number[] = [];
  for (const [s, y, n] of counts)
    for (let i = 0; i < n; i++) {
      group.push(s);
      label.push(y);
    }
  return {
    name: 'two cells',
    nRows: group.length,
    featureNames: ['x'],
    features: [new Float64Array(group.length)],
    group: Int32Array.from(group),
    groupNames: ['g0', 'g1'],
    label: Int32Array.from(label),
    classNames: ['0', '1'],
  };
}

describe('the Lagrangian bounds on rows', () => {
  test.each([0, 0.1, 0.3])(
    'at the rows own optimal rule and multipliers both sides equal the closed form 0.55 + 0.2 alpha (alpha = %s)',
    async (a) => {
      const table = twoCellTable();
      const d = distributionFromTable(table).distribution;
      const alpha = { sp: 1, eo: a, oae: 1 };
      const point = await fairFront(d, { alpha, fairnessRowForm: 'pairwise' });
      const sign = dualSign(d, point.fairnessDuals, alpha);
      const { proba } = applyCellClassifier(d, point.h, table);
      const b = foldBounds(table, proba, point.fairnessDuals, alpha, sign, true);
      expect(b.upper.value).toBeCloseTo(0.55 + 0.2 * a, 9);
      expect(b.lower.value).toBeCloseTo(0.55 + 0.2 * a, 9);
    },
  );

  test('weak duality: for any multipliers the dual side on rows is at least the rows FairFront', async () => {
    const population = finitePopulation({ seed: 4, nLevels: 5, nGroups: 3, nClasses: 3 });
    const table = population.sample(3000, createRng(1));
    const d = distributionFromTable(table).distribution;
    const rng = createRng(2);
    for (const alpha of [
      { sp: 1, eo: 0.02, oae: 1 },
      { sp: 0.05, eo: 1, oae: 0.03 },
    ]) {
      const exact = (await fairFront(d, { alpha })).accuracy;
      const uniform = new Float64Array(table.nRows * 3).fill(1 / 3);
      for (let trial = 0; trial < 20; trial++) {
        // SP rows: 3 pairs x 3 classes; EO rows: 3 pairs x 3 labels x 3 classes; OAE rows: 3 pairs.
        const duals = {
          sp: Float64Array.from({ length: 9 }, () => rng.next() - 0.5),
          eo: Float64Array.from({ length: 27 }, () => rng.next() - 0.5),
          oae: Float64Array.from({ length: 3 }, () => rng.next() - 0.5),
        };
        const b = foldBounds(table, uniform, duals, alpha, 1, true);
        expect(b.upper.value).toBeGreaterThanOrEqual(exact - 1e-12);
      }
    }
  });
});

describe('frontierInterval', () => {
  test('seeded coverage: at least 0.85 of 60 intervals contain the exact population FairFront', async () => {
    // Population: 6 levels x 2 groups = 12 cells; 1000 rows (0.012 cells per row).
    const population = finitePopulation({ seed: 3, nLevels: 6 });
    const result = await intervalCoverage({
      population,
      nRows: 1000,
      replicates: 60,
      alphas: [{ eo: 0 }, { eo: 0.05 }],
      seed: 21,
    });
    for (const p of result.points) {
      expect(p.coverage).toBeGreaterThanOrEqual(0.85);
      // The plug-in is optimistic on average (the direction the report states).
      expect(p.inSampleBias).toBeGreaterThan(0);
      expect(p.meanWidth).toBeLessThan(0.25);
    }
  }, 120_000);

  test('a run in chunks (firstReplicate) draws exactly the samples of one run', async () => {
    const population = finitePopulation({ seed: 3, nLevels: 30 });
    const common = { population, nRows: 400, alphas: [{ eo: 0 }], seed: 5 };
    const whole = await intervalCoverage({ ...common, replicates: 4 });
    const parts = await Promise.all([
      intervalCoverage({ ...common, replicates: 2 }),
      intervalCoverage({ ...common, replicates: 2, firstReplicate: 2 }),
    ]);
    const [w] = whole.points;
    const [a, b] = parts.map((r) => r.points[0]);
    expect((a.meanWidth + b.meanWidth) / 2).toBeCloseTo(w.meanWidth, 12);
    expect((a.inSampleBias + b.inSampleBias) / 2).toBeCloseTo(w.inSampleBias, 12);
    expect((a.coverage + b.coverage) / 2).toBeCloseTo(w.coverage, 12);
    // Different chunks are different samples.
    expect(a.meanWidth).not.toBe(b.meanWidth);
  });

  test('the lower end is the best back-off size at the max-type critical value; each size alone is a lower bound of its own', async () => {
    // 200 levels x 2 groups = 400 cells for 1200 rows: many rare cells, so the sizes give different rules.
    const table = finitePopulation({ seed: 3, nLevels: 200 }).sample(1200, createRng(4));
    const options = { alphas: [{ eo: 0 }, { eo: 0.05 }], seed: 2 };
    const shipped = await frontierInterval(table, options);
    expect(shipped.backOffSizes).toEqual([1, 3, 10]);
    const z1 = normalQuantile(0.975);
    const z3 = normalQuantile(1 - 0.05 / 6);
    const single = await Promise.all(
      [1, 3, 10].map((m) => frontierInterval(table, { ...options, minCellRows: m })),
    );
    shipped.points.forEach((p, a) => {
      // Each single size's lower end is its estimate minus z(0.975) se; the shipped one uses the max-type
      // critical value, between z(0.975) and the Bonferroni z(1 - 0.05/6).
      const zc = p.lowerCriticalValue;
      expect(zc).toBeGreaterThanOrEqual(z1 - 1e-12);
      expect(zc).toBeLessThanOrEqual(z3 + 1e-12);
      const widened = single.map((r) => r.points[a].lowerEstimate - zc * r.points[a].lowerStandardError);
      for (const r of single)
        expect(r.points[a].lower).toBeCloseTo(
          Math.max(0, r.points[a].lowerEstimate - z1 * r.points[a].lowerStandardError),
          12,
        );
      expect(p.lower).toBeCloseTo(Math.max(0, ...widened), 12);
      expect([1, 3, 10][widened.indexOf(Math.max(...widened))]).toBe(p.lowerMinCellRows);
      // The upper side does not depend on the back-off.
      for (const r of single) expect(r.points[a].upper).toBe(p.upper);
    });
    // The sizes are not all the same rule here (the comparison above is not vacuous).
    expect(new Set(single.map((r) => r.points[0].lowerEstimate.toFixed(9))).size).toBeGreaterThan(1);
  });

  test('same seed, same interval; lower <= in-sample-free estimates <= upper and the level is recorded', async () => {
    const table = finitePopulation({ seed: 5, nLevels: 8 }).sample(2000, createRng(3));
    const options = { alphas: [{ eo: 0 }, { eo: 0.1 }], seed: 7, level: 0.9 };
    const a = await frontierInterval(table, options);
    const b = await frontierInterval(table, options);
    expect(a.points).toEqual(b.points);
    for (const p of a.points) {
      expect(p.level).toBe(0.9);
      expect(p.method).toBe('cross-fit-lagrangian');
      expect(p.lower).toBeLessThanOrEqual(p.lowerEstimate);
      expect(p.upper).toBeGreaterThanOrEqual(p.upperEstimate);
      expect(p.lowerEstimate).toBeLessThanOrEqual(p.upperEstimate + 1e-12);
    }
    expect(a.covers).toContain('population FairFront');
    expect(a.warnings).toEqual([]);
  });

  test('many cells per row: the interval carries the measured-coverage warning', async () => {
    const table = finitePopulation({ seed: 5, nLevels: 60 }).sample(1000, createRng(3));
    const r = await frontierInterval(table, { alphas: [{ eo: 0.05 }], seed: 1 });
    expect(r.cellsPerRow).toBeGreaterThan(0.05);
    expect(r.warnings.join(' ')).toMatch(/measured in simulation/);
  });

  test('bad options are coded errors', async () => {
    const table = twoCellTable();
    await expect(frontierInterval(table, { alphas: [{ eo: 0 }], seed: 1, level: 1 })).rejects.toMatchObject({
      code: 'E_BAD_OPTION',
    });
    await expect(frontierInterval(table, { alphas: [{ eo: 0 }], seed: 1, folds: 1 })).rejects.toMatchObject({
      code: 'E_BAD_OPTION',
    });
    await expect(frontierInterval(table, { alphas: [], seed: 1 })).rejects.toMatchObject({
      code: 'E_BAD_ALPHA',
    });
  });
});
