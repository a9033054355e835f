import { InputError, type Where } from '../../errors.js';
import { binsByColumn, edgesFromOrderStatistics, quantileRanks } from '../bins.js';
import { type CellCounts, type CountRecord, encodeCounts } from '../counts/cell-counts.js';
import { duckValue } from '../counts/read-counts.js';
import { DEFAULT_NA_VALUES } from '../csv/index.js';
import type { TableSpec } from '../encode-table.js';
import { NON_FINITE_SPELLINGS, typeField } from '../raw-frame.js';
import { type AggregationQuery, SQL_NUMBER_PATTERN, aggregationQuery } from '../sql/aggregation-query.js';
import { DIALECTS } from '../sql/dialect.js';
import {
  type RemoteClient,
  type RemoteConnectOptions,
  type RemoteEngine,
  openRemote,
} from './remote-client.js';

export interface RemoteSource {
  readonly engine: RemoteEngine;
  /** postgres://user:password@host:5432/db or http://user:password@host:8123/db (the password is never shown). */
  readonly connection: string;
  /** The table (or view), optionally `schema.table` / `database.table`. */
  readonly table: string;
}

export interface RemoteOptions extends RemoteConnectOptions {
  /** Field texts that mean "missing" (besides NULL). Default ["", "NA"], as the CSV reader. */
  readonly naValues?: readonly string[];
  readonly isGroupAware?: boolean;
}

export interface RemoteAggregation {
  readonly counts: CellCounts;
  /** The counting query as sent (quantile and uniform edges as literals). */
  readonly query: AggregationQuery;
  readonly nRowsKept: number;
  /** Queries sent: the column names, the order statistics of data-dependent bins, the counts. */
  readonly nQueries: number;
  readonly elapsedMs: number;
}

/** The table's name as the engine spells it: each dot-separated part quoted. */
export function remoteTableName(engine: RemoteEngine, table: string): string {
  return table
    .split('.')
    .map((part) => DIALECTS[engine].identifier(part))
    .join('.');
}

/**
 * Counts a database table into cells inside the database (docs/scale.md, Live engines): every data option of
 * `spec` runs as SQL (`aggregationQuery`), and only the counts per (features, group, label) come back. Quantile
 * and uniform bins are computed in stages that every server version runs (no window functions): the number of
 * values, then the few order statistics the edges need (`ORDER BY x LIMIT 1 OFFSET r`), then the edges with
 * the same floating-point operations as in memory (`edgesFromOrderStatistics`), sent back as literals. The
 * session is read-only. Bad values are refused with the codes of the file engines, the place being the table
 * and column (a table has no line numbers).
 * @throws InputError E_MISSING_TABLE, E_MISSING_COLUMN, E_MISSING_VALUE, E_NOT_NUMERIC, E_NOT_FINITE,
 *   E_NEGATIVE_WEIGHT, E_EMPTY_INPUT, E_DB_UNREACHABLE, E_DB_AUTH, E_DB_TIMEOUT, E_DB_FAILED, and the shape
 *   errors of `encodeCounts`
 */
export async function aggregateRemote(
  source: RemoteSource,
  spec: TableSpec,
  options: RemoteOptions = {},
): Promise<RemoteAggregation> {
  const t0 = performance.now();
  const client = await openRemote(source.engine, source.connection, { ...options, table: source.table });
  try {
    const counted = await countRemote(client, source, spec, options);
    const counts = encodeCounts(counted.records, {
      name: spec.name ?? source.table,
      featureNames: counted.query.features.map((f) => f.name),
      groupColumns: counted.query.groupColumns,
      labelColumn: counted.query.labelColumn,
      isWeighted: spec.weights !== undefined,
      where: { detail: `table ${source.table}` },
      ...(options.isGroupAware !== undefined ? { isGroupAware: options.isGroupAware } : {}),
      ...(spec.groupValues ? { groupValues: spec.groupValues } : {}),
      ...(spec.labelValues ? { labelValues: spec.labelValues } : {}),
      ...(spec.nClasses !== undefined ? { nClasses: spec.nClasses } : {}),
    });
    return { ...counted, counts, elapsedMs: performance.now() - t0 };
  } finally {
    await client.close();
  }
}

