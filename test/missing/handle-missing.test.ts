import { expect, test } from 'vitest';
import type { EncodedTable } from '../../src/data/index.js';
import { handleMissing, tableSource, type MissingMask } from '../../src/missing/index.js';

/** A tiny table: x (numeric 0..4), b (binary category), two groups, by hand. */
const tiny: EncodedTable = {
  name: 'tiny',
  nRows: 8,
  featureNames: ['x', 'b'],
  features: [Float64Array.from([0, 1, 1, 4, 2, 2, 3, 2]), Float64Array.from([0, 0, 1, 1, 1, 1, 0, 1])],
  group: Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]),
  groupNames: ['g0', 'g1'],
  label: Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1]),
  classNames: ['0', '1'],
};
const source = tableSource(tiny, { numericColumns: ['x'] });

function maskOf(x: number[], b: number[]): MissingMask {
  const isMissing = [Uint8Array.from(x), Uint8Array.from(b)];
  return {
    nRows: 8,
    columns: ['x', 'b'],
    isMissing,
    probability: isMissing.map((m) => Float64Array.from(m)),
  };
}

// x missing in rows 1 and 4; b missing in row 2. Observed x: 0, 1, 4, 2, 3, 2 -> mode 2, mean 2, median 2.
// Make the statistics differ: hide row 5 too. Observed x: 0, 1, 4, 3, 2 -> mode 0 (all once: smallest), mean 2, median 2.
const mask = maskOf([0, 1, 0, 0, 1, 1, 0, 0], [0, 0, 1, 0, 0, 0, 0, 0]);

test('mode imputation writes the observed mode (ties to the smallest) and keeps observed values', () => {
  const h = handleMissing(source, mask, 'mode');
  expect(Array.from(h.table.features[0])).toEqual([0, 0, 1, 4, 0, 0, 3, 2]);
  // b observed: 0, 0, 1, 1, 1, 0, 1 -> mode 1.
  expect(Array.from(h.table.features[1])).toEqual([0, 0, 1, 1, 1, 1, 0, 1]);
  expect(h.substitutes).toEqual([0, 1]);
  expect(h.keptRows).toBe(8);
});

test('mean and median apply to numeric columns; categorical columns fall back to the mode', () => {
  const mean = handleMissing(source, mask, 'mean');
  expect(mean.substitutes).toEqual([2, 1]);
  expect(mean.table.features[0][1]).toBe(2);
  const withoutFour = maskOf([0, 1, 0, 1, 1, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0]);
  // Observed x: 0, 1, 3, 2 -> mean 1.5, median 1.5 (even count: middle pair).
  expect(handleMissing(source, withoutFour, 'median').substitutes).toEqual([1.5, null]);
  expect(handleMissing(source, withoutFour, 'mean').substitutes).toEqual([1.5, null]);
});

test("fixed modes (the paper's) win over the observed mode unless modes = observed", () => {
  const fixed = { ...source, columns: source.columns.map((c) => ({ ...c, fixedMode: 9 })) };
  expect(handleMissing(fixed, mask, 'mode').substitutes).toEqual([9, 9]);
  expect(handleMissing(fixed, mask, 'mode', { modes: 'observed' }).substitutes).toEqual([0, 1]);
});

test('the indicator strategy writes a separate category, below the smallest value when -1 is taken', () => {
  const h = handleMissing(source, mask, 'indicator');
  expect(Array.from(h.table.features[0])).toEqual([0, -1, 1, 4, -1, -1, 3, 2]);
  expect(Array.from(h.table.features[1])).toEqual([0, 0, -1, 1, 1, 1, 0, 1]);
  const negative = tableSource({
    ...tiny,
    features: [Float64Array.from([-1, 1, 1, 4, 2, 2, 3, 2]), tiny.features[1]],
  });
  expect(handleMissing(negative, mask, 'indicator').missingCategory).toEqual([-2, -1]);
});

test('complete-case keeps exactly the rows without a missing value', () => {
  const h = handleMissing(source, mask, 'complete-case');
  expect(h.keptRows).toBe(4);
  expect(Array.from(h.table.features[0])).toEqual([0, 4, 3, 2]);
  expect(Array.from(h.table.group)).toEqual([0, 0, 1, 1]);
  const all = maskOf([1, 1, 1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0, 0, 0]);
  expect(() => handleMissing(source, all, 'complete-case')).toThrow(
    expect.objectContaining({ code: 'E_EMPTY_INPUT' }),
  );
  expect(() => handleMissing(source, all, 'mode')).toThrow(
    expect.objectContaining({ code: 'E_MISSING_VALUE' }),
  );
});

test('conditional-mode predicts from the group and the observed columns, backing off to the group alone', () => {
  // y-free truth: within a group, x is determined by b. g0: b=0 -> x 1, b=1 -> x 5. g1: b=1 -> x 2, b=0 -> x 7.
  const t: EncodedTable = {
    ...tiny,
    nRows: 10,
    features: [
      Float64Array.from([1, 1, 5, 5, 5, 2, 2, 7, 2, 7]),
      Float64Array.from([0, 0, 1, 1, 1, 1, 1, 0, 1, 0]),
    ],
    group: Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]),
    label: Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]),
  };
  const s = tableSource(t);
  const isMissing = [
    Uint8Array.from([1, 0, 1, 0, 0, 0, 0, 1, 1, 0]),
    Uint8Array.from([0, 0, 0, 0, 1, 0, 0, 0, 1, 0]),
  ];
  const h = handleMissing(
    s,
    { nRows: 10, columns: ['x', 'b'], isMissing, probability: [] },
    'conditional-mode',
  );
  // Row 0 (g0, b=0) -> 1; row 2 (g0, b=1) -> 5; row 7 (g1, b=0) -> 7; row 8 (g1, b missing) -> group mode of x in g1
  // among observed: 2, 2, 7 -> 2.
  expect(Array.from(h.table.features[0])).toEqual([1, 1, 5, 5, 5, 2, 2, 7, 2, 7]);
  // b of row 4 (g0, x=5 observed) -> 1; b of row 8 (g1, x missing) -> group mode of b in g1: 1, 1, 0, 0 -> 0.
  expect(h.table.features[1][4]).toBe(1);
  expect(h.table.features[1][8]).toBe(0);
});

test('values under the mask are never read: NaN there changes nothing', () => {
  const withNaN = tableSource(
    {
      ...tiny,
      features: [
        Float64Array.from([0, NaN, 1, 4, NaN, NaN, 3, 2]),
        Float64Array.from([0, 0, NaN, 1, 1, 1, 0, 1]),
      ],
    },
    {
      numericColumns: ['x'],
    },
  );
  for (const strategy of [
    'mode',
    'mean',
    'median',
    'indicator',
    'complete-case',
    'conditional-mode',
  ] as const) {
    const a = handleMissing(source, mask, strategy);
    const b = handleMissing(withNaN, mask, strategy);
    expect(b.table.features.map((f) => Array.from(f))).toEqual(a.table.features.map((f) => Array.from(f)));
  }
});
