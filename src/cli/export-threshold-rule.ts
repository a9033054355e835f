import { InputError } from '../errors.js';
import { type ThresholdRuleV1, exportThresholdRule } from '../limits/index.js';
import type { Objective } from '../lp/objective.js';
import {
  THRESHOLD_CONSTRAINTS,
  type ThresholdObjective,
  isThresholdConstraint,
  thresholdOptimizer,
} from '../metrics/index.js';
import type { FrontierReportInput } from '../report/index.js';
import type { DataOptionValues } from './options.js';
import { tableSpecOf } from './options.js';

/** The threshold-rule options of `frontier` (fairlearn's ThresholdOptimizer parameters). */
export interface ThresholdRuleOptionValues {
  readonly exportRule?: string;
  readonly ruleObjective?: string;
  readonly ruleFlip?: boolean;
  readonly ruleTol?: string;
  readonly ruleGridSize?: string;
}

const RULE_OBJECTIVES = [
  'accuracy_score',
  'balanced_accuracy_score',
  'selection_rate',
  'true_positive_rate',
  'true_negative_rate',
] as const;

/** fairlearn's name of the run's objective: accuracy and balanced accuracy by name, a cost matrix as such. */
function objectiveOfRun(objective: Objective | undefined): ThresholdObjective {
  if (!objective || objective.kind === 'accuracy') return 'accuracy_score';
  if (objective.kind === 'balancedAccuracy') return 'balanced_accuracy_score';
  return { kind: 'cost', cost: objective.cost };
}

/**
 * Checks the threshold-rule options before any data is read: the constraint name, the objective, tol.
 * @throws InputError E_USAGE (options without --export-rule, --export-alpha with it), E_BAD_OPTION
 */
export function checkThresholdRuleOptions(
  o: ThresholdRuleOptionValues & { readonly exportClassifier?: string; readonly exportAlpha?: string },
): void {
  const extras = (['ruleObjective', 'ruleFlip', 'ruleTol', 'ruleGridSize'] as const).filter(
    (k) => o[k] !== undefined,
  );
  if (o.exportRule === undefined) {
    if (extras.length > 0)
      throw new InputError(
        'E_USAGE',
        '--rule-objective, --rule-flip, --rule-tol and --rule-grid-size need --export-rule',
        {
          option: '--export-rule',
        },
      );
    return;
  }
  if (o.exportClassifier === undefined)
    throw new InputError('E_USAGE', '--export-rule needs --export-classifier FILE', {
      option: '--export-rule',
    });
  if (o.exportAlpha !== undefined)
    throw new InputError(
      'E_USAGE',
      '--export-alpha picks an LP point; a threshold rule is chosen by --export-rule',
      {
        option: '--export-alpha',
      },
    );
  if (!isThresholdConstraint(o.exportRule))
    throw new InputError(
      'E_BAD_OPTION',
      `unknown constraint "${o.exportRule}" (use fairlearn's names: ${THRESHOLD_CONSTRAINTS.join(', ')})`,
      { option: '--export-rule' },
    );
  if (o.ruleObjective !== undefined && !(RULE_OBJECTIVES as readonly string[]).includes(o.ruleObjective))
    throw new InputError(
      'E_BAD_OPTION',
      `unknown objective "${o.ruleObjective}" (use ${RULE_OBJECTIVES.join(', ')}; a cost comes from --objective)`,
      { option: '--rule-objective' },
    );
  if (o.ruleGridSize !== undefined && !/^[1-9]\d{0,6}$/.test(o.ruleGridSize.trim()))
    throw new InputError(
      'E_BAD_OPTION',
      `--rule-grid-size must be a positive integer, got "${o.ruleGridSize}"`,
      {
        option: '--rule-grid-size',
      },
    );
  if (o.ruleTol !== undefined) {
    const tol = Number(o.ruleTol);
    if (o.ruleTol.trim() === '' || !Number.isFinite(tol) || tol < 0 || tol > 1)
      throw new InputError('E_BAD_OPTION', `--rule-tol must be a number in [0, 1], got "${o.ruleTol}"`, {
        option: '--rule-tol',
      });
  }
}

/**
 * Fits fairlearn's ThresholdOptimizer on the run's rows and score column and builds the artifact
 * (docs/scores.md, Applying a threshold rule).
 * @throws InputError E_USAGE without rows or without exactly one binary score column; as `thresholdOptimizer`
 */
export function thresholdRuleOfRun(
  input: FrontierReportInput,
  o: DataOptionValues & ThresholdRuleOptionValues,
  objective: Objective | undefined,
): ThresholdRuleV1 {
  const table = input.table;
  if (!table)
    throw new InputError('E_USAGE', '--export-rule needs the rows (not available with --counts or DuckDB)', {
      option: '--export-rule',
    });
  const scores = input.scores ?? [];
  if (scores.length !== 1 || scores[0].columns.length !== 1)
    throw new InputError(
      'E_USAGE',
      `--export-rule needs exactly one score column (--scores COL), got ${scores.length === 0 ? 'none' : scores.map((s) => s.name).join(', ')}`,
      { option: '--scores' },
    );
  const [column] = scores;
  const result = thresholdOptimizer(
    {
      group: table.group,
      label: table.label,
      score: column.score,
      nGroups: table.groupNames.length,
      nClasses: table.classNames.length,
      ...(table.weight ? { weight: table.weight } : {}),
    },
    {
      constraint: o.exportRule as (typeof THRESHOLD_CONSTRAINTS)[number],
      groupNames: table.groupNames,
      objective: (o.ruleObjective as ThresholdObjective | undefined) ?? objectiveOfRun(objective),
      flip: o.ruleFlip ?? false,
      ...(o.ruleTol !== undefined ? { tol: Number(o.ruleTol) } : {}),
      ...(o.ruleGridSize !== undefined ? { gridSize: Number(o.ruleGridSize) } : {}),
    },
  );
  const spec = o.dataset === undefined && o.group && o.label ? tableSpecOf(o).spec : undefined;
  return exportThresholdRule({
    table,
    result,
    scoreColumn: column.columns[0],
    groupColumns: input.tableSummary?.groupColumns ?? [],
    labelColumn: input.tableSummary?.labelColumn ?? '',
    ...(spec?.derive ? { derive: spec.derive } : {}),
    ...(spec?.valueMaps ? { valueMaps: spec.valueMaps } : {}),
    ...(input.source.sha256 ? { fileSha256: input.source.sha256 } : {}),
  });
}