async function countRemote(
  client: RemoteClient,
  source: RemoteSource,
  spec: TableSpec,
  options: RemoteOptions,
): Promise<{ records: CountRecord[]; query: AggregationQuery; nRowsKept: number; nQueries: number }> {
  const dialect = source.engine;
  const d = DIALECTS[dialect];
  const from = remoteTableName(dialect, source.table);
  const where = (column?: string): Where => ({
    detail: `table ${source.table}`,
    ...(column !== undefined ? { column } : {}),
  });
  let nQueries = 0;
  const run = async (sql: string) => {
    nQueries++;
    return client.query(sql);
  };
  const columnNames = (await run(`SELECT * FROM ${from} LIMIT 0`)).names;
  const naValues = options.naValues ?? DEFAULT_NA_VALUES;
  const na = new Set(naValues);
  const base = { dialect, from, columnNames, naValues };
  const kept = aggregationQuery(spec, { ...base, stage: 'kept' });
  const keptColumn = (j: number) => d.identifier(dialect === 'clickhouse' ? `fairlimit_f${j}` : `f${j}`);

  // Data-dependent edges, in stages: n, then the order statistics they read.
  const edgeValues = new Map<string, number[]>();
  for (const [j, f] of kept.features.entries()) {
    if (f.bins?.kind !== 'quantile' && f.bins?.kind !== 'uniform') continue;
    await refuseNotNumeric(j, f.name);
    const v = keptColumn(j);
    const nonNull = `FROM (${kept.sql}) AS kept WHERE ${v} IS NOT NULL`;
    const n = Number((await run(`SELECT COUNT(*) ${nonNull}`)).rows[0][0]);
    if (n === 0) {
      edgeValues.set(f.name, []);
      continue;
    }
    const ranks = f.bins.kind === 'uniform' ? [0, n - 1] : quantileRanks(f.bins.count, n);
    const valueAt = new Map<number, number>();
    for (const r of ranks) {
      const row = (await run(`SELECT ${v} ${nonNull} ORDER BY ${v} LIMIT 1 OFFSET ${r}`)).rows[0];
      valueAt.set(r, Number(row[0]));
    }
    edgeValues.set(
      f.name,
      edgesFromOrderStatistics(f.bins, n, (r) => valueAt.get(r)!),
    );
  }

  /** A binned column's first text that is not a number (E_NOT_NUMERIC, or E_NOT_FINITE for nan/inf). */
  async function refuseNotNumeric(j: number, name: string): Promise<void> {
    if (!columnNames.includes(name)) return; // a derived number: missing, not text
    const bins = Object.fromEntries([...binsByColumn(spec.bins)].filter(([column]) => column !== name));
    const asText = aggregationQuery({ ...spec, bins }, { ...base, stage: 'kept' });
    const v = keptColumn(j);
    const r = await run(
      `SELECT ${v} FROM (${asText.sql}) AS kept WHERE ${v} IS NOT NULL AND NOT ${d.fullMatch(v, SQL_NUMBER_PATTERN)} LIMIT 1`,
    );
    if (r.rows.length === 0) return;
    const text = String(r.rows[0][0]);
    if (NON_FINITE_SPELLINGS.includes(text.toLowerCase()))
      throw new InputError(
        'E_NOT_FINITE',
        `value ${typeField(text, na)} in column "${name}" is not a finite number (list it in --na-values to treat it as missing)`,
        where(name),
      );
    throw new InputError(
      'E_NOT_NUMERIC',
      `value "${text}" is not numeric, but column "${name}" has numeric bins`,
      where(name),
    );
  }

  /** The first weight that is not a number: nan/inf spellings are E_NOT_FINITE, as in process. */
  async function refuseBadWeight(column: string): Promise<void> {
    const w = d.identifier(dialect === 'clickhouse' ? 'fairlimit_w' : 'w');
    const text = d.identifier(dialect === 'clickhouse' ? 'fairlimit_w_text' : 'w_text');
    const r = await run(
      `SELECT ${text} FROM (${kept.sql}) AS kept WHERE ${text} IS NOT NULL AND ${w} IS NULL LIMIT 1`,
    );
    const value = r.rows.length ? typeField(String(r.rows[0][0]), na) : undefined;
    if (typeof value === 'number')
      throw new InputError(
        'E_NOT_FINITE',
        `value ${value} in column "${column}" is not a finite number (list it in --na-values to treat it as missing)`,
        where(column),
      );
  }

  const query = aggregationQuery(spec, { ...base, checks: true, edgeValues });
  const result = await run(query.sql);
  const at = (name: string) => result.names.indexOf(name);
  const nFeatures = query.features.length;
  const nGroups = query.groupColumns.length;
  const keyNames = [...query.features.map((f) => f.name), ...query.groupColumns, query.labelColumn];
  const records: CountRecord[] = [];
  let nRowsKept = 0;
  for (const row of result.rows) {
    for (let j = 0; j < keyNames.length; j++) {
      const feature = j < nFeatures ? query.features[j] : undefined;
      if (row[j] === null) {
        if (feature?.output === 'bins') await refuseNotNumeric(j, feature.name);
        throw new InputError(
          'E_MISSING_VALUE',
          feature?.output === 'number'
            ? `derived column "${keyNames[j]}" has no value (a missing input or a failed expression)`
            : `missing value in column "${keyNames[j]}" (drop such rows with --drop-missing, or remove them with --filter)`,
          where(keyNames[j]),
        );
      }
      if (feature?.output !== 'bins' && feature?.output !== 'number') {
        const value = duckValue(row[j], na);
        if (typeof value === 'number' && !Number.isFinite(value))
          throw new InputError(
            'E_NOT_FINITE',
            `value ${value} in column "${keyNames[j]}" is not a finite number (list it in --na-values to treat it as missing)`,
            where(keyNames[j]),
          );
      }
    }
    if (spec.weights && Number(row[at('bad_weights')]) > 0) await refuseBadWeight(spec.weights);
    if (spec.weights && Number(row[at('bad_weights')]) > 0)
      throw new InputError(
        'E_NOT_NUMERIC',
        `a weight in column "${spec.weights}" is not a number`,
        where(spec.weights),
      );
    if (spec.weights && Number(row[at('min_weight')]) < 0)
      throw new InputError(
        'E_NEGATIVE_WEIGHT',
        `a weight in column "${spec.weights}" is negative`,
        where(spec.weights),
      );
    const rows = Number(row[at(query.rowsColumn)]);
    nRowsKept += rows;
    records.push({
      features: row.slice(0, nFeatures).map((v) => duckValue(v, na)),
      groups: row.slice(nFeatures, nFeatures + nGroups).map((v) => duckValue(v, na)),
      label: duckValue(row[nFeatures + nGroups], na),
      weight: Number(row[at(query.weightColumn)]),
      rows,
      where: where(),
    });
  }
  if (records.length === 0)
    throw new InputError(
      'E_EMPTY_INPUT',
      'no rows left after filters, group selection and missing values',
      where(),
    );
  return { records, query, nRowsKept, nQueries };
}
