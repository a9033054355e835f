/**
 * The browser's CSV reader: the same parser (csv-parse's transform API, the engine behind the CLI's Node
 * stream), the same options and the same coded errors as `readCsvFrame`, fed from a `ReadableStream` of bytes
 * (`File.stream()`), so a large file is never held as one string. The file's SHA-256 is computed as the bytes
 * pass, as the CLI does, so the report's `source` block is identical.
 */
import { Buffer } from 'buffer';
import { CsvError, transform } from 'csv-parse-api';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { CsvFrame, CsvOptions } from '../../src/data/csv/read-csv.js';
import { type RawValue, typeField } from '../../src/data/raw-frame.js';
import { InputError } from '../../src/errors.js';
import { PlainCsvReader } from '../../src/data/csv/plain-csv-reader.js';

/** Missing-value markers when none are given: the CLI's default. */
export const DEFAULT_NA_VALUES: readonly string[] = ['', 'NA'];

function delimiterOf(d: string | undefined): string {
  if (d === undefined) return ',';
  if (d === '\\t' || d.toLowerCase() === 'tab') return '\t';
  if (d.length === 0)
    throw new InputError('E_BAD_OPTION', 'the delimiter is empty', { option: '--delimiter' });
  return d;
}

/** Bytes read so far and the total (when known), for a progress bar. */
export type ReadProgress = (bytesRead: number, totalBytes: number | undefined) => void;

export interface CsvStreamSource {
  /** The bytes, e.g. `file.stream()`. */
  readonly stream: ReadableStream<Uint8Array>;
  /** The file's name, used in reports and error messages (the CLI uses the path as given). */
  readonly name: string;
  /** Total size in bytes when known (progress only). */
  readonly size?: number;
}

/**
 * Reads a CSV byte stream into a typed frame, with the CLI's semantics: header handling, `--skip-rows`,
 * missing markers, trimming, a BOM, and the codes E_EMPTY_INPUT, E_RAGGED_LINE, E_CSV_PARSE, E_BAD_OPTION.
 * @example
 * const frame = await readCsvStream({ stream: file.stream(), name: file.name, size: file.size });
 */
export async function readCsvStream(
  source: CsvStreamSource,
  options: CsvOptions = {},
  onProgress?: ReadProgress,
): Promise<CsvFrame> {
  const file = source.name;
  const where = { file };
  const skipRows = options.skipRows ?? 0;
  if (!Number.isInteger(skipRows) || skipRows < 0)
    throw new InputError('E_BAD_OPTION', `--skip-rows must be a non-negative integer, got ${skipRows}`, {
      option: '--skip-rows',
    });
  const hasHeader = options.hasHeader ?? true;
  const naValues = new Set(options.naValues ?? DEFAULT_NA_VALUES);
  const api = transform({
    delimiter: delimiterOf(options.delimiter),
    bom: true,
    trim: options.trim ?? true,
    from_line: skipRows + 1,
    skip_empty_lines: true,
    info: true,
  });
  let names: string[] | undefined = options.columns ? [...options.columns] : undefined;
  let columns: RawValue[][] | undefined;
  const lines: number[] = [];
  let sawHeader = !hasHeader;
  // Records arrive synchronously from api.parse; a refusal is kept and thrown once parsing of the chunk stops.
  let refusal: InputError | undefined;
  const onRecord = ({ record, info }: { record: string[]; info: { lines: number } }) => {
    if (refusal) return;
    if (!sawHeader) {
      sawHeader = true;
      if (!names) names = record;
      else if (names.length !== record.length) {
        refusal = new InputError(
          'E_BAD_OPTION',
          `--columns names ${names.length} columns but the header has ${record.length}`,
          { file, line: info.lines, option: '--columns' },
        );
        return;
      }
      columns = names.map(() => []);
      return;
    }
    if (!names) names = record.map((_, j) => `c${j + 1}`);
    columns ??= names.map(() => []);
    if (record.length !== names.length) {
      refusal = new InputError(
        'E_RAGGED_LINE',
        `line has ${record.length} fields, expected ${names.length}`,
        {
          file,
          line: info.lines,
        },
      );
      return;
    }
    for (let j = 0; j < record.length; j++) columns[j].push(typeField(record[j], naValues));
    lines.push(info.lines);
  };
  const hash = sha256.create();
  let bytes = 0;
  const reader = source.stream.getReader();
  const close = () => {};
  // The fast path first (src/data/csv/plain-csv-reader.ts); the chunks are kept until it has read them all,
  // so that csv-parse can start over from the first byte when it gives up.
  let plain: PlainCsvReader | undefined = new PlainCsvReader({
    delimiter: delimiterOf(options.delimiter),
    hasHeader,
    ...(options.columns ? { columns: options.columns } : {}),
    naValues,
    skipRows,
    trim: options.trim ?? true,
  });
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let kept: Uint8Array[] = [];
  const parseCarefully = (value: Uint8Array) => {
    const error = api.parse(
      Buffer.from(value.buffer, value.byteOffset, value.byteLength),
      false,
      onRecord,
      close,
    );
    if (error) throw error;
    if (refusal) throw refusal;
  };
  const leavePlainPath = () => {
    plain = undefined;
    for (const chunk of kept) parseCarefully(chunk);
    kept = [];
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      hash.update(value);
      bytes += value.byteLength;
      if (plain) {
        kept.push(value);
        if (!plain.push(decoder.decode(value, { stream: true }))) leavePlainPath();
      } else parseCarefully(value);
      onProgress?.(bytes, source.size);
    }
    if (plain) {
      const read = plain.push(decoder.decode()) ? plain.end() : undefined;
      if (read)
        return {
          name: file,
          columnNames: read.columnNames,
          columns: read.columns,
          nRows: read.lines.length,
          lines: read.lines,
          file,
          sha256: bytesToHex(hash.digest()),
          bytes,
        };
      leavePlainPath();
    }
    const error = api.parse(undefined, true, onRecord, close);
    if (error) throw error;
    if (refusal) throw refusal;
  } catch (e) {
    await reader.cancel().catch(() => {});
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
    name: file,
    columnNames: names,
    columns,
    nRows: lines.length,
    lines: Int32Array.from(lines),
    file,
    sha256: bytesToHex(hash.digest()),
    bytes,
  };
}
