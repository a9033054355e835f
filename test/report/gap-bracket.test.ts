import { expect, test } from 'vitest';
import { syntheticTable } from '../../src/data/index.js';
import { heldOutFrontier } from '../../src/limits/index.js';
import { checkReport, formatReport, frontierReport, reportSchemaErrors } from '../../src/report/index.js';

/** Many cells for few rows: the in-sample frontier is optimistic, so the two ends of the bracket differ. */
const table = syntheticTable({ seed: 3, nRows: 1500, nFeatures: 5, levels: 4 });
const source = { kind: 'file' as const, name: table.name };
const model = { name: 'm', measure: 'eo' as const, violation: 0.05, accuracy: 0.6 };

const bracketed = frontierReport(
  { table, source },
  { alphas: { eo: [0, 0.05] }, models: [model], estimation: { folds: 3, seed: 2 } },
);

test('a model gap is a bracket: gapHigh is the in-sample gap, gapLow the achievable held-out frontier minus the accuracy', async () => {
  const report = await bracketed;
  expect(reportSchemaErrors(report)).toEqual([]);
  const m = report.models![0];
  expect(m.gapHigh).toBe(m.gap);
  // Independent recomputation of the held-out end at the model's alpha.
  const heldOut = await heldOutFrontier(table, { alphas: [{ eo: 0.05 }], folds: 3, seed: 2 });
  expect(m.gapLow).toBeCloseTo(heldOut.points[0].achievable!.accuracy - model.accuracy, 12);
  // The in-sample frontier is optimistic here: the bracket is not degenerate.
  expect(m.gapLow!).toBeLessThan(m.gap);
  // The text table shows both ends.
  const text = formatReport(report, 'table');
  expect(text).toContain('held-out gap');
  expect(text).toContain(m.gapLow!.toFixed(6));
});

test('check --estimate: in-sample fails on the upper end, held-out and bracket on the lower end; default bracket', async () => {
  const report = await bracketed;
  const m = report.models![0];
  const between = (m.gap + m.gapLow!) / 2;
  expect(checkReport(report, { maxGap: between, estimate: 'in-sample' }).passed).toBe(false);
  expect(checkReport(report, { maxGap: between, estimate: 'held-out' }).passed).toBe(true);
  const byDefault = checkReport(report, { maxGap: between });
  expect(byDefault.estimate).toBe('bracket');
  expect(byDefault.passed).toBe(true);
  expect(byDefault.reason).toContain('undecided');
  const below = checkReport(report, { maxGap: m.gapLow! - 1e-6 });
  expect(below.passed).toBe(false);
  expect(below.reason).toMatch(/gated on the lower end of the gap bracket\) exceeds --max-gap [\d.e-]+$/);
});

test('without held-out gaps the default is in-sample, and held-out is refused with a hint', async () => {
  const report = await frontierReport({ table, source }, { alphas: { eo: [0, 0.05] }, models: [model] });
  expect(report.models![0].gapLow).toBeUndefined();
  expect(checkReport(report, { maxGap: 1 }).estimate).toBe('in-sample');
  expect(() => checkReport(report, { maxGap: 1, estimate: 'held-out' })).toThrowError(
    expect.objectContaining({ code: 'E_BAD_REPORT', message: expect.stringMatching(/--folds K/) }),
  );
});
