import { InputError } from '../../errors.js';
import { type BinSpec, binsByColumn } from '../bins.js';
import { DEFAULT_NA_VALUES } from '../csv/index.js';
import type { TableSpec } from '../encode-table.js';
import { ExpressionNames } from '../expression-names.js';
import { parseDerivedColumn } from '../expressions.js';
import { didYouMean } from '../nearest-names.js';
import { SAFE_SPAN } from '../bins.js';
import {
  DIALECTS,
  type DialectSyntax,
  type SqlDialect,
  booleanLiteral,
  doubleLiteral,
  numberLiteral,
  trimmed,
} from './dialect.js';
import { type SqlValue, expressionToSql, sqlBool, sqlNumber } from './expression-sql.js';

/** Names of the two aggregate columns of the counts table the query returns (and `--counts` reads). */
export const WEIGHT_COLUMN = 'weight';
export const ROWS_COLUMN = 'n_rows';

/**
 * A decimal number, as the CSV reader types fields (src/data/raw-frame.ts NUMBER_PATTERN), without backslashes
 * so that it reads the same in every dialect's string literal.
 */
export const SQL_NUMBER_PATTERN = '[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?';

/** How one feature of the counts table is computed. */
export interface PlannedFeature {
  readonly name: string;
  /** `bins`: a bin index (number of edges <= x); `number`: a derived value; `text`: the column's normalized text. */
  readonly output: 'bins' | 'number' | 'text';
  readonly bins?: BinSpec;
}

export interface AggregationQuery {
  readonly sql: string;
  readonly dialect: SqlDialect;
  /** Output columns: the features (in cell-key order), the group columns, the label, then weight and n_rows. */
  readonly features: readonly PlannedFeature[];
  readonly groupColumns: readonly string[];
  readonly labelColumn: string;
  readonly weightColumn: string;
  readonly rowsColumn: string;
  /** The source columns the query reads. */
  readonly sourceColumns: readonly string[];
}

export interface AggregationQueryOptions {
  readonly dialect: SqlDialect;
  /** The relation to read: a table name as the engine spells it, or a table function (DuckDB `read_csv(...)`). */
  readonly from: string;
  /** The source's column names (needed for the default feature list; with `spec.features` any superset works). */
  readonly columnNames: readonly string[];
  /** Field texts that mean "missing" (besides SQL NULL). Default ["", "NA"], as the CSV reader. */
  readonly naValues?: readonly string[];
  /** Number each source row (`row_number` in the kept rows) for error messages: embedded engine only. */
  readonly rowNumbers?: boolean;
  /** Add `min_weight` and `bad_weights` (weights that are not numbers) to the counts: embedded engine only. */
  readonly checks?: boolean;
  /**
   * `counts` (default): the aggregation. `kept`: the prepared rows only (f0.., g0.., y, w). `edges`: the
   * data-dependent edges only (one row, columns e{j}_{i}); used by the embedded engine to run in stages.
   */
  readonly stage?: 'counts' | 'kept' | 'edges';
  /** Read the prepared rows from this table (the `kept` stage, materialized) instead of preparing them. */
  readonly keptTable?: string;
  /** Known edges per feature (strictly increasing): a quantile/uniform feature listed here bins as `edges:`. */
  readonly edgeValues?: ReadonlyMap<string, readonly number[]>;
}

/**
 * Names of the query's own columns (c0.., f0.., g0.., y, w): prefixed where the engine resolves a SELECT's
 * aliases before its input columns (ClickHouse), so that a source column named `c1` or `y` is never shadowed.
 */
const internalName = (d: DialectSyntax, name: string): string =>
  d.hasCtes === false ? `fairlimit_${name}` : name;

/** The source's columns as the query reads them: normalized texts (CTE `typed`) and their numeric view. */
class TypedColumns {
  /** Select items of the `typed` CTE. */
  readonly items: string[] = [];
  private readonly textOf = new Map<string, string>();

  /** The source columns read so far. */
  read(): string[] {
    return [...this.textOf.keys()];
  }

  constructor(
    private readonly spec: TableSpec,
    private readonly d: DialectSyntax,
    private readonly columnNames: readonly string[],
    private readonly naValues: readonly string[],
  ) {}

  has(name: string): boolean {
    return this.columnNames.includes(name);
  }

