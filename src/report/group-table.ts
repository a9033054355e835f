import { InputError } from '../errors.js';
import type { PredictionMetrics } from '../metrics/index.js';
import type {
  GroupIntervalsV1,
  GroupRatesV1,
  GroupRowV1,
  GroupTableV1,
  RateIntervalV1,
  ReferenceDisparitiesV1,
} from './report-types.js';

/** Level of the per-group rate intervals. */
export const GROUP_RATE_LEVEL = 0.95;
/** The standard normal quantile at 0.975: the two-sided 95% Wilson interval. */
const Z_95 = 1.959963984540054;

/** The four-fifths rule: a group's rate within [0.8, 1.25] times the reference group's passes. */
export const DEFAULT_DISPARITY_BAND = 0.8;

/**
 * Wilson score interval of a proportion x / n (Wilson 1927): the p whose score test at level 95% does not reject,
 * (p + z^2/2n +- z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n). Unlike p +- z se it stays in [0, 1] and keeps its
 * coverage near 0 and 1, where group rates often are. x and n may be fractional (randomized predictions).
 */
export function wilsonInterval(successes: number, n: number): RateIntervalV1 | null {
  if (!(n > 0)) return null;
  const p = Math.min(1, Math.max(0, successes / n));
  const z2 = Z_95 * Z_95;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (Z_95 / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lower: Math.max(0, center - half), upper: Math.min(1, center + half) };
}

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
  // The overall confusion table is the sum of the groups' (every row belongs to one group).
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
    ): GroupRowV1 => {
      const rates = {
        accuracy: accuracyOf(g, confusion),
        selectionRate: g.selectionRate[c],
        truePositiveRate: g.recall[c],
        falsePositiveRate: g.falsePositiveRate[c],
      };
      return { group: name, rows: g.rows, ...rates, intervals: rateIntervals(confusion, c, g.rows, rates) };
    };
    const byGroup = metrics.groups.map((g) => row(g.name, g, g.confusion));
    return {
      className: metrics.classNames[c],
      byGroup,
      overall: row('overall', metrics.overall, overallConfusion),
      ...aggregates(byGroup),
    };
  });
}

/**
 * The Wilson intervals of one group's rates for class c, from its weighted confusion table (label x prediction).
 * Weights are rescaled to the group's row count, so that n is the number of rows (exact for unweighted data).
 */
function rateIntervals(
  confusion: readonly (readonly number[])[],
  c: number,
  rows: number,
  rates: GroupRatesV1,
): GroupIntervalsV1 {
  let total = 0;
  let correct = 0;
  let predictedC = 0;
  let labelC = 0;
  let otherPredictedC = 0;
  confusion.forEach((byPrediction, y) =>
    byPrediction.forEach((w, yHat) => {
      total += w;
      if (y === yHat) correct += w;
      if (yHat === c) predictedC += w;
      if (y === c) labelC += w;
      if (y !== c && yHat === c) otherPredictedC += w;
    }),
  );
  const scale = total > 0 ? rows / total : 0;
  const interval = (rate: number | null, x: number, n: number) =>
    rate === null ? null : wilsonInterval(x * scale, n * scale);
  return {
    level: GROUP_RATE_LEVEL,
    method: 'wilson',
    accuracy: interval(rates.accuracy, (rates.accuracy ?? 0) * total, total), // one-vs-rest with more classes
    selectionRate: interval(rates.selectionRate, predictedC, total),
    truePositiveRate: interval(rates.truePositiveRate, confusion[c][c], labelC),
    falsePositiveRate: interval(rates.falsePositiveRate, otherPredictedC, total - labelC),
  };
}

/**
 * Adds disparities against a reference group (Aequitas' disparity and fairness determination): every group's
 * rate over the reference's, and minus it; a ratio passes when it lies in [band, 1 / band].
 * @throws InputError E_BAD_OPTION (a group that is not in the table, a band outside (0, 1])
 */
