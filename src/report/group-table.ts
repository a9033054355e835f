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
  const isMultiClass = metrics.positiveClass === null;
  const overallConfusion = Array.from({ length: metrics.nClasses }, (_, y) =>
    Array.from({ length: metrics.nClasses }, (_, yHat) =>
      metrics.groups.reduce((sum, g) => sum + g.confusion[y][yHat], 0),
    ),
  );
  return classes.map((c) => {
    // With more than two classes each table is one class against the rest: its accuracy is that of the
    // prediction [yHat = c] for the label [y = c], like its selection rate, TPR and FPR.
    const accuracyOf = (g: PredictionMetrics['overall'], confusion: readonly (readonly number[])[]) =>
      isMultiClass ? oneVsRestAccuracy(confusion, c) : g.accuracy;
    const row = (
      name: string,
      g: PredictionMetrics['overall'],
      confusion: readonly (readonly number[])[],
    ): GroupRowV1 => ({
      group: name,
      rows: g.rows,
      accuracy: accuracyOf(g, confusion),
      selectionRate: g.selectionRate[c],
      truePositiveRate: g.recall[c],
      falsePositiveRate: g.falsePositiveRate[c],
    });
    const byGroup = metrics.groups.map((g) => row(g.name, g, g.confusion));
    return {
      className: metrics.classNames[c],
      byGroup,
      overall: row('overall', metrics.overall, overallConfusion),
      ...aggregates(byGroup),
    };
  });
}

/** Share of weight where [yHat = c] equals [y = c], from the confusion counts confusion[y][yHat]; null without weight. */
function oneVsRestAccuracy(confusion: readonly (readonly number[])[], c: number): number | null {
  let total = 0;
  let wrong = 0;
  confusion.forEach((row, y) =>
    row.forEach((w, yHat) => {
      total += w;
      if ((y === c) !== (yHat === c)) wrong += w;
    }),
  );
  return total > 0 ? 1 - wrong / total : null;
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
