import { InputError, describeValue } from '../errors.js';
import { type EncodedResult, type TableSpec, encodeTable } from './encode-table.js';
import type { RawFrame, RawValue } from './raw-frame.js';
import { checkOptionsObject } from '../check-masses.js';

/**
 * In-memory inputs, recognized by their shape (no dependency on the libraries that make them):
 * - an array of row objects `[{ age: 31, race: 'a', y: 1 }, ...]`;
 * - an object of equally long column arrays `{ age: [...], race: [...], y: Int32Array }`;
 * - an Apache Arrow `Table` (has `schema.fields`, `numRows` and `getChild(name)`);
 * - a danfo.js `DataFrame` (has `columns: string[]` and `values: unknown[][]`, one array per row).
 */
export type DataInput =
  | readonly Readonly<Record<string, unknown>>[]
  | Readonly<Record<string, ArrayLike<unknown>>>
  | ArrowTableLike
  | FrameLike;

/** The part of an Apache Arrow Table that fairlimit reads. */
export interface ArrowTableLike {
  readonly schema: { readonly fields: readonly { readonly name: string }[] };
  readonly numRows: number;
  getChild(name: string): { get(i: number): unknown } | null;
}

/** The part of a danfo.js DataFrame that fairlimit reads. */
export interface FrameLike {
  readonly columns: readonly string[];
  readonly values: readonly (readonly unknown[])[];
}

function rawValue(v: unknown, where: string): RawValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  throw new InputError('E_BAD_OPTION', `unsupported value of type ${typeof v} ${where}`);
}

function isArrowTable(x: unknown): x is ArrowTableLike {
  const t = x as ArrowTableLike;
  return (
    typeof t === 'object' &&
    t !== null &&
    typeof t.getChild === 'function' &&
    Array.isArray(t.schema?.fields) &&
    typeof t.numRows === 'number'
  );
}

function isFrameLike(x: unknown): x is FrameLike {
  const f = x as FrameLike;
  return (
    typeof f === 'object' &&
    f !== null &&
    !Array.isArray(f) &&
    Array.isArray(f.columns) &&
    f.columns.every((c) => typeof c === 'string') &&
    Array.isArray(f.values)
  );
}

/**
 * A raw frame from in-memory data (see `DataInput`).
 * @throws InputError E_EMPTY_INPUT, E_RAGGED_LINE (columns of different lengths), E_BAD_OPTION (unknown shape)
 */
export function frameFromData(input: DataInput, name = 'data'): RawFrame {
  if (isArrowTable(input)) {
    const names = input.schema.fields.map((f) => f.name);
    const columns = names.map((n) => {
      const child = input.getChild(n)!;
      return Array.from({ length: input.numRows }, (_, i) => rawValue(child.get(i), `in column "${n}"`));
    });
    return checked({ name, columnNames: names, columns, nRows: input.numRows });
  }
  if (isFrameLike(input)) {
    const names = [...input.columns];
    input.values.forEach((row, i) => {
      if (row.length !== names.length)
        throw new InputError('E_RAGGED_LINE', `row has ${row.length} values, expected ${names.length}`, {
          line: i + 1,
        });
    });
    const columns = names.map((n, j) => input.values.map((row) => rawValue(row[j], `in column "${n}"`)));
    return checked({ name, columnNames: names, columns, nRows: input.values.length });
  }
  if (Array.isArray(input)) {
    const rows = input as readonly Readonly<Record<string, unknown>>[];
    const names: string[] = [];
    const seen = new Set<string>();
    // By index: a hole, null or a number among the rows is refused with its row number.
    for (let i = 0; i < rows.length; i++) {
      const r: unknown = rows[i];
      if (r === null || typeof r !== 'object' || Array.isArray(r))
        throw new InputError(
          'E_BAD_OPTION',
          `row ${i + 1} must be an object of column values, got ${Object.hasOwn(rows, i) ? describeValue(r) : 'a hole (sparse array)'}`,
          { option: 'data', line: i + 1 },
        );
    }
    for (const r of rows)
      for (const k of Object.keys(r))
        if (!seen.has(k)) {
          seen.add(k);
          names.push(k);
        }
    const columns = names.map((n) => rows.map((r) => rawValue(r[n], `in column "${n}"`)));
    return checked({ name, columnNames: names, columns, nRows: rows.length });
  }
  if (typeof input === 'object' && input !== null) {
    const record = input as Readonly<Record<string, ArrayLike<unknown>>>;
    const names = Object.keys(record);
    const lengths = names.map((n) => record[n]?.length);
    if (names.length === 0 || lengths.some((l) => typeof l !== 'number'))
      throw new InputError(
        'E_BAD_OPTION',
        'data must be row objects, column arrays, an Arrow table or a data frame',
      );
    const nRows = lengths[0] as number;
    names.forEach((n, j) => {
      if (lengths[j] !== nRows)
        throw new InputError('E_RAGGED_LINE', `column "${n}" has ${lengths[j]} values, expected ${nRows}`, {
          column: n,
        });
    });
    const columns = names.map((n) => Array.from(record[n], (v) => rawValue(v, `in column "${n}"`)));
    return checked({ name, columnNames: names, columns, nRows });
  }
  throw new InputError(
    'E_BAD_OPTION',
    'data must be row objects, column arrays, an Arrow table or a data frame',
  );
}

function checked(frame: RawFrame): RawFrame {
  if (frame.nRows === 0) throw new InputError('E_EMPTY_INPUT', `data "${frame.name}" has no rows`);
  return frame;
}

/**
 * The checked table from in-memory data and column roles (the API twin of the CLI's CSV options).
 * @example
 * const { table } = tableFromData([{ g: 'a', y: 1, x: 3 }, ...], { group: 'g', label: 'y' });
 */
export function tableFromData(input: DataInput, spec: TableSpec): EncodedResult {
  checkOptionsObject(spec, 'spec');
  return encodeTable(frameFromData(input, spec.name), spec);
}
