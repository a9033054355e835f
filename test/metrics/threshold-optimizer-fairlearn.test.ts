import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  type GroupThresholdRule,
  type ThresholdConstraint,
  type ThresholdObjective,
  thresholdOptimizer,
} from '../../src/metrics/index.js';

/**
 * fairlearn's ThresholdOptimizer on seeded random cases (test/fixtures/fairlearn/generate.py ran fairlearn's own
 * code; 0.9.0 without tol, 0.13.0 with it): every group's thresholds, operators, mixing weights and p_ignore, and
 * P(yHat = 1) of every row.
 */
interface FairlearnRule {
  readonly p0: number;
  readonly p1: number;
  readonly operation0: { readonly operator: '>' | '<'; readonly threshold: number | 'inf' | '-inf' };
  readonly operation1: { readonly operator: '>' | '<'; readonly threshold: number | 'inf' | '-inf' };
  readonly p_ignore: number;
  readonly prediction_constant: number;
}
interface FairlearnCase {
  readonly constraint: ThresholdConstraint;
  readonly objective: ThresholdObjective;
  readonly flip: boolean;
  readonly grid_size: number;
  readonly tol?: number;
  readonly n_groups: number;
  readonly group: number[];
  readonly label: number[];
  readonly score: number[];
  readonly rules: Readonly<Record<string, FairlearnRule>>;
  readonly positive_probability: number[];
}

/** Mixing weights and probabilities agree to rounding (the same arithmetic in a different order). */
const TOL = 1e-12;

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/fairlearn/${name}.json`, import.meta.url), 'utf8')) as {
    fairlearn: string;
    cases: FairlearnCase[];
  };
const threshold = (t: number | 'inf' | '-inf') => (t === 'inf' ? Infinity : t === '-inf' ? -Infinity : t);

function check(c: FairlearnCase) {
  const result = thresholdOptimizer(
    {
      group: Int32Array.from(c.group),
      label: Int32Array.from(c.label),
      score: Float64Array.from(c.score),
      nGroups: c.n_groups,
      nClasses: 2,
    },
    {
      constraint: c.constraint,
      objective: c.objective,
      flip: c.flip,
      gridSize: c.grid_size,
      ...(c.tol !== undefined ? { tol: c.tol } : {}),
    },
  );
  const byGroup = new Map<number, GroupThresholdRule>(result.groups.map((r) => [r.group, r]));
  for (const [name, expected] of Object.entries(c.rules)) {
    const rule = byGroup.get(Number(name))!;
    expect(rule.operator0).toBe(expected.operation0.operator);
    expect(rule.operator1).toBe(expected.operation1.operator);
    expect(rule.threshold0).toBeCloseTo(threshold(expected.operation0.threshold), 12);
    expect(rule.threshold1).toBeCloseTo(threshold(expected.operation1.threshold), 12);
    expect(Math.abs(rule.p0 - expected.p0)).toBeLessThanOrEqual(TOL);
    expect(Math.abs(rule.p1 - expected.p1)).toBeLessThanOrEqual(TOL);
    expect(Math.abs(rule.pIgnore - expected.p_ignore)).toBeLessThanOrEqual(TOL);
    if (c.constraint === 'equalized_odds')
      expect(Math.abs(rule.predictionConstant - expected.prediction_constant)).toBeLessThanOrEqual(TOL);
  }
  c.positive_probability.forEach((p, i) =>
    expect(Math.abs(result.positiveProbability[i] - p)).toBeLessThanOrEqual(TOL),
  );
}

describe('thresholdOptimizer equals fairlearn 0.9.0 (objectives, flip, grid sizes)', () => {
  const fixture = load('threshold-optimizer');
  test('the fixture was made by fairlearn 0.9.0', () => expect(fixture.fairlearn).toBe('0.9.0'));
  fixture.cases.forEach((c, k) =>
    test(`case ${k}: ${c.constraint}, ${JSON.stringify(c.objective)}, flip ${c.flip}, grid ${c.grid_size}, ${c.n_groups} groups`, () =>
      check(c)),
  );
});

describe("thresholdOptimizer's tol equals fairlearn 0.13.0's relaxed constraints", () => {
  const fixture = load('threshold-optimizer-tol');
  test('the fixture was made by fairlearn 0.13.0', () => expect(fixture.fairlearn).toBe('0.13.0'));
  fixture.cases.forEach((c, k) =>
    test(`case ${k}: ${c.constraint}, ${JSON.stringify(c.objective)}, tol ${c.tol}, flip ${c.flip}`, () =>
      check(c)),
  );
});

test('the cost objective with equal error costs picks the rules of accuracy (cost = 1 - accuracy)', () => {
  const c = load('threshold-optimizer').cases;
  for (const k of [0, 1, 2, 3]) {
    const input = {
      group: Int32Array.from(c[k].group),
      label: Int32Array.from(c[k].label),
      score: Float64Array.from(c[k].score),
      nGroups: c[k].n_groups,
      nClasses: 2,
    };
    const options = { constraint: c[k].constraint, gridSize: c[k].grid_size };
    const byAccuracy = thresholdOptimizer(input, { ...options, objective: 'accuracy_score' });
    const byCost = thresholdOptimizer(input, {
      ...options,
      objective: {
        kind: 'cost',
        cost: [
          [0, 3],
          [3, 0],
        ],
      },
    });
    expect(byCost.groups).toEqual(byAccuracy.groups);
    expect(byCost.expectedAccuracy).toBeCloseTo(-3 * (1 - byAccuracy.expectedAccuracy), 12);
  }
});

test('refuses tol with equalized odds and an objective that decreases in the true positives', () => {
  const input = {
    group: Int32Array.from([0, 0, 1, 1]),
    label: Int32Array.from([0, 1, 0, 1]),
    score: Float64Array.from([0.1, 0.9, 0.2, 0.8]),
    nGroups: 2,
    nClasses: 2,
  };
  expect(() => thresholdOptimizer(input, { constraint: 'equalized_odds', tol: 0.1 })).toThrow(/tol/);
  expect(() =>
    thresholdOptimizer(input, { constraint: 'equalized_odds', objective: 'selection_rate' }),
  ).toThrow(/objectives/);
  expect(() =>
    thresholdOptimizer(input, {
      constraint: 'equalized_odds',
      objective: {
        kind: 'cost',
        cost: [
          [0, 1],
          [0, 1],
        ],
      },
    }),
  ).toThrow(/true positives/);
});
