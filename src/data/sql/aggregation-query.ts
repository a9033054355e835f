import { InputError } from '../../errors.js';
import { type BinSpec, parseBinSpec } from '../bins.js';
import { DEFAULT_NA_VALUES } from '../csv/index.js';
import type { TableSpec } from '../encode-table.js';
import { parseDerivedColumn, expressionSymbol } from '../expressions.js';
import { DIALECTS, type DialectSyntax, type SqlDialect, doubleLiteral } from './dialect.js';
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
  readonly edgeValues?: Readonly<Record<string, readonly number[]>>;
}

/**
 * Writes the one aggregation query of issue 8: the rows of `from`, prepared as `encodeTable` prepares them
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
  const naValues = options.naValues ?? DEFAULT_NA_VALUES;
  const columnNames = [...new Set(options.columnNames)];
  const missingColumn = (name: string, option: string) =>
    new InputError(
      'E_MISSING_COLUMN',
      `no column named "${name}" (columns: ${columnNames
        .slice(0, 12)
        .map((n) => `"${n}"`)
        .join(', ')}${columnNames.length > 12 ? ', ...' : ''})`,
      { column: name, option },
    );
  if (spec.predictions?.length)
    throw new InputError('E_BAD_OPTION', 'prediction columns cannot be aggregated into counts', {
      option: '--predictions',
    });

  // Column texts, as the CSV reader sees fields: trimmed, missing markers -> NULL, then value maps.
  const textOf = new Map<string, string>();
  const typedColumns: string[] = [];
  const columnText = (name: string, option: string): string => {
    if (!columnNames.includes(name)) throw missingColumn(name, option);
    let t = textOf.get(name);
    if (t === undefined) {
      const raw = `TRIM(${d.toText(q(name))})`;
      const na = naValues.length
        ? `CASE WHEN ${raw} IN (${naValues.map(d.text).join(', ')}) THEN NULL ELSE ${raw} END`
        : raw;
      const map = spec.valueMaps?.[name];
      const expression =
        map && Object.keys(map).length
          ? `(CASE (${na}) ${Object.entries(map)
              .map(([from, to]) => `WHEN ${d.text(from)} THEN ${d.text(to)}`)
              .join(' ')} ELSE ${na} END)`
          : na;
      t = q(`c${textOf.size}`);
      typedColumns.push(`${expression} AS ${t}`);
      textOf.set(name, t);
    }
    return t;
  };
  for (const name of Object.keys(spec.valueMaps ?? {})) columnText(name, '--map');
  const numberOf = (text: string) =>
    `(CASE WHEN ${d.fullMatch(text, SQL_NUMBER_PATTERN)} THEN ${d.toDouble(text)} END)`;
  const columnValue = (name: string, option: string): SqlValue => {
    const text = columnText(name, option);
    return { kind: 'column', text, number: numberOf(text) };
  };

  // Derived columns, inlined where used (a later one may use an earlier one).
  const derived = new Map<string, string>();
  const symbolColumn = new Map<string, string>();
  for (const name of columnNames)
    if (!symbolColumn.has(expressionSymbol(name))) symbolColumn.set(expressionSymbol(name), name);
  const scope = {
    resolve: (symbol: string): SqlValue | undefined => {
      const dv = derived.get(symbol);
      if (dv !== undefined) return { kind: 'number', sql: dv };
      const c = symbolColumn.get(symbol);
      return c === undefined ? undefined : columnValue(c, 'expression');
    },
  };
  for (const text of spec.derive ?? []) {
    const { name } = parseDerivedColumn(text);
    if (columnNames.includes(name) || derived.has(name))
      throw new InputError('E_DUPLICATE_COLUMN', `derived column "${name}" already exists`, {
        option: '--derive',
      });
    const expression = text.slice(text.indexOf('=') + 1).trim();
    derived.set(name, sqlNumber(expressionToSql(expression, scope, d, '--derive')));
  }
  const filters = (spec.filter ?? []).map((f) => sqlBool(expressionToSql(f, scope, d, '--filter')));

  // Roles.
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
  const bins = new Map<string, BinSpec>();
  for (const [col, b] of Object.entries(spec.bins ?? {})) {
    if (!featureNames.includes(col))
      throw new InputError('E_BAD_BINS', `bins given for "${col}", which is not a feature`, {
        column: col,
        option: '--bins',
      });
    bins.set(col, typeof b === 'string' ? parseBinSpec(b) : b);
  }

  // kept: one row per input row that survives filters, group selection and --drop-missing.
  const keptColumns: string[] = [];
  const features: PlannedFeature[] = [];
  featureNames.forEach((name, j) => {
    const b = bins.get(name);
    const dv = derived.get(name);
    if (dv === undefined && !columnNames.includes(name)) throw missingColumn(name, '--features');
    const numeric = b !== undefined && b.kind !== 'categorical';
    const value = dv ?? (numeric ? numberOf(columnText(name, '--features')) : columnText(name, '--features'));
    keptColumns.push(`${value} AS ${q(`f${j}`)}`);
    features.push({
      name,
      output: numeric ? 'bins' : dv !== undefined ? 'number' : 'text',
      ...(b ? { bins: b } : {}),
    });
  });
  groupColumns.forEach((g, j) => keptColumns.push(`${columnText(g, '--group')} AS ${q(`g${j}`)}`));
  keptColumns.push(`${columnText(spec.label, '--label')} AS ${q('y')}`);
  keptColumns.push(`${spec.weights ? numberOf(columnText(spec.weights, '--weights')) : '1e0'} AS ${q('w')}`);
  if (spec.weights) keptColumns.push(`${columnText(spec.weights, '--weights')} AS ${q('w_text')}`);
  if (options.rowNumbers) {
    keptColumns.push(q('row_number'));
    typedColumns.push(q('row_number'));
  }

  const where: string[] = [...filters];
  if (spec.groupValues)
    where.push(
      groupSelection(
        spec.groupValues,
        groupColumns.map((g) => columnText(g, '--group')),
        d,
        numberOf,
      ),
    );
  if (spec.dropMissing) {
    const used = [
      ...groupColumns,
      spec.label,
      ...(spec.weights ? [spec.weights] : []),
      ...featureNames.filter((f) => !derived.has(f)),
    ];
    for (const c of used) where.push(`${columnText(c, '--features')} IS NOT NULL`);
  }

  const ctes: string[] = [];
  const stage = options.stage ?? 'counts';
  const source = options.rowNumbers
    ? `SELECT *, ROW_NUMBER() OVER () AS ${q('row_number')} FROM ${options.from}`
    : `SELECT * FROM ${options.from}`;
  if (options.keptTable !== undefined) ctes.push(`kept AS (\n  SELECT * FROM ${options.keptTable}\n)`);
  else {
    ctes.push(`source AS (\n  ${source}\n)`);
    ctes.push(`typed AS (\n  SELECT\n    ${typedColumns.join(',\n    ')}\n  FROM source\n)`);
    ctes.push(
      `kept AS (\n  SELECT\n    ${keptColumns.join(',\n    ')}\n  FROM typed${where.length ? `\n  WHERE ${where.join('\n    AND ')}` : ''}\n)`,
    );
  }
  const planned = {
    dialect: options.dialect,
    features,
    groupColumns,
    labelColumn: spec.label,
    weightColumn: WEIGHT_COLUMN,
    rowsColumn: ROWS_COLUMN,
  };
  if (stage === 'kept') return { ...planned, sql: `WITH\n${ctes.join(',\n')}\nSELECT * FROM kept` };

  // Data-dependent edges, one CTE per quantile/uniform feature.
  const joins: string[] = [];
  const outputs: string[] = [];
  features.forEach((f, j) => {
    const v = q(`f${j}`);
    const known = options.edgeValues?.[f.name];
    const b: BinSpec | undefined = known && f.bins ? { kind: 'edges', edges: known } : f.bins;
    if (!b || b.kind === 'categorical') {
      outputs.push(`${v} AS ${q(f.name)}`);
      return;
    }
    if (b.kind === 'edges') {
      const cases = b.edges.map((e, i) => `WHEN ${v} < ${doubleLiteral(e)} THEN ${i}`).join(' ');
      outputs.push(`CASE WHEN ${v} IS NULL THEN NULL ${cases} ELSE ${b.edges.length} END AS ${q(f.name)}`);
      return;
    }
    const k = b.count;
    const edge = (i: number) => q(`e${j}_${i}`);
    const inner = Array.from({ length: k - 1 }, (_, t) => t + 1);
    if (b.kind === 'uniform') {
      const stats = `SELECT MIN(${v}) AS mn, MAX(${v}) AS mx FROM kept WHERE ${v} IS NOT NULL`;
      const edges = inner.map(
        (i) => `mn + ((mx - mn) * ${doubleLiteral(i)}) / ${doubleLiteral(k)} AS ${edge(i)}`,
      );
      ctes.push(
        `edges_${j} AS (\n  SELECT ${edges.length ? edges.join(', ') : 'mn'} FROM (${stats}) AS stats\n)`,
      );
    } else {
      // Type-7 quantile i/k: h = (n - 1) i / k, x[lo] + (h - lo) (x[hi] - x[lo]) with lo = floor(h), hi = min(n - 1, lo + 1).
      ctes.push(
        `ranked_${j} AS (\n  SELECT ${v} AS v, ROW_NUMBER() OVER (ORDER BY ${v}) - 1 AS r, COUNT(*) OVER () AS n FROM kept WHERE ${v} IS NOT NULL\n)`,
      );
      const h = (i: number) => `(${d.toDouble(`(n - 1) * ${i}`)} / ${doubleLiteral(k)})`;
      const picks = inner.flatMap((i) => [
        `MAX(CASE WHEN r = FLOOR(${h(i)}) THEN v END) AS lo_${i}`,
        `MAX(CASE WHEN r = LEAST(n - 1, FLOOR(${h(i)}) + 1) THEN v END) AS hi_${i}`,
        `MAX(${h(i)}) AS h_${i}`,
      ]);
      const edges = inner.map(
        (i) => `lo_${i} + (h_${i} - FLOOR(h_${i})) * (hi_${i} - lo_${i}) AS ${edge(i)}`,
      );
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
  groupColumns.forEach((g, j) => outputs.push(`${q(`g${j}`)} AS ${q(g)}`));
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
          ? `${numberOf(texts[i])} = ${doubleLiteral(Number(p))}`
          : `${texts[i]} = ${d.text(p)}`,
      )
      .join(' AND ')})`;
  });
  return `COALESCE(${alternatives.join(' OR ')}, FALSE)`;
}