  missing(name: string, option: string): InputError {
    const names = this.columnNames;
    return new InputError(
      'E_MISSING_COLUMN',
      `no column named "${name}"${didYouMean(name, names)} (columns: ${names
        .slice(0, 12)
        .map((n) => `"${n}"`)
        .join(', ')}${names.length > 12 ? ', ...' : ''})`,
      { column: name, option },
    );
  }

  /** A column's text, as the CSV reader sees fields: trimmed, missing markers -> NULL, then value maps. */
  text(name: string, option: string): string {
    if (!this.has(name)) throw this.missing(name, option);
    let t = this.textOf.get(name);
    if (t !== undefined) return t;
    const { d } = this;
    const raw = trimmed(d, d.toText(d.identifier(name)));
    const na = this.naValues.length
      ? `CASE WHEN ${raw} IN (${this.naValues.map(d.text).join(', ')}) THEN NULL ELSE ${raw} END`
      : raw;
    const map =
      this.spec.valueMaps && Object.hasOwn(this.spec.valueMaps, name) ? this.spec.valueMaps[name] : {};
    const entries = Object.entries(map);
    const expression = entries.length
      ? `(CASE (${na}) ${entries.map(([from, to]) => `WHEN ${d.text(from)} THEN ${d.text(to)}`).join(' ')} ELSE ${na} END)`
      : na;
    t = d.identifier(internalName(d, `c${this.textOf.size}`));
    this.items.push(`${expression} AS ${t}`);
    this.textOf.set(name, t);
    return t;
  }

  /** The numeric view of a text: NULL unless it is a decimal number. */
  number(text: string): string {
    return `(CASE WHEN ${this.d.fullMatch(text, SQL_NUMBER_PATTERN)} THEN ${this.d.toDouble(text)} END)`;
  }

  value(name: string, option: string): SqlValue {
    const text = this.text(name, option);
    return { kind: 'column', text, number: this.number(text) };
  }
}

/** Stage 1: derived columns (inlined where used; a later one may use an earlier one) and filters. */
function planExpressions(
  spec: TableSpec,
  typed: TypedColumns,
  d: DialectSyntax,
  columnNames: readonly string[],
): { derived: Map<string, string>; filters: string[] } {
  const derived = new Map<string, string>();
  const names = new ExpressionNames(columnNames);
  const scope = {
    names,
    resolve: (column: string): SqlValue => {
      const dv = derived.get(column);
      return dv !== undefined ? { kind: 'number', sql: dv } : typed.value(column, 'expression');
    },
  };
  for (const text of spec.derive ?? []) {
    const { name, expression } = parseDerivedColumn(text);
    if (names.has(name))
      throw new InputError('E_DUPLICATE_COLUMN', `derived column "${name}" already exists`, {
        option: '--derive',
      });
    derived.set(name, sqlNumber(expressionToSql(expression, scope, d, '--derive')));
    names.add(name);
  }
  const filters = (spec.filter ?? []).map((f) => sqlBool(expressionToSql(f, scope, d, '--filter'), d));
  return { derived, filters };
}

/** Stage 2: roles, as `encodeTable` assigns them (default features: every column without another role). */
function planRoles(
  spec: TableSpec,
  columnNames: readonly string[],
  derived: ReadonlyMap<string, string>,
): { groupColumns: string[]; featureNames: string[]; bins: Map<string, BinSpec> } {
  const groupColumns = typeof spec.group === 'string' ? [spec.group] : [...spec.group];
  if (groupColumns.length === 0)
    throw new InputError('E_USAGE', 'no group column given', { option: '--group' });
  if (!spec.label) throw new InputError('E_USAGE', 'no label column given', { option: '--label' });
  const roles = new Set([...groupColumns, spec.label, ...(spec.weights ? [spec.weights] : [])]);
  const excluded = new Set([...roles, ...(spec.exclude ?? [])]);
  const featureNames = spec.features
    ? [...spec.features]
    : [...columnNames, ...derived.keys()].filter((n) => !excluded.has(n));
  for (const f of featureNames)
    if (roles.has(f))
      throw new InputError(
        'E_BAD_OPTION',
        `column "${f}" is both a feature and the group, label or weights`,
        { column: f, option: '--features' },
      );
  const outputNames = [...featureNames, ...groupColumns, spec.label, WEIGHT_COLUMN, ROWS_COLUMN];
  if (new Set(outputNames).size !== outputNames.length)
    throw new InputError(
      'E_DUPLICATE_COLUMN',
      `the counts table's columns must have distinct names; got ${outputNames.join(', ')} ("${WEIGHT_COLUMN}" and "${ROWS_COLUMN}" are reserved)`,
      { option: '--features' },
    );
  const bins = binsByColumn(spec.bins);
  for (const col of bins.keys())
    if (!featureNames.includes(col))
      throw new InputError('E_BAD_BINS', `bins given for "${col}", which is not a feature`, {
        column: col,
        option: '--bins',
      });
  return { groupColumns, featureNames, bins };
}

