import { describe, expect, test } from 'vitest';
import { selectRows, syntheticTable, type EncodedTable } from '../../src/data/index.js';
import { distributionFromTable, locateCells } from '../../src/distribution/index.js';
import { heldOutFrontier, poolRareCells } from '../../src/limits/index.js';
import {
  chooseMinCellRows,
  MIN_CELL_ROWS_CANDIDATES,
} from '../../src/limits/estimate/choose-min-cell-rows.js';
import { foldDistribution } from '../../src/limits/estimate/fold-distribution.js';
import { completeBounds } from '../../src/metrics/index.js';
import { createRng, permutation } from '../../src/rng.js';

// 4 features x 4 levels x 2 groups: up to 512 cells for 1200 rows, many of them rare.
const table = syntheticTable({ seed: 5, nRows: 1200, nFeatures: 4, levels: 4 });
const alphas = [{ eo: 0 }, { eo: 0.05 }, { sp: 0.02 }];

/** The rows of fold f of heldOutFrontier's K-fold split (its documented seeded permutation, i mod K). */
function foldRows(nRows: number, seed: number, K: number, f: number): { held: number[]; train: number[] } {
  const held: number[] = [];
  const train: number[] = [];
  permutation(createRng(seed), nRows).forEach((row, i) => (i % K === f ? held : train).push(row));
  return { held: held.sort((a, b) => a - b), train: train.sort((a, b) => a - b) };
}

/** A copy of `t` with the labels of `rows` replaced (cycled to another class) and their features scrambled. */
function perturbRows(t: EncodedTable, rows: readonly number[], features = true): EncodedTable {
  const label = Int32Array.from(t.label);
  const feats = t.features.map((f) => Float64Array.from(f));
  const rng = createRng(99);
  for (const r of rows) {
    label[r] = (label[r] + 1) % t.classNames.length;
    if (features) for (const f of feats) f[r] = Math.floor(rng.next() * 4);
  }
  return { ...t, label, features: feats };
}

describe('fold distributions from integer cell ids', () => {
  test.each([
    [1, true],
    [3, true],
    [5, false],
    [20, true],
  ])(
    'equal poolRareCells + distributionFromTable + locateCells (minCellRows %s, group-aware %s)',
    (m, isGroupAware) => {
      const { held, train } = foldRows(table.nRows, 7, 4, 1);
      const { distribution: full, cellOfRow } = distributionFromTable(table, { isGroupAware });
      const fast = foldDistribution(table, cellOfRow, full.cellKeys, isGroupAware, train, held, m);
      const pooled = poolRareCells(selectRows(table, train), selectRows(table, held), m, isGroupAware);
      const slow = distributionFromTable(pooled.train, { isGroupAware }).distribution;
      expect(fast.train.cellKeys).toEqual(slow.cellKeys);
      expect(Array.from(fast.train.mass)).toEqual(Array.from(slow.mass));
      expect(Array.from(fast.train.rowsPerCell)).toEqual(Array.from(slow.rowsPerCell));
      expect(Array.from(fast.evalCells)).toEqual(Array.from(locateCells(slow, pooled.held)));
      if (m > 1) expect(slow.cellKeys.some((k) => k.includes('e+300'))).toBe(true);
    },
  );
});

describe('choosing the back-off by inner cross-validation', () => {
  const full = distributionFromTable(table);
  const cells = { cellOfRow: full.cellOfRow, cellKeys: full.distribution.cellKeys, isGroupAware: true };
  const complete = alphas.map((a) => completeBounds(a));
  const { held, train } = foldRows(table.nRows, 11, 5, 0);

  test('reads only the training rows: scrambling the other rows leaves every score unchanged', async () => {
    const choice = await chooseMinCellRows(table, cells, train, complete, 3);
    expect(choice.scores.map((s) => s.minCellRows)).toEqual(MIN_CELL_ROWS_CANDIDATES);
    expect(MIN_CELL_ROWS_CANDIDATES).toContain(choice.chosen);
    const scrambled = perturbRows(table, held);
    const d = distributionFromTable(scrambled);
    const again = await chooseMinCellRows(
      scrambled,
      { cellOfRow: d.cellOfRow, cellKeys: d.distribution.cellKeys, isGroupAware: true },
      train,
      complete,
      3,
    );
    expect(again).toEqual(choice);
    // The check can fail: the same perturbation of training rows changes the scores.
    const trainPerturbed = perturbRows(table, train.slice(0, 200), false);
    const moved = await chooseMinCellRows(trainPerturbed, cells, train, complete, 3);
    expect(moved.scores).not.toEqual(choice.scores);
  });

  test('each score is the mean achievable accuracy of the fixed size on the same inner folds', async () => {
    // Independent route: heldOutFrontier with a fixed size on the training rows alone (same seed, so the same
    // inner folds, and the same constant rule: the training rows' majority label).
    const choice = await chooseMinCellRows(table, cells, train, complete, 3, { candidates: [1, 5] });
    const sub = selectRows(table, train);
    for (const s of choice.scores) {
      const h = await heldOutFrontier(sub, { alphas, folds: 3, seed: 3, minCellRows: s.minCellRows });
      const mean = h.points.reduce((acc, p) => acc + p.achievable!.accuracy, 0) / h.points.length;
      expect(s.score).toBeCloseTo(mean, 12);
    }
  });

  test('heldOutFrontier: perturbing a fold\u2019s held-out labels never changes that fold\u2019s choice', async () => {
    const seed = 11;
    const base = await heldOutFrontier(table, { alphas, folds: 5, seed, minCellRows: 'auto' });
    expect(base.backOff.choice).toBe('inner-cross-validation');
    expect(base.backOff.perPart).toHaveLength(5);
    for (const m of base.backOff.perPart) expect(MIN_CELL_ROWS_CANDIDATES).toContain(m);
    for (const f of [0, 3]) {
      const perturbed = perturbRows(table, foldRows(table.nRows, seed, 5, f).held, false);
      const h = await heldOutFrontier(perturbed, { alphas, folds: 5, seed, minCellRows: 'auto' });
      expect(h.backOff.perPart[f]).toBe(base.backOff.perPart[f]);
    }
    // The reported size is the one chosen most often (ties: the smaller).
    const count = (m: number) => base.backOff.perPart.filter((x) => x === m).length;
    const mode = MIN_CELL_ROWS_CANDIDATES.reduce((best, m) => (count(m) > count(best) ? m : best));
    expect(base.minCellRows).toBe(mode);
  });

  test('with the chosen back-off the achievable held-out curve stays >= the best constant rule', async () => {
    for (const seed of [1, 2]) {
      const h = await heldOutFrontier(table, { alphas, folds: 5, seed });
      expect(h.backOff.choice).toBe('inner-cross-validation');
      // The best constant rule: the most frequent label overall, scored on all held-out rows.
      const counts = [0, 0];
      for (let i = 0; i < table.nRows; i++) counts[table.label[i]]++;
      expect(h.constant.accuracy).toBeCloseTo(Math.max(...counts) / table.nRows, 12);
      for (const p of h.points) {
        expect(p.achievable).not.toBeNull();
        expect(p.achievable!.accuracy).toBeGreaterThanOrEqual(h.constant.accuracy - 1e-12);
      }
    }
  });
});
