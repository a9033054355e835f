import type { PredictionMetrics } from '../metrics/index.js';
import type { GroupRatesV1, GroupRowV1, GroupTableV1 } from './report-types.js';

const RATES = ['accuracy', 'selectionRate', 'truePositiveRate', 'falsePositiveRate'] as const;

/** max - min and min / max over the groups that have the rate (fairlearn's between-groups aggregates). */
function aggregates(rows: readonly GroupRowV1[]): { difference: GroupRatesV1; ratio: GroupRatesV1 } {
  const difference: Record<string, number | null> = {};
  const ratio: Record<string, number | null> = {};
  for (const rate of RATES) {
    const values = rows.map((r) => r[rate]).filter((v): v is number => v !== null);
    if (values.length < 2) {
      difference[rate] = null;
      ratio[rate] = null;
      continue;
    }
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    difference[rate] = hi - lo;
    ratio[rate] = hi > 0 ? lo / hi : null;
  }
  return { difference: difference as unknown as GroupRatesV1, ratio: ratio as unknown as GroupRatesV1 };
}

/**
 * Per-group tables of a classifier's measured predictions, as fairlearn's MetricFrame with selection rate, TPR,
 * FPR and accuracy: for binary labels one table for the positive class, otherwise one table per class
 * (one-vs-rest rates). Small-sample flags of the metric engine show as null rates.
 */
export function groupTables(metrics: PredictionMetrics): GroupTableV1[] {
  const classes =
    metrics.positiveClass !== null
      ? [metrics.positiveClass]
      : Array.from({ length: metrics.nClasses }, (_, c) => c);
  return classes.map((c) => {
    const row = (name: string, g: PredictionMetrics['overall']): GroupRowV1 => ({
      group: name,
      rows: g.rows,
      accuracy: g.accuracy,
      selectionRate: g.selectionRate[c],
      truePositiveRate: g.recall[c],
      falsePositiveRate: g.falsePositiveRate[c],
    });
    const byGroup = metrics.groups.map((g) => row(g.name, g));
    return {
      className: metrics.classNames[c],
      byGroup,
      overall: row('overall', metrics.overall),
      ...aggregates(byGroup),
    };
  });
}

const cell = (v: number | null | undefined, digits: number) =>
  v === null || v === undefined ? '-' : v.toFixed(digits);

/**
 * A group table as header and string rows: each group, overall, then the between-group difference and ratio.
 * Shared by the text, Markdown and HTML outputs and the cards.
 */
export function groupTableColumns(table: GroupTableV1, digits = 4): { header: string[]; rows: string[][] } {
  const header = ['group', 'rows', `selection rate (${table.className})`, 'TPR', 'FPR', 'accuracy'];
  const line = (name: string, rows: string, r: GroupRatesV1) => [
    name,
    rows,
    cell(r.selectionRate, digits),
    cell(r.truePositiveRate, digits),
    cell(r.falsePositiveRate, digits),
    cell(r.accuracy, digits),
  ];
  return {
    header,
    rows: [
      ...table.byGroup.map((g) => line(g.group, String(g.rows), g)),
      line('overall', String(table.overall.rows), table.overall),
      line('difference (max - min)', '', table.difference),
      line('ratio (min / max)', '', table.ratio),
    ],
  };
}

/** The caption of a model's group table. */
export function groupTableCaption(model: string, table: GroupTableV1, nTables: number): string {
  return nTables > 1
    ? `${model} by group, class ${table.className} (one-vs-rest)`
    : `${model} by group (positive class ${table.className})`;
}
