import type { DuckDBConnection } from '@duckdb/node-api';
import { basename, extname } from 'node:path';
import { InputError, type Where } from '../../errors.js';
import { checkInputFile } from '../../file-access.js';
import { type CellCounts, type CountRecord, encodeCounts } from '../counts/cell-counts.js';
import { duckValue } from '../counts/read-counts.js';
import { DEFAULT_NA_VALUES, type CsvOptions } from '../csv/index.js';
import { findCsvProblem, isWhitespaceDelimited, lineOfDataRow, readCsvColumnNames } from '../csv/read-csv.js';
import { NON_FINITE_SPELLINGS, typeField } from '../raw-frame.js';
import type { TableSpec } from '../encode-table.js';
import { type AggregationQuery, aggregationQuery } from '../sql/aggregation-query.js';
import { sqlString, withDuckDb } from './connection.js';

export interface DuckDbOptions extends CsvOptions {
  /** `csv` or `parquet`; default from the extension (.parquet / .pq, else CSV). */
  readonly format?: 'csv' | 'parquet';
  /** Group in the cell key (default true). */
  readonly isGroupAware?: boolean;
}

/** The embedded engine's result: the counts, the query it ran, and how long it took. */
export interface DuckDbAggregation {
  readonly counts: CellCounts;
  readonly query: AggregationQuery;
  /** Rows that passed filters, group selection and --drop-missing. */
  readonly nRowsKept: number;
  readonly elapsedMs: number;
}

/** The DuckDB table function that reads `file` as the in-process CSV reader does: every field as text. */
export function duckDbSource(file: string, options: DuckDbOptions = {}): string {
  const format = options.format ?? (/^\.(parquet|pq)$/i.test(extname(file)) ? 'parquet' : 'csv');
  if (format === 'parquet') return `read_parquet(${sqlString(file)})`;
  const delimiter =
    options.delimiter === undefined
      ? ','
      : options.delimiter === '\\t' || options.delimiter.toLowerCase() === 'tab'
        ? '\t'
        : options.delimiter;
  const args = [
    sqlString(file),
    'all_varchar = true',
    `header = ${options.hasHeader ?? true}`,
    `delim = ${sqlString(delimiter)}`,
    `quote = '"'`,
    `escape = '"'`,
    `skip = ${options.skipRows ?? 0}`,
  ];
  if (options.columns) args.push(`names = [${options.columns.map(sqlString).join(', ')}]`);
  return `read_csv(${args.join(', ')})`;
}

/** The first rows of `from` (1-based data rows) where each duplicated, used column differs from its first copy. */
async function refuseDifferingDuplicates(
  connection: DuckDBConnection,
  from: string,
  header: readonly string[],
  engineNames: readonly string[],
  used: readonly string[],
  file: string,
): Promise<void> {
  for (const name of new Set(used)) {
    const js = header.flatMap((n, j) => (n === name ? [j] : []));
    if (js.length < 2) continue;
    const q = (j: number) => `TRIM(${duckIdentifier(engineNames[j])})`;
    const differs = js
      .slice(1)
      .map((j) => `${q(j)} IS DISTINCT FROM ${q(js[0])}`)
      .join(' OR ');
    const r = await connection.runAndReadAll(`SELECT COUNT(*) FROM ${from} WHERE ${differs}`);
    if (Number(r.getRows()[0][0]) > 0)
      throw new InputError(
        'E_DUPLICATE_COLUMN',
        `column name "${name}" appears ${js.length} times (positions ${js.map((j) => j + 1).join(', ')}) with different values`,
        { file, column: name },
      );
  }
}

const duckIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Aggregates a CSV or Parquet file with embedded DuckDB: the query of `aggregationQuery` (bins compiled to SQL,
 * one GROUP BY over features, group and label), its result coded by `encodeCounts`. Cells, groups, classes and
 * weights are the ones `readCsvTable` + `distributionFromTable` give (weights exactly when they are integers;
 * otherwise the sums may differ in the last bits, as summation order differs). Malformed input is refused as
 * the in-process reader refuses it, with the same code, line and column: the header is read by the same CSV
 * reader, and when DuckDB fails or a row is refused, that reader names the line (reading the file again, on
 * the error path only).
 * @throws InputError E_FILE_MISSING, E_CSV_PARSE, E_RAGGED_LINE, E_EMPTY_INPUT, E_DUPLICATE_COLUMN,
 *   E_MISSING_COLUMN, E_MISSING_VALUE, E_NOT_NUMERIC, E_NOT_FINITE, E_NEGATIVE_WEIGHT, E_BAD_BINS,
 *   E_BAD_EXPRESSION (no SQL translation), E_BAD_OPTION and the shape errors of `checkGroupLabelShape`
 */
export async function aggregateWithDuckDb(
  file: string,
  spec: TableSpec,
  options: DuckDbOptions = {},
): Promise<DuckDbAggregation> {
  await checkInputFile(file);
  const t0 = performance.now();
  const isCsv = sourceFormat(file, options) === 'csv';
  if (isCsv && isWhitespaceDelimited(options))
    throw new InputError(
      'E_BAD_OPTION',
      '--delimiter whitespace is read by the in-process engine only (use --engine in-process)',
      { option: '--engine' },
    );
  // The CSV reader's view of the header (trimmed names, duplicates kept): DuckDB gets unique names for the
  // copies of a duplicated name, and an empty file is refused before DuckDB sees it.
  const header = isCsv ? await readCsvColumnNames(file, options) : undefined;
  const engineNames = header?.map((n, j) =>
    header.indexOf(n) === j ? n : `fairlimit_copy_${j + 1}_of_${n}`,
  );
  const from = duckDbSource(file, { ...options, ...(engineNames ? { columns: engineNames } : {}) });
  const naValues = options.naValues ?? DEFAULT_NA_VALUES;
  const lineOf = async (dataRow: number) => (isCsv ? await lineOfDataRow(file, options, dataRow) : undefined);
  /** The place of data row r: its line (CSV) or its record number (Parquet). */
  const placeOf = async (r: number, column: string) => {
    const line = await lineOf(r);
    return line !== undefined ? { file, line, column } : { file, column, detail: `record ${r}` };
  };
  try {
    return await withDuckDb(async (connection) => {
      const columnNames = header
        ? [...new Set(header)]
        : (await connection.runAndReadAll(`SELECT * FROM ${from} LIMIT 0`)).columnNames();
      const base = { dialect: 'duckdb' as const, from, columnNames, naValues };
      const plan = aggregationQuery(spec, { ...base, stage: 'kept' });
      if (header && engineNames)
        await refuseDifferingDuplicates(connection, from, header, engineNames, plan.sourceColumns, file);
      const counted = await countWithDuckDb(
        connection,
        spec,
        base,
        plan,
        naValues,
        placeOf,
        from,
        columnNames,
        { file },
      );
      const counts = encodeCounts(counted.records, {
        name: spec.name ?? basename(file),
        featureNames: counted.query.features.map((f) => f.name),
        groupColumns: counted.query.groupColumns,
        labelColumn: counted.query.labelColumn,
        isWeighted: spec.weights !== undefined,
        where: { file },
        ...(options.isGroupAware !== undefined ? { isGroupAware: options.isGroupAware } : {}),
        ...(spec.groupValues ? { groupValues: spec.groupValues } : {}),
        ...(spec.labelValues ? { labelValues: spec.labelValues } : {}),
        ...(spec.nClasses !== undefined ? { nClasses: spec.nClasses } : {}),
      });
      return {
        counts,
        query: counted.query,
        nRowsKept: counted.nRowsKept,
        elapsedMs: performance.now() - t0,
      };
    }, file);
  } catch (e) {
    // DuckDB's own failure on a CSV (a ragged line, a broken quote): name it as the CSV reader does.
    if (isCsv && e instanceof InputError && e.code === 'E_CSV_PARSE')
      throw (await findCsvProblem(file, options)) ?? e;
    throw e;
  }
}

function sourceFormat(file: string, options: DuckDbOptions): 'csv' | 'parquet' {
  return options.format ?? (/^\.(parquet|pq)$/i.test(extname(file)) ? 'parquet' : 'csv');
}

