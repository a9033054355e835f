import { checkOptionsObject } from '../check-masses.js';
import { type EncodedTable, checkEncodedTable } from '../data/table.js';
import { InputError, describeValue } from '../errors.js';
import {
  type GroupThresholdRule,
  type ThresholdObjective,
  type ThresholdOperator,
  type ThresholdOptimizerResult,
  ruleProbability,
} from '../metrics/index.js';
import { createRng } from '../rng.js';
import { SEED_POLICY } from './fair-classifier.js';

/** A threshold of the artifact: JSON has no infinity, so the rules "score > +inf" and "> -inf" keep it as text. */
export type ThresholdValueV1 = number | '+inf' | '-inf';

/** One group's randomized threshold rule (fairlearn's `InterpolatedThresholder` for that group). */
export interface GroupThresholdRuleV1 {
  readonly p0: number;
  readonly threshold0: ThresholdValueV1;
  readonly operator0: ThresholdOperator;
  readonly p1: number;
  readonly threshold1: ThresholdValueV1;
  readonly operator1: ThresholdOperator;
  readonly pIgnore: number;
  readonly predictionConstant: number;
}

/**
 * The group-threshold rule of a ThresholdOptimizer fit as a deployable artifact, applied by `fairlimit apply`
 * beside the LP rule's `FairClassifierV1` (docs/constraints.md, The fair classifier as an artifact). It reads
 * the group and one score column of new rows: P(Yhat = positive | s, score) = pIgnore * predictionConstant +
 * (1 - pIgnore) * (p0 [score op0 threshold0] + p1 [score op1 threshold1]).
 */
export interface ThresholdRuleV1 {
  readonly kind: 'fairlimit-threshold-rule';
  readonly version: 1;
  readonly source: { readonly name: string; readonly fileSha256?: string; readonly nRows: number };
  readonly encoding: {
    readonly groupColumns: readonly string[];
    readonly labelColumn: string;
    readonly scoreColumn: string;
    readonly derive?: readonly string[];
    readonly valueMaps?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  };
  /** The two classes, negative first; the rule gives the probability of the second. */
  readonly classes: readonly string[];
  readonly groups: readonly string[];
  /** How it was fitted (fairlearn's names) and what it reaches on the fitting rows (expectations). */
  readonly fit: {
    readonly constraint: string;
    readonly objective: ThresholdObjective;
    readonly flip: boolean;
    readonly tol: number | null;
    readonly gridSize: number;
    readonly expectedObjective: number;
    readonly accuracy: number;
    readonly violations: Readonly<Record<string, number>>;
  };
  /** Group name -> its rule. Groups absent from the fitting rows have none (fairlearn refuses them too). */
  readonly rules: Readonly<Record<string, GroupThresholdRuleV1>>;
  readonly seedPolicy: string;
}

const toJsonThreshold = (t: number): ThresholdValueV1 =>
  t === Infinity ? '+inf' : t === -Infinity ? '-inf' : t;
const fromJsonThreshold = (t: ThresholdValueV1): number =>
  t === '+inf' ? Infinity : t === '-inf' ? -Infinity : t;

export interface ExportThresholdRuleInput {
  /** The rows the optimizer was fitted on (for the group and class names). */
  readonly table: EncodedTable;
  readonly result: ThresholdOptimizerResult;
  readonly scoreColumn: string;
  readonly groupColumns?: readonly string[];
  readonly labelColumn?: string;
  readonly derive?: readonly string[];
  readonly valueMaps?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly fileSha256?: string;
}

/**
 * A fitted ThresholdOptimizer as a plain JSON-able artifact (`ThresholdRuleV1`).
 * @throws InputError E_TOO_MANY_CLASSES when the table's label is not binary
 */
export function exportThresholdRule(input: ExportThresholdRuleInput): ThresholdRuleV1 {
  checkOptionsObject(input, 'input');
  checkEncodedTable(input.table, 'input.table');
  checkOptionsObject(input.result, 'input.result');
  const { table, result } = input;
  if (table.classNames.length !== 2)
    throw new InputError(
      'E_TOO_MANY_CLASSES',
      `a threshold rule needs a binary label, the data has ${table.classNames.length} classes`,
      { option: '--export-rule' },
    );
  const rules: Record<string, GroupThresholdRuleV1> = {};
  for (const r of result.groups)
    rules[table.groupNames[r.group]] = {
      p0: r.p0,
      threshold0: toJsonThreshold(r.threshold0),
      operator0: r.operator0,
      p1: r.p1,
      threshold1: toJsonThreshold(r.threshold1),
      operator1: r.operator1,
      pIgnore: r.pIgnore,
      predictionConstant: r.predictionConstant,
    };
  return {
    kind: 'fairlimit-threshold-rule',
    version: 1,
    source: {
      name: table.name,
      ...(input.fileSha256 ? { fileSha256: input.fileSha256 } : {}),
      nRows: table.nRows,
    },
    encoding: {
      groupColumns: [...(input.groupColumns ?? [])],
      labelColumn: input.labelColumn ?? '',
      scoreColumn: input.scoreColumn,
      ...(input.derive && input.derive.length > 0 ? { derive: [...input.derive] } : {}),
      ...(input.valueMaps && Object.keys(input.valueMaps).length > 0 ? { valueMaps: input.valueMaps } : {}),
    },
    classes: [...table.classNames],
    groups: [...table.groupNames],
    fit: {
      constraint: result.constraint,
      objective: result.objective,
      flip: result.flip,
      tol: result.tol,
      gridSize: result.gridSize,
      expectedObjective: result.expectedAccuracy,
      accuracy: result.accuracy,
      violations: { ...result.criteria },
    },
    rules,
    seedPolicy: SEED_POLICY,
  };
}

