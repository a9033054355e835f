import { createReadStream } from 'node:fs';
import { basename, extname } from 'node:path';
import { CsvError, parse } from 'csv-parse';
import { InputError } from '../../errors.js';
import { checkInputFile } from '../../file-access.js';
import { DEFAULT_NA_VALUES } from '../csv/index.js';
import { didYouMean } from '../nearest-names.js';
import { typeField, type RawValue } from '../raw-frame.js';
import { ROWS_COLUMN, WEIGHT_COLUMN } from '../sql/index.js';
import { type CellCounts, type CountRecord, encodeCounts, valueText } from './cell-counts.js';

/** Column roles of a counts table (`--counts FILE`): one record per (cell, group, label). */
export interface CountsSpec {
  /** Group column(s); several make intersectional groups ("a & b"). */
  readonly group: string | readonly string[];
  readonly label: string;
  /**
   * The column holding each record's weight (a count, or a sum of row weights). Default: "weight" (what
   * `fairlimit sql` writes), else "count", else "n_rows".
   */
  readonly count?: string;
  /** Unweighted rows per record (for the support summary). Default "n_rows" when present, else the count. */
  readonly rows?: string;
  /** The cell-key columns; default every column that is not the group, the label, the count or the rows. */
  readonly cells?: readonly string[];
  /** Put the group into the cell key (the paper's default). Default true. */
  readonly isGroupAware?: boolean;
  readonly groupValues?: readonly string[];
  readonly labelValues?: readonly string[];
  readonly nClasses?: number;
}

export interface CountsFileOptions {
  /** `csv` or `parquet`; default from the file extension (.parquet / .pq, else CSV). */
  readonly format?: 'csv' | 'parquet';
  /** CSV field separator. Default ",". */
  readonly delimiter?: string;
  readonly naValues?: readonly string[];
}

interface CountsColumns {
  readonly cells: readonly number[];
  readonly groups: readonly number[];
  readonly label: number;
  readonly count: number;
  readonly rows: number;
}

function resolveColumns(names: readonly string[], spec: CountsSpec, file: string): CountsColumns {
  const index = (name: string, option: string): number => {
    const j = names.indexOf(name);
    if (j < 0)
      throw new InputError(
        'E_MISSING_COLUMN',
        `the counts table has no column "${name}"${didYouMean(name, names)} (columns: ${names.map((n) => `"${n}"`).join(', ')})`,
        { file, column: name, option },
      );
    return j;
  };
  const groups = (typeof spec.group === 'string' ? [spec.group] : [...spec.group]).map((g) =>
    index(g, '--group'),
  );
  const label = index(spec.label, '--label');
  const countName = spec.count ?? [WEIGHT_COLUMN, 'count', ROWS_COLUMN].find((n) => names.includes(n));
  if (countName === undefined)
    throw new InputError(
      'E_MISSING_COLUMN',
      `the counts table needs a count column: name it "${WEIGHT_COLUMN}", "count" or "${ROWS_COLUMN}"`,
      { file, option: 'count' },
    );
  const count = index(countName, 'count');
  const rows =
    spec.rows !== undefined
      ? index(spec.rows, 'rows')
      : names.includes(ROWS_COLUMN)
        ? names.indexOf(ROWS_COLUMN)
        : count;
  const roles = new Set([...groups, label, count, rows]);
  const cells = spec.cells
    ? spec.cells.map((c) => index(c, '--cells'))
    : names.map((_, j) => j).filter((j) => !roles.has(j));
  for (const j of cells)
    if (roles.has(j))
      throw new InputError('E_BAD_OPTION', `column "${names[j]}" is both a cell-key column and a role`, {
        file,
        column: names[j],
        option: '--cells',
      });
  return { cells, groups, label, count, rows };
}

function countValue(
  v: RawValue,
  column: string,
  where: { file: string; line?: number; detail?: string },
): number {
  if (v === null)
    throw new InputError('E_MISSING_VALUE', `missing count in column "${column}"`, { ...where, column });
  if (typeof v !== 'number')
    throw new InputError('E_NOT_NUMERIC', `count "${valueText(v)}" in column "${column}" is not a number`, {
      ...where,
      column,
    });
  if (!Number.isFinite(v))
    throw new InputError('E_NOT_FINITE', `count ${v} in column "${column}" is not finite`, {
      ...where,
      column,
    });
  if (v < 0)
    throw new InputError('E_NEGATIVE_WEIGHT', `count ${v} in column "${column}" is negative`, {
      ...where,
      column,
    });
  return v;
}

/**
 * Reads a counts table (CSV, or Parquet through DuckDB), or several with the same key columns summed by key
 * (per-partition outputs): one record per (cell-key values, group, label) with a count or weight, e.g. the output of `fairlimit sql` run on the user's own engine. Records with equal keys add
 * up; cells are coded as `encodeTable` codes rows, so counts of a data set give the same distribution as its rows.
 * @throws InputError E_FILE_MISSING, E_MISSING_COLUMN, E_NOT_NUMERIC (with the line), E_NEGATIVE_WEIGHT,
 *   E_MISSING_VALUE, E_NOT_FINITE, E_RAGGED_LINE, E_CSV_PARSE, E_EMPTY_INPUT, E_TOO_MANY_CLASSES
 * @example
 * const counts = await readCountsTable('counts.csv', { group: 'race', label: 'is_recid' });
 * const distribution = distributionFromCellCounts(counts);
 */
