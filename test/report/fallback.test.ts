import { expect, test } from 'vitest';
import { syntheticTable } from '../../src/data/index.js';
import { distributionFromTable } from '../../src/distribution/index.js';
import { InputError } from '../../src/errors.js';
import { fairFront, frontierLpSize } from '../../src/limits/index.js';
import { formatReport, frontierReport, reportSchemaErrors } from '../../src/report/index.js';

/** Tolerance of the bracket check: the exact value is itself certified to the LP's duality gap. */
const BRACKET_TOL = 1e-7;

const table = syntheticTable({ seed: 4, nRows: 600 });
const source = { kind: 'memory' as const, name: 'fallback' };
const { distribution } = distributionFromTable(table, { isGroupAware: true });
const lpNonzeros = frontierLpSize(distribution).nNonzeros;
const alphas = { eo: [0, 0.05] };

test('above maxExactNonzeros the report holds the certified bracket, says so, and validates', async () => {
  const report = await frontierReport({ table, source }, { alphas, maxExactNonzeros: lpNonzeros - 1 });
  expect(reportSchemaErrors(report)).toEqual([]);
  expect(report.frontier).toEqual([]);
  expect(report.settings.method).toBe('bracket');
  expect(report.settings.fallback).toEqual({
    from: 'exact',
    to: 'bracket',
    lpNonzeros,
    maxExactNonzeros: lpNonzeros - 1,
  });
  const warning = report.data.warnings.at(-1)!;
  expect(warning).toContain(`the exact LP would have ${lpNonzeros} nonzeros (> ${lpNonzeros - 1})`);
  expect(warning).toContain('certified bracket');
  const bracket = report.estimation!.bracket!;
  expect(bracket.map((b) => b.alpha.eo)).toEqual([0, 0.05]);
  for (const b of bracket) {
    // The exact value, computed separately, lies in the bracket.
    const exact = await fairFront(distribution, { alpha: { eo: b.alpha.eo } });
    expect(b.lower).toBeLessThanOrEqual(exact.accuracy + BRACKET_TOL);
    expect(b.upper).toBeGreaterThanOrEqual(exact.accuracy - BRACKET_TOL);
    expect(b.gap).toBeCloseTo(b.upper - b.lower, 12);
  }
  // The text formats show the bracket rows instead of an exact frontier.
  const text = formatReport(report, 'table');
  expect(text).toContain('bracket lower');
  expect(text).toContain(bracket[0].lower.toFixed(6));
  expect(formatReport(report, 'csv').trim().split('\n')).toHaveLength(3);
});

test('at the threshold, or with method exact given, the exact LP is built', async () => {
  const atLimit = await frontierReport({ table, source }, { alphas, maxExactNonzeros: lpNonzeros });
  expect(atLimit.frontier).toHaveLength(2);
  expect(atLimit.settings.fallback).toBeUndefined();
  expect(atLimit.settings.method).toBe('exact');
  const forced = await frontierReport(
    { table, source },
    { alphas, maxExactNonzeros: 1, estimation: { method: 'exact' } },
  );
  expect(forced.frontier.map((p) => p.accuracy)).toEqual(atLimit.frontier.map((p) => p.accuracy));
  expect(forced.data.warnings.some((w) => w.includes('nonzeros'))).toBe(false);
});

test('models or held-out estimates with a too-large LP are a usage error naming --method', async () => {
  const models = [{ name: 'm', measure: 'eo' as const, violation: 0.02, accuracy: 0.6 }];
  const err = await frontierReport({ table, source }, { alphas, models, maxExactNonzeros: 1 }).catch(
    (e) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  expect(err.code).toBe('E_USAGE');
  expect(err.where.option).toBe('--method');
  await expect(frontierReport({ table, source }, { alphas, maxExactNonzeros: 0 })).rejects.toMatchObject({
    code: 'E_BAD_OPTION',
  });
});