/** Predictions of a threshold rule on new rows (the same shape as `applyClassifier`'s, without unseen cells). */
export interface AppliedThresholdRule {
  /** P(Yhat = c) per row, row-major nRows x 2 (the artifact's classes). */
  readonly probabilities: Float64Array;
  /** The seeded draw per row: 0 or 1, an index into the artifact's classes. */
  readonly prediction: Int32Array;
  /** With labels: sum_i w_i p_i(y_i) / sum_i w_i and the realized accuracy of the draws; else null. */
  readonly expectedAccuracy: number | null;
  readonly realizedAccuracy: number | null;
}

/**
 * Applies a threshold rule to new rows: each row's group rule on its score, then one seeded draw per row
 * following `SEED_POLICY` (the p_ignore mixing is part of the row's probability, so one uniform decides).
 * @throws InputError E_BAD_OPTION (not a threshold rule, a group without a rule), E_LENGTH_MISMATCH, E_NOT_FINITE
 */
export function applyThresholdRule(
  artifact: ThresholdRuleV1,
  table: Pick<EncodedTable, 'nRows' | 'group' | 'groupNames' | 'label' | 'classNames' | 'weight'>,
  score: Float64Array,
  options: { readonly seed: number; readonly hasLabels?: boolean },
): AppliedThresholdRule {
  checkOptionsObject(artifact, 'artifact');
  checkOptionsObject(table, 'table');
  checkOptionsObject(options, 'options');
  if (!(score instanceof Float64Array) || score.length !== table.nRows)
    throw new InputError(
      'E_BAD_OPTION',
      `score must be a Float64Array of one value per row (${String(table.nRows)}), got ${describeValue(score)}`,
      { option: 'score' },
    );
  if (artifact.kind !== 'fairlimit-threshold-rule' || artifact.version !== 1)
    throw new InputError(
      'E_BAD_OPTION',
      'not a fairlimit threshold rule (kind fairlimit-threshold-rule, version 1)',
      {
        option: 'classifier',
      },
    );
  const n = table.nRows;
  if (score.length !== n)
    throw new InputError('E_LENGTH_MISMATCH', `${score.length} scores for ${n} rows`, {
      column: artifact.encoding.scoreColumn,
    });
  const rules: (GroupThresholdRule | undefined)[] = table.groupNames.map((name, s) => {
    const r = Object.hasOwn(artifact.rules, name) ? artifact.rules[name] : undefined;
    return r
      ? {
          group: s,
          ...r,
          threshold0: fromJsonThreshold(r.threshold0),
          threshold1: fromJsonThreshold(r.threshold1),
        }
      : undefined;
  });
  const probabilities = new Float64Array(n * 2);
  const prediction = new Int32Array(n);
  const rng = createRng(options.seed);
  const classOf = table.classNames.map((name) => artifact.classes.indexOf(name));
  let expected = 0;
  let realized = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const rule = rules[table.group[i]];
    if (!rule)
      throw new InputError(
        'E_BAD_OPTION',
        `group "${table.groupNames[table.group[i]]}" has no threshold rule (the rule knows ${artifact.groups.join(', ')})`,
        { column: artifact.encoding.groupColumns.join('+') || 'group', detail: `row ${i + 1}` },
      );
    if (!Number.isFinite(score[i]))
      throw new InputError('E_NOT_FINITE', `the score is ${score[i]}`, {
        column: artifact.encoding.scoreColumn,
        detail: `row ${i + 1}`,
      });
    const p = Math.min(1, Math.max(0, ruleProbability(rule, score[i])));
    probabilities[2 * i] = 1 - p;
    probabilities[2 * i + 1] = p;
    // SEED_POLICY: the first class c with u < p_0 + ... + p_c.
    prediction[i] = rng.next() < 1 - p ? 0 : 1;
    if (options.hasLabels) {
      const y = classOf[table.label[i]];
      const w = table.weight ? table.weight[i] : 1;
      total += w;
      if (y >= 0) {
        expected += w * probabilities[2 * i + y];
        if (prediction[i] === y) realized += w;
      }
    }
  }
  return {
    probabilities,
    prediction,
    expectedAccuracy: options.hasLabels && total > 0 ? expected / total : null,
    realizedAccuracy: options.hasLabels && total > 0 ? realized / total : null,
  };
}
