import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { type GroupMetric, metricFrame } from '../../src/report/metric-frame.js';

/**
 * fairlearn 0.9.0's MetricFrame (test/fixtures/fairlearn/generate.py) with scikit-learn's and fairlearn's metric
 * functions and a user metric (threat score TP / (TP + FP + FN)) on seeded rows: by group, overall, difference and
 * ratio both ways, without and with control features.
 */
interface FairlearnCase {
  readonly n_groups: number;
  readonly group: number[];
  readonly label: number[];
  readonly prediction: number[];
  readonly control: number[] | null;
  readonly metrics: string[];
  readonly by_group: Record<string, number[]>;
  readonly overall: number[] | Record<string, number[]>;
  readonly difference_between_groups: number[] | Record<string, number[]>;
  readonly difference_to_overall: number[] | Record<string, number[]>;
  readonly ratio_between_groups: number[] | Record<string, number[]>;
  readonly ratio_to_overall: number[] | Record<string, number[]>;
}
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/fairlearn/metric-frame.json', import.meta.url), 'utf8'),
) as { fairlearn: string; cases: FairlearnCase[] };

/** The same counts divided in another order. */
const TOL = 1e-14;

const close = (actual: readonly (number | null)[], expected: readonly number[]) =>
  expected.forEach((v, m) => expect(Math.abs(actual[m]! - v)).toBeLessThanOrEqual(TOL));

test('the fixture was made by fairlearn 0.9.0', () => expect(fixture.fairlearn).toBe('0.9.0'));

fixture.cases.forEach((c, k) =>
  test(`case ${k}: ${c.n_groups} groups${c.control ? ', control features' : ''}: every table equals MetricFrame's`, () => {
    const n = c.label.length;
    const distribution = new Float64Array(n * 2);
    c.prediction.forEach((p, i) => (distribution[2 * i + p] = 1));
    const metrics: GroupMetric[] = c.metrics.map((m) =>
      m === 'threat' ? { name: 'threat', formula: 'TP / (TP + FP + FN)' } : (m as GroupMetric),
    );
    const result = metricFrame(
      {
        group: Int32Array.from(c.group),
        label: Int32Array.from(c.label),
        distribution,
        nClasses: 2,
        groupNames: Array.from({ length: c.n_groups }, (_, s) => String(s)),
        ...(c.control ? { control: { codes: Int32Array.from(c.control), names: ['0', '1'] } } : {}),
      },
      { metrics },
    );
    expect(result.metrics).toEqual(c.metrics);
    for (const level of result.levels) {
      // fairlearn keys by group, or by "(control, group)" with control features.
      const key = (g: string) => (c.control ? `(${level.control}, ${g})` : g);
      const pick = (x: number[] | Record<string, number[]>) => (Array.isArray(x) ? x : x[level.control!]);
      for (const g of level.byGroup) close(g.values, c.by_group[key(g.group)]);
      close(level.overall, pick(c.overall));
      close(level.difference.betweenGroups, pick(c.difference_between_groups));
      close(level.difference.toOverall, pick(c.difference_to_overall));
      close(level.ratio.betweenGroups, pick(c.ratio_between_groups));
      close(level.ratio.toOverall, pick(c.ratio_to_overall));
    }
    expect(result.levels).toHaveLength(c.control ? 2 : 1);
  }),
);

test('refuses an unknown metric and a formula outside the expression language', () => {
  const input = {
    group: Int32Array.from([0, 1]),
    label: Int32Array.from([0, 1]),
    distribution: Float64Array.from([1, 0, 0, 1]),
    nClasses: 2,
    groupNames: ['a', 'b'],
  };
  expect(() => metricFrame(input, { metrics: ['auc' as GroupMetric] })).toThrow(/unknown metric "auc"/);
  expect(() => metricFrame(input, { metrics: [{ name: 'x', formula: 'TP / NOPE' }] })).toThrow();
});