/** Stage 3: the `kept` CTE's select items and WHERE conditions (one row per input row that survives). */
function planKept(
  spec: TableSpec,
  options: AggregationQueryOptions,
  typed: TypedColumns,
  d: DialectSyntax,
  plan: { groupColumns: string[]; featureNames: string[]; bins: Map<string, BinSpec> },
  expressions: { derived: Map<string, string>; filters: string[] },
): { items: string[]; where: string[]; features: PlannedFeature[] } {
  const q = (name: string) => d.identifier(internalName(d, name));
  const { derived } = expressions;
  const items: string[] = [];
  const features: PlannedFeature[] = [];
  plan.featureNames.forEach((name, j) => {
    const b = plan.bins.get(name);
    const dv = derived.get(name);
    if (dv === undefined && !typed.has(name)) throw typed.missing(name, '--features');
    const numeric = b !== undefined && b.kind !== 'categorical';
    const value =
      dv ?? (numeric ? typed.number(typed.text(name, '--features')) : typed.text(name, '--features'));
    items.push(`${value} AS ${q(`f${j}`)}`);
    features.push({
      name,
      output: numeric ? 'bins' : dv !== undefined ? 'number' : 'text',
      ...(b ? { bins: b } : {}),
    });
  });
  plan.groupColumns.forEach((g, j) => items.push(`${typed.text(g, '--group')} AS ${q(`g${j}`)}`));
  items.push(`${typed.text(spec.label, '--label')} AS ${q('y')}`);
  items.push(
    `${spec.weights ? typed.number(typed.text(spec.weights, '--weights')) : numberLiteral(d, 1)} AS ${q('w')}`,
  );
  if (spec.weights) items.push(`${typed.text(spec.weights, '--weights')} AS ${q('w_text')}`);
  if (options.rowNumbers) {
    items.push(d.identifier('row_number'));
    typed.items.push(d.identifier('row_number'));
  }
  const where: string[] = [...expressions.filters];
  if (spec.groupValues)
    where.push(
      groupSelection(
        spec.groupValues,
        plan.groupColumns.map((g) => typed.text(g, '--group')),
        d,
        (t) => typed.number(t),
      ),
    );
  if (spec.dropMissing) {
    const used = [
      ...plan.groupColumns,
      spec.label,
      ...(spec.weights ? [spec.weights] : []),
      ...plan.featureNames.filter((f) => !derived.has(f)),
    ];
    for (const c of used) where.push(`${typed.text(c, '--features')} IS NOT NULL`);
  }
  return { items, where, features };
}

/**
 * Stage 4: per feature, its output column, and for `quantile:k` / `uniform:k` the CTE of its data-dependent
 * edges (with the overflow-safe formulas of `edgesFor`, see src/data/bins.ts SAFE_SPAN).
 */
