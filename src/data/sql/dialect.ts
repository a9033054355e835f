import { InputError } from '../../errors.js';

/**
 * The SQL dialects `fairlimit sql` writes for (docs/scale.md): the few places where DuckDB, Spark SQL, Trino,
 * BigQuery, PostgreSQL and ClickHouse spell the same thing differently. Everything else in the emitted query is
 * standard SQL (CTEs, CASE, ROW_NUMBER() OVER, GROUP BY ordinals), which all of them accept but ClickHouse
 * before 20.x: for ClickHouse the query nests subqueries, groups by name, and gets quantile and uniform edges
 * as literals computed in stages (`--engine clickhouse`).
 */
export const SqlDialect = {
  duckdb: 'duckdb',
  spark: 'spark',
  trino: 'trino',
  bigquery: 'bigquery',
  postgres: 'postgres',
  clickhouse: 'clickhouse',
} as const;
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
  /** Spaces and tabs removed at both ends (default `TRIM(x)`). */
  trim?(expression: string): string;
  /** The truth literals (default TRUE and FALSE). */
  readonly booleans?: readonly [string, string];
  /** Whether the engine reads `WITH name AS (subquery)` and `GROUP BY 1, 2` (default true). */
  readonly hasCtes?: boolean;
  /** SQL names of functions that differ from the standard ones (LN, POWER, FLOOR, ...). */
  readonly functions?: Readonly<Record<string, string>>;
  /** A double literal that the engine reads as exactly this double (default `doubleLiteral`). */
  numberLiteral?(x: number): string;
}

/** The dialect's double literal. */
export const numberLiteral = (d: DialectSyntax, x: number): string =>
  d.numberLiteral ? d.numberLiteral(x) : doubleLiteral(x);

/** The dialect's truth literal. */
export const booleanLiteral = (d: DialectSyntax, b: boolean): string =>
  (d.booleans ?? ['TRUE', 'FALSE'])[b ? 0 : 1];

/** The dialect's name of a standard SQL function. */
export const functionName = (d: DialectSyntax, name: string): string => d.functions?.[name] ?? name;

/** The dialect's trimmed text. */
export const trimmed = (d: DialectSyntax, e: string): string => (d.trim ? d.trim(e) : `TRIM(${e})`);

/**
 * A double as an integer times a power of two, both exact in any engine (integer literals parse exactly, and
 * `pow(2, e)` of an integer e is exact): for engines whose decimal parser is not correctly rounded.
 */
function binaryLiteral(x: number): string {
  if (!Number.isFinite(x)) throw new InputError('E_NOT_FINITE', `${x} cannot be written as a SQL number`, {});
  if (x === 0) return Object.is(x, -0) ? '-0e0' : '0e0';
  if (Number.isInteger(x) && Math.abs(x) < 2 ** 53) return `toFloat64(${x})`;
  let e = Math.max(-1074, Math.floor(Math.log2(Math.abs(x))) - 52);
  while (!Number.isInteger(x / 2 ** e)) e--;
  while (Math.abs(x / 2 ** e) >= 2 ** 53) e++;
  return `(toFloat64(${x / 2 ** e}) * pow(2, ${e}))`;
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

/**
 * ClickHouse's text to double, correctly rounded where its own parser (18.x) is not: a decimal of at most 15
 * significant digits and a power of ten within 1e22 is its integer mantissa times or divided by an exact power
 * of ten, one IEEE operation on exact operands (Clinger's fast path); longer numbers fall back to
 * `toFloat64OrNull`, which may differ from JS's `Number` in the last bit. Every branch is evaluated (ClickHouse
 * has no short-circuit `if`), hence the `OrZero` parsers.
 */
function clickHouseDouble(text: string): string {
  const mantissa = `replaceRegexpOne(${text}, '[eE].*$', '')`;
  const digits = `replaceRegexpOne(replaceRegexpAll(${mantissa}, '[^0-9]', ''), '^0+', '')`;
  const fraction = `if(position(${mantissa}, '.') > 0, length(${mantissa}) - position(${mantissa}, '.'), 0)`;
  const exponent = `if(match(${text}, '[eE]'), toInt32OrZero(replaceRegexpOne(replaceRegexpOne(${text}, '^.*[eE]', ''), '^[+]', '')), 0)`;
  const e10 = `(${exponent} - ${fraction})`;
  const powers = `[${Array.from({ length: 23 }, (_, i) => `1e${i}`).join(', ')}]`;
  const m = `toFloat64(toUInt64OrZero(${digits}))`;
  const sign = `if(substring(${text}, 1, 1) = '-', -1e0, 1e0)`;
  const fast = `${sign} * if(${e10} >= 0, ${m} * arrayElement(${powers}, ${e10} + 1), ${m} / arrayElement(${powers}, 1 - ${e10}))`;
  return `if(length(${digits}) <= 15 AND ${e10} >= -22 AND ${e10} <= 22, ${fast}, toFloat64OrNull(${text}))`;
}

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
  // Also what Redshift, Greenplum, Citus and CockroachDB read (docs/scale.md lists the constructs).
  postgres: {
    identifier: doubleQuoted,
    text: singleQuotedDoubling,
    fullMatch: (e, p) => `(${e} ~ ${singleQuotedDoubling(`^(${p})$`)})`,
    // Only reached for texts that match the number pattern (the caller guards it): a plain CAST is safe.
    toDouble: (e) => `CAST(${e} AS DOUBLE PRECISION)`,
    toText: (e) => `CAST(${e} AS TEXT)`,
    daysBetween: (a, b) => {
      const iso = (t: string) => `${t} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9:.]+)?$'`;
      const ts = (t: string) => `CAST(${t} AS TIMESTAMP)`;
      return `CASE WHEN ${iso(a)} AND ${iso(b)} THEN CAST(EXTRACT(EPOCH FROM (${ts(b)} - ${ts(a)})) * 1000 AS DOUBLE PRECISION) / 86400000e0 END`;
    },
    trim: (e) => `BTRIM(${e}, ' ' || CHR(9))`,
  },
  clickhouse: {
    identifier: (name) => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``,
    text: singleQuotedEscaping,
    fullMatch: (e, p) => `match(${e}, ${singleQuotedEscaping(`^(${p})$`)})`,
    toDouble: clickHouseDouble,
    toText: (e) => `toString(${e})`,
    daysBetween: (a, b) =>
      `(toUnixTimestamp(parseDateTimeBestEffortOrNull(${b})) - toUnixTimestamp(parseDateTimeBestEffortOrNull(${a}))) / 86400e0`,
    trim: (e) => `replaceRegexpAll(${e}, '^[ \t]+|[ \t]+$', '')`,
    booleans: ['1', '0'],
    hasCtes: false,
    numberLiteral: binaryLiteral,
    functions: { LN: 'log', POWER: 'pow' },
  },
};
