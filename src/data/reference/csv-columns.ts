// The browser build of csv-parse carries its own Buffer, so this reader also runs in the browser core.
import { parse } from 'csv-parse/browser/esm/sync';

/** Some columns of a CSV text: the header and, for each selected column, its value in every data record. */
export interface CsvColumns {
  /** Every field of the first record. */
  readonly header: readonly string[];
  /** Data records (the header not counted); record r of the file is data record r - 1. */
  readonly nRecords: number;
  /** One array of nRecords values per index `select` returned, in that order. */
  readonly columns: readonly (readonly string[])[];
}

/**
 * Reads the columns `select` picks from a comma-separated text, with csv-parse's default dialect and
 * `skip_empty_lines` (records of unequal length are an error). `select` sees the header and returns column
 * indices; it may throw (e.g. a missing column).
 *
 * Why a fast path: csv-parse's browser build types every byte of a file through its own Buffer, which made
 * parsing the 53-column COMPAS file most of the CLI's start-up (docs/performance.md, Start-up). The fast path
 * slices out only the selected fields of plain records and accepts only what it is sure csv-parse reads the
 * same way: one line ending throughout (LF or CRLF), quoted fields that close on their own line, equal field
 * counts, a header and at least one data record. Anything else, and any error `select` throws there, goes to
 * csv-parse on the whole text, so the records, the errors and their order are csv-parse's.
 * @throws CsvError from csv-parse for malformed text; whatever `select` throws
 */
export function readCsvColumns(
  text: string,
  select: (header: readonly string[]) => readonly number[],
): CsvColumns {
  return plainCsvColumns(text, select) ?? parsedColumns(text, select);
}

/** The reference path: csv-parse reads every record, then the selected fields are copied out. */
function parsedColumns(text: string, select: (header: readonly string[]) => readonly number[]): CsvColumns {
  const records = parse(text, { relax_column_count: false, skip_empty_lines: true }) as string[][];
  const header = records[0] ?? [];
  const data = records.slice(1);
  // No data records: nothing to select; the caller reports the empty file before any missing column.
  if (data.length === 0) return { header, nRecords: 0, columns: [] };
  return { header, nRecords: data.length, columns: select(header).map((j) => data.map((row) => row[j])) };
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const CR = 13;
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The fast path of `readCsvColumns` (exported for its tests): undefined whenever the text is not plainly what
 * csv-parse reads the same way; the caller then parses it with csv-parse.
 */
export function plainCsvColumns(
  text: string,
  select: (header: readonly string[]) => readonly number[],
): CsvColumns | undefined {
  const firstNewline = text.indexOf('\n');
  if (firstNewline < 0) return undefined;
  const isCrlf = firstNewline > 0 && text.charCodeAt(firstNewline - 1) === CR;
  const endingLength = isCrlf ? 2 : 1;
  // csv-parse skips empty lines before the header; a lone surrogate becomes U+FFFD in its Buffer.
  if (firstNewline - endingLength + 1 <= 0 || LONE_SURROGATE.test(text)) return undefined;
  // A carriage return that is not part of the line ending would be read by csv-parse as a record delimiter (or
  // a field character): leave such files to it.
  const crCount = countOf(text, '\r');
  const newlineCount = countOf(text, '\n');
  if (isCrlf ? crCount !== newlineCount || countOf(text, '\r\n') !== newlineCount : crCount !== 0)
    return undefined;

  const headerFields = splitLine(text, 0, firstNewline - endingLength + 1);
  if (headerFields === undefined || headerFields.length === 0) return undefined;
  let selected: readonly number[];
  try {
    selected = select(headerFields);
  } catch {
    return undefined;
  }
  const nFields = headerFields.length;
  // slotOf[j]: where field j goes (-1: not selected); a column selected twice shares one array.
  const slotOf = new Int32Array(nFields).fill(-1);
  const distinct: number[] = [];
  for (const j of selected) {
    if (!Number.isInteger(j) || j < 0 || j >= nFields) return undefined;
    if (slotOf[j] < 0) slotOf[j] = distinct.push(j) - 1;
  }
  const values: string[][] = distinct.map(() => []);

  let nRecords = 0;
  let start = firstNewline + 1;
  while (start < text.length) {
    let newline = text.indexOf('\n', start);
    if (newline < 0) newline = text.length + endingLength - 1; // last line without an ending
    const end = newline - endingLength + 1;
    if (end > start && !readRecord(text, start, end, nFields, slotOf, values)) return undefined;
    if (end > start) nRecords++;
    start = newline + 1;
  }
  if (nRecords === 0) return undefined;
  return { header: headerFields, nRecords, columns: selected.map((j) => values[slotOf[j]]) };
}

/** How often `part` occurs in `text` (native indexOf, no copies). */
function countOf(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) count++;
  return count;
}

/**
 * Appends the selected fields of the record text[start, end) to `values`; false when the record is not
 * plain (field count, quoting).
 */
function readRecord(
  text: string,
  start: number,
  end: number,
  nFields: number,
  slotOf: Int32Array,
  values: string[][],
): boolean {
  const quote = text.indexOf('"', start);
  if (quote >= 0 && quote < end) {
    const fields = splitLine(text, start, end);
    if (fields === undefined || fields.length !== nFields) return false;
    for (let j = 0; j < nFields; j++) if (slotOf[j] >= 0) values[slotOf[j]].push(fields[j]);
    return true;
  }
  let fieldStart = start;
  for (let j = 0; j < nFields; j++) {
    let comma = text.indexOf(',', fieldStart);
    const isLast = comma < 0 || comma >= end;
    if (isLast !== (j === nFields - 1)) return false;
    if (isLast) comma = end;
    if (slotOf[j] >= 0) values[slotOf[j]].push(text.slice(fieldStart, comma));
    fieldStart = comma + 1;
  }
  return true;
}

/**
 * All fields of the line text[start, end), with RFC 4180 quoting (a quoted field opens at the field's start
 * and closes before a comma or the line's end; "" inside it is one quote). Undefined for anything else: a
 * quote inside an unquoted field, text after a closing quote, a quoted field going on to the next line.
 */
function splitLine(text: string, start: number, end: number): string[] | undefined {
  const fields: string[] = [];
  let at = start;
  for (;;) {
    if (at < end && text.charCodeAt(at) === QUOTE) {
      let field = '';
      let from = at + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close < 0 || close >= end) return undefined;
        field += text.slice(from, close);
        if (close + 1 < end && text.charCodeAt(close + 1) === QUOTE) {
          field += '"';
          from = close + 2;
          continue;
        }
        at = close + 1;
        break;
      }
      fields.push(field);
      if (at === end) return fields;
      if (text.charCodeAt(at) !== COMMA) return undefined;
      at++;
      continue;
    }
    let comma = text.indexOf(',', at);
    if (comma < 0 || comma > end) comma = end;
    const field = text.slice(at, comma);
    if (field.includes('"')) return undefined;
    fields.push(field);
    if (comma === end) return fields;
    at = comma + 1;
  }
}
