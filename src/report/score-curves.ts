import type { ScoreColumn } from '../data/score-columns.js';
import type { EncodedTable } from '../data/table.js';
import { distributionFromTable } from '../distribution/index.js';
import {
  CRITERIA,
  CRITERION_KIND,
  type Criterion,
  THRESHOLD_CONSTRAINTS,
  type ThresholdCurve,
  type ThresholdOptimizerResult,
  thresholdCurve,
  thresholdOptimizer,
} from '../metrics/index.js';
import { groupTables } from './group-table.js';
import type {
  CriterionValuesV1,
  ModelPointV1,
  ScoreCurveV1,
  ThresholdOptimizerV1,
  ThresholdPointV1,
  ThresholdV1,
} from './report-types.js';

/** Most curve points written to a report (evenly spread by rank, plus the best and the gap points). */
export const SCORE_CURVE_MAX_POINTS = 400;
/** Most curve points that get an exact FairFront (one LP each), evenly spread over the Pareto-efficient ones. */
export const SCORE_CURVE_MAX_GAPS = 20;
/**
 * A rule is "above the frontier" when its gap is below -ABOVE_FRONTIER_TOL: FairFront is an LP value accurate to
 * the solver's 1e-7 value check (docs/design.md, The exact LP), so smaller negative gaps are rounding.
 */
export const ABOVE_FRONTIER_TOL = 1e-7;

/** Where FairFront is taken for a measured rule (the report's `frontierAt`: one LP, recorded for the brackets). */
export type FrontierAt = (violations: Readonly<Record<Criterion, number>>) => number;

/** A score model measured before any LP: its curve, the kept and gap points, and the fitted group thresholds. */
export interface PlannedScoreCurve {
  readonly column: ScoreColumn;
  readonly curve: ThresholdCurve;
  readonly kept: readonly number[];
  readonly gapIndices: readonly number[];
  readonly optimizers: readonly ThresholdOptimizerResult[];
  readonly isCellFunction: boolean;
  readonly notes: readonly string[];
}

const thresholdV1 = (t: number): ThresholdV1 => (t === Infinity ? 'inf' : t === -Infinity ? '-inf' : t);
const inOrder = (r: Readonly<Record<Criterion, number>>): CriterionValuesV1 =>
  Object.fromEntries(CRITERIA.map((c) => [c, r[c]])) as unknown as CriterionValuesV1;

/** Evenly spread indices of 0..n-1, at most `max` of them, always with the first and the last. */
function spread(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out = new Set<number>();
  for (let k = 0; k < max; k++) out.add(Math.round((k * (n - 1)) / (max - 1)));
  return [...out];
}

/**
 * The curve points not dominated along `measure` (no other point with at least the accuracy and a better or
 * equal value of the measure): differences and group loss are better lower, ratios higher.
 */
function paretoIndices(curve: ThresholdCurve, measure: Criterion): number[] {
  const sign = CRITERION_KIND[measure] === 'ratio' ? -1 : 1;
  const order = curve.points
    .map((p, i) => ({ i, v: sign * p.criteria[measure], a: p.accuracy }))
    .sort((x, y) => x.v - y.v || y.a - x.a || x.i - y.i);
  const out: number[] = [];
  let bestAccuracy = -Infinity;
  for (const o of order)
    if (o.a > bestAccuracy) {
      out.push(o.i);
      bestAccuracy = o.a;
    }
  return out.sort((x, y) => x - y);
}

/** Whether the score is constant within every cell (then a threshold rule is a classifier on the cells). */
function isCellFunctionOf(table: EncodedTable, score: Float64Array, isGroupAware: boolean): boolean {
  const { cellOfRow, distribution } = distributionFromTable(table, { isGroupAware });
  const first = new Float64Array(distribution.cellKeys.length).fill(NaN);
  for (let i = 0; i < score.length; i++) {
    const k = cellOfRow[i];
    if (Number.isNaN(first[k])) first[k] = score[i];
    else if (first[k] !== score[i]) return false;
  }
  return true;
}

/**
 * Measures each score model on the table's rows (no LP yet): the single-threshold curve, the points to keep
 * and the ones to place exactly, fairlearn's group thresholds for each constraint, and whether the score is a
 * function of the cells. `nSolves` is the number of LPs `placeScoreCurves` will ask for.
 * @throws InputError as `thresholdCurve` and `thresholdOptimizer`
 */
export function planScoreCurves(
  table: EncodedTable,
  scores: readonly ScoreColumn[],
  gapMeasure: Criterion,
  isGroupAware: boolean,
): { readonly planned: PlannedScoreCurve[]; readonly nSolves: number } {
  let nSolves = 0;
  const planned = scores.map((column): PlannedScoreCurve => {
    const input = {
      group: table.group,
      label: table.label,
      score: column.score,
      nGroups: table.groupNames.length,
      nClasses: table.classNames.length,
      ...(table.weight ? { weight: table.weight } : {}),
    };
    const curve = thresholdCurve(input);
    const pareto = paretoIndices(curve, gapMeasure);
    const gapIndices = spread(pareto.length, SCORE_CURVE_MAX_GAPS).map((k) => pareto[k]);
    const kept = [
      ...new Set([...spread(curve.points.length, SCORE_CURVE_MAX_POINTS), curve.bestIndex, ...gapIndices]),
    ].sort((a, b) => a - b);
    const optimizers = THRESHOLD_CONSTRAINTS.map((constraint) =>
      thresholdOptimizer(input, { constraint, groupNames: table.groupNames }),
    );
    const isCellFunction = isCellFunctionOf(table, column.score, isGroupAware);
    const notes: string[] = [];
    if (!isCellFunction)
      notes.push(
        `the score is not constant within the frontier's cells: a threshold rule may use information beyond the cell key, so it can lie above this frontier (such points are flagged isAboveFrontier, not read as negative gaps)`,
      );
    if (!isGroupAware)
      notes.push(
        'the cells are group-blind but the group thresholds read the group: they may lie above this frontier',
      );
    nSolves += gapIndices.length + 1 + optimizers.length;
    return { column, curve, kept, gapIndices, optimizers, isCellFunction, notes };
  });
  return { planned, nSolves };
}

