import type { DuckDBConnection } from '@duckdb/node-api';
import { basename, extname } from 'node:path';
import { InputError } from '../../errors.js';
import { checkInputFile } from '../../file-access.js';
import { type CellCounts, type CountsRecord, encodeCounts } from '../counts/cell-counts.js';
import { duckValue } from '../counts/read-counts.js';
import { DEFAULT_NA_VALUES, type CsvOptions } from '../csv/index.js';
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

/**
 * Aggregates a CSV or Parquet file with embedded DuckDB: the query of `aggregationQuery` (bins compiled to SQL,
 * one GROUP BY over features, group and label), its result coded by `encodeCounts`. Cells, groups, classes and
 * weights are the ones `readCsvTable` + `distributionFromTable` give (weights exactly when they are integers;
 * otherwise the sums may differ in the last bits, as summation order differs).
 * @throws InputError E_FILE_MISSING, E_CSV_PARSE, E_MISSING_COLUMN, E_MISSING_VALUE, E_NOT_NUMERIC,
 *   E_NEGATIVE_WEIGHT, E_BAD_BINS, E_BAD_EXPRESSION (no SQL translation), E_EMPTY_INPUT and the distribution's
 *   shape errors
 */
export async function aggregateWithDuckDb(
  file: string,
  spec: TableSpec,
  options: DuckDbOptions = {},
): Promise<DuckDbAggregation> {
  await checkInputFile(file);
  const t0 = performance.now();
  const from = duckDbSource(file, options);
  const naValues = options.naValues ?? DEFAULT_NA_VALUES;
  return withDuckDb(async (connection) => {
    const columnNames = (await connection.runAndReadAll(`SELECT * FROM ${from} LIMIT 0`)).columnNames();
    const base = { dialect: 'duckdb' as const, from, columnNames, naValues };
    const plan = aggregationQuery(spec, { ...base, stage: 'kept' });
    // Quantile and uniform edges need the prepared rows twice (edges, then counts): prepare them once into a
    // temporary table, read the edges, and count with them as literal edges (edgesFor's de-duplication).
    const dataDependent = plan.features.some(
      (f) => f.bins?.kind === 'quantile' || f.bins?.kind === 'uniform',
    );
    let staged: { keptTable: string; edgeValues: Map<string, number[]> } | undefined;
    if (dataDependent) {
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
    const query = aggregationQuery(spec, { ...base, checks: true, ...(staged ?? {}) });
    const reader = await connection.runAndReadAll(query.sql);
    const names = reader.columnNames();
    const at = (name: string) => names.indexOf(name);
    const nFeatures = query.features.length;
    const nGroups = query.groupColumns.length;
    const na = new Set(naValues);
    const records: CountsRecord[] = [];
    const where = { file };
    let nRowsKept = 0;
    /** The first kept row (1-based data row) where `condition` holds on the prepared columns. */
    const firstRow = async (condition: string): Promise<number> => {
      const numbered = aggregationQuery(spec, { ...base, stage: 'kept', rowNumbers: true }).sql;
      const r = await connection.runAndReadAll(
        `SELECT "row_number" FROM (${numbered}) AS k WHERE ${condition} ORDER BY 1 LIMIT 1`,
      );
      return Number(r.getRows()[0]?.[0] ?? Number.NaN);
    };
    const keyColumns = [
      ...query.features.map((_, j) => `f${j}`),
      ...query.groupColumns.map((_, j) => `g${j}`),
      'y',
    ];
    for (const row of reader.getRows()) {
      for (let j = 0; j < keyColumns.length; j++) {
        if (row[j] !== null) continue;
        const column = names[j];
        const rowNumber = await firstRow(`"${keyColumns[j]}" IS NULL`);
        const feature = j < nFeatures ? query.features[j] : undefined;
        const text =
          feature && !columnNames.includes(column)
            ? null
            : await sourceText(connection, from, column, rowNumber);
        if (feature?.output === 'bins' && text !== null && text.trim() !== '' && !na.has(text.trim()))
          throw new InputError(
            'E_NOT_NUMERIC',
            `value "${text.trim()}" is not numeric, but column "${column}" has numeric bins`,
            { file, column, detail: `data row ${rowNumber}` },
          );
        throw new InputError(
          'E_MISSING_VALUE',
          feature?.output === 'number'
            ? `derived column "${column}" has no value (a missing input or a failed expression)`
            : `missing value in column "${column}" (drop such rows with --drop-missing, or remove them with --filter)`,
          { file, column, detail: `data row ${rowNumber}` },
        );
      }
      if (spec.weights && Number(row[at('bad_weights')]) > 0) {
        const r = await firstRow(`"w_text" IS NOT NULL AND "w" IS NULL`);
        throw new InputError(
          'E_NOT_NUMERIC',
          `weight "${(await sourceText(connection, from, spec.weights, r))?.trim()}" is not a number`,
          {
            file,
            column: spec.weights,
            detail: `data row ${r}`,
          },
        );
      }
      if (spec.weights && Number(row[at('min_weight')]) < 0) {
        const r = await firstRow(`"w" < 0`);
        throw new InputError(
          'E_NEGATIVE_WEIGHT',
          `weight ${(await sourceText(connection, from, spec.weights, r))?.trim()} is negative`,
          {
            file,
            column: spec.weights,
            detail: `data row ${r}`,
          },
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
        where,
      });
    }
    if (records.length === 0)
      throw new InputError(
        'E_EMPTY_INPUT',
        'no rows left after filters, group selection and missing values',
        { file },
      );
    const counts = encodeCounts(records, {
      name: spec.name ?? basename(file),
      featureNames: query.features.map((f) => f.name),
      groupColumns: query.groupColumns,
      labelColumn: query.labelColumn,
      ...(options.isGroupAware !== undefined ? { isGroupAware: options.isGroupAware } : {}),
      ...(spec.groupValues ? { groupValues: spec.groupValues } : {}),
      ...(spec.labelValues ? { labelValues: spec.labelValues } : {}),
      ...(spec.nClasses !== undefined ? { nClasses: spec.nClasses } : {}),
    });
    return { counts, query, nRowsKept, elapsedMs: performance.now() - t0 };
  }, file);
}

/** The text of one source field, for error messages. */
async function sourceText(
  connection: DuckDBConnection,
  from: string,
  column: string,
  row: number,
): Promise<string | null> {
  const q = `"${column.replace(/"/g, '""')}"`;
  const r = await connection.runAndReadAll(
    `SELECT CAST(${q} AS VARCHAR) FROM (SELECT *, ROW_NUMBER() OVER () AS fairlimit_row FROM ${from}) WHERE fairlimit_row = ${row}`,
  );
  const v = r.getRows()[0]?.[0];
  return v === undefined || v === null ? null : String(v);
}
