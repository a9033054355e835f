import { expect, test } from 'vitest';
import { syntheticTable } from '../../src/data/synthetic.js';
import { frontierInterval } from '../../src/limits/index.js';
import { thresholdOptimizer } from '../../src/metrics/index.js';
import { midpoint } from '../../src/numeric.js';
import { checkReport } from '../../src/report/check-report.js';
import { createRng, randomInt } from '../../src/rng.js';

test('midpoint: between two values without overflow, strictly below the upper one', () => {
  expect(midpoint(1, 3)).toBe(2);
  expect(midpoint(1.7e308, 1.79e308)).toBe(1.745e308);
  expect(midpoint(-1.79e308, 1.79e308)).toBe(0);
  // Adjacent doubles: the midpoint rounds to one of them; the result stays below the upper one.
  const next = 1 + Number.EPSILON;
  expect(midpoint(1, next)).toBe(1);
  expect(midpoint(-Infinity, 0)).toBe(-Infinity);
});

test('thresholdOptimizer: scores near 1.8e308 give the same rule as the same order at small scale', () => {
  // Only the order of the scores matters to a threshold rule, so scaling them must change nothing measured.
  const rng = createRng(5);
  const n = 80;
  const group = Int32Array.from({ length: n }, () => randomInt(rng, 2));
  const label = Int32Array.from({ length: n }, () => randomInt(rng, 2));
  group.set([0, 0, 1, 1]);
  label.set([0, 1, 0, 1]);
  const small = Float64Array.from({ length: n }, (_, i) => (randomInt(rng, 9) + 3 * label[i]) / 12);
  const huge = Float64Array.from(small, (s) => 1.79e308 * (0.5 + s / 4));
  for (const constraint of ['equalized_odds', 'demographic_parity'] as const) {
    const a = thresholdOptimizer({ group, label, score: small, nGroups: 2, nClasses: 2 }, { constraint });
    const b = thresholdOptimizer({ group, label, score: huge, nGroups: 2, nClasses: 2 }, { constraint });
    expect(Array.from(b.positiveProbability)).toEqual(Array.from(a.positiveProbability));
    expect(b.criteria.eo).toBe(a.criteria.eo);
    expect(b.groups.every((g) => Number.isFinite(g.threshold0) || Math.abs(g.threshold0) === Infinity)).toBe(
      true,
    );
    // The rule is exact: EO 0 claimed is EO 0 measured.
    if (constraint === 'equalized_odds') expect(b.criteria.eo).toBeCloseTo(0, 10);
  }
});

test('frontierInterval at level 1 - 1.1e-16 gives a finite interval wider than at 0.95', async () => {
  const table = syntheticTable({ seed: 2, nRows: 1500, nFeatures: 2, levels: 3 });
  const at = (level: number) => frontierInterval(table, { alphas: [{ eo: 0.1 }], level, seed: 1, folds: 2 });
  const [near, usual] = [await at(0.9999999999999999), await at(0.95)];
  const p = near.points[0];
  const q = usual.points[0];
  expect(Number.isFinite(p.lower) && Number.isFinite(p.upper)).toBe(true);
  expect(p.lower).toBeLessThanOrEqual(q.lower);
  expect(p.upper).toBeGreaterThanOrEqual(q.upper);
});

test('checkReport takes --max-gap from -1 to 1, as the CLI documents, and refuses beyond', () => {
  const report = { models: [] } as never;
  const codeOf = (maxGap: number) => {
    try {
      checkReport(report, { maxGap });
      return 'ran';
    } catch (e) {
      return (e as { code?: string; message: string }).code === 'E_BAD_OPTION' &&
        /from -1 to 1/.test((e as Error).message)
        ? 'range'
        : 'other';
    }
  };
  expect(codeOf(-1.5)).toBe('range');
  expect(codeOf(Number.NaN)).toBe('range');
  expect(codeOf(-1)).not.toBe('range');
  expect(codeOf(1)).not.toBe('range');
});

test('weights whose sum overflows are refused naming the column; a text count is not called "not finite"', async () => {
  const { tableFromData } = await import('../../src/data/index.js');
  const { distributionFromCounts } = await import('../../src/distribution/index.js');
  const rows = Array.from({ length: 8 }, (_, i) => ({ g: i % 2 ? 'a' : 'b', y: (i >> 1) % 2, w: 1e308 }));
  expect(() => tableFromData(rows, { group: 'g', label: 'y', weights: 'w' })).toThrow(
    /the weights sum to more than 1\.7976931348623157e\+308 \(the sum overflowed\).*column "w"/,
  );
  const records = [
    { cell: 'c', group: 'a', label: '0', count: 1 },
    { cell: 'c', group: 'b', label: '1', count: '5' as unknown as number },
  ];
  expect(() => distributionFromCounts(records)).toThrow(/must be a number, got the string "5"/);
});

test('many groups: a mass array above MAX_MASS_ENTRIES is refused up front with the counts, not a RangeError', async () => {
  const { distributionFromTable } = await import('../../src/distribution/index.js');
  const { MAX_MASS_ENTRIES } = await import('../../src/check-masses.js');
  // 6000 groups of two rows (x = 0 and 1): 12 000 group-aware cells x 6000 groups x 2 classes = 1.44e8.
  const n = 12_000;
  const table = {
    name: 'many',
    nRows: n,
    featureNames: ['x'],
    features: [Float64Array.from({ length: n }, (_, i) => i % 2)],
    group: Int32Array.from({ length: n }, (_, i) => i >> 1),
    groupNames: Array.from({ length: n / 2 }, (_, s) => `g${s}`),
    label: Int32Array.from({ length: n }, (_, i) => i % 2),
    classNames: ['0', '1'],
  };
  expect(n * (n / 2) * 2).toBeGreaterThan(MAX_MASS_ENTRIES);
  expect(() => distributionFromTable(table)).toThrow(
    expect.objectContaining({
      code: 'E_TOO_MANY_CELLS',
      message: expect.stringMatching(
        /^12000 cells x 6000 groups x 2 classes = 144000000 masses, above the limit of 50000000/,
      ),
    }),
  );
  // Group-blind cells of the same rows stay below the limit and are built.
  expect(distributionFromTable(table, { isGroupAware: false }).distribution.nCells).toBe(2);
});
