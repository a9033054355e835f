import { describe, expect, test } from 'vitest';
import { FairlimitError } from '../../src/errors.js';
import { syntheticTable } from '../../src/data/synthetic.js';
import {
  type Distribution,
  bayesAccuracy,
  constantAccuracy,
  distributionFromTable,
} from '../../src/distribution/index.js';
import { completeAlphas, fairFront, frontierLpSize, sweepFrontier } from '../../src/limits/index.js';
import { experimentFromMasses } from '../../src/blackwell/index.js';
import { violationsFromConditional } from '../../src/metrics/index.js';
import { createRng } from '../../src/rng.js';
import { formatReport, frontierReport, modelCard } from '../../src/report/index.js';

const base = distributionFromTable(syntheticTable({ seed: 3, nRows: 600 })).distribution;
const withMass = (f: (m: Float64Array) => void, extra: Partial<Distribution> = {}): Distribution => {
  const mass = Float64Array.from(base.mass);
  f(mass);
  return { ...base, mass, ...extra };
};

/** Runs `f` and returns the coded error it throws (failing when it returns, or throws something uncoded). */
async function codeOf(f: () => unknown): Promise<string> {
  try {
    await f();
  } catch (e) {
    expect(e, String(e)).toBeInstanceOf(FairlimitError);
    return (e as FairlimitError).code;
  }
  throw new Error('expected a FairlimitError, got a result');
}

describe('invalid distributions are refused with a code at every public entry', () => {
  const invalid: [string, string, Distribution][] = [
    ['a negative mass (sum still 1)', 'E_NEGATIVE_WEIGHT', withMass((m) => ((m[0] += 0.3), (m[1] -= 0.3)))],
    ['masses summing to 3', 'E_NOT_A_DISTRIBUTION', withMass((m) => m.forEach((v, i) => (m[i] = 3 * v)))],
    ['NaN mass', 'E_NOT_FINITE', withMass((m) => (m[2] = Number.NaN))],
    ['nClasses not matching the mass', 'E_NOT_A_DISTRIBUTION', withMass(() => undefined, { nClasses: 3 })],
    [
      'an empty distribution',
      'E_NOT_A_DISTRIBUTION',
      { ...base, nCells: 0, mass: new Float64Array(0), cellKeys: [], rowsPerCell: new Float64Array(0) },
    ],
  ];
  test.each(invalid)('%s: bayesAccuracy and constantAccuracy throw %s', async (_, code, d) => {
    expect(await codeOf(() => bayesAccuracy(d))).toBe(code);
    expect(await codeOf(() => constantAccuracy(d))).toBe(code);
  });
  test.each(invalid)(
    '%s: fairFront, sweepFrontier, frontierLpSize and experimentFromMasses throw %s',
    async (_, code, d) => {
      expect(await codeOf(() => fairFront(d, { alpha: { eo: 0.05 } }))).toBe(code);
      expect(await codeOf(() => sweepFrontier(d, { measure: 'eo', alphas: [0, 0.1] }))).toBe(code);
      expect(await codeOf(() => frontierLpSize(d))).toBe(code);
      expect(await codeOf(() => experimentFromMasses(d))).toBe(code);
    },
  );
  test('the valid distribution itself is accepted (the fixtures above differ from it in one respect)', async () => {
    expect(bayesAccuracy(base)).toBeGreaterThan(0.5);
    expect((await fairFront(base, { alpha: { eo: 0.05 } })).status).toBe('optimal');
  });
});

describe('options and small inputs', () => {
  test('an unknown alpha key is refused, not ignored', async () => {
    expect(await codeOf(() => completeAlphas({ eq: 0.1 } as never))).toBe('E_BAD_ALPHA');
    // fairFront takes every fairness criterion; an unknown one is an unknown option.
    expect(await codeOf(() => fairFront(base, { alpha: { EO: 0.1 } as never }))).toBe('E_BAD_OPTION');
  });
  test('violationsFromConditional refuses NaN and a too-short P instead of returning 0', async () => {
    const mu = [0.25, 0.25, 0.25, 0.25];
    const P = [1, 0, 0, 1, 1, 0, 0, 1];
    expect(violationsFromConditional(P, mu, 2, 2)).toEqual({ sp: 0, eo: 0, oae: 0 });
    expect(await codeOf(() => violationsFromConditional([Number.NaN, ...P.slice(1)], mu, 2, 2))).toBe(
      'E_NOT_A_DISTRIBUTION',
    );
    expect(await codeOf(() => violationsFromConditional(P.slice(0, 5), mu, 2, 2))).toBe('E_LENGTH_MISMATCH');
    expect(await codeOf(() => violationsFromConditional(P, mu, 2.5, 2))).toBe('E_BAD_OPTION');
  });
  test('a non-integer seed, a NaN time limit and oversized synthetic data are coded errors', async () => {
    expect(await codeOf(() => createRng(1.5))).toBe('E_BAD_OPTION');
    expect(await codeOf(() => fairFront(base, { alpha: { eo: 0 }, timeLimitSeconds: Number.NaN }))).toBe(
      'E_BAD_OPTION',
    );
    expect(await codeOf(() => syntheticTable({ seed: 1, nRows: 1e12 }))).toBe('E_BAD_OPTION');
  });
  test('a missing or null options object is a coded error, not a TypeError', async () => {
    expect(await codeOf(() => fairFront(base, undefined as never))).toBe('E_BAD_OPTION');
    expect(await codeOf(() => fairFront(base, { alpha: null as never }))).toBe('E_BAD_OPTION');
    expect(await codeOf(() => sweepFrontier(base, undefined as never))).toBe('E_BAD_OPTION');
    expect(await codeOf(() => frontierReport({} as never, {} as never))).toBe('E_BAD_OPTION');
  });
  test('formatReport and modelCard refuse an object that is not a report', async () => {
    expect(await codeOf(() => formatReport({} as never, 'table'))).toBe('E_BAD_REPORT');
    expect(await codeOf(() => modelCard([] as never, 'md'))).toBe('E_BAD_REPORT');
  });
});
