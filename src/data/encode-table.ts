import { InputError, type Where } from '../errors.js';
import { type BinSpec, binIndex, edgesFor, parseBinSpec } from './bins.js';
import {
  type DerivedColumn,
  compileExpression,
  expressionSymbol,
  parseDerivedColumn,
} from './expressions.js';
import { type RawFrame, type RawValue, lineOfRow } from './raw-frame.js';
import type { EncodedTable } from './table.js';

/** Column roles and row preparation: what turns a raw frame into the table the frontier needs. */
export interface TableSpec {
  /** Name for reports; default the frame's name. */
  readonly name?: string;
  /** Sensitive attribute column(s); several columns make intersectional groups ("a & b"). */
  readonly group: string | readonly string[];
  readonly label: string;
  /** Feature columns; default every other column (not group, label, weights or `exclude`). */
  readonly features?: readonly string[];
  /** Non-negative row weights. */
  readonly weights?: string;
  /** Discretization per column: a `BinSpec` or its text (`edges:0,18,30`, `quantile:5`, `uniform:10`, `categorical`). */
  readonly bins?: Readonly<Record<string, BinSpec | string>>;
  /** Derived columns `NAME=EXPR` (mathjs), computed in order; later ones may use earlier ones. */
  readonly derive?: readonly string[];
  /** Row filters (mathjs); a row is kept when every filter is true. */
  readonly filter?: readonly string[];
  /** Value maps per column, applied to the raw values first: column -> (value text -> new value text). */
  readonly valueMaps?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The groups to keep, in this order (s = 0, 1, ...); rows of other groups are dropped (a warning says how many). */
  readonly groupValues?: readonly string[];
  /** The declared label classes, in this order; any other label value is an error. */
  readonly labelValues?: readonly string[];
  /** The declared number of classes; more distinct labels is an error. */
  readonly nClasses?: number;
  /** Drop rows with a missing value in a used column (else such a value is an error). */
  readonly dropMissing?: boolean;
  /** Columns left out of the default feature list. */
  readonly exclude?: readonly string[];
  /** Columns holding a classifier's predicted label (same values as the label); kept out of the features. */
  readonly predictions?: readonly string[];
}

export type FeatureEncoding = 'numeric' | 'categorical' | 'bins';

export interface FeatureSummary {
  readonly name: string;
  readonly encoding: FeatureEncoding;
  /** Category names, index = code (categorical). */
  readonly levels?: readonly string[];
  /** Bin edges used (bins); value = number of edges <= x. */
  readonly edges?: readonly number[];
  /** The bin spec as given. */
  readonly bins?: string;
}

/** How the table was made: kept and dropped rows, encodings and warnings (all plain data, for the report). */
export interface TableSummary {
  readonly name: string;
  readonly nRowsRead: number;
  readonly nRowsFiltered: number;
  readonly nRowsOtherGroups: number;
  readonly nRowsMissing: number;
  readonly groupColumns: readonly string[];
  readonly labelColumn: string;
  readonly weightColumn?: string;
  readonly features: readonly FeatureSummary[];
  readonly derived: readonly string[];
  readonly filters: readonly string[];
  readonly warnings: readonly string[];
}

/** A classifier's hard predictions, coded like the label (y in 0..nClasses-1), one per table row. */
export interface PredictionColumn {
  readonly name: string;
  readonly prediction: Int32Array;
}

export interface EncodedResult {
  readonly table: EncodedTable;
  readonly summary: TableSummary;
  /** One entry per `predictions` column, in order. */
  readonly predictions: readonly PredictionColumn[];
}

/** Separator of the components of an intersectional group name. */
export const GROUP_JOINER = ' & ';

type Column = readonly RawValue[];

function formatSpec(spec: BinSpec): string {
  switch (spec.kind) {
    case 'edges':
      return `edges:${spec.edges.join(',')}`;
    case 'categorical':
      return 'categorical';
    default:
      return `${spec.kind}:${spec.count}`;
  }
}

export function valueText(v: RawValue): string {
  return typeof v === 'string' ? v : String(v);
}