function planBins(
  features: readonly PlannedFeature[],
  options: AggregationQueryOptions,
  d: DialectSyntax,
): { ctes: string[]; joins: string[]; outputs: string[] } {
  const q = d.identifier;
  const ctes: string[] = [];
  const joins: string[] = [];
  const outputs: string[] = [];
  const safe = doubleLiteral(SAFE_SPAN);
  // Nested (no CTEs): the outputs get internal names, renamed by the outer query.
  const outputName = (name: string, j: number) =>
    d.hasCtes === false ? q(internalName(d, `k${j}`)) : q(name);
  features.forEach((f, j) => {
    const v = q(internalName(d, `f${j}`));
    const known = options.edgeValues?.get(f.name);
    const b: BinSpec | undefined = known && f.bins ? { kind: 'edges', edges: known } : f.bins;
    if (!b || b.kind === 'categorical') {
      outputs.push(`${v} AS ${outputName(f.name, j)}`);
      return;
    }
    if (b.kind === 'edges') {
      const cases = b.edges.map((e, i) => `WHEN ${v} < ${numberLiteral(d, e)} THEN ${i}`).join(' ');
      outputs.push(
        `CASE WHEN ${v} IS NULL THEN NULL ${cases} ELSE ${b.edges.length} END AS ${outputName(f.name, j)}`,
      );
      return;
    }
    if (d.hasCtes === false)
      throw new InputError(
        'E_BAD_OPTION',
        `${b.kind} bins need the data's order statistics, which this dialect's single query cannot compute: run it with --engine ${options.dialect} (edges in stages), or give edges:`,
        { column: f.name, option: '--bins' },
      );
    const k = b.count;
    const kk = doubleLiteral(k);
    const edge = (i: number) => q(`e${j}_${i}`);
    const inner = Array.from({ length: k - 1 }, (_, t) => t + 1);
    if (b.kind === 'uniform') {
      const stats = `SELECT MIN(${v}) AS mn, MAX(${v}) AS mx FROM kept WHERE ${v} IS NOT NULL`;
      const edges = inner.map(
        (i) =>
          `CASE WHEN mx <= mn + ${safe} THEN mn + ((mx - mn) * ${doubleLiteral(i)}) / ${kk} ELSE (mn / ${kk}) * ${doubleLiteral(k - i)} + (mx / ${kk}) * ${doubleLiteral(i)} END AS ${edge(i)}`,
      );
      ctes.push(
        `edges_${j} AS (\n  SELECT ${edges.length ? edges.join(', ') : 'mn'} FROM (${stats}) AS stats\n)`,
      );
    } else {
      // Type-7 quantile i/k: h = (n - 1) i / k, x[lo] + (h - lo) (x[hi] - x[lo]) with lo = floor(h), hi = min(n - 1, lo + 1).
      ctes.push(
        `ranked_${j} AS (\n  SELECT ${v} AS v, ROW_NUMBER() OVER (ORDER BY ${v}) - 1 AS r, COUNT(*) OVER () AS n FROM kept WHERE ${v} IS NOT NULL\n)`,
      );
      const h = (i: number) => `(${d.toDouble(`(n - 1) * ${i}`)} / ${kk})`;
      const picks = inner.flatMap((i) => [
        `MAX(CASE WHEN r = FLOOR(${h(i)}) THEN v END) AS lo_${i}`,
        `MAX(CASE WHEN r = LEAST(n - 1, FLOOR(${h(i)}) + 1) THEN v END) AS hi_${i}`,
        `MAX(${h(i)}) AS h_${i}`,
      ]);
      const edges = inner.map((i) => {
        // FLOOR(...) in its own parentheses: the Spark grammar of the tests (dt-sql-parser) misreads `(a - f(b))`.
        const t = `(h_${i} - (FLOOR(h_${i})))`;
        return `CASE WHEN hi_${i} <= lo_${i} + ${safe} THEN lo_${i} + ${t} * (hi_${i} - lo_${i}) ELSE lo_${i} * (1e0 - ${t}) + hi_${i} * ${t} END AS ${edge(i)}`;
      });
      ctes.push(
        `edges_${j} AS (\n  SELECT ${edges.length ? edges.join(', ') : '0 AS unused'} FROM (SELECT ${picks.length ? picks.join(', ') : 'COUNT(*) AS n'} FROM ranked_${j}) AS picks\n)`,
      );
    }
    joins.push(`edges_${j}`);
    // The bin is the number of distinct edges <= x: repeated edges (ties) count once, as in edgesFor.
    const terms = inner.map((i) =>
      i === 1
        ? `CASE WHEN ${v} >= ${edge(i)} THEN 1 ELSE 0 END`
        : `CASE WHEN ${v} >= ${edge(i)} AND ${edge(i)} > ${edge(i - 1)} THEN 1 ELSE 0 END`,
    );
    outputs.push(
      `CASE WHEN ${v} IS NULL THEN NULL ELSE ${terms.length ? terms.join(' + ') : '0'} END AS ${q(f.name)}`,
    );
  });
  return { ctes, joins, outputs };
}

/**
 * Writes the one aggregation query: the rows of `from`, prepared as `encodeTable` prepares them
 * (value maps, derived columns, filters, group selection, dropped missing values, bins), counted per
 * (features, group, label) in one GROUP BY: `SUM(weight)` and `COUNT(*)`. Bins follow src/data/bins.ts exactly:
 * `edges:` compile to a CASE; `quantile:k` (type-7 inner quantiles from ROW_NUMBER order statistics) and
 * `uniform:k` (min/max) compute their edges in a CTE with the same floating-point operations as `edgesFor`,
 * and the bin is the number of distinct edges <= x. Category codes are not assigned in SQL: text features come
 * back as text and are coded when the counts are read (so the engine needs no global sort of the levels).
 * @throws InputError E_MISSING_COLUMN, E_BAD_BINS, E_BAD_EXPRESSION (constructs without a SQL translation),
 *   E_BAD_OPTION, E_USAGE
 */
