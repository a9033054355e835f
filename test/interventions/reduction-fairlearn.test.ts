import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import {
  exponentiatedGradient,
  mixtureProbabilityOfOne,
  type ReductionCriterion,
} from '../../src/interventions/reduction/index.js';
import { createRng } from '../../src/rng.js';
import { tableLearner } from './stand-ins.js';

/**
 * fairlearn 0.9.0's ExponentiatedGradient for each of its moments (test/fixtures/fairlearn/generate.py) with a
 * fully grown decision tree as oracle, which on these discrete features is the exact cost-sensitive best
 * response, as the table learner is here. The same algorithm with the same oracle and fairlearn's to-overall
 * bound must give the same randomized classifier.
 */
interface FairlearnCase {
  readonly criterion: ReductionCriterion;
  readonly eps: number;
  readonly n_groups: number;
  readonly features: number[][];
  readonly group: number[];
  readonly label: number[];
  readonly positive_probability: number[];
  readonly best_gap: number;
}
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/fairlearn/reductions.json', import.meta.url), 'utf8'),
) as { fairlearn: string; cases: FairlearnCase[] };

test('the fixture was made by fairlearn 0.9.0', () => expect(fixture.fairlearn).toBe('0.9.0'));

/**
 * Training error and fairlearn's violation of a randomized classifier, measured here from P(yHat = 1) per row:
 * the largest |r_s - r| over the constrained events (to-overall), or the largest group error (group loss).
 */
function measure(c: FairlearnCase, p1: ArrayLike<number>) {
  const n = c.label.length;
  const isLoss = c.criterion === 'errorRate' || c.criterion === 'groupLoss';
  const events =
    c.criterion === 'eo' ? [0, 1] : c.criterion === 'tpr' ? [1] : c.criterion === 'fpr' ? [0] : [-1];
  let error = 0;
  for (let i = 0; i < n; i++) error += c.label[i] === 1 ? 1 - p1[i] : p1[i];
  let violation = 0;
  for (const e of events) {
    const sum = new Float64Array(c.n_groups);
    const count = new Float64Array(c.n_groups);
    let all = 0;
    let allCount = 0;
    for (let i = 0; i < n; i++) {
      if (e >= 0 && c.label[i] !== e) continue;
      const u = isLoss ? (c.label[i] === 1 ? 1 - p1[i] : p1[i]) : p1[i];
      sum[c.group[i]] += u;
      count[c.group[i]]++;
      all += u;
      allCount++;
    }
    for (let s = 0; s < c.n_groups; s++)
      violation = Math.max(
        violation,
        c.criterion === 'groupLoss' ? sum[s] / count[s] : Math.abs(sum[s] / count[s] - all / allCount),
      );
  }
  return { error: error / n, violation };
}

/** Rows agree to rounding; where the LP step's optimum is not unique, error and violation agree to this. */
const TOL = 1e-9;
/** Cases whose every row agreed (filled by the per-case tests, which run first). */
const sameRows: boolean[] = [];

fixture.cases.forEach((c, k) =>
  test(`case ${k}: ${c.criterion} at ${c.eps}, ${c.n_groups} groups: the classifier of fairlearn (every row, or error and violation where the LP's optimum is not unique)`, async () => {
    const n = c.label.length;
    const values = new Float64Array(n * 3);
    c.features.forEach((f, i) => values.set([f[0], f[1], c.group[i]], i * 3));
    const x = { nRows: n, nFeatures: 3, values };
    const result = await exponentiatedGradient(
      { x, group: Int32Array.from(c.group), label: Int32Array.from(c.label), nGroups: c.n_groups },
      { measure: c.criterion, eps: c.eps, bound: 'to-overall', learner: tableLearner, rng: createRng(1) },
    );
    const p1 = mixtureProbabilityOfOne(result, x);
    let worst = 0;
    p1.forEach((p, i) => (worst = Math.max(worst, Math.abs(p - c.positive_probability[i]))));
    sameRows[k] = worst <= TOL;
    const ours = measure(c, p1);
    const theirs = measure(c, c.positive_probability);
    expect(Math.abs(ours.violation - result.trainingViolation)).toBeLessThanOrEqual(TOL);
    if (worst > TOL) {
      expect(Math.abs(ours.error - theirs.error)).toBeLessThanOrEqual(TOL);
      expect(Math.abs(ours.violation - theirs.violation)).toBeLessThanOrEqual(TOL);
    }
    expect(ours.violation).toBeLessThanOrEqual(c.eps + result.bestGap + TOL);
  }),
);

test('fairlearn and fairlimit find the same classifier row by row on most cases', () => {
  // Guards the comparison above against passing only through its fallback.
  expect(sameRows.filter(Boolean).length).toBeGreaterThanOrEqual(fixture.cases.length - 2);
});
