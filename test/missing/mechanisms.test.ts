import { expect, test } from 'vitest';
import { syntheticTable } from '../../src/data/index.js';
import {
  drawMissingMask,
  handleMissing,
  maskRates,
  missingPopulation,
  tableSource,
  type MissingMask,
} from '../../src/missing/index.js';
import { distributionFromTable } from '../../src/distribution/index.js';
import { createRng } from '../../src/rng.js';
import { smallPopulation } from './population-fixture.js';
import { samplePopulation } from './sampling.js';

/** Binomial tolerance: 5 standard deviations (a false alarm about once in 3.5 million checks). */
const SIGMAS = 5;
const withinBinomial = (hits: number, expected: number, variance: number) =>
  expect(Math.abs(hits - expected)).toBeLessThanOrEqual(SIGMAS * Math.sqrt(variance) + 1e-9);

const table = syntheticTable({ seed: 11, nRows: 40_000, nFeatures: 3, levels: 5 });
const source = tableSource(table, { numericColumns: ['x1', 'x2', 'x3'] });

/** Realized hits vs the mask's own probabilities on a subset of rows: sum of Bernoulli(p_i). */
function checkAgainstProbabilities(mask: MissingMask, j: number, rows: (i: number) => boolean): void {
  let hits = 0;
  let expected = 0;
  let variance = 0;
  for (let i = 0; i < mask.nRows; i++) {
    if (!rows(i)) continue;
    const p = mask.probability[j][i];
    hits += mask.isMissing[j][i];
    expected += p;
    variance += p * (1 - p);
  }
  withinBinomial(hits, expected, variance);
}

test('MCAR hits each group at its target rate within binomial tolerance', () => {
  const rates = [0.1, 0.55];
  const mask = drawMissingMask(source, [0, 2], { kind: 'mcar', rateByGroup: rates }, createRng(5));
  for (const j of [0, 2])
    for (let s = 0; s < 2; s++) {
      let rows = 0;
      let hits = 0;
      for (let i = 0; i < table.nRows; i++)
        if (table.group[i] === s) {
          rows++;
          hits += mask.isMissing[j][i];
        }
      withinBinomial(hits, rows * rates[s], rows * rates[s] * (1 - rates[s]));
    }
  expect(Array.from(mask.isMissing[1]).every((m) => m === 0)).toBe(true);
});

test('MAR: the rate follows the driver, the group means equal the targets, and hits follow the probabilities', () => {
  const rates = [0.2, 0.5];
  const mask = drawMissingMask(
    source,
    [0],
    { kind: 'mar', rateByGroup: rates, driver: 'x2', strength: 1.5 },
    createRng(6),
  );
  const driver = table.features[1];
  for (let s = 0; s < 2; s++) {
    const rows = [...Array(table.nRows).keys()].filter((i) => table.group[i] === s);
    const meanP = rows.reduce((a, i) => a + mask.probability[0][i], 0) / rows.length;
    expect(meanP).toBeCloseTo(rates[s], 9);
    // Within a group the probability is a strictly increasing function of the driver value.
    const byLevel = new Map<number, number>();
    for (const i of rows) byLevel.set(driver[i], mask.probability[0][i]);
    const levels = [...byLevel.keys()].sort((a, b) => a - b);
    for (let t = 1; t < levels.length; t++)
      expect(byLevel.get(levels[t])!).toBeGreaterThan(byLevel.get(levels[t - 1])!);
    for (const level of levels)
      checkAgainstProbabilities(mask, 0, (i) => table.group[i] === s && driver[i] === level);
    // The realized rates themselves rise with the driver: top level vs bottom level.
    const realized = (level: number) => {
      const r = rows.filter((i) => driver[i] === level);
      return r.reduce((a, i) => a + mask.isMissing[0][i], 0) / r.length;
    };
    expect(realized(levels[levels.length - 1])).toBeGreaterThan(realized(levels[0]) + 0.2);
  }
});

test('MNAR: large values hide themselves, so the observed mean falls below the complete mean', () => {
  const mask = drawMissingMask(
    source,
    [2],
    { kind: 'mnar', rateByGroup: [0.3, 0.3], strength: 2 },
    createRng(7),
  );
  const x = table.features[2];
  for (let level = 0; level < 5; level++) checkAgainstProbabilities(mask, 2, (i) => x[i] === level);
  let all = 0;
  let observed = 0;
  let nObserved = 0;
  for (let i = 0; i < table.nRows; i++) {
    all += x[i] / table.nRows;
    if (!mask.isMissing[2][i]) {
      observed += x[i];
      nObserved++;
    }
  }
  expect(observed / nObserved).toBeLessThan(all - 0.3);
});