export function aggregationQuery(spec: TableSpec, options: AggregationQueryOptions): AggregationQuery {
  const d = DIALECTS[options.dialect];
  const q = d.identifier;
  const columnNames = [...new Set(options.columnNames)];
  if (spec.predictions?.length)
    throw new InputError('E_BAD_OPTION', 'prediction columns cannot be aggregated into counts', {
      option: '--predictions',
    });
  const typed = new TypedColumns(spec, d, columnNames, options.naValues ?? DEFAULT_NA_VALUES);
  for (const name of Object.keys(spec.valueMaps ?? {})) typed.text(name, '--map');
  const expressions = planExpressions(spec, typed, d, columnNames);
  const roles = planRoles(spec, columnNames, expressions.derived);
  const kept = planKept(spec, options, typed, d, roles, expressions);

  if (d.hasCtes === false) return nestedQuery(spec, options, d, typed, kept, roles);
  const ctes: string[] = [];
  const stage = options.stage ?? 'counts';
  const source = options.rowNumbers
    ? `SELECT *, ROW_NUMBER() OVER () AS ${q('row_number')} FROM ${options.from}`
    : `SELECT * FROM ${options.from}`;
  if (options.keptTable !== undefined) ctes.push(`kept AS (\n  SELECT * FROM ${options.keptTable}\n)`);
  else {
    ctes.push(`source AS (\n  ${source}\n)`);
    ctes.push(`typed AS (\n  SELECT\n    ${typed.items.join(',\n    ')}\n  FROM source\n)`);
    ctes.push(
      `kept AS (\n  SELECT\n    ${kept.items.join(',\n    ')}\n  FROM typed${kept.where.length ? `\n  WHERE ${kept.where.join('\n    AND ')}` : ''}\n)`,
    );
  }
  const planned = {
    dialect: options.dialect,
    features: kept.features,
    groupColumns: roles.groupColumns,
    labelColumn: spec.label,
    weightColumn: WEIGHT_COLUMN,
    rowsColumn: ROWS_COLUMN,
    sourceColumns: typed.read(),
  };
  if (stage === 'kept') return { ...planned, sql: `WITH\n${ctes.join(',\n')}\nSELECT * FROM kept` };

  const bins = planBins(kept.features, options, d);
  ctes.push(...bins.ctes);
  const { joins, outputs } = bins;
  roles.groupColumns.forEach((g, j) => outputs.push(`${q(`g${j}`)} AS ${q(g)}`));
  outputs.push(`${q('y')} AS ${q(spec.label)}`);
  if (stage === 'edges')
    return {
      ...planned,
      sql: `WITH\n${ctes.join(',\n')}\nSELECT * FROM ${joins.length ? joins.join(' CROSS JOIN ') : '(SELECT 1 AS none) AS nothing'}`,
    };
  const nKeys = outputs.length;
  const aggregates = [`SUM(${q('w')}) AS ${q(WEIGHT_COLUMN)}`, `COUNT(*) AS ${q(ROWS_COLUMN)}`];
  if (options.checks) {
    // Embedded engine only: what tells a bad weight (the rows are then found by a second, numbered query).
    aggregates.push(`MIN(${q('w')}) AS ${q('min_weight')}`);
    aggregates.push(
      spec.weights
        ? `SUM(CASE WHEN ${q('w_text')} IS NOT NULL AND ${q('w')} IS NULL THEN 1 ELSE 0 END) AS ${q('bad_weights')}`
        : `0 AS ${q('bad_weights')}`,
    );
  }
  const ordinals = Array.from({ length: nKeys }, (_, i) => i + 1).join(', ');
  const sql =
    `WITH\n${ctes.join(',\n')}\n` +
    `SELECT\n  ${[...outputs, ...aggregates].join(',\n  ')}\n` +
    `FROM kept${joins.map((j) => ` CROSS JOIN ${j}`).join('')}\n` +
    `GROUP BY ${ordinals}\nORDER BY ${ordinals}`;
  return { ...planned, sql };
}

