import { type RawValue, typeField } from '../raw-frame.js';

/** Longer lines are rare and left to csv-parse, which also enforces the record size limit (a coded error). */
const MAX_PLAIN_LINE_CHARS = 1 << 20;

/** What the plain reader needs of the CSV options, resolved (single-character delimiter, sets built). */
export interface PlainCsvOptions {
  readonly delimiter: string;
  readonly hasHeader: boolean;
  readonly columns?: readonly string[];
  readonly naValues: ReadonlySet<string>;
  readonly skipRows: number;
  readonly trim: boolean;
}

/** The typed columns of a plain CSV text, with the 1-based line of every data row. */
export interface PlainCsvResult {
  readonly columnNames: string[];
  readonly columns: RawValue[][];
  readonly lines: Int32Array;
}

const QUOTE = 34; // "
const SPACE = 32;
const CR = 13;
const NOT_SPACE_OR_TAB = /[^ \t]/;
const WHITESPACE = /\s/;

/**
 * The fast path of the CSV reader: text in chunks (as decoded, any split), records split with native
 * `indexOf`/`split` and typed as they come, with no per-byte state machine. It accepts only what it is sure
 * csv-parse (with the reader's options: `bom`, `trim`, `skip_empty_lines`, `from_line`) reads the same way:
 * one line ending throughout (LF or CRLF, no other carriage return), a one-character delimiter, quoted fields
 * that open at a field's start and close on their own line, fields whose surrounding whitespace is only spaces
 * and tabs, a header of the announced width and rows of equal width. On anything else `push` returns false and
 * the caller reads the whole input again with csv-parse, so records, errors and their places are csv-parse's
 * (as the COMPAS reader's fast path does, src/data/reference/csv-columns.ts).
 */
export class PlainCsvReader {
  private rest = '';
  private line = 0;
  private isCrlf: boolean | undefined;
  private names: string[] | undefined;
  private columns: RawValue[][] = [];
  private lines: number[] = [];
  private gaveUp = false;
  private readonly delimiter: string;

  constructor(private readonly options: PlainCsvOptions) {
    this.delimiter = options.delimiter;
    if (options.delimiter.length !== 1 || options.delimiter === '"' || /[\r\n]/.test(options.delimiter))
      this.gaveUp = true;
  }

  /** Reads the complete lines of `text` (after what earlier chunks left); false: give up, read carefully. */
  push(text: string): boolean {
    if (this.gaveUp) return false;
    let chunk = this.rest + text;
    if (this.line === 0 && this.rest === '' && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    const last = chunk.lastIndexOf('\n');
    if (last < 0) {
      this.rest = chunk;
      return chunk.length <= MAX_PLAIN_LINE_CHARS || this.giveUp();
    }
    this.rest = chunk.slice(last + 1);
    return this.readLines(chunk, last + 1) || this.giveUp();
  }

  /** The columns once the whole text is pushed; undefined when the text is not plain (or has no data rows). */
  end(): PlainCsvResult | undefined {
    if (this.gaveUp) return undefined;
    if (this.rest !== '') {
      const text = this.rest;
      this.rest = '';
      // The last line has no ending: a carriage return in it is not part of one.
      if (text.includes('\r') || !this.readLine(text, 0, text.length, true)) return this.giveUp();
    }
    if (!this.names || this.lines.length === 0) return undefined;
    return { columnNames: this.names, columns: this.columns, lines: Int32Array.from(this.lines) };
  }

  private giveUp(): undefined & false {
    this.gaveUp = true;
    this.columns = [];
    this.lines = [];
    return undefined as undefined & false;
  }

  /** The lines of text[0, end), each ending with a newline. */
  private readLines(text: string, end: number): boolean {
    let start = 0;
    if (this.isCrlf === undefined) {
      const first = text.indexOf('\n');
      this.isCrlf = first > 0 && text.charCodeAt(first - 1) === CR;
    }
    // One carriage return per line ending, or none at all: anything else is csv-parse's to read.
    const crs = countOf(text, '\r', end);
    const newlines = countOf(text, '\n', end);
    if (this.isCrlf ? crs !== newlines : crs !== 0) return false;
    const hasQuotes = text.lastIndexOf('"', end) >= 0;
    while (start < end) {
      const newline = text.indexOf('\n', start);
      let lineEnd = newline;
      if (this.isCrlf) {
        if (text.charCodeAt(newline - 1) !== CR) return false;
        lineEnd--;
      }
      if (!this.readLine(text, start, lineEnd, hasQuotes)) return false;
      start = newline + 1;
    }
    return true;
  }

  private readLine(text: string, start: number, end: number, hasQuotes: boolean): boolean {
    if (end - start > MAX_PLAIN_LINE_CHARS) return false;
    const line = ++this.line;
    const quoted = hasQuotes && text.indexOf('"', start) >= 0 && text.indexOf('"', start) < end;
    if (line <= this.options.skipRows) return !quoted;
    if (start === end) return true; // skip_empty_lines
    if (!quoted && this.names !== undefined && this.columns.length > 1)
      return this.readPlainRow(text, start, end, line);
    const fields = quoted
      ? splitQuoted(text, start, end, this.delimiter)
      : text.slice(start, end).split(this.delimiter);
    if (fields === undefined) return false;
    if (this.options.trim && !trimFields(fields)) return false;
    if (fields.length === 1 && fields[0] === '') return false; // a line of blanks: csv-parse's to judge
    if (this.names === undefined) {
      const { options } = this;
      if (options.hasHeader) {
        if (options.columns && options.columns.length !== fields.length) return false;
        this.names = options.columns ? [...options.columns] : fields;
        this.columns = this.names.map(() => []);
        return true;
      }
      this.names = options.columns ? [...options.columns] : fields.map((_, j) => `c${j + 1}`);
      this.columns = this.names.map(() => []);
    }
    const { columns } = this;
    if (fields.length !== columns.length) return false;
    const na = this.options.naValues;
    for (let j = 0; j < fields.length; j++) columns[j].push(typeFieldFast(fields[j], na));
    this.lines.push(line);
    return true;
  }

  /** A data line without quotes, typed straight into the columns (no array per line); false: not plain. */
  private readPlainRow(text: string, start: number, end: number, line: number): boolean {
    const { columns, delimiter } = this;
    const { naValues, trim } = this.options;
    const nColumns = columns.length;
    let at = start;
    for (let j = 0; j < nColumns; j++) {
      let next = text.indexOf(delimiter, at);
      if (j === nColumns - 1) {
        if (next >= 0 && next < end) return false; // more fields than columns
        next = end;
      } else if (next < 0 || next >= end) return false; // fewer
      let field = text.slice(at, next);
      if (trim && field.length > 0) {
        const a = field.charCodeAt(0);
        const b = field.charCodeAt(field.length - 1);
        if (!(a > SPACE && a < 127 && b > SPACE && b < 127)) {
          const one = [field];
          if (!trimFields(one)) return false;
          field = one[0];
        }
      }
      columns[j].push(typeFieldFast(field, naValues));
      at = next + 1;
    }
    this.lines.push(line);
    return true;
  }
}

/** `typeField`, with a shortcut for short unsigned integers (most fields of most files). */
function typeFieldFast(text: string, naValues: ReadonlySet<string>): RawValue {
  const n = text.length;
  if (n > 0 && n < 16) {
    let c = text.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      let value = c - 48;
      let i = 1;
      for (; i < n; i++) {
        c = text.charCodeAt(i);
        if (c < 48 || c > 57) break;
        value = value * 10 + (c - 48);
      }
      if (i === n) return naValues.has(text) ? null : value;
    }
  }
  return typeField(text, naValues);
}