test('the same seed draws the same mask; another seed draws another', () => {
  const mechanism = { kind: 'mcar', rateByGroup: [0.3, 0.3] } as const;
  const a = drawMissingMask(source, [0, 1], mechanism, createRng(8));
  const b = drawMissingMask(source, [0, 1], mechanism, createRng(8));
  const c = drawMissingMask(source, [0, 1], mechanism, createRng(9));
  const same = (x: Uint8Array, y: Uint8Array) => Buffer.from(x).equals(Buffer.from(y));
  expect(same(a.isMissing[0], b.isMissing[0]) && same(a.isMissing[1], b.isMissing[1])).toBe(true);
  expect(same(a.isMissing[0], c.isMissing[0])).toBe(false);
});

test('masks are nested across rates and unaffected by selecting other columns (common random numbers)', () => {
  const low = drawMissingMask(source, [0], { kind: 'mcar', rateByGroup: [0.1, 0.3] }, createRng(10));
  const high = drawMissingMask(source, [0, 2], { kind: 'mcar', rateByGroup: [0.1, 0.7] }, createRng(10));
  let notNested = 0;
  let majorityDiffers = 0;
  let added = 0;
  for (let i = 0; i < table.nRows; i++) {
    if (low.isMissing[0][i] > high.isMissing[0][i]) notNested++;
    if (table.group[i] === 0 && low.isMissing[0][i] !== high.isMissing[0][i]) majorityDiffers++;
    added += high.isMissing[0][i] - low.isMissing[0][i];
  }
  expect(notNested).toBe(0);
  expect(majorityDiffers).toBe(0);
  expect(added).toBeGreaterThan(1000);
});

test('maskRates reports the realized share per column and group', () => {
  const mask = drawMissingMask(source, [0], { kind: 'mcar', rateByGroup: [0, 1] }, createRng(1));
  const rates = maskRates(mask, table.group, 2);
  expect(rates.rate[0]).toEqual([0, 1]);
  expect(rates.rate[1]).toEqual([0, 0]);
  expect(rates.anyMissing).toEqual([0, 1]);
});

test('sampled MCAR + mode imputation matches the exact garbled population pmf within binomial tolerance', () => {
  const population = smallPopulation(3);
  const n = 60_000;
  const sample = samplePopulation(population, n, 21);
  const sampleSource = tableSource(sample);
  const rateByGroup = [0.1, 0.6];
  const mask = drawMissingMask(sampleSource, [0, 1, 2], { kind: 'mcar', rateByGroup }, createRng(22));
  const substitutes = [1, 0, 2];
  const handled = handleMissing(
    { ...sampleSource, columns: sampleSource.columns.map((c, j) => ({ ...c, fixedMode: substitutes[j] })) },
    mask,
    'mode',
  );
  const empirical = distributionFromTable(handled.table).distribution;
  const exact = missingPopulation(population, {
    columns: [0, 1, 2],
    rateByGroup,
    strategy: { kind: 'constant', substitutes },
  });
  const exactByKey = new Map<string, Float64Array>();
  exact.cellKeys.forEach((key, k) => exactByKey.set(key, exact.mass.subarray(k * 4, k * 4 + 4)));
  expect(empirical.nCells).toBeLessThanOrEqual(exact.nCells);
  empirical.cellKeys.forEach((key, k) => {
    // Table keys read "a=1|b=0|c=2|group=1"; the population's read "1,0,2|s=1".
    const values = key.split('|').map((part) => part.split('=')[1]);
    const p = exactByKey.get(`${values.slice(0, 3).join(',')}|s=${values[3]}`)!;
    expect(p).toBeDefined();
    for (let e = 0; e < 4; e++)
      withinBinomial(empirical.mass[k * 4 + e] * n, p[e] * n, n * p[e] * (1 - p[e]));
  });
});

test('refusals: wrong rate count, rate above 1, unknown or perturbed MAR driver', () => {
  const rng = createRng(1);
  expect(() => drawMissingMask(source, [0], { kind: 'mcar', rateByGroup: [0.1] }, rng)).toThrow(
    expect.objectContaining({ code: 'E_BAD_OPTION' }),
  );
  expect(() => drawMissingMask(source, [0], { kind: 'mcar', rateByGroup: [0.1, 1.5] }, rng)).toThrow(
    expect.objectContaining({ code: 'E_BAD_OPTION' }),
  );
  expect(() =>
    drawMissingMask(source, [0], { kind: 'mar', rateByGroup: [0.1, 0.1], driver: 'nope' }, rng),
  ).toThrow(expect.objectContaining({ code: 'E_MISSING_COLUMN' }));
  expect(() =>
    drawMissingMask(source, [0, 1], { kind: 'mar', rateByGroup: [0.1, 0.1], driver: 'x2' }, rng),
  ).toThrow(
    expect.objectContaining({ code: 'E_BAD_OPTION', where: expect.objectContaining({ column: 'x2' }) }),
  );
});
