import { constraintText } from '../report/model-card.js';
import { thresholdText } from '../report/format-scores.js';
import { CRITERIA, isVacuousBound } from '../metrics/criterion.js';
import type { CriterionNameV1, ReportV1 } from '../report/report-types.js';
import { benchmarkSpec } from './benchmark-spec.js';
import { type ChartBand, type ChartCurve, type ChartMarkers, frontierChart } from './frontier-chart.js';
import { heatmapChart } from './heatmap-chart.js';
import { missingSpec } from './missing-spec.js';
import { COLORS, type VegaLiteSpec } from './style.js';

/** The criterion on the x axis: the swept one, else the first constrained one (any family), else EO. */
export function xMeasure(report: ReportV1): CriterionNameV1 {
  const alphas = report.settings.constraints.alphas as Readonly<Partial<Record<CriterionNameV1, number[]>>>;
  return (
    report.settings.constraints.swept[0] ??
    CRITERIA.find((m) => alphas[m] !== undefined && !isVacuousBound(m, alphas[m]![0])) ??
    'eo'
  );
}

/** What the report's curve plots: the objective's value (accuracy unless the settings name another). */
const objectiveOf = (report: ReportV1) => report.settings.objective?.kind ?? 'accuracy';

/**
 * The frontier curve as a vega-lite spec: FairFront(alpha) against the swept alpha (line and points, with the
 * dual bound as a tooltip), the Bayes accuracy as a dashed rule, and each model as a point joined to the
 * frontier at its own violation by a vertical segment (its epistemic gap, docs/design.md, The frontier and
 * the gap).
 */
export function frontierSpec(report: ReportV1): VegaLiteSpec {
  const m = xMeasure(report);
  const e = report.estimation;
  const curves: ChartCurve[] = [
    {
      name: 'FairFront (exact LP, in sample)',
      points: report.frontier.map((p) => ({
        alpha: p.alpha[m]!,
        accuracy: objectiveOf(report) === 'accuracy' ? p.accuracy : p.value!,
        dualBound: p.dualBound,
        constraints: constraintText(p),
      })),
    },
  ];
  const honest = e?.honest?.points ?? [];
  const achievable = honest.flatMap((p) =>
    p.achievable ? [{ alpha: p.alpha[m]!, accuracy: p.achievable.accuracy }] : [],
  );
  if (achievable.length > 0)
    curves.push({
      name: 'achievable held-out accuracy',
      dashed: true,
      color: COLORS.heldOut,
      points: achievable,
    });
  // A held-out point lies at its own held-out violation, not at the training alpha.
  const markers: ChartMarkers[] =
    honest.length > 0
      ? [
          {
            name: 'held-out accuracy of the fitted rule, at its held-out violation',
            color: COLORS.heldOutPoint,
            points: honest.map((p) => ({
              x: p.heldOut.violations[m]!,
              accuracy: p.heldOut.accuracy,
              alpha: p.alpha[m]!,
              train: p.train,
            })),
            tooltip: [
              { field: 'alpha', title: 'training alpha' },
              { field: 'x', title: 'held-out violation' },
              { field: 'accuracy', title: 'held-out accuracy' },
              { field: 'train', title: 'FairFront of the training rows' },
            ],
          },
        ]
      : [];
  const bands: ChartBand[] = [];
  if ((e?.interval ?? []).length > 0)
    bands.push({
      name: `${Number((e!.interval![0].level * 100).toPrecision(6))}% interval for the population FairFront`,
      color: COLORS.interval,
      points: e!.interval!.map((b) => ({ alpha: b.alpha[m]!, lower: b.lower, upper: b.upper })),
    });
  if ((e?.bootstrap?.bands ?? []).length > 0)
    bands.push({
      name: `spread over ${e!.bootstrap!.replicates} bootstrap resamples (not an interval)`,
      points: e!.bootstrap!.bands.map((b) => ({ alpha: b.alpha[m]!, lower: b.lower, upper: b.upper })),
    });
  if ((e?.bracket ?? []).length > 0)
    bands.push({
      name: 'certified bracket (lower: achievable, upper: dual bound)',
      color: COLORS.bracket,
      bars: true,
      points: e!.bracket!.map((b) => ({ alpha: b.alpha[m]!, lower: b.lower, upper: b.upper })),
    });
  return frontierChart({
    measure: m,
    title: 'FairFront: the best accuracy any classifier can reach',
    subtitle: `${report.data.source.name}, N = ${report.data.nRows}, ${report.data.cells.count} cells`,
    curves,
    bands,
    markers,
    objective: objectiveOf(report),
    // The reference is the Bayes accuracy: drawn only where the curve is an accuracy.
    ...(objectiveOf(report) === 'accuracy' ? { bayesAccuracy: report.reference.bayesAccuracy } : {}),
    models: [
      ...(report.models ?? []),
      ...(report.scoreCurves ?? []).flatMap((c) => [
        { ...c.best, name: `${c.name}: best threshold` },
        ...c.groupThresholds.map((g) => ({ ...g, name: `${c.name}: ${g.constraint}` })),
      ]),
    ].map((p) => ({
      name: p.name,
      violation: p.violation,
      accuracy: p.accuracy,
      frontierAccuracy: p.frontierAccuracy,
      gap: p.gap,
      ...(typeof p.gapLow === 'number' ? { heldOutAccuracy: p.accuracy + p.gapLow } : {}),
    })),
    // Each score's single-threshold rules and their upper edge (docs/scores.md).
    paths: (report.scoreCurves ?? []).map((c) => ({
      name: `${c.name}: single-threshold rules`,
      edgeName: `${c.name}: best single threshold up to each violation`,
      points: c.points.map((p) => ({
        x: p.violations[m] ?? Number.NaN,
        accuracy: p.accuracy,
        threshold: thresholdText(p.threshold),
      })),
    })),
  });
}