/** Orders raw values: numbers ascending, then texts in code-unit order (deterministic, locale-free). */
export function compareValues(a: RawValue, b: RawValue): number {
  const an = typeof a === 'number';
  const bn = typeof b === 'number';
  if (an && bn) return (a as number) - (b as number);
  if (an !== bn) return an ? -1 : 1;
  const at = valueText(a);
  const bt = valueText(b);
  return at < bt ? -1 : at > bt ? 1 : 0;
}

export function compareTuples(a: readonly RawValue[], b: readonly RawValue[]): number {
  for (let j = 0; j < a.length; j++) {
    const c = compareValues(a[j], b[j]);
    if (c !== 0) return c;
  }
  return 0;
}

function columnsEqual(a: Column, b: Column): boolean {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * Turns a raw frame into a checked `EncodedTable`: value maps, derived columns, filters, group selection, then
 * the roles, each column checked where it is used (missing values, NaN, text in a numeric spec, negative
 * weights), then discretization. Cells are not formed here (that is `distributionFromTable`).
 * @throws InputError E_MISSING_COLUMN, E_DUPLICATE_COLUMN, E_MISSING_VALUE, E_NOT_FINITE, E_NOT_NUMERIC,
 *   E_NEGATIVE_WEIGHT, E_BAD_BINS, E_BAD_EXPRESSION, E_EMPTY_INPUT, E_TOO_FEW_CLASSES, E_TOO_MANY_CLASSES,
 *   E_TOO_FEW_GROUPS, E_EMPTY_GROUP, E_EMPTY_GROUP_LABEL, E_BAD_OPTION
 */
export function encodeTable(frame: RawFrame, spec: TableSpec): EncodedResult {
  const warnings: string[] = [];
  const file = frame.file;
  const at = (extra: Where = {}): Where => (file !== undefined ? { file, ...extra } : extra);
  const atRow = (i: number, column: string): Where => at({ line: lineOfRow(frame, i), column });

  // 1. Column lookup: duplicates are fine when identical (a warning), ambiguous otherwise.
  const positions = new Map<string, number[]>();
  frame.columnNames.forEach((n, j) => positions.set(n, [...(positions.get(n) ?? []), j]));
  const warnedDuplicate = new Set<string>();
  const resolveRaw = (name: string, option: string): Column | undefined => {
    const js = positions.get(name);
    if (!js) return undefined;
    if (js.length > 1) {
      const first = frame.columns[js[0]];
      if (!js.every((j) => columnsEqual(first, frame.columns[j])))
        throw new InputError(
          'E_DUPLICATE_COLUMN',
          `column name "${name}" appears ${js.length} times (positions ${js.map((j) => j + 1).join(', ')}) with different values`,
          at({ column: name, option }),
        );
      if (!warnedDuplicate.has(name)) {
        warnedDuplicate.add(name);
        warnings.push(
          `column "${name}" appears ${js.length} times (positions ${js.map((j) => j + 1).join(', ')}) with identical values; using the first`,
        );
      }
    }
    return frame.columns[js[0]];
  };
  const derivedNames: string[] = [];
  const mapped = new Map<string, Column>();
  const valueMaps = spec.valueMaps ?? {};
  for (const name of Object.keys(valueMaps)) {
    const col = resolveRaw(name, '--map');
    if (!col) throw missingColumn(name, '--map');
    const map = valueMaps[name];
    mapped.set(
      name,
      col.map((v) => {
        if (v === null) return v;
        const to = map[valueText(v)];
        return to === undefined ? v : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(to) ? Number(to) : to;
      }),
    );
  }
  function missingColumn(name: string, option: string): InputError {
    const names = [...new Set([...frame.columnNames, ...derivedNames])];
    const shown = names
      .slice(0, 12)
      .map((n) => `"${n}"`)
      .join(', ');
    return new InputError(
      'E_MISSING_COLUMN',
      `no column named "${name}" (columns: ${shown}${names.length > 12 ? `, ... ${names.length - 12} more` : ''})`,
      at({ column: name, option }),
    );
  }

  // 2. Derived columns and filters, row by row. A failing derived value is remembered, and only refused if its
  // row survives the filters (filters often exist to drop exactly those rows).
  const derivations: DerivedColumn[] = (spec.derive ?? []).map((d) => parseDerivedColumn(d));
  const derivedColumns = new Map<string, RawValue[]>();
  const derivedErrors = new Map<string, (string | undefined)[]>();
  const symbolColumn = new Map<string, () => Column>();
  for (const name of frame.columnNames) {
    const sym = expressionSymbol(name);
    if (!symbolColumn.has(sym))
      symbolColumn.set(sym, () => mapped.get(name) ?? resolveRaw(name, 'expression')!);
  }
  for (const d of derivations) {
    if (positions.has(d.name) || derivedNames.includes(d.name))
      throw new InputError(
        'E_DUPLICATE_COLUMN',
        `derived column "${d.name}" already exists`,
        at({ option: '--derive' }),
      );
    derivedNames.push(d.name);
  }
  const filters = (spec.filter ?? []).map((f) => compileExpression(f, '--filter'));
  const checkSymbols = (symbols: readonly string[], known: ReadonlySet<string>, option: string) => {
    for (const s of symbols)
      if (!known.has(s) && !symbolColumn.has(s) && !isMathConstant(s)) throw missingColumn(s, option);
  };
  const known = new Set<string>();
  for (const d of derivations) {
    checkSymbols(d.expression.symbols, known, '--derive');
    known.add(d.name);
  }
  for (const f of filters) checkSymbols(f.symbols, known, '--filter');

  const nRead = frame.nRows;
  const keep = new Uint8Array(nRead).fill(1);
  let nFiltered = 0;
  if (derivations.length > 0 || filters.length > 0) {
    const inputSymbols = new Set<string>();
    for (const e of [...derivations.map((d) => d.expression), ...filters])
      for (const s of e.symbols) if (!known.has(s) && symbolColumn.has(s)) inputSymbols.add(s);
    const inputs = [...inputSymbols].map((s) => [s, symbolColumn.get(s)!()] as const);
    for (const d of derivations) {
      derivedColumns.set(d.name, new Array<RawValue>(nRead).fill(null));
      derivedErrors.set(d.name, new Array<string | undefined>(nRead));
    }
    for (let i = 0; i < nRead; i++) {
      const scope: Record<string, unknown> = {};
      for (const [s, col] of inputs) scope[s] = col[i] === null ? Number.NaN : col[i];
      for (const d of derivations) {
        try {
          const v = d.expression.evaluate(scope);
          derivedColumns.get(d.name)![i] = v;
          scope[d.name] = v;
        } catch (e) {
          derivedErrors.get(d.name)![i] = (e as Error).message;
          scope[d.name] = Number.NaN;
        }
      }
      for (const f of filters) {
        let v: number | string;
        try {
          v = f.evaluate(scope);
        } catch (e) {
          throw new InputError(
            'E_BAD_EXPRESSION',
            `filter "${f.text}" failed: ${(e as Error).message}`,
            at({ line: lineOfRow(frame, i), option: '--filter' }),
          );
        }
        if (typeof v !== 'number')
          throw new InputError(
            'E_BAD_EXPRESSION',
            `filter "${f.text}" gave a text, not a truth value`,
            at({ line: lineOfRow(frame, i), option: '--filter' }),
          );
        if (!(v !== 0 && !Number.isNaN(v))) {
          keep[i] = 0;
          nFiltered++;
          break;
        }
      }
    }
  }
  const columnOf = (name: string, option: string): Column => {
    const d = derivedColumns.get(name);
    if (d) return d;
    const m = mapped.get(name);
    if (m) return m;
    const raw = resolveRaw(name, option);
    if (!raw) throw missingColumn(name, option);
    return raw;
  };
  // A derived value that failed on a kept row is refused when its column is used.
  const checkDerived = (name: string, option: string) => {
    const errors = derivedErrors.get(name);
    if (!errors) return;
    for (let i = 0; i < nRead; i++)
      if (keep[i] && errors[i] !== undefined)
        throw new InputError(
          'E_BAD_EXPRESSION',
          `derived column "${name}" failed: ${errors[i]}`,
          atRow(i, name),
        );
  };

  // 3. Roles.
  const groupColumns = typeof spec.group === 'string' ? [spec.group] : [...spec.group];
  if (groupColumns.length === 0)
    throw new InputError('E_USAGE', 'no group column given', { option: '--group' });
  const labelColumn = spec.label;
  if (!labelColumn) throw new InputError('E_USAGE', 'no label column given', { option: '--label' });
  if (groupColumns.includes(labelColumn))
    throw new InputError('E_USAGE', `column "${labelColumn}" is both the label and a group column`, {
      column: labelColumn,
      option: '--label',
    });
  if (spec.weights !== undefined && [...groupColumns, labelColumn].includes(spec.weights))
    throw new InputError('E_USAGE', `column "${spec.weights}" is both the weights and the group or label`, {
      column: spec.weights,
      option: '--weights',
    });
  const roleNames = new Set([...groupColumns, labelColumn, ...(spec.weights ? [spec.weights] : [])]);
  const predictionNames = [...(spec.predictions ?? [])];
  const excluded = new Set([...roleNames, ...(spec.exclude ?? []), ...predictionNames]);
  let featureNames: string[];
  if (spec.features) featureNames = [...spec.features];
  else featureNames = [...new Set([...frame.columnNames, ...derivedNames])].filter((n) => !excluded.has(n));
  for (const f of featureNames)
    if (roleNames.has(f))
      throw new InputError(
        'E_BAD_OPTION',
        `column "${f}" is both a feature and the group, label or weights`,
        at({ column: f, option: '--features' }),
      );
  if (new Set(featureNames).size !== featureNames.length)
    throw new InputError('E_DUPLICATE_COLUMN', 'a feature is listed twice', at({ option: '--features' }));
  const bins = new Map<string, BinSpec>();
  for (const [col, b] of Object.entries(spec.bins ?? {})) {
    if (!featureNames.includes(col))
      throw new InputError(
        'E_BAD_BINS',
        `bins given for "${col}", which is not a feature`,
        at({ column: col, option: '--bins' }),
      );
    bins.set(col, typeof b === 'string' ? parseBinSpec(b) : b);
  }
  const used: { name: string; option: string }[] = [
    ...groupColumns.map((name) => ({ name, option: '--group' })),
    { name: labelColumn, option: '--label' },
    ...(spec.weights ? [{ name: spec.weights, option: '--weights' }] : []),
    ...featureNames.map((name) => ({ name, option: '--features' })),
    ...predictionNames.map((name) => ({ name, option: '--predictions' })),
  ];
  const usedColumns = used.map((u) => ({ ...u, values: columnOf(u.name, u.option) }));
  for (const u of used) checkDerived(u.name, u.option);

  // 4. Missing and non-finite values in used columns.
  let nMissing = 0;
  for (let i = 0; i < nRead; i++) {
    if (!keep[i]) continue;
    for (const u of usedColumns) {
      const v = u.values[i];
      if (v === null) {
        if (spec.dropMissing) {
          keep[i] = 0;
          nMissing++;
          break;
        }
        throw new InputError(
          'E_MISSING_VALUE',
          `missing value in column "${u.name}" (drop such rows with --drop-missing, or remove them with --filter)`,
          atRow(i, u.name),
        );
      }
      if (typeof v === 'number' && !Number.isFinite(v))
        throw new InputError(
          'E_NOT_FINITE',
          `value ${v} in column "${u.name}" is not a finite number (list it in --na-values to treat it as missing)`,
          atRow(i, u.name),
        );
    }
  }
  if (nMissing > 0) warnings.push(`${nMissing} rows dropped for a missing value in a used column`);

  // 5. Groups: composite keys, optional selection and order.
  const groupCols = groupColumns.map((g) => columnOf(g, '--group'));
  const groupKey = (i: number) => groupCols.map((c) => valueText(c[i])).join(GROUP_JOINER);
  let groupNames: string[];
  let nOtherGroups = 0;
  if (spec.groupValues) {
    groupNames = [...spec.groupValues];
    if (new Set(groupNames).size !== groupNames.length)
      throw new InputError('E_BAD_OPTION', 'a group value is listed twice', at({ option: '--group-values' }));
    const wanted = new Set(groupNames);
    for (let i = 0; i < nRead; i++)
      if (keep[i] && !wanted.has(groupKey(i))) {
        keep[i] = 0;
        nOtherGroups++;
      }
    if (nOtherGroups > 0)
      warnings.push(`${nOtherGroups} rows dropped because their group is not in --group-values`);
  } else {
    const firstRow = new Map<string, number>();
    for (let i = 0; i < nRead; i++) if (keep[i] && !firstRow.has(groupKey(i))) firstRow.set(groupKey(i), i);
    groupNames = [...firstRow.entries()]
      .sort((a, b) =>
        compareTuples(
          groupCols.map((c) => c[a[1]]),
          groupCols.map((c) => c[b[1]]),
        ),
      )
      .map(([k]) => k);
  }
  const rows: number[] = [];
  for (let i = 0; i < nRead; i++) if (keep[i]) rows.push(i);
  if (rows.length === 0)
    throw new InputError(
      'E_EMPTY_INPUT',
      `no rows left (read ${nRead}; ${nFiltered} removed by --filter, ${nOtherGroups} of other groups, ${nMissing} with missing values)`,
      at(),
    );
  const n = rows.length;
  const groupIndex = new Map(groupNames.map((g, s) => [g, s]));
  const group = new Int32Array(n);
  rows.forEach((i, r) => (group[r] = groupIndex.get(groupKey(i))!));

  // 6. Label classes.
  const labelCol = columnOf(labelColumn, '--label');
  let classNames: string[];
  if (spec.labelValues) {
    classNames = [...spec.labelValues];
    const declared = new Set(classNames);
    for (const i of rows)
      if (!declared.has(valueText(labelCol[i])))
        throw new InputError(
          'E_TOO_MANY_CLASSES',
          `label value "${valueText(labelCol[i])}" is not one of the declared classes (${classNames.join(', ')})`,
          atRow(i, labelColumn),
        );
  } else {
    const firstRow = new Map<string, number>();
    for (const i of rows) if (!firstRow.has(valueText(labelCol[i]))) firstRow.set(valueText(labelCol[i]), i);
    classNames = [...firstRow.entries()]
      .sort((a, b) => compareValues(labelCol[a[1]], labelCol[b[1]]))
      .map(([k]) => k);
  }
  if (spec.nClasses !== undefined && classNames.length > spec.nClasses)
    throw new InputError(
      'E_TOO_MANY_CLASSES',
      `label has ${classNames.length} classes (${classNames.slice(0, 10).join(', ')}${classNames.length > 10 ? ', ...' : ''}), more than the ${spec.nClasses} declared`,
      at({ column: labelColumn, option: '--classes' }),
    );
  const classIndex = new Map(classNames.map((c, y) => [c, y]));
  const label = new Int32Array(n);
  rows.forEach((i, r) => (label[r] = classIndex.get(valueText(labelCol[i]))!));

  // 7. Weights.
  let weight: Float64Array | undefined;
  if (spec.weights) {
    const wCol = columnOf(spec.weights, '--weights');
    weight = new Float64Array(n);
    rows.forEach((i, r) => {
      const v = wCol[i];
      if (typeof v !== 'number')
        throw new InputError(
          'E_NOT_NUMERIC',
          `weight "${valueText(v)}" is not a number`,
          atRow(i, spec.weights!),
        );
      if (v < 0)
        throw new InputError('E_NEGATIVE_WEIGHT', `weight ${v} is negative`, atRow(i, spec.weights!));
      weight![r] = v;
    });
  }

  // 8. Features.
  const features: Float64Array[] = [];
  const featureSummaries: FeatureSummary[] = [];
  for (const name of featureNames) {
    const col = columnOf(name, '--features');
    const b = bins.get(name);
    const out = new Float64Array(n);
    if (b && b.kind !== 'categorical') {
      const values = new Float64Array(n);
      rows.forEach((i, r) => {
        const v = col[i];
        if (typeof v !== 'number')
          throw new InputError(
            'E_NOT_NUMERIC',
            `value "${valueText(v)}" is not numeric, but column "${name}" has the numeric bin spec ${formatSpec(b)}`,
            atRow(i, name),
          );
        values[r] = v;
      });
      const edges = edgesFor(b, values);
      for (let r = 0; r < n; r++) out[r] = binIndex(edges, values[r]);
      featureSummaries.push({ name, encoding: 'bins', edges, bins: formatSpec(b) });
    } else if (!b && rows.every((i) => typeof col[i] === 'number')) {
      rows.forEach((i, r) => (out[r] = col[i] as number));
      featureSummaries.push({ name, encoding: 'numeric' });
    } else {
      const firstRow = new Map<string, number>();
      for (const i of rows) if (!firstRow.has(valueText(col[i]))) firstRow.set(valueText(col[i]), i);
      const levels = [...firstRow.entries()]
        .sort((x, y) => compareValues(col[x[1]], col[y[1]]))
        .map(([k]) => k);
      const code = new Map(levels.map((l, c) => [l, c]));
      rows.forEach((i, r) => (out[r] = code.get(valueText(col[i]))!));
      featureSummaries.push({ name, encoding: 'categorical', levels, ...(b ? { bins: 'categorical' } : {}) });
    }
    features.push(out);
  }

  const predictions: PredictionColumn[] = predictionNames.map((name) => {
    const col = columnOf(name, '--predictions');
    const prediction = new Int32Array(n);
    rows.forEach((i, r) => {
      const y = classIndex.get(valueText(col[i]));
      if (y === undefined)
        throw new InputError(
          'E_BAD_OPTION',
          `predicted value "${valueText(col[i])}" is not a label class (${classNames.join(', ')})`,
          atRow(i, name),
        );
      prediction[r] = y;
    });
    return { name, prediction };
  });

  // 9. Shape checks with the place named (the distribution repeats them for other inputs).
  if (groupNames.length < 2)
    throw new InputError(
      'E_TOO_FEW_GROUPS',
      `need at least 2 groups, found ${groupNames.length} (${groupNames.join(', ')})`,
      at({ column: groupColumns.join(',') }),
    );
  if (classNames.length < 2)
    throw new InputError(
      'E_TOO_FEW_CLASSES',
      `label needs at least 2 classes, found ${classNames.length} (${classNames.join(', ')})`,
      at({ column: labelColumn }),
    );
  const nGroups = groupNames.length;
  const nClasses = classNames.length;
  const pairCount = new Float64Array(nGroups * nClasses);
  for (let r = 0; r < n; r++) pairCount[group[r] * nClasses + label[r]] += weight ? weight[r] : 1;
  for (let s = 0; s < nGroups; s++) {
    let total = 0;
    for (let y = 0; y < nClasses; y++) total += pairCount[s * nClasses + y];
    if (!(total > 0))
      throw new InputError(
        'E_EMPTY_GROUP',
        `group "${groupNames[s]}" has no rows${weight ? ' (or only zero weights)' : ''}`,
        at({ column: groupColumns.join(',') }),
      );
  }
  for (let s = 0; s < nGroups; s++)
    for (let y = 0; y < nClasses; y++)
      if (!(pairCount[s * nClasses + y] > 0))
        throw new InputError(
          'E_EMPTY_GROUP_LABEL',
          `group "${groupNames[s]}" has no rows with label "${classNames[y]}"; equalized odds conditions on every (group, label) pair`,
          at({ column: labelColumn }),
        );

  const name = spec.name ?? frame.name;
  return {
    predictions,
    table: {
      name,
      nRows: n,
      featureNames,
      features,
      group,
      groupNames,
      label,
      classNames,
      ...(weight ? { weight } : {}),
    },
    summary: {
      name,
      nRowsRead: nRead,
      nRowsFiltered: nFiltered,
      nRowsOtherGroups: nOtherGroups,
      nRowsMissing: nMissing,
      groupColumns,
      labelColumn,
      ...(spec.weights ? { weightColumn: spec.weights } : {}),
      features: featureSummaries,
      derived: [...(spec.derive ?? [])],
      filters: [...(spec.filter ?? [])],
      warnings,
    },
  };
}

const MATH_CONSTANTS = new Set([
  'e',
  'E',
  'pi',
  'PI',
  'tau',
  'phi',
  'Infinity',
  'NaN',
  'LN2',
  'LN10',
  'LOG2E',
  'LOG10E',
  'SQRT1_2',
  'SQRT2',
]);
function isMathConstant(symbol: string): boolean {
  return MATH_CONSTANTS.has(symbol);
}