/** Occurrences of the one-character `part` in text[0, end). */
function countOf(text: string, part: string, end: number): number {
  let count = 0;
  for (let at = text.indexOf(part); at >= 0 && at < end; at = text.indexOf(part, at + 1)) count++;
  return count;
}

/**
 * Trims each field as csv-parse's `trim` does when only spaces and tabs surround it; false when any other
 * whitespace is at a field's edge (csv-parse trims the two ends by different rules).
 */
function trimFields(fields: string[]): boolean {
  for (let j = 0; j < fields.length; j++) {
    const f = fields[j];
    if (f.length === 0) continue;
    const a = f.charCodeAt(0);
    const b = f.charCodeAt(f.length - 1);
    if (a > SPACE && a < 127 && b > SPACE && b < 127) continue;
    if (a > SPACE && a < 127 && !WHITESPACE.test(f[f.length - 1])) continue;
    const from = f.search(NOT_SPACE_OR_TAB);
    if (from < 0) {
      fields[j] = '';
      continue;
    }
    const t = f.slice(from).replace(/[ \t]+$/, '');
    if (WHITESPACE.test(t[0]) || WHITESPACE.test(t[t.length - 1])) return false;
    fields[j] = t;
  }
  return true;
}

/**
 * The fields of text[start, end) with RFC 4180 quoting: a quoted field opens at the field's start and closes
 * before the delimiter or the line's end ("" inside is one quote). Undefined for anything else (a quote inside
 * an unquoted field, text after a closing quote, spaces around quotes, a field going on to the next line).
 */
function splitQuoted(text: string, start: number, end: number, delimiter: string): string[] | undefined {
  const fields: string[] = [];
  const d = delimiter.charCodeAt(0);
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
      // Quoted fields are not trimmed: mark them so that trimming leaves them (a space around a quote gives up).
      if (
        /^[ \t]|[ \t]$/.test(field) ||
        WHITESPACE.test(field[0] ?? '') ||
        WHITESPACE.test(field.at(-1) ?? '')
      )
        return undefined;
      fields.push(field);
      if (at === end) return fields;
      if (text.charCodeAt(at) !== d) return undefined;
      at++;
      continue;
    }
    let next = text.indexOf(delimiter, at);
    if (next < 0 || next > end) next = end;
    const field = text.slice(at, next);
    if (field.includes('"')) return undefined;
    fields.push(field);
    if (next === end) return fields;
    at = next + 1;
  }
}
