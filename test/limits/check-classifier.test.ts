import { describe, expect, test } from 'vitest';
import type { EncodedTable } from '../../src/data/table.js';
import { distributionFromTable } from '../../src/distribution/index.js';
import { FairlimitError } from '../../src/errors.js';
import {
  type FairClassifierV1,
  applyClassifier,
  checkClassifier,
  exportClassifier,
  fairFront,
} from '../../src/limits/index.js';

/** 8 rows in four groups, two of them named like Object.prototype's keys; one feature with two values. */
const TABLE: EncodedTable = {
  name: 'proto',
  nRows: 12,
  featureNames: ['x'],
  features: [Float64Array.from([0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1])],
  group: Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3, 0, 1, 2, 3]),
  groupNames: ['a', '__proto__', 'constructor', 'toString'],
  label: Int32Array.from([0, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0, 0]),
  classNames: ['0', '1'],
};

async function artifactOf(): Promise<{ artifact: FairClassifierV1; h: Float64Array; cellOfRow: Int32Array }> {
  const { distribution, cellOfRow } = distributionFromTable(TABLE, { isGroupAware: true });
  const point = await fairFront(distribution, { alpha: { sp: 0.2 } });
  return {
    artifact: exportClassifier({ table: TABLE, point, isGroupAware: true }),
    h: point.h,
    cellOfRow,
  };
}

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e, String(e)).toBeInstanceOf(FairlimitError);
    return `${(e as FairlimitError).code}: ${(e as Error).message}`;
  }
  throw new Error('expected a FairlimitError, got a result');
}

/** A deep copy of the artifact with one edit. */
const edited = (a: FairClassifierV1, edit: (b: Record<string, any>) => void): unknown => {
  const b = JSON.parse(JSON.stringify(a));
  edit(b);
  return b;
};

test('groups named __proto__ and constructor keep their cells and fallback: apply reproduces the LP h per row', async () => {
  const { artifact, h, cellOfRow } = await artifactOf();
  // JSON round trip, as a file is read: the keys must survive as own keys.
  const read = JSON.parse(JSON.stringify(artifact)) as FairClassifierV1;
  expect(Object.keys(read.fallback.byGroup).sort()).toEqual([...TABLE.groupNames].sort());
  expect(checkClassifier(read)).toBe(read);
  const applied = applyClassifier(read, TABLE, { seed: 3, hasLabels: true });
  expect(applied.unseenShare).toBe(0);
  for (let i = 0; i < TABLE.nRows; i++)
    for (let c = 0; c < 2; c++) expect(applied.probabilities[i * 2 + c]).toBe(h[cellOfRow[i] * 2 + c]);
  // A row of an unseen cell in group "constructor" gets that group's fallback, not Object.prototype.constructor.
  const unseen: EncodedTable = {
    ...TABLE,
    nRows: 1,
    features: [Float64Array.from([7])],
    group: Int32Array.from([2]),
    label: Int32Array.from([0]),
  };
  const fallback = applyClassifier(read, unseen, { seed: 1 });
  expect(Array.from(fallback.probabilities)).toEqual(read.fallback.byGroup.constructor);
  expect(fallback.probabilities.every(Number.isFinite)).toBe(true);
});

describe('an edited classifier is refused with E_BAD_CLASSIFIER naming the field and what was found', async () => {
  const { artifact } = await artifactOf();
  const firstCell = Object.keys(artifact.cells)[0];
  const cases: [string, (b: Record<string, any>) => void, RegExp][] = [
    [
      'a cell of [1.5, -0.5]',
      (b) => (b.cells[firstCell] = [1.5, -0.5]),
      /\[0\] must be a probability in \[0, 1\], found the number 1.5/,
    ],
    ['probabilities summing to 0.9', (b) => (b.cells[firstCell] = [0.4, 0.5]), /summing to 1/],
    ['null probabilities', (b) => (b.cells[firstCell] = null), /must be an array, found null/],
    ['a string probability', (b) => (b.cells[firstCell] = ['0.5', 0.5]), /found the string "0.5"/],
    ['three classes of probabilities', (b) => (b.cells[firstCell] = [0.2, 0.3, 0.5]), /2 probabilities/],
    ['one class', (b) => (b.classes = ['0']), /classes must be at least 2 names/],
    ['a fallback above 1', (b) => (b.fallback.overall = [2, -1]), /fallback.overall\[0\]/],
    [
      'a group missing from the fallback',
      (b) => delete b.fallback.byGroup.a,
      /byGroup\["a"\] must be present/,
    ],
    [
      'an unknown encoding',
      (b) => (b.encoding.features[0].encoding = 'ordinal'),
      /one of numeric, categorical, bins, found the string "ordinal"/,
    ],
    ['a malformed cell key', (b) => (b.cells['[0'] = [0.5, 0.5]), /a JSON array/],
    ['a cell key of the wrong length', (b) => (b.encoding.features = []), /JSON array of 1 values/],
    [
      'a cell key naming no group',
      (b) => (b.cells['[0,"zz"]'] = [0.5, 0.5]),
      /a group of groups, found the string "zz"/,
    ],
    ['version 2', (b) => (b.version = 2), /version must be 1, found the number 2/],
    [
      'another kind',
      (b) => (b.kind = 'model'),
      /kind must be "fairlimit-classifier", found the string "model"/,
    ],
    ['null', (b) => Object.keys(b).forEach((k) => delete b[k]), /kind must be/],
  ];
  test.each(cases)('%s', (_, edit, message) => {
    const bad = edited(artifact, edit);
    const got = codeOf(() => applyClassifier(bad as FairClassifierV1, TABLE, { seed: 1 }));
    expect(got).toMatch(/^E_BAD_CLASSIFIER: /);
    expect(got).toMatch(message);
  });
  test('null parts and arguments are coded errors, not TypeErrors', () => {
    expect(codeOf(() => applyClassifier(null as never, TABLE, { seed: 1 }))).toMatch(/^E_BAD_CLASSIFIER/);
    expect(codeOf(() => applyClassifier(artifact, null as never, { seed: 1 }))).toMatch(/^E_BAD_OPTION/);
    expect(codeOf(() => applyClassifier(artifact, TABLE, null as never))).toMatch(/^E_BAD_OPTION/);
    expect(codeOf(() => applyClassifier(artifact, TABLE, { seed: -1 }))).toMatch(/^E_BAD_OPTION: seed/);
    expect(codeOf(() => applyClassifier(artifact, TABLE, { seed: 2 ** 60 }))).toMatch(/^E_BAD_OPTION: seed/);
    expect(codeOf(() => exportClassifier(null as never))).toMatch(/^E_BAD_OPTION/);
    expect(
      codeOf(() => exportClassifier({ table: TABLE, point: null as never, isGroupAware: true })),
    ).toMatch(/^E_BAD_OPTION: input.point/);
    expect(
      codeOf(() =>
        applyClassifier(artifact, { ...TABLE, group: Int32Array.from(TABLE.group, () => 9) }, { seed: 1 }),
      ),
    ).toMatch(/^E_CODE_OUT_OF_RANGE/);
  });
});
