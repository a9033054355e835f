import { InputError } from '../../errors.js';

/**
 * The SQL dialects `fairlimit sql` writes for (docs/scale.md): the few places where DuckDB, Spark SQL, Trino
 * and
 * BigQuery spell the same thing differently. Everything else in the emitted query is standard SQL (CTEs, CASE,
 * ROW_NUMBER() OVER, GROUP BY ordinals), which all four accept.
 */
export const SqlDialect = { duckdb: 'duckdb', spark: 'spark', trino: 'trino', bigquery: 'bigquery' } as const;
export type SqlDialect = keyof typeof SqlDialect;
export const isSqlDialect = (d: string): d is SqlDialect => Object.hasOwn(SqlDialect, d);
export const SQL_DIALECTS: readonly SqlDialect[] = Object.values(SqlDialect);

export interface DialectSyntax {
  /** Quoted identifier. */
  identifier(name: string): string;
  /** String literal. */
  text(value: string): string;
  /** Whole-string regular-expression match (the pattern uses no backslashes). */
  fullMatch(expression: string, pattern: string): string;
  /** Text to double, NULL when the engine cannot convert. */
  toDouble(expression: string): string;
  /** Any value to text. */
  toText(expression: string): string;
  /** Days from `from` to `to` (fractional), both ISO date(-time) texts; NULL when either is not a date. */
  daysBetween(from: string, to: string): string;
}

/** A double literal every dialect reads as a double (Trino and BigQuery read 1.5 as DECIMAL/NUMERIC). */
export function doubleLiteral(x: number): string {
  // SQL has no literal for NaN or infinity: every caller passes finite numbers (edges are overflow-safe).
  if (!Number.isFinite(x)) throw new InputError('E_NOT_FINITE', `${x} cannot be written as a SQL number`, {});
  const s = String(x);
  return /[eE]/.test(s) ? s : `${s}e0`;
}

const doubleQuoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** Spark SQL doubles a backquote inside a quoted identifier; BigQuery escapes it with a backslash. */
const backQuotedDoubling = (name: string) => `\`${name.replace(/`/g, '``')}\``;
const backQuotedEscaping = (name: string) => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
const singleQuotedDoubling = (value: string) => `'${value.replace(/'/g, "''")}'`;
const singleQuotedEscaping = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export const DIALECTS: Readonly<Record<SqlDialect, DialectSyntax>> = {
  duckdb: {
    identifier: doubleQuoted,
    text: singleQuotedDoubling,
    fullMatch: (e, p) => `regexp_full_match(${e}, ${singleQuotedDoubling(p)})`,
    toDouble: (e) => `TRY_CAST(${e} AS DOUBLE)`,
    toText: (e) => `CAST(${e} AS VARCHAR)`,
    daysBetween: (a, b) =>
      `(epoch_ms(TRY_CAST(${b} AS TIMESTAMP)) - epoch_ms(TRY_CAST(${a} AS TIMESTAMP))) / 86400000e0`,
  },
  spark: {
    identifier: backQuotedDoubling,
    text: singleQuotedEscaping,
    fullMatch: (e, p) => `(${e} RLIKE ${singleQuotedEscaping(`^(${p})$`)})`,
    toDouble: (e) => `TRY_CAST(${e} AS DOUBLE)`,
    toText: (e) => `CAST(${e} AS STRING)`,
    daysBetween: (a, b) => `(unix_millis(to_timestamp(${b})) - unix_millis(to_timestamp(${a}))) / 86400000e0`,
  },
  trino: {
    identifier: doubleQuoted,
    text: singleQuotedDoubling,
    fullMatch: (e, p) => `regexp_like(${e}, ${singleQuotedDoubling(`^(${p})$`)})`,
    toDouble: (e) => `TRY_CAST(${e} AS DOUBLE)`,
    toText: (e) => `CAST(${e} AS VARCHAR)`,
    daysBetween: (a, b) =>
      `date_diff('millisecond', TRY_CAST(${a} AS TIMESTAMP), TRY_CAST(${b} AS TIMESTAMP)) / 86400000e0`,
  },
  bigquery: {
    identifier: backQuotedEscaping,
    text: singleQuotedEscaping,
    fullMatch: (e, p) => `REGEXP_CONTAINS(${e}, ${singleQuotedEscaping(`^(${p})$`)})`,
    toDouble: (e) => `SAFE_CAST(${e} AS FLOAT64)`,
    toText: (e) => `CAST(${e} AS STRING)`,
    daysBetween: (a, b) =>
      `TIMESTAMP_DIFF(SAFE_CAST(${b} AS TIMESTAMP), SAFE_CAST(${a} AS TIMESTAMP), MILLISECOND) / 86400000e0`,
  },
};