/**
 * The 2-D grid as a heat map: FairFront at every (alpha_x, alpha_y), cells colored by accuracy and labelled.
 * Requires `report.grid`.
 */
export function heatmapSpec(report: ReportV1): VegaLiteSpec {
  const grid = report.grid;
  if (!grid) throw new Error('heatmapSpec needs a report with a grid');
  // With the bracket fallback (no exact points) a cell shows the bracket's lower bound and both bounds as text.
  const cells =
    report.frontier.length > 0
      ? report.frontier.map((p) => ({
          x: p.alpha[grid.x]!,
          y: p.alpha[grid.y]!,
          accuracy: objectiveOf(report) === 'accuracy' ? p.accuracy : p.value!,
          label: (objectiveOf(report) === 'accuracy' ? p.accuracy : p.value!).toFixed(4),
        }))
      : (report.estimation?.bracket ?? []).map((b) => ({
          x: b.alpha[grid.x]!,
          y: b.alpha[grid.y]!,
          accuracy: b.lower,
          label: `${b.lower.toFixed(3)}–${b.upper.toFixed(3)}`,
        }));
  return heatmapChart({
    title: 'FairFront over two fairness tolerances',
    subtitle: `${report.data.source.name}, N = ${report.data.nRows}`,
    x: { measure: grid.x, alphas: grid.xAlphas },
    y: { measure: grid.y, alphas: grid.yAlphas },
    cells,
    objective: objectiveOf(report),
  });
}

/**
 * The chart a report calls for: the settings' frontiers for a missing-value study, each method's curve for a
 * benchmark, the heat map for a grid, else the frontier curve.
 */
export function reportSpec(report: ReportV1): VegaLiteSpec {
  if (report.missing) return missingSpec(report);
  if (report.benchmark) return benchmarkSpec(report.benchmark);
  return report.grid ? heatmapSpec(report) : frontierSpec(report);
}
