import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { CsvError, parse } from 'csv-parse';
import { InputError } from '../../errors.js';
import { checkInputFile } from '../../file-access.js';
import { type RawFrame, type RawValue, typeField } from '../raw-frame.js';
import { PlainCsvReader } from './plain-csv-reader.js';

export interface CsvOptions {
  /**
   * Field separator (one or more characters). Default ",". "\t" and "tab" mean a tab; "whitespace" means any
   * run of spaces and tabs, with spaces at line ends ignored (UCI files such as german.data; no quoting).
   */
  readonly delimiter?: string;
  /** Whether the first (non-skipped) line names the columns. Default true. */
  readonly hasHeader?: boolean;
  /** Column names: required without a header (else c1, c2, ...); with a header they replace it. */
  readonly columns?: readonly string[];
  /** Field texts that mean "missing". Default ["", "NA"]. */
  readonly naValues?: readonly string[];
  /** Lines to skip before the header (or the first row). Default 0. */
  readonly skipRows?: number;
  /** Trim spaces around fields. Default true. */
  readonly trim?: boolean;
}

export const DEFAULT_NA_VALUES: readonly string[] = ['', 'NA'];

/**
 * Longest CSV record (a field, or a line in progress) read in process, in characters: 64 Mi. V8 strings end near
 * 512 Mi characters, and a 2 GiB field crashed the process; no tabular field is legitimately this long.
 */
export const MAX_CSV_RECORD_CHARS = 64 * 1024 * 1024;
/** A parsed CSV file, with the file's SHA-256 and size for the report. */
export interface CsvFrame extends RawFrame {
  readonly sha256: string;
  readonly bytes: number;
}

/** The `--delimiter` value that splits fields at runs of spaces and tabs. */
export const WHITESPACE_DELIMITER = 'whitespace';

/** Whether the options ask for whitespace-separated fields. */
export function isWhitespaceDelimited(options: CsvOptions): boolean {
  return options.delimiter?.toLowerCase() === WHITESPACE_DELIMITER;
}

/** The field separator character(s) a delimiter option means (tab spellings resolved). */
export function delimiterOf(d: string | undefined): string {
  if (d === undefined) return ',';
  if (d === '\\t' || d.toLowerCase() === 'tab') return '\t';
  if (d.length === 0)
    throw new InputError('E_BAD_OPTION', 'the delimiter is empty', { option: '--delimiter' });
  return d;
}

/** One data record and the 1-based line where it ends. */
interface CsvRecord {
  readonly fields: readonly string[];
  readonly line: number;
}

/** Records of the file (header included) as the reader splits them: csv-parse, or whitespace splitting. */
async function* rawRecords(
  file: string,
  options: CsvOptions,
  onChunk?: (chunk: Buffer) => void,
): AsyncGenerator<CsvRecord> {
  const skipRows = options.skipRows ?? 0;
  const stream = createReadStream(file);
  if (onChunk) stream.on('data', (chunk) => onChunk(chunk as Buffer));
  try {
    if (isWhitespaceDelimited(options)) {
      let line = 0;
      for await (const text of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
        line++;
        const t = (line === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
        if (line <= skipRows || t === '') continue;
        yield { fields: t.split(/[ \t]+/), line };
      }
      return;
    }
    const parser = stream.pipe(
      parse({
        delimiter: delimiterOf(options.delimiter),
        bom: true,
        trim: options.trim ?? true,
        from_line: skipRows + 1,
        skip_empty_lines: true,
        info: true,
        max_record_size: MAX_CSV_RECORD_CHARS,
      }),
    );
    try {
      for await (const { record, info } of parser as AsyncIterable<{
        record: string[];
        info: { lines: number };
      }>)
        yield { fields: record, line: info.lines };
    } catch (e) {
      if (!(e instanceof CsvError)) throw e;
      const line = (e as CsvError & { lines?: number }).lines;
      if ((e.code as string) === 'CSV_MAX_RECORD_SIZE')
        throw new InputError(
          'E_FIELD_TOO_LARGE',
          `a field or line is longer than ${MAX_CSV_RECORD_CHARS} characters (the limit of one CSV record; a longer one would exhaust memory)`,
          { file, line },
          { cause: e },
        );
      if (e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
        const match = /expect (\d+), got (\d+)/.exec(e.message);
        const detail = match ? `line has ${match[2]} fields, expected ${match[1]}` : e.message;
        throw new InputError('E_RAGGED_LINE', detail, { file, line }, { cause: e });
      }
      throw new InputError('E_CSV_PARSE', `cannot parse CSV: ${e.message}`, { file, line }, { cause: e });
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('E_CSV_PARSE', `cannot read CSV: ${(e as Error).message}`, { file }, { cause: e });
  } finally {
    stream.destroy();
  }
}

/** The column names and the data records, checked: a header that matches `columns`, no ragged line. */
async function* csvRecords(
  file: string,
  options: CsvOptions,
  onNames: (names: string[]) => void,
  onChunk?: (chunk: Buffer) => void,
): AsyncGenerator<CsvRecord> {
  let names: string[] | undefined = options.columns ? [...options.columns] : undefined;
  let sawHeader = !(options.hasHeader ?? true);
  let announced = false;
  for await (const r of rawRecords(file, options, onChunk)) {
    if (!sawHeader) {
      sawHeader = true;
      if (!names) names = [...r.fields];
      else if (names.length !== r.fields.length)
        throw new InputError(
          'E_BAD_OPTION',
          `--columns names ${names.length} columns but the header has ${r.fields.length}`,
          { file, line: r.line, option: '--columns' },
        );
      onNames(names);
      announced = true;
      continue;
    }
    if (!announced) {
      names ??= r.fields.map((_, j) => `c${j + 1}`);
      onNames(names);
      announced = true;
    }
    if (!names) throw new Error('unreachable');
    if (r.fields.length !== names.length)
      throw new InputError('E_RAGGED_LINE', `line has ${r.fields.length} fields, expected ${names.length}`, {
        file,
        line: r.line,
      });
    yield r;
  }
}

function checkSkipRows(options: CsvOptions): void {
  const skipRows = options.skipRows ?? 0;
  if (!Number.isInteger(skipRows) || skipRows < 0)
    throw new InputError('E_BAD_OPTION', `--skip-rows must be a non-negative integer, got ${skipRows}`, {
      option: '--skip-rows',
    });
}

/**
 * Reads a CSV file as a stream (csv-parse), typing each field (`typeField`) and hashing the bytes as they pass.
 * @throws InputError E_FILE_MISSING, E_EMPTY_INPUT, E_RAGGED_LINE, E_CSV_PARSE, E_BAD_OPTION
 */
export async function readCsvFrame(file: string, options: CsvOptions = {}): Promise<CsvFrame> {
  await checkInputFile(file);
  checkSkipRows(options);
  const naValues = new Set(options.naValues ?? DEFAULT_NA_VALUES);
  if (!isWhitespaceDelimited(options)) {
    const plain = await readPlainCsvFrame(file, options, naValues);
    if (plain) return plain;
  }
  return readCsvFrameCarefully(file, options, naValues);
}

/**
 * The fast path of `readCsvFrame` (`PlainCsvReader`): undefined when the file is not plainly what csv-parse
 * reads the same way, or has no data rows (then the careful path reads it, and names any problem).
 */
async function readPlainCsvFrame(
  file: string,
  options: CsvOptions,
  naValues: ReadonlySet<string>,
): Promise<CsvFrame | undefined> {
  const reader = new PlainCsvReader({
    delimiter: delimiterOf(options.delimiter),
    hasHeader: options.hasHeader ?? true,
    ...(options.columns ? { columns: options.columns } : {}),
    naValues,
    skipRows: options.skipRows ?? 0,
    trim: options.trim ?? true,
  });
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let bytes = 0;
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
      if (!reader.push(decoder.decode(chunk, { stream: true }))) return undefined;
    }
  } catch {
    return undefined; // an unreadable file: the careful path names it
  } finally {
    stream.destroy();
  }
  if (!reader.push(decoder.decode())) return undefined;
  const read = reader.end();
  if (!read) return undefined;
  return {
    name: basename(file),
    columnNames: read.columnNames,
    columns: read.columns,
    nRows: read.lines.length,
    lines: read.lines,
    file,
    sha256: hash.digest('hex'),
    bytes,
  };
}