/** Runs the counts query (staged when bins need data-dependent edges) and checks every record. */
async function countWithDuckDb(
  connection: DuckDBConnection,
  spec: TableSpec,
  base: { dialect: 'duckdb'; from: string; columnNames: readonly string[]; naValues: readonly string[] },
  plan: AggregationQuery,
  naValues: readonly string[],
  placeOf: (row: number, column: string) => Promise<Where>,
  from: string,
  columnNames: readonly string[],
  fileWhere: Where,
): Promise<{ records: CountRecord[]; query: AggregationQuery; nRowsKept: number }> {
  // Quantile and uniform edges need the prepared rows twice (edges, then counts): prepare them once into a
  // temporary table, read the edges, and count with them as literal edges (edgesFor's de-duplication).
  const dataDependent = plan.features.some((f) => f.bins?.kind === 'quantile' || f.bins?.kind === 'uniform');
  const firstRow = async (condition: string): Promise<number> => {
    const numbered = aggregationQuery(spec, { ...base, stage: 'kept', rowNumbers: true }).sql;
    const r = await connection.runAndReadAll(
      `SELECT "row_number" FROM (${numbered}) AS k WHERE ${condition} ORDER BY 1 LIMIT 1`,
    );
    return Number(r.getRows()[0]?.[0] ?? Number.NaN);
  };
  const nonFinite = (column: string) =>
    `lower(${column}) IN (${NON_FINITE_SPELLINGS.map((t) => `'${t}'`).join(', ')})`;
  const na = new Set(naValues);
  let staged: { keptTable: string; edgeValues: Map<string, number[]> } | undefined;
  if (dataDependent) {
    // A non-finite value in a binned column is refused before its edges are computed (as in process).
    for (const f of plan.features)
      if (f.output === 'bins' && columnNames.includes(f.name)) await refuseNonFinite(f.name);
    await connection.run(`CREATE TEMP TABLE fairlimit_kept AS ${plan.sql}`);
    const edgesReader = await connection.runAndReadAll(
      aggregationQuery(spec, { ...base, keptTable: 'fairlimit_kept', stage: 'edges' }).sql,
    );
    const edgeRow = edgesReader.getRowObjects()[0];
    const edgeValues = new Map<string, number[]>();
    plan.features.forEach((f, j) => {
      if (f.bins?.kind !== 'quantile' && f.bins?.kind !== 'uniform') return;
      const out: number[] = [];
      for (let i = 1; i < f.bins.count; i++) {
        const e = edgeRow[`e${j}_${i}`];
        if (e === null || e === undefined) continue; // no rows: no edges
        const x = Number(e);
        if (out.length === 0 || x > out[out.length - 1]) out.push(x);
      }
      edgeValues.set(f.name, out);
    });
    staged = { keptTable: 'fairlimit_kept', edgeValues };
  }
  async function refuseNonFinite(column: string) {
    const text = `TRIM(CAST(${duckIdentifier(column)} AS VARCHAR))`;
    const r = await connection.runAndReadAll(
      `SELECT fairlimit_row, ${text} FROM (SELECT *, ROW_NUMBER() OVER () AS fairlimit_row FROM ${from}) WHERE ${nonFinite(text)} ORDER BY 1 LIMIT 1`,
    );
    const row = r.getRows()[0];
    if (!row) return;
    // Only a kept row counts (filters may drop it), as in process.
    const kept = await firstRow(`"row_number" = ${Number(row[0])}`);
    if (Number.isNaN(kept)) return;
    throw new InputError(
      'E_NOT_FINITE',
      `value ${typeField(String(row[1]), na)} in column "${column}" is not a finite number (list it in --na-values to treat it as missing)`,
      await placeOf(kept, column),
    );
  }
  const query = aggregationQuery(spec, { ...base, checks: true, ...(staged ?? {}) });
  const reader = await connection.runAndReadAll(query.sql);
  const names = reader.columnNames();
  const at = (name: string) => names.indexOf(name);
  const nFeatures = query.features.length;
  const nGroups = query.groupColumns.length;
  const keyColumns = [
    ...query.features.map((_, j) => `f${j}`),
    ...query.groupColumns.map((_, j) => `g${j}`),
    'y',
  ];
  const records: CountRecord[] = [];
  let nRowsKept = 0;
  for (const row of reader.getRows()) {
    for (let j = 0; j < keyColumns.length; j++) {
      const column = names[j];
      const feature = j < nFeatures ? query.features[j] : undefined;
      const isSource = !feature || columnNames.includes(column);
      if (row[j] === null) {
        const rowNumber = await firstRow(`"${keyColumns[j]}" IS NULL`);
        const text = isSource ? await sourceText(connection, from, column, rowNumber) : null;
        const value = text === null ? null : typeField(text.trim(), na);
        if (typeof value === 'number' && !Number.isFinite(value))
          throw new InputError(
            'E_NOT_FINITE',
            `value ${value} in column "${column}" is not a finite number (list it in --na-values to treat it as missing)`,
            await placeOf(rowNumber, column),
          );
        if (feature?.output === 'bins' && value !== null)
          throw new InputError(
            'E_NOT_NUMERIC',
            `value "${text!.trim()}" is not numeric, but column "${column}" has numeric bins`,
            await placeOf(rowNumber, column),
          );
        throw new InputError(
          'E_MISSING_VALUE',
          feature?.output === 'number'
            ? `derived column "${column}" has no value (a missing input or a failed expression)`
            : `missing value in column "${column}" (drop such rows with --drop-missing, or remove them with --filter)`,
          await placeOf(rowNumber, column),
        );
      }
      if (isSource && feature?.output !== 'bins' && feature?.output !== 'number') {
        const value = duckValue(row[j], na);
        if (typeof value === 'number' && !Number.isFinite(value)) {
          const rowNumber = await firstRow(nonFinite(`"${keyColumns[j]}"`));
          throw new InputError(
            'E_NOT_FINITE',
            `value ${value} in column "${column}" is not a finite number (list it in --na-values to treat it as missing)`,
            await placeOf(rowNumber, column),
          );
        }
      }
    }
    if (spec.weights && Number(row[at('bad_weights')]) > 0) {
      const r = await firstRow(`"w_text" IS NOT NULL AND "w" IS NULL`);
      const text = (await sourceText(connection, from, spec.weights, r))?.trim() ?? '';
      const value = typeField(text, na);
      if (typeof value === 'number')
        throw new InputError(
          'E_NOT_FINITE',
          `value ${value} in column "${spec.weights}" is not a finite number (list it in --na-values to treat it as missing)`,
          await placeOf(r, spec.weights),
        );
      throw new InputError(
        'E_NOT_NUMERIC',
        `weight "${text}" is not a number`,
        await placeOf(r, spec.weights),
      );
    }
    if (spec.weights && Number(row[at('min_weight')]) < 0) {
      const r = await firstRow(`"w" < 0`);
      throw new InputError(
        'E_NEGATIVE_WEIGHT',
        `weight ${(await sourceText(connection, from, spec.weights, r))?.trim()} is negative`,
        await placeOf(r, spec.weights),
      );
    }
    const rows = Number(row[at(query.rowsColumn)]);
    nRowsKept += rows;
    records.push({
      features: row.slice(0, nFeatures).map((v) => duckValue(v, na)),
      groups: row.slice(nFeatures, nFeatures + nGroups).map((v) => duckValue(v, na)),
      label: duckValue(row[nFeatures + nGroups], na),
      weight: Number(row[at(query.weightColumn)]),
      rows,
      where: fileWhere,
    });
  }
  if (records.length === 0)
    throw new InputError(
      'E_EMPTY_INPUT',
      'no rows left after filters, group selection and missing values',
      {},
    );
  return { records, query, nRowsKept };
}

/** The text of one source field, for error messages. */
async function sourceText(
  connection: DuckDBConnection,
  from: string,
  column: string,
  row: number,
): Promise<string | null> {
  const r = await connection.runAndReadAll(
    `SELECT CAST(${duckIdentifier(column)} AS VARCHAR) FROM (SELECT *, ROW_NUMBER() OVER () AS fairlimit_row FROM ${from}) WHERE fairlimit_row = ${row}`,
  );
  const v = r.getRows()[0]?.[0];
  return v === undefined || v === null ? null : String(v);
}