/**
 * Places the planned score models against the frontier: FairFront at each measured rule through `frontierAt`
 * (in this order per model: the gap points, the best threshold, each constraint), as `--predictions` models are
 * placed. Returns the curves and, in the same order as the `frontierAt` calls, the model points whose gaps the
 * report brackets (`withScoreGapBrackets` puts the brackets back).
 */
export function placeScoreCurves(
  planned: readonly PlannedScoreCurve[],
  frontierAt: FrontierAt,
  gapMeasure: Criterion,
): { readonly curves: ScoreCurveV1[]; readonly placed: ModelPointV1[] } {
  const placed: ModelPointV1[] = [];
  const place = (
    name: string,
    source: string,
    accuracy: number,
    criteria: Readonly<Record<Criterion, number>>,
  ): ModelPointV1 => {
    const frontierAccuracy = frontierAt(criteria);
    const point: ModelPointV1 = {
      name,
      source,
      measure: gapMeasure,
      violation: criteria[gapMeasure],
      accuracy,
      frontierAccuracy,
      gap: frontierAccuracy - accuracy,
      violations: inOrder(criteria),
    };
    placed.push(point);
    return point;
  };
  const curves = planned.map((p): ScoreCurveV1 => {
    const { curve, column } = p;
    const gaps = new Map<number, ModelPointV1>();
    for (const i of p.gapIndices) {
      const q = curve.points[i];
      gaps.set(i, place(`${column.name} >= ${q.threshold}`, 'score threshold', q.accuracy, q.criteria));
    }
    const points: ThresholdPointV1[] = p.kept.map((i) => {
      const q = curve.points[i];
      const g = gaps.get(i);
      return {
        threshold: thresholdV1(q.threshold),
        accuracy: q.accuracy,
        positiveRate: q.positiveRate,
        violations: inOrder(q.criteria),
        ...(g
          ? {
              frontierAccuracy: g.frontierAccuracy,
              gap: g.gap,
              isAboveFrontier: g.gap < -ABOVE_FRONTIER_TOL,
            }
          : {}),
      };
    });
    const b = curve.points[curve.bestIndex];
    const best = place(column.name, 'best single threshold', b.accuracy, b.criteria);
    const groupThresholds = p.optimizers.map((r): ThresholdOptimizerV1 => {
      const m = place(`${column.name} ${r.constraint}`, 'threshold optimizer', r.accuracy, r.criteria);
      return {
        ...m,
        byGroup: groupTables(r.metrics),
        constraint: r.constraint,
        gridSize: r.gridSize,
        x: r.x,
        y: r.y,
        expectedAccuracy: r.expectedAccuracy,
        groups: r.groups.map((g) => ({
          group: r.metrics.groupNames[g.group],
          p0: g.p0,
          threshold0: thresholdV1(g.threshold0),
          p1: g.p1,
          threshold1: thresholdV1(g.threshold1),
          pIgnore: g.pIgnore,
          predictionConstant: g.predictionConstant,
        })),
        isAboveFrontier: m.gap < -ABOVE_FRONTIER_TOL,
      };
    });
    return {
      name: column.name,
      columns: [...column.columns],
      isCellFunction: p.isCellFunction,
      nThresholds: curve.points.length,
      points,
      best: { ...best, threshold: thresholdV1(b.threshold), isAboveFrontier: best.gap < -ABOVE_FRONTIER_TOL },
      groupThresholds,
      notes: [...p.notes],
    };
  });
  return { curves, placed };
}

/**
 * Copies the gap brackets (gapHigh, gapLow) of the placed points back into the curves' best threshold and group
 * thresholds; `bracketed` is `placed` after the report's gap brackets, in the same order.
 */
export function withScoreGapBrackets(
  curves: readonly ScoreCurveV1[],
  bracketed: readonly ModelPointV1[],
): ScoreCurveV1[] {
  let at = 0;
  const bracketOf = (m: ModelPointV1) => ({
    ...(m.gapHigh !== undefined ? { gapHigh: m.gapHigh } : {}),
    ...(m.gapLow !== undefined ? { gapLow: m.gapLow } : {}),
  });
  return curves.map((c) => {
    at += c.points.filter((q) => q.gap !== undefined).length; // the gap points come first
    const best = { ...c.best, ...bracketOf(bracketed[at++]) };
    const groupThresholds = c.groupThresholds.map((g) => ({ ...g, ...bracketOf(bracketed[at++]) }));
    return { ...c, best, groupThresholds };
  });
}
