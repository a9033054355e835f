import { describe, expect, test } from 'vitest';
import { tableFromData } from '../../src/data/from-data.js';
import { frontierReport, reportSchemaErrors } from '../../src/report/index.js';
import type { ReportV1, ScoreCurveV1 } from '../../src/report/index.js';
import { createRng, randomInt } from '../../src/rng.js';

const source = { kind: 'memory', name: 'scores' } as const;
const eoSweep = { alphas: { eo: [0, 0.05, 0.1, 0.2] } };

/** 300 rows, 2 groups, a 4-level feature; label depends on both. `scoreOf` gives each row's score. */
function data(
  seed: number,
  scoreOf: (row: { g: string; x: number; y: number }, rng: () => number) => number,
) {
  const rng = createRng(seed);
  const rows = Array.from({ length: 300 }, () => {
    const g = randomInt(rng, 2) === 0 ? 'a' : 'b';
    const x = randomInt(rng, 4);
    const y = rng.next() < 0.2 + 0.15 * x + (g === 'a' ? 0.1 : 0) ? 1 : 0;
    return { g, x, y };
  });
  return rows.map((r) => ({ ...r, s: scoreOf(r, () => rng.next()) }));
}

async function reportOf(rows: readonly Record<string, unknown>[]): Promise<ReportV1> {
  const { table, scores } = tableFromData(rows as never, {
    group: 'g',
    label: 'y',
    features: ['x'],
    scores: [['s']],
  });
  return frontierReport({ table, source, scores: scores! }, eoSweep);
}

/** Every curve point is dominated (lower or equal EO, higher or equal accuracy) by a point placed exactly. */
function everyPointDominatedByAPlacedOne(curve: ScoreCurveV1): boolean {
  const placed = curve.points.filter((p) => p.gap !== undefined);
  return curve.points.every((p) =>
    placed.some((q) => q.violations.eo <= p.violations.eo + 1e-12 && q.accuracy >= p.accuracy - 1e-12),
  );
}

describe('score curves in the frontier report', () => {
  test('a score that is a function of the cell key never lies above the frontier', async () => {
    for (const seed of [1, 2, 3]) {
      // One random score per (feature, group) cell: every threshold rule is a classifier on the cells.
      const cellScore = new Map<string, number>();
      const rng = createRng(100 + seed);
      const rows = data(seed, (r) => {
        const key = `${r.x}|${r.g}`;
        if (!cellScore.has(key)) cellScore.set(key, rng.next());
        return cellScore.get(key)!;
      });
      const curve = (await reportOf(rows)).scoreCurves![0];
      expect(curve.isCellFunction).toBe(true);
      expect(curve.notes).toEqual([]);
      expect(everyPointDominatedByAPlacedOne(curve)).toBe(true);
      for (const p of curve.points.filter((q) => q.gap !== undefined)) {
        expect(p.gap!).toBeGreaterThanOrEqual(-1e-7);
        expect(p.isAboveFrontier).toBe(false);
      }
      expect(curve.best.gap).toBeGreaterThanOrEqual(-1e-7);
      for (const g of curve.groupThresholds) {
        // The group rules read the group, which group-aware cells contain: still classifiers on the cells.
        expect(g.gap).toBeGreaterThanOrEqual(-1e-7);
        expect(g.isAboveFrontier).toBe(false);
      }
    }
  });

  test('a score that leaks the label beyond the cells is flagged above the frontier, not a negative gap', async () => {
    const rows = data(4, (r, next) => 0.6 * r.y + 0.4 * next());
    const curve = (await reportOf(rows)).scoreCurves![0];
    expect(curve.isCellFunction).toBe(false);
    expect(curve.notes.join(' ')).toMatch(/beyond the cell key/);
    expect(curve.best.accuracy).toBe(1); // the threshold 0.6 separates the labels exactly
    expect(curve.best.isAboveFrontier).toBe(true);
    expect(curve.best.gap).toBeLessThan(0);
  });

  test('the best point is the most accurate threshold and curve points follow the thresholds down', async () => {
    const curve = (await reportOf(data(5, (r, next) => 0.3 * r.y + 0.7 * next()))).scoreCurves![0];
    expect(curve.best.accuracy).toBe(Math.max(...curve.points.map((p) => p.accuracy)));
    expect(curve.points[0].threshold).toBe('inf');
    expect(curve.points[0].positiveRate).toBe(0);
    expect(curve.points.at(-1)!.positiveRate).toBe(1);
    expect(curve.groupThresholds.map((g) => g.constraint)).toEqual([
      'demographic_parity',
      'true_positive_rate_parity',
      'false_positive_rate_parity',
      'equalized_odds',
    ]);
    // Fitted equalized odds meets EO exactly, so its gap is taken at alpha_EO = 0.
    expect(curve.groupThresholds[3].violation).toBeCloseTo(0, 9);
  });

  test('the report validates against the schema and is byte-identical on a rerun', async () => {
    const rows = data(6, (r, next) => 0.3 * r.y + 0.7 * next());
    const a = await reportOf(rows);
    const b = await reportOf(rows);
    expect(reportSchemaErrors(a)).toEqual([]);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('analyze with scores', () => {
  test('places the score columns of in-memory rows', async () => {
    const { analyze } = await import('../../src/analyze.js');
    const rows = data(8, (r, next) => 0.3 * r.y + 0.7 * next());
    const r = await analyze(rows, { group: 'g', label: 'y', features: ['x'], eo: [0, 0.1], scores: [['s']] });
    expect(r.scoreCurves!.map((c) => c.name)).toEqual(['s']);
  });
});
