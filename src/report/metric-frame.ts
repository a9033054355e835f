import { compileExpression } from '../data/expressions.js';
import { checkOptionsObject } from '../check-masses.js';
import { ExpressionNames } from '../data/expression-names.js';
import { InputError, describeValue } from '../errors.js';

/**
 * The per-group metrics of fairlearn's MetricFrame that are functions of one class's confusion counts (true and
 * false positives and negatives, one-vs-rest for more than two classes).
 */
export const GroupMetricName = {
  accuracy: 'accuracy',
  errorRate: 'errorRate',
  selectionRate: 'selectionRate',
  precision: 'precision',
  recall: 'recall',
  f1: 'f1',
  falsePositiveRate: 'falsePositiveRate',
  falseNegativeRate: 'falseNegativeRate',
  trueNegativeRate: 'trueNegativeRate',
  balancedAccuracy: 'balancedAccuracy',
} as const;
export type GroupMetricName = keyof typeof GroupMetricName;
export const isGroupMetricName = (m: string): m is GroupMetricName => Object.hasOwn(GroupMetricName, m);

/** A named metric, or a user formula over TP, FP, TN, FN (the expression language of --derive, mathjs). */
export type GroupMetric = GroupMetricName | { readonly name: string; readonly formula: string };

/** Weighted confusion counts of one class (randomized predictions counted by probability). */
export interface ConfusionCounts {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const METRIC_OF: Readonly<Record<GroupMetricName, (c: ConfusionCounts) => number | null>> = {
  accuracy: (c) => ratio(c.tp + c.tn, c.tp + c.fp + c.tn + c.fn),
  errorRate: (c) => ratio(c.fp + c.fn, c.tp + c.fp + c.tn + c.fn),
  selectionRate: (c) => ratio(c.tp + c.fp, c.tp + c.fp + c.tn + c.fn),
  precision: (c) => ratio(c.tp, c.tp + c.fp),
  recall: (c) => ratio(c.tp, c.tp + c.fn),
  f1: (c) => ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
  falsePositiveRate: (c) => ratio(c.fp, c.fp + c.tn),
  falseNegativeRate: (c) => ratio(c.fn, c.fn + c.tp),
  trueNegativeRate: (c) => ratio(c.tn, c.tn + c.fp),
  balancedAccuracy: (c) => {
    const tpr = ratio(c.tp, c.tp + c.fn);
    const tnr = ratio(c.tn, c.tn + c.fp);
    return tpr === null || tnr === null ? null : (tpr + tnr) / 2;
  },
};

export interface MetricFrameInput {
  readonly group: Int32Array;
  readonly label: Int32Array;
  /** P(Yhat = c) per row, row-major nRows x nClasses (one-hot for hard predictions). */
  readonly distribution: Float64Array;
  readonly nClasses: number;
  readonly groupNames: readonly string[];
  readonly weight?: Float64Array;
  /** fairlearn's control_features: every table is computed within each level. */
  readonly control?: { readonly codes: Int32Array; readonly names: readonly string[] };
}

export interface MetricFrameOptions {
  readonly metrics: readonly GroupMetric[];
  /** The class the counts refer to (one-vs-rest); default 1 (binary labels). */
  readonly positiveClass?: number;
}

/** One level of the control features (or all rows): per-group values, overall, and the aggregates per metric. */
export interface MetricFrameLevel {
  /** The control level's name, or null without control features. */
  readonly control: string | null;
  /** Per group (groups with rows in this level): each metric's value, null where undefined (0 / 0). */
  readonly byGroup: readonly { readonly group: string; readonly values: readonly (number | null)[] }[];
  readonly overall: readonly (number | null)[];
  /** MetricFrame.difference: between_groups = max - min; to_overall = max |group - overall|. */
  readonly difference: {
    readonly betweenGroups: readonly (number | null)[];
    readonly toOverall: readonly (number | null)[];
  };
  /** MetricFrame.ratio: between_groups = min / max; to_overall = min over groups of min(g / o, o / g). */
  readonly ratio: {
    readonly betweenGroups: readonly (number | null)[];
    readonly toOverall: readonly (number | null)[];
  };
}

export interface MetricFrameResult {
  readonly metrics: readonly string[];
  readonly positiveClass: number;
  readonly levels: readonly MetricFrameLevel[];
}

/**
 * fairlearn's MetricFrame for metrics of the confusion counts of one class: per group, overall, and the
 * between-groups and to-overall differences and ratios, within each level of the control features.
 * @throws InputError E_BAD_OPTION (unknown metric, class out of range), E_BAD_EXPRESSION (a formula)
 * @example
 * metricFrame(input, { metrics: ['precision', 'f1', { name: 'ts', formula: 'TP / (TP + FP + FN)' }] });
 */
export function metricFrame(input: MetricFrameInput, options: MetricFrameOptions): MetricFrameResult {
  checkOptionsObject(input, 'input');
  checkOptionsObject(options, 'options');
  const C = input.nClasses;
  if (!(Number.isSafeInteger(C) && C >= 2))
    throw new InputError(
      'E_BAD_OPTION',
      `nClasses must be an integer of at least 2, got ${describeValue(C)}`,
      {
        option: 'input.nClasses',
      },
    );
  const positive = options.positiveClass ?? 1;
  if (!(Number.isInteger(positive) && positive >= 0 && positive < C))
    throw new InputError(
      'E_BAD_OPTION',
      `positiveClass must be a class index in 0..${C - 1}, got ${positive}`,
      {
        option: 'positiveClass',
      },
    );
  const names = new ExpressionNames(['TP', 'FP', 'TN', 'FN']);
  const evaluators = options.metrics.map((m): ((c: ConfusionCounts) => number | null) => {
    if (typeof m === 'string') {
      if (!isGroupMetricName(m))
        throw new InputError(
          'E_BAD_OPTION',
          `unknown metric "${m}" (use ${Object.keys(GroupMetricName).join(', ')} or { name, formula })`,
          { option: 'metrics' },
        );
      return METRIC_OF[m];
    }
    const compiled = compileExpression(m.formula, `metric ${m.name}`, names);
    const order = compiled.columns.map((col) => ['TP', 'FP', 'TN', 'FN'].indexOf(col));
    return (c) => {
      const all = [c.tp, c.fp, c.tn, c.fn];
      const v = compiled.evaluate(order.map((k) => all[k]));
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    };
  });
  const A = input.groupNames.length;
  const control = input.control ?? { codes: new Int32Array(input.group.length), names: [''] };
  const L = control.names.length;
  // counts[(level * (A + 1) + s) * 4 + k]: s = A is the level's overall.
  const counts = new Float64Array(L * (A + 1) * 4);
  const add = (base: number, y: number, p: number, w: number) => {
    if (y === positive) {
      counts[base] += w * p; // tp
      counts[base + 3] += w * (1 - p); // fn
    } else {
      counts[base + 1] += w * p; // fp
      counts[base + 2] += w * (1 - p); // tn
    }
  };
  const hasRows = new Uint8Array(L * A);
  for (let i = 0; i < input.group.length; i++) {
    const w = input.weight ? input.weight[i] : 1;
    if (!(w > 0)) continue;
    const level = control.codes[i];
    const s = input.group[i];
    const p = input.distribution[i * C + positive];
    add((level * (A + 1) + s) * 4, input.label[i], p, w);
    add((level * (A + 1) + A) * 4, input.label[i], p, w);
    hasRows[level * A + s] = 1;
  }
  const countsAt = (level: number, s: number): ConfusionCounts => {
    const b = (level * (A + 1) + s) * 4;
    return { tp: counts[b], fp: counts[b + 1], tn: counts[b + 2], fn: counts[b + 3] };
  };
  const levels: MetricFrameLevel[] = [];
  for (let level = 0; level < L; level++) {
    const groups = input.groupNames.map((_, s) => s).filter((s) => hasRows[level * A + s]);
    if (groups.length === 0) continue;
    const byGroup = groups.map((s) => ({
      group: input.groupNames[s],
      values: evaluators.map((f) => f(countsAt(level, s))),
    }));
    const overall = evaluators.map((f) => f(countsAt(level, A)));
    const column = (m: number) => byGroup.map((g) => g.values[m]).filter((v): v is number => v !== null);
    const betweenDiff: (number | null)[] = [];
    const betweenRatio: (number | null)[] = [];
    const overallDiff: (number | null)[] = [];
    const overallRatio: (number | null)[] = [];
    evaluators.forEach((_, m) => {
      const values = column(m);
      const o = overall[m];
      const lo = Math.min(...values);
      const hi = Math.max(...values);
      betweenDiff.push(values.length > 0 ? hi - lo : null);
      betweenRatio.push(values.length > 0 && hi > 0 ? lo / hi : null);
      overallDiff.push(
        values.length > 0 && o !== null ? Math.max(...values.map((v) => Math.abs(v - o))) : null,
      );
      overallRatio.push(
        values.length > 0 && o !== null && o > 0 && lo > 0
          ? Math.min(...values.map((v) => Math.min(v / o, o / v)))
          : null,
      );
    });
    levels.push({
      control: input.control ? control.names[level] : null,
      byGroup,
      overall,
      difference: { betweenGroups: betweenDiff, toOverall: overallDiff },
      ratio: { betweenGroups: betweenRatio, toOverall: overallRatio },
    });
  }
  return {
    metrics: options.metrics.map((m) => (typeof m === 'string' ? m : m.name)),
    positiveClass: positive,
    levels,
  };
}