/** The reference path of `readCsvFrame` (exported for the property test that compares the two): csv-parse's records (or whitespace splitting), typed. */
export async function readCsvFrameCarefully(
  file: string,
  options: CsvOptions,
  naValues: ReadonlySet<string>,
): Promise<CsvFrame> {
  const hash = createHash('sha256');
  let bytes = 0;
  let names: string[] | undefined;
  let columns: RawValue[][] = [];
  const lines: number[] = [];
  const records = csvRecords(
    file,
    options,
    (n) => {
      names = n;
      columns = n.map(() => []);
    },
    (chunk) => {
      hash.update(chunk);
      bytes += chunk.length;
    },
  );
  for await (const { fields, line } of records) {
    for (let j = 0; j < fields.length; j++) columns[j].push(typeField(fields[j], naValues));
    lines.push(line);
  }
  if (!names) throw new InputError('E_EMPTY_INPUT', 'the file is empty', { file });
  if (lines.length === 0)
    throw new InputError('E_EMPTY_INPUT', 'the file has a header but no data rows', { file });
  return {
    name: basename(file),
    columnNames: names,
    columns,
    nRows: lines.length,
    lines: Int32Array.from(lines),
    file,
    sha256: hash.digest('hex'),
    bytes,
  };
}

/**
 * The column names the reader sees (header, `columns`, or c1, c2, ...), reading only the first lines; the same
 * refusals as `readCsvFrame` for an empty file or a file without data rows.
 * @throws InputError E_FILE_MISSING, E_EMPTY_INPUT, E_BAD_OPTION, E_CSV_PARSE
 */
export async function readCsvColumnNames(file: string, options: CsvOptions = {}): Promise<string[]> {
  await checkInputFile(file);
  checkSkipRows(options);
  let names: string[] | undefined;
  let hasRows = false;
  for await (const _ of csvRecords(file, options, (n) => (names = n))) {
    hasRows = true;
    break;
  }
  if (!names) throw new InputError('E_EMPTY_INPUT', 'the file is empty', { file });
  if (!hasRows) throw new InputError('E_EMPTY_INPUT', 'the file has a header but no data rows', { file });
  return names;
}

/**
 * Reads the whole file as `readCsvFrame` would, keeping nothing, and returns the first structural problem
 * (ragged line, parse error) with its line, or undefined. Used to name the place of another engine's failure.
 */
export async function findCsvProblem(
  file: string,
  options: CsvOptions = {},
): Promise<InputError | undefined> {
  try {
    for await (const _ of csvRecords(file, options, () => {}));
    return undefined;
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
}

/** The 1-based source line of the n-th data row (1-based), as `readCsvFrame` numbers lines; undefined past the end. */
export async function lineOfDataRow(
  file: string,
  options: CsvOptions,
  n: number,
): Promise<number | undefined> {
  let i = 0;
  for await (const r of csvRecords(file, options, () => {})) if (++i === n) return r.line;
  return undefined;
}
