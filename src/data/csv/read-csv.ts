import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { CsvError, parse } from 'csv-parse';
import { InputError } from '../../errors.js';
import { checkInputFile } from '../../file-access.js';
import { type RawFrame, type RawValue, typeField } from '../raw-frame.js';

export interface CsvOptions {
  /** Field separator (one or more characters). Default ",". "\t" and "tab" mean a tab. */
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

/** A parsed CSV file, with the file's SHA-256 and size for the report. */
export interface CsvFrame extends RawFrame {
  readonly sha256: string;
  readonly bytes: number;
}

function delimiterOf(d: string | undefined): string {
  if (d === undefined) return ',';
  if (d === '\\t' || d.toLowerCase() === 'tab') return '\t';
  if (d.length === 0)
    throw new InputError('E_BAD_OPTION', 'the delimiter is empty', { option: '--delimiter' });
  return d;
}

/**
 * Reads a CSV file as a stream (csv-parse), typing each field (`typeField`) and hashing the bytes as they pass.
 * @throws InputError E_FILE_MISSING, E_EMPTY_INPUT, E_RAGGED_LINE, E_CSV_PARSE, E_BAD_OPTION
 */
export async function readCsvFrame(file: string, options: CsvOptions = {}): Promise<CsvFrame> {
  const where = { file };
  await checkInputFile(file);
  const skipRows = options.skipRows ?? 0;
  if (!Number.isInteger(skipRows) || skipRows < 0)
    throw new InputError('E_BAD_OPTION', `--skip-rows must be a non-negative integer, got ${skipRows}`, {
      option: '--skip-rows',
    });
  const hasHeader = options.hasHeader ?? true;
  const naValues = new Set(options.naValues ?? DEFAULT_NA_VALUES);
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = createReadStream(file);
  stream.on('data', (chunk) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  const parser = stream.pipe(
    parse({
      delimiter: delimiterOf(options.delimiter),
      bom: true,
      trim: options.trim ?? true,
      from_line: skipRows + 1,
      skip_empty_lines: true,
      info: true,
    }),
  );
  let names: string[] | undefined = options.columns ? [...options.columns] : undefined;
  let columns: RawValue[][] | undefined;
  const lines: number[] = [];
  let sawHeader = !hasHeader;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!sawHeader) {
        sawHeader = true;
        if (!names) names = record;
        else if (names.length !== record.length)
          throw new InputError(
            'E_BAD_OPTION',
            `--columns names ${names.length} columns but the header has ${record.length}`,
            { file, line: info.lines, option: '--columns' },
          );
        columns = names.map(() => []);
        continue;
      }
      if (!names) names = record.map((_, j) => `c${j + 1}`);
      columns ??= names.map(() => []);
      if (record.length !== names.length)
        throw new InputError('E_RAGGED_LINE', `line has ${record.length} fields, expected ${names.length}`, {
          file,
          line: info.lines,
        });
      for (let j = 0; j < record.length; j++) columns[j].push(typeField(record[j], naValues));
      lines.push(info.lines);
    }
  } catch (e) {
    stream.destroy();
    if (e instanceof InputError) throw e;
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines;
      if (e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
        const match = /expect (\d+), got (\d+)/.exec(e.message);
        const detail = match ? `line has ${match[2]} fields, expected ${match[1]}` : e.message;
        throw new InputError('E_RAGGED_LINE', detail, { file, line }, { cause: e });
      }
      throw new InputError('E_CSV_PARSE', `cannot parse CSV: ${e.message}`, { file, line }, { cause: e });
    }
    throw new InputError('E_CSV_PARSE', `cannot read CSV: ${(e as Error).message}`, where, { cause: e });
  }
  if (!names || !columns) throw new InputError('E_EMPTY_INPUT', 'the file is empty', where);
  if (lines.length === 0)
    throw new InputError('E_EMPTY_INPUT', 'the file has a header but no data rows', where);
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
