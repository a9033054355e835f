/**
 * The raw, untyped form of tabular input before roles are assigned: named columns of scalar values, with the
 * source line of every row for error messages. Every reader (CSV, arrays, row objects, Arrow, frame-shaped
 * objects) produces one; `encodeTable` turns it into a checked `EncodedTable`.
 */

/** One input value: a number (possibly non-finite, refused later where used), a text, or missing (null). */
export type RawValue = number | string | boolean | null;

export interface RawFrame {
  /** Short name for reports (file name without directory, or a caller-chosen name). */
  readonly name: string;
  /** Column names in input order; may repeat (duplicates are resolved or refused where a name is used). */
  readonly columnNames: readonly string[];
  /** columns[j][i]: value of row i in column j. */
  readonly columns: readonly (readonly RawValue[])[];
  readonly nRows: number;
  /** 1-based source line of each row (CSV), or undefined for in-memory input (then row index + 1 is shown). */
  readonly lines?: Int32Array;
  /** Where the data came from, for the error messages' `file` field (CSV only). */
  readonly file?: string;
}

const NUMBER_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
// A Map, not an object literal: a field "constructor" or "__proto__" must not find Object's own members.
const NON_FINITE: ReadonlyMap<string, number> = new Map([
  ['nan', Number.NaN],
  ['+nan', Number.NaN],
  ['-nan', Number.NaN],
  ['inf', Number.POSITIVE_INFINITY],
  ['+inf', Number.POSITIVE_INFINITY],
  ['-inf', Number.NEGATIVE_INFINITY],
  ['infinity', Number.POSITIVE_INFINITY],
  ['+infinity', Number.POSITIVE_INFINITY],
  ['-infinity', Number.NEGATIVE_INFINITY],
]);

/** The lower-case spellings of NaN and infinity that `typeField` reads as non-finite numbers. */
export const NON_FINITE_SPELLINGS: readonly string[] = [...NON_FINITE.keys()];

/**
 * Types one text field: a missing marker gives null, a decimal number gives a number, the spellings of NaN and
 * infinity give those (non-finite) numbers so that they are refused with their place, anything else stays text.
 */
export function typeField(text: string, naValues: ReadonlySet<string>): RawValue {
  if (naValues.has(text)) return null;
  if (NUMBER_PATTERN.test(text)) return Number(text);
  const nonFinite = NON_FINITE.get(text.toLowerCase());
  return nonFinite !== undefined ? nonFinite : text;
}

/** The 1-based line (or row number) of row i, as shown in error messages. */
export function lineOfRow(frame: RawFrame, i: number): number {
  return frame.lines ? frame.lines[i] : i + 1;
}