/** Rows whose group is one of `values` (each "a & b" for intersectional groups); numbers compare as numbers. */
function groupSelection(
  values: readonly string[],
  texts: readonly string[],
  d: DialectSyntax,
  numberOf: (text: string) => string,
): string {
  const alternatives = values.map((value) => {
    const parts = texts.length > 1 ? value.split(' & ') : [value];
    if (parts.length !== texts.length)
      throw new InputError(
        'E_BAD_OPTION',
        `group value "${value}" must have ${texts.length} parts joined by " & "`,
        {
          option: '--group-values',
        },
      );
    return `(${parts
      .map((p, i) =>
        new RegExp(`^${SQL_NUMBER_PATTERN}$`).test(p)
          ? `${numberOf(texts[i])} = ${numberLiteral(d, Number(p))}`
          : `${texts[i]} = ${d.text(p)}`,
      )
      .join(' AND ')})`;
  });
  return `COALESCE(${alternatives.join(' OR ')}, ${booleanLiteral(d, false)})`;
}

/**
 * The query for engines without CTEs or GROUP BY ordinals (ClickHouse before 20.x): the same stages as nested
 * subqueries, grouped by internal names and renamed outside. Quantile and uniform bins must come with their
 * edges (`edgeValues`), which the remote engine computes in stages.
 */
function nestedQuery(
  spec: TableSpec,
  options: AggregationQueryOptions,
  d: DialectSyntax,
  typed: TypedColumns,
  kept: { items: string[]; where: string[]; features: PlannedFeature[] },
  roles: { groupColumns: string[] },
): AggregationQuery {
  const q = d.identifier;
  const n = (name: string) => q(internalName(d, name));
  if (options.rowNumbers || options.keptTable !== undefined)
    throw new InputError(
      'E_BAD_OPTION',
      `row numbers and kept tables are not written for ${options.dialect}`,
    );
  const keptSql =
    `SELECT\n    ${kept.items.join(',\n    ')}\n  FROM (\n    SELECT\n      ${typed.items.join(',\n      ')}\n    FROM ${options.from}\n  ) AS typed` +
    (kept.where.length ? `\n  WHERE ${kept.where.join('\n    AND ')}` : '');
  const planned = {
    dialect: options.dialect,
    features: kept.features,
    groupColumns: roles.groupColumns,
    labelColumn: spec.label,
    weightColumn: WEIGHT_COLUMN,
    rowsColumn: ROWS_COLUMN,
    sourceColumns: typed.read(),
  };
  const stage = options.stage ?? 'counts';
  if (stage === 'kept') return { ...planned, sql: keptSql };
  if (stage === 'edges') throw new InputError('E_BAD_OPTION', `no edges stage for ${options.dialect}`);
  const { outputs } = planBins(kept.features, options, d);
  const keys = kept.features.map((_, j) => internalName(d, `k${j}`));
  roles.groupColumns.forEach((_, j) => {
    keys.push(internalName(d, `k${kept.features.length + j}`));
    outputs.push(`${n(`g${j}`)} AS ${q(keys[keys.length - 1])}`);
  });
  keys.push(internalName(d, 'label'));
  outputs.push(`${n('y')} AS ${q(keys[keys.length - 1])}`);
  const names = [...kept.features.map((f) => f.name), ...roles.groupColumns, spec.label];
  const aggregates = [`SUM(${n('w')}) AS ${n('weight')}`, `COUNT(*) AS ${n('rows')}`];
  const renamed = [`${n('weight')} AS ${q(WEIGHT_COLUMN)}`, `${n('rows')} AS ${q(ROWS_COLUMN)}`];
  if (options.checks) {
    aggregates.push(`MIN(${n('w')}) AS ${n('min_weight')}`);
    aggregates.push(
      spec.weights
        ? `SUM(CASE WHEN ${n('w_text')} IS NOT NULL AND ${n('w')} IS NULL THEN 1 ELSE 0 END) AS ${n('bad_weights')}`
        : `0 AS ${n('bad_weights')}`,
    );
    renamed.push(`${n('min_weight')} AS ${q('min_weight')}`, `${n('bad_weights')} AS ${q('bad_weights')}`);
  }
  const keyList = keys.map(q).join(', ');
  const sql =
    `SELECT\n  ${[...keys.map((k, i) => `${q(k)} AS ${q(names[i])}`), ...renamed].join(',\n  ')}\n` +
    `FROM (\n  SELECT\n    ${[...outputs, ...aggregates].join(',\n    ')}\n  FROM (\n  ${keptSql}\n  ) AS kept\n` +
    `  GROUP BY ${keyList}\n  ORDER BY ${keyList}\n) AS counted`;
  return { ...planned, sql };
}