export function withReferenceDisparities(
  table: GroupTableV1,
  referenceGroup: string,
  band = DEFAULT_DISPARITY_BAND,
): GroupTableV1 {
  if (!(band > 0 && band <= 1))
    throw new InputError('E_BAD_OPTION', `the disparity band must be in (0, 1], got ${band}`, {
      option: 'disparityBand',
    });
  const ref = table.byGroup.find((g) => g.group === referenceGroup);
  if (!ref)
    throw new InputError(
      'E_BAD_OPTION',
      `reference group "${referenceGroup}" is not a group (groups: ${table.byGroup.map((g) => g.group).join(', ')})`,
      { option: 'referenceGroup' },
    );
  const upper = 1 / band;
  const byGroup = table.byGroup.map((g) => {
    const ratio: Record<string, number | null> = {};
    const difference: Record<string, number | null> = {};
    const passes: Record<string, boolean | null> = {};
    for (const rate of RATES) {
      const v = g[rate];
      const r = ref[rate];
      difference[rate] = v === null || r === null ? null : v - r;
      ratio[rate] = v === null || r === null || r === 0 ? null : v / r;
      const q = ratio[rate];
      passes[rate] = q === null ? null : q >= band && q <= upper;
    }
    return {
      group: g.group,
      ratio: ratio as unknown as GroupRatesV1,
      difference: difference as unknown as GroupRatesV1,
      passes: passes as unknown as ReferenceDisparitiesV1['byGroup'][number]['passes'],
    };
  });
  return { ...table, reference: { referenceGroup, band: [band, upper], byGroup } };
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

/** An interval as "[0.421, 0.483]" ('-' without one, '' for rows that have none). */
const intervalCell = (i: RateIntervalV1 | null | undefined, digits: number) =>
  i === undefined ? '' : i === null ? '-' : `[${i.lower.toFixed(digits)}, ${i.upper.toFixed(digits)}]`;

/** A ratio with its verdict: "0.7500 fail". */
const verdict = (v: number | null, pass: boolean | null, digits: number) =>
  v === null ? '-' : `${v.toFixed(digits)} ${pass ? 'pass' : 'fail'}`;

/**
 * A group table as header and string rows: each group, overall, then the between-group difference and ratio.
 * Shared by the text, Markdown and HTML outputs and the cards.
 */
export function groupTableColumns(table: GroupTableV1, digits = 4): { header: string[]; rows: string[][] } {
  const header = ['group', 'rows', `selection rate (${table.className})`, 'TPR', 'FPR', 'accuracy'];
  // The rates first (in the columns readers and tests know), then their intervals, when the rows carry them.
  const level = table.overall.intervals ? `${Math.round(100 * table.overall.intervals.level)}%` : undefined;
  const intervalDigits = Math.min(digits, 3);
  const line = (name: string, rows: string, r: GroupRatesV1, i?: GroupIntervalsV1) => [
    name,
    rows,
    cell(r.selectionRate, digits),
    cell(r.truePositiveRate, digits),
    cell(r.falsePositiveRate, digits),
    cell(r.accuracy, digits),
    ...(level
      ? [
          intervalCell(i?.selectionRate, intervalDigits),
          intervalCell(i?.truePositiveRate, intervalDigits),
          intervalCell(i?.falsePositiveRate, intervalDigits),
          intervalCell(i?.accuracy, intervalDigits),
        ]
      : []),
  ];
  const blanks = level ? ['', '', '', ''] : [];
  if (level)
    header.push(
      `selection ${level} interval`,
      `TPR ${level} interval`,
      `FPR ${level} interval`,
      `accuracy ${level} interval`,
    );
  const ref = table.reference;
  const referenceRows = ref
    ? ref.byGroup
        .filter((g) => g.group !== ref.referenceGroup)
        .flatMap((g) => [
          [
            `${g.group} / ${ref.referenceGroup}`,
            '',
            verdict(g.ratio.selectionRate, g.passes.selectionRate, digits),
            verdict(g.ratio.truePositiveRate, g.passes.truePositiveRate, digits),
            verdict(g.ratio.falsePositiveRate, g.passes.falsePositiveRate, digits),
            verdict(g.ratio.accuracy, g.passes.accuracy, digits),
            ...blanks,
          ],
          [
            `${g.group} - ${ref.referenceGroup}`,
            '',
            cell(g.difference.selectionRate, digits),
            cell(g.difference.truePositiveRate, digits),
            cell(g.difference.falsePositiveRate, digits),
            cell(g.difference.accuracy, digits),
            ...blanks,
          ],
        ])
    : [];
  return {
    header,
    rows: [
      ...table.byGroup.map((g) => line(g.group, String(g.rows), g, g.intervals)),
      line('overall', String(table.overall.rows), table.overall, table.overall.intervals),
      line('difference (max - min)', '', table.difference),
      line('ratio (min / max)', '', table.ratio),
      ...referenceRows,
    ],
  };
}

/** The caption of a model's group table. */
export function groupTableCaption(model: string, table: GroupTableV1, nTables: number): string {
  const base =
    nTables > 1
      ? `${model} by group, class ${table.className} (one-vs-rest)`
      : `${model} by group (positive class ${table.className})`;
  const ref = table.reference;
  const disparities = ref
    ? `; disparities against "${ref.referenceGroup}": ratio (pass within [${ref.band[0]}, ${Number(ref.band[1].toFixed(4))}]) and difference`
    : '';
  return `${base}${disparities}`;
}