export async function readCountsTable(
  file: string | readonly string[],
  spec: CountsSpec,
  options: CountsFileOptions = {},
): Promise<CellCounts> {
  // Several files (e.g. the per-partition outputs of a distributed engine) are read in order and summed by key:
  // records with equal keys add up wherever they come from.
  const files = typeof file === 'string' ? [file] : [...file];
  if (files.length === 0) throw new InputError('E_USAGE', 'no counts file given', { option: '--counts' });
  if (options.delimiter?.toLowerCase() === 'whitespace')
    throw new InputError(
      'E_BAD_OPTION',
      'a counts table is read with a one-character delimiter, not whitespace',
      {
        option: '--delimiter',
      },
    );
  const out: CountRecord[] = [];
  let columns: { cells: string[]; groups: string[]; label: string } | undefined;
  for (const f of files) {
    await checkInputFile(f, { what: 'counts table' });
    const format = options.format ?? (/^\.(parquet|pq)$/i.test(extname(f)) ? 'parquet' : 'csv');
    const naValues = new Set(options.naValues ?? DEFAULT_NA_VALUES);
    const { names, records } =
      format === 'parquet'
        ? await readParquetRecords(f, naValues)
        : await readCsvRecords(f, options.delimiter, naValues);
    const c = resolveColumns(names, spec, f);
    const these = {
      cells: c.cells.map((j) => names[j]),
      groups: c.groups.map((j) => names[j]),
      label: names[c.label],
    };
    const sameSet = (a: readonly string[], b: readonly string[]) =>
      a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
    if (
      columns &&
      !(
        sameSet(columns.cells, these.cells) &&
        sameSet(columns.groups, these.groups) &&
        columns.label === these.label
      )
    )
      throw new InputError(
        'E_MISSING_COLUMN',
        `the counts files disagree on their key columns: ${JSON.stringify(columns)} in ${files[0]}, ${JSON.stringify(these)} here`,
        { file: f, option: '--counts' },
      );
    columns ??= these;
    // The same key columns in another order are read in the first file's order.
    const cellIndex = columns.cells.map((name) => c.cells[these.cells.indexOf(name)]);
    const groupIndex = columns.groups.map((name) => c.groups[these.groups.indexOf(name)]);
    for (const { values, where } of records)
      out.push({
        features: cellIndex.map((j) => values[j]),
        groups: groupIndex.map((j) => values[j]),
        label: values[c.label],
        weight: countValue(values[c.count], names[c.count], where),
        rows:
          c.rows === c.count
            ? countValue(values[c.count], names[c.count], where)
            : countValue(values[c.rows], names[c.rows], where),
        where,
      });
  }
  if (out.length === 0)
    throw new InputError('E_EMPTY_INPUT', 'the counts table has no records', { file: files.join(', ') });
  return encodeCounts(out, {
    name: files.length === 1 ? basename(files[0]) : `${basename(files[0])} and ${files.length - 1} more`,
    where: { file: files.join(', ') },
    featureNames: columns!.cells,
    groupColumns: columns!.groups,
    labelColumn: columns!.label,
    ...(spec.isGroupAware !== undefined ? { isGroupAware: spec.isGroupAware } : {}),
    ...(spec.groupValues ? { groupValues: spec.groupValues } : {}),
    ...(spec.labelValues ? { labelValues: spec.labelValues } : {}),
    ...(spec.nClasses !== undefined ? { nClasses: spec.nClasses } : {}),
  });
}

interface RawRecord {
  readonly values: readonly RawValue[];
  readonly where: { file: string; line?: number; detail?: string };
}

async function readCsvRecords(file: string, delimiter: string | undefined, naValues: ReadonlySet<string>) {
  const parser = createReadStream(file).pipe(
    parse({
      delimiter: delimiter === 'tab' || delimiter === '\\t' ? '\t' : (delimiter ?? ','),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
    }),
  );
  let names: string[] | undefined;
  const records: RawRecord[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!names) {
        names = record;
        continue;
      }
      if (record.length !== names.length)
        throw new InputError('E_RAGGED_LINE', `line has ${record.length} fields, expected ${names.length}`, {
          file,
          line: info.lines,
        });
      records.push({ values: record.map((t) => typeField(t, naValues)), where: { file, line: info.lines } });
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    const line = (e as { lines?: number }).lines;
    if (e instanceof CsvError && e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH')
      throw new InputError(
        'E_RAGGED_LINE',
        e.message,
        { file, ...(line !== undefined ? { line } : {}) },
        { cause: e },
      );
    throw new InputError(
      'E_CSV_PARSE',
      `cannot parse the counts table: ${(e as Error).message}`,
      { file, ...(line !== undefined ? { line } : {}) },
      { cause: e },
    );
  }
  if (!names) throw new InputError('E_EMPTY_INPUT', 'the counts table is empty', { file });
  return { names, records };
}

async function readParquetRecords(file: string, naValues: ReadonlySet<string>) {
  const { withDuckDb, sqlString } = await import('../duckdb/connection.js');
  return withDuckDb(async (connection) => {
    const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet(${sqlString(file)})`);
    const names = reader.columnNames();
    const records: RawRecord[] = reader.getRows().map((row, i) => ({
      values: row.map((v) => duckValue(v, naValues)),
      where: { file, detail: `record ${i + 1}` },
    }));
    return { names, records };
  }, file);
}

/** A DuckDB value as the CSV reader would type its text. */
export function duckValue(v: unknown, naValues: ReadonlySet<string>): RawValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return typeField(String(v).trim(), naValues);
}
