import { InputError } from '../errors.js';
import { integerInRange, numberOption, OPTION_LIMITS } from './number-options.js';

/** The options that decide which estimate `frontier` reports (commander's camel-cased names). */
export interface EstimateChoiceValues {
  readonly estimate?: string;
  readonly dataset?: string;
  readonly counts?: string[];
  readonly features?: string;
  readonly bins?: readonly string[] | Readonly<Record<string, string>>;
  readonly weights?: string;
  readonly engine?: string;
  readonly objective?: string;
  readonly groupBlind?: boolean;
  readonly exportClassifier?: string;
  readonly method?: string;
  readonly holdout?: string;
  readonly folds?: string;
  readonly bootstrap?: string;
  readonly interval?: boolean;
  readonly level?: string;
  readonly seed?: string;
}

/**
 * Which estimate `frontier FILE.csv` reports (docs/estimation.md, The default estimate on a CSV): the posterior
 * estimate when the run has not defined cells, else the exact LP on the cells. Cells are defined by
 * `--features`, `--bins`, `--dataset` (the paper's reproduction) and `--counts`; the options that estimate on
 * cells (`--method`, `--holdout`, `--folds`, `--bootstrap`, `--interval`), a classifier export, weights, another
 * objective, group-blind cells, DuckDB and Parquet files also keep the cells. `--estimate cells|posterior` decides explicitly.
 */
export function chooseEstimate(file: string | undefined, o: EstimateChoiceValues): 'cells' | 'posterior' {
  if (o.estimate !== undefined) {
    if (o.estimate !== 'cells' && o.estimate !== 'posterior')
      throw new InputError('E_BAD_OPTION', `--estimate must be cells or posterior, got "${o.estimate}"`, {
        option: '--estimate',
      });
    if (o.estimate === 'posterior' && (o.counts !== undefined || o.engine === 'duckdb'))
      throw new InputError('E_USAGE', '--estimate posterior needs the rows (not --counts or DuckDB)', {
        option: '--estimate',
      });
    return o.estimate;
  }
  const namesCells =
    file === undefined ||
    o.dataset !== undefined ||
    o.counts !== undefined ||
    o.features !== undefined ||
    (o.bins !== undefined && Object.keys(o.bins).length > 0);
  const keepsCells =
    o.weights !== undefined ||
    o.engine === 'duckdb' ||
    (file !== undefined && /\.(parquet|pq)$/i.test(file)) || // read by DuckDB, which gives counts, not rows
    o.objective !== undefined ||
    o.groupBlind === true ||
    o.exportClassifier !== undefined ||
    o.method !== undefined ||
    o.holdout !== undefined ||
    o.folds !== undefined ||
    o.bootstrap !== undefined ||
    o.interval === true;
  return namesCells || keepsCells ? 'cells' : 'posterior';
}

/** The posterior estimate's seed and level from `--seed` and `--level` (the seed has a recorded default). */
export function posteriorSettings(o: EstimateChoiceValues): { seed?: number; level?: number } {
  const seed =
    o.seed === undefined
      ? undefined
      : integerInRange(o.seed, '--seed', OPTION_LIMITS.seed.min, OPTION_LIMITS.seed.max);
  const level =
    o.level === undefined
      ? undefined
      : numberOption(o.level, '--level', (v) => v > 0 && v < 1, 'a level strictly between 0 and 1');
  return { ...(seed !== undefined ? { seed } : {}), ...(level !== undefined ? { level } : {}) };
}
