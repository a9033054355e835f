import { selectRows, type EncodedTable } from '../data/table.js';
import { InputError } from '../errors.js';
import { observedMean, observedMedian, observedMode } from './column-statistics.js';
import { conditionalModeImpute } from './conditional-mode-imputer.js';
import { rowHasMissing, type MissingMask } from './missing-mask.js';
import type { MissingSource } from './missing-source.js';
import type { Strategy } from './strategy.js';

/** Where the substitute values of mode imputation come from. */
export const ModeSource = { fixed: 'fixed', observed: 'observed' } as const;
export type ModeSource = keyof typeof ModeSource;

export interface HandleOptions {
  /**
   * 'fixed' uses the source's fixed modes (the paper's values for COMPAS and Adult) where it has them and the
   * observed mode elsewhere; 'observed' always uses the mode of the observed values. Default 'fixed'.
   */
  readonly modes?: ModeSource;
}

/** The table a strategy produces, and what it did. */
export interface HandledData {
  readonly strategy: Strategy;
  readonly table: EncodedTable;
  /** The value written into each column's missing entries (null: none missing, per-row values, or a category). */
  readonly substitutes: readonly (number | null)[];
  /** Rows of the source kept (complete-case drops some; every other strategy keeps all). */
  readonly keptRows: number;
  /** Encoded value of the indicator's "missing" category per column (null where not used). */
  readonly missingCategory?: readonly (number | null)[];
}

function modeValue(source: MissingSource, j: number, mask: MissingMask, modes: ModeSource): number {
  const column = source.columns[j];
  if (modes === 'fixed' && column.fixedMode !== undefined) return column.fixedMode;
  return observedMode(column.values, mask.isMissing[j]);
}

function countOf(m: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < m.length; i++) c += m[i];
  return c;
}

/** Replaces each column's missing entries by one value per column. */
function fillConstant(
  source: MissingSource,
  mask: MissingMask,
  substitute: (j: number) => number,
): { values: Float64Array[]; substitutes: (number | null)[] } {
  const substitutes: (number | null)[] = [];
  const values = source.columns.map((column, j) => {
    const missing = mask.isMissing[j];
    if (countOf(missing) === 0) {
      substitutes.push(null);
      return column.values.slice();
    }
    const v = substitute(j);
    if (!Number.isFinite(v))
      throw new InputError(
        'E_MISSING_VALUE',
        `column "${column.name}" has no observed value to impute from`,
        { column: column.name },
      );
    substitutes.push(v);
    return Float64Array.from(column.values, (x, i) => (missing[i] ? v : x));
  });
  return { values, substitutes };
}

/**
 * Applies a handling strategy to masked data and encodes the result (docs/design.md, Missing values). Values
 * under the mask are never read: they may be anything, NaN included.
 * @throws InputError E_MISSING_VALUE (a column with no observed value), E_EMPTY_INPUT (complete-case keeps
 *   no row), and the source encoder's errors
 */
export function handleMissing(
  source: MissingSource,
  mask: MissingMask,
  strategy: Strategy,
  options: HandleOptions = {},
): HandledData {
  const modes = options.modes ?? 'fixed';
  // Lazy: complete-case must first refuse an empty result (a column with no observed value has no mode).
  const fillByMode = () => fillConstant(source, mask, (j) => modeValue(source, j, mask, modes));
  switch (strategy) {
    case 'mode': {
      const byMode = fillByMode();
      return {
        strategy,
        table: source.encode(byMode.values),
        substitutes: byMode.substitutes,
        keptRows: source.nRows,
      };
    }
    case 'mean':
    case 'median': {
      const statistic = strategy === 'mean' ? observedMean : observedMedian;
      const filled = fillConstant(source, mask, (j) =>
        source.columns[j].isNumeric
          ? statistic(source.columns[j].values, mask.isMissing[j])
          : modeValue(source, j, mask, modes),
      );
      return {
        strategy,
        table: source.encode(filled.values),
        substitutes: filled.substitutes,
        keptRows: source.nRows,
      };
    }
    case 'indicator': {
      const base = source.encode(fillByMode().values);
      const features = base.features.map((f) => f.slice());
      const missingCategory = source.columns.map((column, j) => {
        const missing = mask.isMissing[j];
        if (countOf(missing) === 0) return null;
        const f = features[column.feature];
        // -1 reads well in cell keys; if the column already uses it, go one below its smallest value.
        let category = -1;
        let smallest = Infinity;
        let isTaken = false;
        for (let i = 0; i < f.length; i++) {
          if (missing[i]) continue;
          if (f[i] === -1) isTaken = true;
          if (f[i] < smallest) smallest = f[i];
        }
        if (isTaken) category = smallest - 1;
        for (let i = 0; i < f.length; i++) if (missing[i]) f[i] = category;
        return category;
      });
      return {
        strategy,
        table: { ...base, features },
        substitutes: source.columns.map(() => null),
        keptRows: source.nRows,
        missingCategory,
      };
    }
    case 'complete-case': {
      const any = rowHasMissing(mask);
      const kept: number[] = [];
      for (let i = 0; i < source.nRows; i++) if (!any[i]) kept.push(i);
      if (kept.length === 0)
        throw new InputError(
          'E_EMPTY_INPUT',
          `complete-case analysis keeps no row of ${source.name}: every row has a missing value`,
          {
            option: 'impute',
          },
        );
      const table = selectRows(source.encode(fillByMode().values), kept);
      return { strategy, table, substitutes: source.columns.map(() => null), keptRows: kept.length };
    }
    case 'conditional-mode': {
      const keys = source.encode(fillByMode().values);
      const values = conditionalModeImpute(source, mask, keys);
      return {
        strategy,
        table: source.encode(values),
        substitutes: source.columns.map(() => null),
        keptRows: source.nRows,
      };
    }
  }
}
