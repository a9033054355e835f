import { describe, expect, test } from 'vitest';
import { syntheticTable } from '../../src/data/index.js';
import {
  achievableHeldOut,
  achievableOnCurve,
  heldOutCurve,
  heldOutFrontier,
  type RowEvaluation,
} from '../../src/limits/index.js';
import { criterionValues } from '../../src/metrics/index.js';

/** A two-group, two-class evaluation from its conditional rates P(yHat = 1 | s, y) and masses mu(s, y). */
function evaluation(positive: [number, number, number, number], accuracy: number): RowEvaluation {
  const P = new Float64Array(8);
  positive.forEach((q, sy) => {
    P[sy * 2] = 1 - q;
    P[sy * 2 + 1] = q;
  });
  const mu = Float64Array.from([0.3, 0.2, 0.25, 0.25]);
  return {
    accuracy,
    violations: criterionValues(P, mu, 2, 2),
    P,
    mu,
    unseenRowShare: 0,
    nRows: 100,
  };
}

describe('achievableHeldOut', () => {
  test('mixing with the constant rule: accuracy c + (a - c) alpha / v (closed form, EO)', () => {
    // Rule: EO violation v = 0.2 (TPR 0.8 vs 0.6, FPR 0.3 vs 0.2), accuracy a = 0.8; constant: rates all 0.
    const rule = evaluation([0.3, 0.8, 0.2, 0.6], 0.8);
    const constant = evaluation([0, 0, 0, 0], 0.55);
    expect(rule.violations.eo).toBeCloseTo(0.2, 12);
    for (const alpha of [0, 0.05, 0.1, 0.2, 0.3]) {
      const best = achievableHeldOut([{ tightening: 1, evaluation: rule }], constant, {
        sp: 1,
        eo: alpha,
        oae: 1,
      })!;
      const t = Math.min(1, alpha / 0.2);
      expect(best.accuracy).toBeCloseTo(0.55 + (0.8 - 0.55) * t, 9);
      expect(best.violations.eo).toBeLessThanOrEqual(alpha + 1e-9);
    }
  });

  test('returns null when neither a rule nor the constant meets alpha', () => {
    // OAE of the constant rule is not zero when base rates differ by group.
    const rule = evaluation([0.3, 0.8, 0.2, 0.6], 0.8);
    const constant = evaluation([0, 0, 0, 0], 0.55);
    expect(constant.violations.oae).toBeGreaterThan(0);
    expect(achievableHeldOut([{ tightening: 1, evaluation: rule }], constant, { sp: 1, eo: 1, oae: 0 })).toBe(
      null,
    );
  });
});

describe('held-out frontier on many cells', () => {
  // 5 features x 4 levels x 2 groups: up to 2048 cells for 1500 rows, most held-out cells rare or unseen.
  const table = syntheticTable({ seed: 3, nRows: 1500, nFeatures: 5, levels: 4 });

  test('the achievable held-out point never does worse than the constant rule and meets alpha', async () => {
    const h = await heldOutFrontier(table, {
      alphas: [{ eo: 0 }, { eo: 0.05 }, { sp: 0.02 }],
      folds: 3,
      seed: 2,
    });
    for (const p of h.points) {
      const a = p.achievable!;
      expect(a).not.toBeNull();
      expect(a.accuracy).toBeGreaterThanOrEqual(h.constant.accuracy - 1e-12);
      for (const m of ['sp', 'eo', 'oae'] as const)
        expect(a.violations[m]).toBeLessThanOrEqual(p.alpha[m] + 1e-9);
    }
    expect(h.constant.violations.eo).toBeLessThan(1e-12);
    expect(h.constant.violations.sp).toBeLessThan(1e-12);
  });

  test('pooling rare cells leaves no held-out row to the group-average fallback', async () => {
    const pooled = await heldOutFrontier(table, {
      alphas: [{ eo: 0.05 }],
      folds: 3,
      seed: 2,
      minCellRows: 3,
    });
    const raw = await heldOutFrontier(table, { alphas: [{ eo: 0.05 }], folds: 3, seed: 2, minCellRows: 1 });
    expect(raw.points[0].heldOut.unseenRowShare).toBeGreaterThan(0.1);
    expect(pooled.points[0].heldOut.unseenRowShare).toBe(0);
    expect(pooled.minCellRows).toBe(3);
  });

  test('a held-out curve on one split: the achievable accuracy rises with alpha and meets it', async () => {
    const rows = Array.from({ length: table.nRows }, (_, i) => i);
    const curve = await heldOutCurve(table, rows.slice(0, 1000), rows.slice(1000), { measure: 'eo' });
    let previous = -Infinity;
    for (const alpha of [0, 0.02, 0.05, 0.1, 0.2]) {
      const a = achievableOnCurve(curve, alpha)!;
      expect(a.violations.eo).toBeLessThanOrEqual(alpha + 1e-9);
      expect(a.accuracy).toBeGreaterThanOrEqual(previous - 1e-12);
      expect(a.accuracy).toBeGreaterThanOrEqual(curve.constant.accuracy - 1e-12);
      previous = a.accuracy;
    }
  });
});
