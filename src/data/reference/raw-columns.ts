import { InputError } from '../../errors.js';

/** A raw record's typed columns, each of length nRows (the two-stage loaders' common shape). */
export type RawColumns = Readonly<Record<string, Float64Array | Int32Array>>;

/**
 * Checks a raw record before encoding (callers may have overwritten values, e.g. to simulate missingness):
 * every column has nRows finite values; coded columns hold an allowed code.
 * @throws InputError E_RAGGED_LINE (wrong column length), E_NOT_FINITE, E_BAD_OPTION (code out of range)
 */
export function checkRawColumns(
  dataset: string,
  nRows: number,
  numeric: Readonly<Record<string, Float64Array>>,
  coded: Readonly<Record<string, { readonly values: Int32Array; readonly nCodes: number }>>,
): void {
  const where = (column: string, row?: number) => ({
    column,
    detail: row === undefined ? `raw ${dataset}` : `raw ${dataset}, row ${row}`,
  });
  const checkLength = (column: string, values: { readonly length: number }) => {
    if (values.length !== nRows)
      throw new InputError(
        'E_RAGGED_LINE',
        `raw ${dataset} column "${column}" has ${values.length} values, expected ${nRows}`,
        where(column),
      );
  };
  for (const [column, values] of Object.entries(numeric)) {
    checkLength(column, values);
    for (let i = 0; i < nRows; i++)
      if (!Number.isFinite(values[i]))
        throw new InputError(
          'E_NOT_FINITE',
          `raw ${dataset} column "${column}" has a non-finite value (${values[i]})`,
          where(column, i),
        );
  }
  for (const [column, { values, nCodes }] of Object.entries(coded)) {
    checkLength(column, values);
    for (let i = 0; i < nRows; i++)
      if (values[i] < 0 || values[i] >= nCodes)
        throw new InputError(
          'E_BAD_OPTION',
          `raw ${dataset} column "${column}" must be a code in 0..${nCodes - 1}, got ${values[i]}`,
          where(column, i),
        );
  }
}

/** Copies a raw record's typed columns (so that a caller can perturb one copy and keep the original). */
export function cloneRaw<T extends { readonly nRows: number }>(raw: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw) as [string, unknown][])
    out[key] = value instanceof Float64Array || value instanceof Int32Array ? value.slice() : value;
  return out as T;
}

/** The text of one reference file and its path (for error messages). */
export interface ReferenceText {
  readonly file: string;
  readonly text: string;
}
