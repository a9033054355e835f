import { expect, test } from 'vitest';
import type { EncodedTable } from '../../src/data/index.js';
import { syntheticTable } from '../../src/data/index.js';
import { distributionFromTable } from '../../src/distribution/index.js';
import {
  addRowsToSums,
  applyCellClassifier,
  bootstrapFrontier,
  emptyEvaluationSums,
  finishEvaluation,
  heldOutFrontier,
  supportReport,
} from '../../src/limits/index.js';

const tiny = (x: number[], group: number[], label: number[]): EncodedTable => ({
  name: 'tiny',
  nRows: x.length,
  featureNames: ['x'],
  features: [Float64Array.from(x)],
  group: Int32Array.from(group),
  groupNames: ['a', 'b'],
  label: Int32Array.from(label),
  classNames: ['0', '1'],
});

test('unseen cells get the group average of h over its training cells, weighted by training mass', () => {
  // Training: group a has x=0 (3 rows) and x=1 (1 row); group b has x=0 (2 rows).
  const train = distributionFromTable(
    tiny([0, 0, 0, 1, 0, 0], [0, 0, 0, 0, 1, 1], [0, 1, 0, 1, 0, 1]),
  ).distribution;
  // Cells in order: (x=0, a), (x=0, b), (x=1, a).
  const h = Float64Array.of(1, 0, 0.5, 0.5, 0, 1);
  const test = tiny([0, 7, 7], [0, 0, 1], [0, 1, 1]);
  const { proba, isUnseen } = applyCellClassifier(train, h, test);
  expect(Array.from(isUnseen)).toEqual([0, 1, 1]);
  expect(Array.from(proba.subarray(0, 2))).toEqual([1, 0]);
  // Group a: 3/4 of its training mass in (0, a) with h = (1, 0), 1/4 in (1, a) with h = (0, 1).
  expect(proba[2]).toBeCloseTo(0.75, 12);
  expect(proba[3]).toBeCloseTo(0.25, 12);
  // Group b: its only training cell.
  expect(proba[4]).toBeCloseTo(0.5, 12);
  const sums = emptyEvaluationSums(2, 2);
  addRowsToSums(sums, test, proba, isUnseen);
  const evaluation = finishEvaluation(sums);
  expect(evaluation.accuracy).toBeCloseTo((1 + 0.25 + 0.5) / 3, 12);
  expect(evaluation.unseenRowShare).toBeCloseTo(2 / 3, 12);
});

test('group-blind fallback ignores the group: every unseen row gets the overall average of h', () => {
  const train = distributionFromTable(tiny([0, 0, 1, 1], [0, 1, 0, 1], [0, 1, 1, 0]), {
    isGroupAware: false,
  }).distribution;
  const h = Float64Array.of(1, 0, 0, 1);
  const { proba } = applyCellClassifier(train, h, tiny([5, 5], [0, 1], [0, 0]));
  expect(Array.from(proba)).toEqual([0.5, 0.5, 0.5, 0.5]);
});

const table = syntheticTable({ seed: 12, nRows: 1500, nFeatures: 3, levels: 4 });

test('K-fold cross-fitting holds out every row exactly once', async () => {
  const heldOut = await heldOutFrontier(table, { alphas: [{ eo: 0.05 }, { sp: 0.1 }], folds: 4, seed: 3 });
  for (const p of heldOut.points) expect(p.heldOut.nRows).toBe(table.nRows);
  expect(heldOut.protocol).toEqual({ kind: 'folds', folds: 4 });
});

test('a holdout split evaluates the requested share of rows and is reproducible from its seed', async () => {
  const a = await heldOutFrontier(table, { alphas: [{ eo: 0.05 }], holdout: 0.3, seed: 9 });
  const b = await heldOutFrontier(table, { alphas: [{ eo: 0.05 }], holdout: 0.3, seed: 9 });
  expect(a.points[0].heldOut.nRows).toBe(450);
  expect(a.points[0].heldOut.accuracy).toBe(b.points[0].heldOut.accuracy);
  expect(a.points[0].inSample.accuracy).toBeGreaterThanOrEqual(a.points[0].heldOut.accuracy - 0.1);
});

test('the held-out frontier refuses both or neither of holdout and folds, and bad values', async () => {
  await expect(heldOutFrontier(table, { alphas: [{}], seed: 1 })).rejects.toMatchObject({
    code: 'E_BAD_OPTION',
  });
  await expect(
    heldOutFrontier(table, { alphas: [{}], seed: 1, holdout: 0.2, folds: 3 }),
  ).rejects.toMatchObject({ code: 'E_BAD_OPTION' });
  await expect(heldOutFrontier(table, { alphas: [{}], seed: 1, holdout: 1 })).rejects.toMatchObject({
    code: 'E_BAD_OPTION',
    where: { option: 'holdout' },
  });
  await expect(heldOutFrontier(table, { alphas: [{}], seed: 1, folds: 1 })).rejects.toMatchObject({
    code: 'E_BAD_OPTION',
    where: { option: 'folds' },
  });
});

test('bootstrap bands are reproducible from the seed and bracket the replicate values', async () => {
  const options = { alphas: [{ eo: 0.02 }, {}], replicates: 8, seed: 5 };
  const a = await bootstrapFrontier(table, options);
  const b = await bootstrapFrontier(table, options);
  expect(a.bands.map((x) => x.replicates)).toEqual(b.bands.map((x) => x.replicates));
  for (const band of a.bands) {
    expect(band.replicates).toHaveLength(8);
    expect(band.lower).toBeLessThanOrEqual(band.upper);
    expect(band.lower).toBeGreaterThanOrEqual(Math.min(...band.replicates));
    expect(band.upper).toBeLessThanOrEqual(Math.max(...band.replicates));
    expect(band.standardDeviation).toBeGreaterThan(0);
  }
  // A different seed gives different resamples.
  const c = await bootstrapFrontier(table, { ...options, seed: 6 });
  expect(c.bands[0].replicates).not.toEqual(a.bands[0].replicates);
  await expect(bootstrapFrontier(table, { ...options, replicates: 1 })).rejects.toMatchObject({
    code: 'E_BAD_OPTION',
  });
});

test('support warnings fire when cells are many compared to rows, with cells/N and the single-row share', () => {
  const sparse = distributionFromTable(
    syntheticTable({ seed: 1, nRows: 300, nFeatures: 4, levels: 5 }),
  ).distribution;
  const report = supportReport(sparse);
  expect(report.cellsPerRow).toBeCloseTo(sparse.nCells / 300, 12);
  expect(report.singleRowCellShare).toBeGreaterThan(0.25);
  expect(report.warnings).toHaveLength(2);
  const dense = supportReport(
    distributionFromTable(syntheticTable({ seed: 1, nRows: 5000, nFeatures: 1, levels: 3 })).distribution,
  );
  expect(dense.warnings).toHaveLength(0);
});
