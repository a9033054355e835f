import { InputError, type Where } from '../errors.js';
import type { RawValue } from './raw-frame.js';

/** Two probabilities given per class may differ from summing to 1 by rounding in the file, never by more. */
export const SCORE_ROW_SUM_TOL = 1e-6;

/**
 * A model's scores on the table's rows: `columns` names one column (the score of the positive class, any finite
 * number) or one column per label class in class order (probabilities, each in [0, 1], summing to 1).
 */
export interface ScoreColumn {
  /** The columns as given, joined with "+" for one column per class. */
  readonly name: string;
  readonly columns: readonly string[];
  /** The score of the positive class (label class 1) per table row. */
  readonly score: Float64Array;
}

/** The columns of every score model, each once, in order (for role checks and missing values). */
export const scoreColumnNames = (models: readonly (readonly string[])[]): string[] => [
  ...new Set(models.flat()),
];

/**
 * Stage 8c of `encodeTable`: score columns (numeric, checked per row with the line named). One column per class
 * needs as many columns as classes; thresholds need binary labels (docs/scores.md).
 * @throws InputError E_USAGE, E_NOT_NUMERIC, E_NOT_A_DISTRIBUTION
 */
export function readScoreColumns(
  models: readonly (readonly string[])[],
  classNames: readonly string[],
  rows: readonly number[],
  column: (name: string) => readonly RawValue[],
  atRow: (i: number, name: string) => Where,
): ScoreColumn[] {
  if (models.length > 0 && classNames.length !== 2)
    throw new InputError(
      'E_USAGE',
      `--scores needs binary labels (the label has ${classNames.length} classes): a threshold on a score is a binary rule and fairlearn's ThresholdOptimizer is binary-only; place a multi-class model by its predicted class with --predictions (docs/scores.md)`,
      { option: '--scores' },
    );
  return models.map((columns) => {
    const name = columns.join('+');
    if (columns.length !== 1 && columns.length !== classNames.length)
      throw new InputError(
        'E_USAGE',
        `--scores ${name}: give one column (the score of "${classNames[1]}") or one per class (${classNames.join(', ')}), not ${columns.length}`,
        { option: '--scores' },
      );
    const values = columns.map((c) => column(c));
    const score = new Float64Array(rows.length);
    rows.forEach((i, r) => {
      let sum = 0;
      values.forEach((col, c) => {
        const v = col[i];
        if (typeof v !== 'number')
          throw new InputError(
            'E_NOT_NUMERIC',
            `score "${String(v)}" in column "${columns[c]}" is not a number`,
            atRow(i, columns[c]),
          );
        if (columns.length > 1 && !(v >= 0 && v <= 1))
          throw new InputError(
            'E_NOT_A_DISTRIBUTION',
            `probability ${v} in column "${columns[c]}" is outside [0, 1] (one column per class holds probabilities)`,
            atRow(i, columns[c]),
          );
        sum += v;
      });
      if (columns.length > 1 && Math.abs(sum - 1) > SCORE_ROW_SUM_TOL)
        throw new InputError(
          'E_NOT_A_DISTRIBUTION',
          `the class probabilities in ${columns.join(', ')} sum to ${sum}, not 1 (tolerance ${SCORE_ROW_SUM_TOL})`,
          atRow(i, columns[0]),
        );
      score[r] = values[columns.length === 1 ? 0 : 1][i] as number;
    });
    return { name, columns, score };
  });
}
