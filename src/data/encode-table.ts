import { InputError, type Where, describeValue } from '../errors.js';
import {
  type BinSpec,
  type BinsOption,
  binIndex,
  binsByColumn,
  edgesFor,
  formatBinSpec,
  parseBinSpec,
} from './bins.js';
import { ExpressionNames } from './expression-names.js';
import { didYouMean } from './nearest-names.js';
import { type LeftOutColumn, defaultFeatures } from './default-features.js';
import { type CompiledExpression, compileExpression, parseDerivedColumn } from './expressions.js';
import { type RawFrame, type RawValue, lineOfRow } from './raw-frame.js';
import type { EncodedTable } from './table.js';
import { checkGroupLabelShape } from './table-shape.js';
import { type ScoreColumn, readScoreColumns, scoreColumnNames } from './score-columns.js';

/** Column roles and row preparation: what turns a raw frame into the table the frontier needs. */
export interface TableSpec {
  /** Name for reports; default the frame's name. */
  readonly name?: string;
  /** Sensitive attribute column(s); several columns make intersectional groups ("a & b"). */
  readonly group: string | readonly string[];
  readonly label: string;
  /**
   * Feature columns; default every other column (not group, label, weights or `exclude`) that a person would
   * choose: identifiers, constants, dates, free text and columns with missing values are left out (`defaultFeatures`).
   */
  readonly features?: readonly string[];
  /** Non-negative row weights. */
  readonly weights?: string;
  /**
   * Discretization per column: a record of `BinSpec`s or their texts (`{ age: 'quantile:5' }`; `edges:0,18,30`,
   * `uniform:10`, `categorical`), or the command line's `COL=SPEC` strings (`['age=quantile:5']`).
   */
  readonly bins?: BinsOption;
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
  /**
   * The positive class of two label classes (its name): placed models' group tables, TPR and FPR and score columns
   * refer to it. Default: the second class in value order ("1" of 0/1, ">50K" of "<=50K"/">50K").
   */
  readonly positiveClass?: string;
  /** The declared number of classes; more distinct labels is an error. */
  readonly nClasses?: number;
  /** Drop rows with a missing value in a used column (else such a value is an error). */
  readonly dropMissing?: boolean;
  /** Columns left out of the default feature list. */
  readonly exclude?: readonly string[];
  /** Columns holding a classifier's predicted label (same values as the label); kept out of the features. */
  readonly predictions?: readonly string[];
  /**
   * Models given by their scores (docs/scores.md): each one column (the positive class's score) or one column
   * per class (probabilities, in class order); kept out of the features.
   */
  readonly scores?: readonly (readonly string[])[];
  /**
   * Rows to predict with an exported classifier (`fairlimit apply`): skip the shape checks a frontier needs (at
   * least two groups, every group with every label). Default false.
   */
  readonly isForPrediction?: boolean;
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
  /** Columns left out of the default features, with the reason (absent when the features were given). */
  readonly leftOut?: readonly LeftOutColumn[];
  /** Rows with a missing value, per used column (only columns with at least one; before any row was dropped). */
  readonly missingByColumn?: readonly { readonly column: string; readonly rows: number }[];
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
  /** One entry per `scores` model, in order (absent when none is given). */
  readonly scores?: readonly ScoreColumn[];
}

/** Separator of the components of an intersectional group name. */
export const GROUP_JOINER = ' & ';

type Column = readonly RawValue[];

const formatSpec = formatBinSpec;

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

/** A decimal number as a mapped value's text (a value map's target is typed like a CSV field). */
const MAPPED_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The frame's columns as the stages see them: raw columns (duplicates resolved), value-mapped columns, derived
 * columns, the rows still kept, and the warnings so far. Places in errors come from here.
 */
class FrameColumns {
  readonly warnings: string[] = [];
  readonly mapped = new Map<string, Column>();
  readonly derived = new Map<string, RawValue[]>();
  /** Per derived column, the error message of each row where its expression failed. */
  readonly derivedErrors = new Map<string, (string | undefined)[]>();
  readonly keep: Uint8Array;
  private readonly positions = new Map<string, number[]>();
  private readonly warnedDuplicate = new Set<string>();

  constructor(readonly frame: RawFrame) {
    frame.columnNames.forEach((n, j) => this.positions.set(n, [...(this.positions.get(n) ?? []), j]));
    this.keep = new Uint8Array(frame.nRows).fill(1);
  }

  at(extra: Where = {}): Where {
    return this.frame.file !== undefined ? { file: this.frame.file, ...extra } : extra;
  }

  atRow(i: number, column: string): Where {
    return this.at({ line: lineOfRow(this.frame, i), column });
  }

  hasRaw(name: string): boolean {
    return this.positions.has(name);
  }

  /** A raw column by name: duplicates are fine when identical (a warning), ambiguous otherwise. */
  raw(name: string, option: string): Column | undefined {
    const js = this.positions.get(name);
    if (!js) return undefined;
    if (js.length > 1) {
      const first = this.frame.columns[js[0]];
      const places = js.map((j) => j + 1).join(', ');
      if (!js.every((j) => columnsEqual(first, this.frame.columns[j])))
        throw new InputError(
          'E_DUPLICATE_COLUMN',
          `column name "${name}" appears ${js.length} times (positions ${places}) with different values`,
          this.at({ column: name, option }),
        );
      if (!this.warnedDuplicate.has(name)) {
        this.warnedDuplicate.add(name);
        this.warnings.push(
          `column "${name}" appears ${js.length} times (positions ${places}) with identical values; using the first`,
        );
      }
    }
    return this.frame.columns[js[0]];
  }

  /** A column as used: derived, else value-mapped, else raw. */
  get(name: string, option: string): Column {
    const column = this.derived.get(name) ?? this.mapped.get(name) ?? this.raw(name, option);
    if (!column) throw this.missing(name, option);
    return column;
  }

  missing(name: string, option: string): InputError {
    const names = [...new Set([...this.frame.columnNames, ...this.derived.keys()])];
    const shown = names
      .slice(0, 12)
      .map((n) => `"${n}"`)
      .join(', ');
    return new InputError(
      'E_MISSING_COLUMN',
      `no column named "${name}"${didYouMean(name, names)} (columns: ${shown}${names.length > 12 ? `, ... ${names.length - 12} more` : ''})`,
      this.at({ column: name, option }),
    );
  }

  /** A derived value that failed on a kept row is refused when its column is used. */
  checkDerived(name: string): void {
    const errors = this.derivedErrors.get(name);
    if (!errors) return;
    for (let i = 0; i < this.frame.nRows; i++)
      if (this.keep[i] && errors[i] !== undefined)
        throw new InputError(
          'E_BAD_EXPRESSION',
          `derived column "${name}" failed: ${errors[i]}`,
          this.atRow(i, name),
        );
  }

  /** Indices of the kept rows. */
  keptRows(): number[] {
    const rows: number[] = [];
    for (let i = 0; i < this.frame.nRows; i++) if (this.keep[i]) rows.push(i);
    return rows;
  }
}

/** Stage 1: value maps, applied to the raw values; a map key that never occurs gets a warning (likely a typo). */
function applyValueMaps(cols: FrameColumns, valueMaps: TableSpec['valueMaps']): void {
  for (const [name, map] of Object.entries(valueMaps ?? {})) {
    const column = cols.raw(name, '--map');
    if (!column) throw cols.missing(name, '--map');
    const targets = new Map<string, RawValue>();
    for (const [from, to] of Object.entries(map)) targets.set(from, MAPPED_NUMBER.test(to) ? Number(to) : to);
    const seen = new Set<string>();
    cols.mapped.set(
      name,
      column.map((v) => {
        if (v === null) return v;
        const text = valueText(v);
        if (!targets.has(text)) return v;
        seen.add(text);
        return targets.get(text)!;
      }),
    );
    const unseen = [...targets.keys()].filter((k) => !seen.has(k));
    if (unseen.length > 0)
      cols.warnings.push(
        `value map of column "${name}": ${unseen.map((k) => `"${k}"`).join(', ')} never occur${unseen.length === 1 ? 's' : ''} in the data`,
      );
  }
}

/**
 * Stage 2: derived columns and filters, row by row. A failing derived value is remembered, and only refused if
 * its row survives the filters (filters often exist to drop exactly those rows). Returns the rows filtered out.
 */
function deriveAndFilter(cols: FrameColumns, spec: TableSpec): number {
  const { frame } = cols;
  const names = new ExpressionNames(frame.columnNames, cols.at());
  const derivations: { name: string; expression: CompiledExpression }[] = [];
  for (const text of spec.derive ?? []) {
    const d = parseDerivedColumn(text);
    if (names.has(d.name))
      throw new InputError(
        'E_DUPLICATE_COLUMN',
        `derived column "${d.name}" already exists`,
        cols.at({ option: '--derive' }),
      );
    derivations.push({ name: d.name, expression: compileExpression(d.expression, '--derive', names) });
    names.add(d.name);
  }
  const filters = (spec.filter ?? []).map((f) => compileExpression(f, '--filter', names));
  for (const d of derivations) {
    cols.derived.set(d.name, new Array<RawValue>(frame.nRows).fill(null));
    cols.derivedErrors.set(d.name, new Array<string | undefined>(frame.nRows));
  }
  if (derivations.length === 0 && filters.length === 0) return 0;
  const derivedNames = new Set(derivations.map((d) => d.name));
  // Input columns are read once each; derived values are read from the row's values computed so far.
  const inputs = new Map<string, Column>();
  for (const e of [...derivations.map((d) => d.expression), ...filters])
    for (const c of e.columns)
      if (!derivedNames.has(c) && !inputs.has(c))
        inputs.set(c, cols.mapped.get(c) ?? cols.raw(c, 'expression')!);
  const rowValue = new Map<string, unknown>();
  const argsOf = (e: CompiledExpression) => e.columns.map((c) => rowValue.get(c));
  let nFiltered = 0;
  for (let i = 0; i < frame.nRows; i++) {
    for (const [c, col] of inputs) rowValue.set(c, col[i] === null ? Number.NaN : col[i]);
    for (const d of derivations) {
      try {
        const v = d.expression.evaluate(argsOf(d.expression));
        cols.derived.get(d.name)![i] = v;
        rowValue.set(d.name, v);
      } catch (e) {
        cols.derivedErrors.get(d.name)![i] = (e as Error).message;
        rowValue.set(d.name, Number.NaN);
      }
    }
    for (const f of filters) {
      let v: number | string;
      try {
        v = f.evaluate(argsOf(f));
      } catch (e) {
        throw new InputError(
          'E_BAD_EXPRESSION',
          `filter "${f.text}" failed: ${(e as Error).message}`,
          cols.at({ line: lineOfRow(frame, i), option: '--filter' }),
        );
      }
      if (typeof v !== 'number')
        throw new InputError(
          'E_BAD_EXPRESSION',
          `filter "${f.text}" gave a text, not a truth value`,
          cols.at({ line: lineOfRow(frame, i), option: '--filter' }),
        );
      if (!(v !== 0 && !Number.isNaN(v))) {
        cols.keep[i] = 0;
        nFiltered++;
        break;
      }
    }
  }
  return nFiltered;
}

/** The column roles, checked against each other. */
interface Roles {
  readonly groupColumns: readonly string[];
  readonly labelColumn: string;
  readonly featureNames: readonly string[];
  readonly predictionNames: readonly string[];
  readonly bins: ReadonlyMap<string, BinSpec>;
  /** Columns left out of the default features (absent when the features were given). */
  readonly leftOut?: readonly LeftOutColumn[];
  /** Every used column with the option that names it, in checking order. */
  readonly used: readonly { readonly name: string; readonly option: string }[];
}

/**
 * Stage 3: roles. Default features are the columns that have no other role (not the group, label, weights,
 * predictions or `exclude`) and that a person would choose (`defaultFeatures`, judged on the kept rows); derived
 * columns were asked for, so they are always among them.
 */
function assignRoles(cols: FrameColumns, spec: TableSpec): Roles {
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
  const predictionNames = [...(spec.predictions ?? [])];
  const roleOf = new Map<string, string>();
  for (const g of groupColumns) roleOf.set(g, 'the group');
  roleOf.set(labelColumn, 'the label');
  if (spec.weights) roleOf.set(spec.weights, 'the weights');
  for (const p of predictionNames) if (!roleOf.has(p)) roleOf.set(p, 'a prediction column');
  const scoreNames = scoreColumnNames(spec.scores ?? []);
  for (const p of scoreNames) if (!roleOf.has(p)) roleOf.set(p, 'a score column');
  const excluded = new Set([...roleOf.keys(), ...(spec.exclude ?? [])]);
  const candidates = [...new Set([...cols.frame.columnNames, ...cols.derived.keys()])].filter(
    (n) => !excluded.has(n),
  );
  const rows = spec.features ? [] : cols.keptRows();
  const choice = spec.features
    ? undefined
    : defaultFeatures(
        candidates
          .filter((name) => !cols.derived.has(name))
          .map((name) => {
            const column = cols.get(name, '--features');
            return { name, values: rows.map((i) => column[i]) };
          }),
      );
  const leftOutNames = new Set(choice?.leftOut.map((l) => l.column));
  const featureNames = spec.features ? [...spec.features] : candidates.filter((n) => !leftOutNames.has(n));
  for (const f of featureNames)
    if (roleOf.has(f))
      throw new InputError(
        'E_BAD_OPTION',
        `column "${f}" is both a feature and ${roleOf.get(f)}`,
        cols.at({ column: f, option: '--features' }),
      );
  if (new Set(featureNames).size !== featureNames.length)
    throw new InputError(
      'E_DUPLICATE_COLUMN',
      'a feature is listed twice',
      cols.at({ option: '--features' }),
    );
  const bins = binsByColumn(spec.bins);
  for (const col of bins.keys())
    if (!featureNames.includes(col))
      throw new InputError(
        'E_BAD_BINS',
        `bins given for "${col}", which is not a feature`,
        cols.at({ column: col, option: '--bins' }),
      );
  const used = [
    ...groupColumns.map((name) => ({ name, option: '--group' })),
    { name: labelColumn, option: '--label' },
    ...(spec.weights ? [{ name: spec.weights, option: '--weights' }] : []),
    ...featureNames.map((name) => ({ name, option: '--features' })),
    ...predictionNames.map((name) => ({ name, option: '--predictions' })),
    ...scoreNames.map((name) => ({ name, option: '--scores' })),
  ];
  return {
    groupColumns,
    labelColumn,
    featureNames,
    predictionNames,
    bins,
    ...(choice ? { leftOut: choice.leftOut } : {}),
    used,
  };
}

/**
 * Stage 4: missing and non-finite values in used columns. Missing values are counted per column first, so that
 * both the refusal and `dropMissing` say how many rows and which columns; dropping every row is refused.
 */
function dropMissing(
  cols: FrameColumns,
  roles: Roles,
  dropMissingRows: boolean,
): { nMissing: number; missingByColumn: { column: string; rows: number }[] } {
  const usedColumns = roles.used.map((u) => ({ ...u, values: cols.get(u.name, u.option) }));
  for (const u of roles.used) cols.checkDerived(u.name);
  const perColumn = new Map<string, number>();
  const hasMissing = new Uint8Array(cols.frame.nRows);
  let nMissing = 0;
  let firstMissing: { row: number; column: string } | undefined;
  let nKept = 0;
  for (let i = 0; i < cols.frame.nRows; i++) {
    if (!cols.keep[i]) continue;
    nKept++;
    for (const u of usedColumns) {
      const v = u.values[i];
      if (v === null) {
        perColumn.set(u.name, (perColumn.get(u.name) ?? 0) + 1);
        firstMissing ??= { row: i, column: u.name };
        if (!hasMissing[i]) nMissing++;
        hasMissing[i] = 1;
      } else if (typeof v === 'number' && !Number.isFinite(v))
        throw new InputError(
          'E_NOT_FINITE',
          `value ${v} in column "${u.name}" is not a finite number (list it in --na-values to treat it as missing)`,
          cols.atRow(i, u.name),
        );
    }
  }
  const missingByColumn = [...new Set(roles.used.map((u) => u.name))]
    .filter((name) => perColumn.has(name))
    .map((column) => ({ column, rows: perColumn.get(column)! }));
  if (firstMissing === undefined) return { nMissing: 0, missingByColumn };
  const byColumn = missingByColumn.map((m) => `"${m.column}" ${m.rows}`).join(', ');
  if (!dropMissingRows)
    throw new InputError(
      'E_MISSING_VALUE',
      `missing value in column "${firstMissing.column}": ${nMissing} of ${nKept} rows have a missing value in a used column (${byColumn}); drop such rows with --drop-missing, remove them with --filter, or leave the column out of --features`,
      cols.atRow(firstMissing.row, firstMissing.column),
    );
  if (nMissing === nKept)
    throw new InputError(
      'E_MISSING_VALUE',
      `--drop-missing would remove all ${nKept} rows: every row has a missing value in a used column (${byColumn}); leave those columns out of --features`,
      cols.at({ option: '--drop-missing' }),
    );
  for (let i = 0; i < cols.frame.nRows; i++) if (hasMissing[i]) cols.keep[i] = 0;
  cols.warnings.push(
    `${nMissing} of ${nKept} rows dropped for a missing value in a used column (${byColumn})`,
  );
  return { nMissing, missingByColumn };
}

/** Stage 5: groups (composite keys), optional selection and order. Returns the names and the rows of other groups. */
function selectGroups(
  cols: FrameColumns,
  groupColumns: readonly string[],
  groupValues: readonly string[] | undefined,
): { groupNames: string[]; groupKey: (i: number) => string; nOtherGroups: number } {
  const groupCols = groupColumns.map((g) => cols.get(g, '--group'));
  const groupKey = (i: number) => groupCols.map((c) => valueText(c[i])).join(GROUP_JOINER);
  const nRead = cols.frame.nRows;
  if (groupValues) {
    const groupNames = [...groupValues];
    if (new Set(groupNames).size !== groupNames.length)
      throw new InputError(
        'E_BAD_OPTION',
        'a group value is listed twice',
        cols.at({ option: '--group-values' }),
      );
    const wanted = new Set(groupNames);
    let nOtherGroups = 0;
    for (let i = 0; i < nRead; i++)
      if (cols.keep[i] && !wanted.has(groupKey(i))) {
        cols.keep[i] = 0;
        nOtherGroups++;
      }
    if (nOtherGroups > 0)
      cols.warnings.push(`${nOtherGroups} rows dropped because their group is not in --group-values`);
    return { groupNames, groupKey, nOtherGroups };
  }
  const firstRow = new Map<string, number>();
  for (let i = 0; i < nRead; i++)
    if (cols.keep[i] && !firstRow.has(groupKey(i))) firstRow.set(groupKey(i), i);
  const groupNames = [...firstRow.entries()]
    .sort((a, b) =>
      compareTuples(
        groupCols.map((c) => c[a[1]]),
        groupCols.map((c) => c[b[1]]),
      ),
    )
    .map(([k]) => k);
  return { groupNames, groupKey, nOtherGroups: 0 };
}

/** Distinct texts of a column over the kept rows, ordered by `compareValues`. */
function orderedLevels(col: Column, rows: readonly number[]): string[] {
  const firstRow = new Map<string, number>();
  for (const i of rows) if (!firstRow.has(valueText(col[i]))) firstRow.set(valueText(col[i]), i);
  return [...firstRow.entries()].sort((a, b) => compareValues(col[a[1]], col[b[1]])).map(([k]) => k);
}

/** Stage 6: label classes (declared, or in value order), checked against `nClasses`. */
function labelClasses(cols: FrameColumns, spec: TableSpec, rows: readonly number[]): string[] {
  const labelCol = cols.get(spec.label, '--label');
  let classNames: string[];
  if (spec.labelValues) {
    classNames = [...spec.labelValues];
    const declared = new Set(classNames);
    for (const i of rows)
      if (!declared.has(valueText(labelCol[i])))
        throw new InputError(
          'E_TOO_MANY_CLASSES',
          `label value "${valueText(labelCol[i])}" is not one of the declared classes (${classNames.join(', ')})`,
          cols.atRow(i, spec.label),
        );
  } else classNames = orderedLevels(labelCol, rows);
  if (spec.positiveClass !== undefined) classNames = withPositiveLast(cols, spec, classNames);
  if (spec.nClasses !== undefined && classNames.length > spec.nClasses)
    throw new InputError(
      'E_TOO_MANY_CLASSES',
      `label has ${classNames.length} classes (${classNames.slice(0, 10).join(', ')}${classNames.length > 10 ? ', ...' : ''}), more than the ${spec.nClasses} declared`,
      cols.at({ column: spec.label, option: '--classes' }),
    );
  return classNames;
}

/**
 * The positive class moved to the end (index 1, the "positive" of every binary rate), refused unless it is one of
 * exactly two classes.
 */
function withPositiveLast(cols: FrameColumns, spec: TableSpec, classNames: string[]): string[] {
  const positive = spec.positiveClass!;
  const where = cols.at({ column: spec.label, option: '--positive' });
  if (!classNames.includes(positive))
    throw new InputError(
      'E_BAD_OPTION',
      `positive class "${positive}" is not a label value${didYouMean(positive, classNames)} (classes: ${classNames.slice(0, 10).join(', ')})`,
      where,
    );
  if (classNames.length !== 2)
    throw new InputError(
      'E_BAD_OPTION',
      `a positive class applies to two label classes; the label has ${classNames.length} (${classNames.slice(0, 10).join(', ')})`,
      where,
    );
  return [...classNames.filter((c) => c !== positive), positive];
}

/** Stage 7: non-negative numeric row weights. */
function rowWeights(cols: FrameColumns, weights: string, rows: readonly number[]): Float64Array {
  const wCol = cols.get(weights, '--weights');
  const weight = new Float64Array(rows.length);
  rows.forEach((i, r) => {
    const v = wCol[i];
    if (typeof v !== 'number')
      throw new InputError(
        'E_NOT_NUMERIC',
        `weight "${valueText(v)}" is not a number`,
        cols.atRow(i, weights),
      );
    if (v < 0) throw new InputError('E_NEGATIVE_WEIGHT', `weight ${v} is negative`, cols.atRow(i, weights));
    weight[r] = v;
  });
  // Each weight is finite, but their sum (the normalizer of every mass) can overflow: say so with the column.
  let total = 0;
  for (let r = 0; r < weight.length; r++) total += weight[r];
  if (!Number.isFinite(total))
    throw new InputError(
      'E_NOT_FINITE',
      `the weights sum to more than ${Number.MAX_VALUE} (the sum overflowed): rescale the column, e.g. divide it by its largest value`,
      { ...cols.at(), column: weights, option: '--weights' },
    );
  return weight;
}

/** Stage 8: one feature column coded: numeric bins, numbers as they are, or categories in value order. */
function encodeFeature(
  cols: FrameColumns,
  name: string,
  b: BinSpec | undefined,
  rows: readonly number[],
): { values: Float64Array; summary: FeatureSummary } {
  const col = cols.get(name, '--features');
  const n = rows.length;
  const out = new Float64Array(n);
  if (b && b.kind !== 'categorical') {
    const values = new Float64Array(n);
    rows.forEach((i, r) => {
      const v = col[i];
      if (typeof v !== 'number')
        throw new InputError(
          'E_NOT_NUMERIC',
          `value "${valueText(v)}" is not numeric, but column "${name}" has the numeric bin spec ${formatSpec(b)}`,
          cols.atRow(i, name),
        );
      values[r] = v;
    });
    const edges = edgesFor(b, values);
    for (let r = 0; r < n; r++) out[r] = binIndex(edges, values[r]);
    return { values: out, summary: { name, encoding: 'bins', edges, bins: formatSpec(b) } };
  }
  if (!b && rows.every((i) => typeof col[i] === 'number')) {
    rows.forEach((i, r) => (out[r] = col[i] as number));
    return { values: out, summary: { name, encoding: 'numeric' } };
  }
  const levels = orderedLevels(col, rows);
  const code = new Map(levels.map((l, c) => [l, c]));
  rows.forEach((i, r) => (out[r] = code.get(valueText(col[i]))!));
  return {
    values: out,
    summary: { name, encoding: 'categorical', levels, ...(b ? { bins: 'categorical' } : {}) },
  };
}

/** Stage 8b: prediction columns coded like the label. */
function codePredictions(
  cols: FrameColumns,
  predictionNames: readonly string[],
  classNames: readonly string[],
  rows: readonly number[],
): PredictionColumn[] {
  const classIndex = new Map(classNames.map((c, y) => [c, y]));
  return predictionNames.map((name) => {
    const col = cols.get(name, '--predictions');
    const prediction = new Int32Array(rows.length);
    rows.forEach((i, r) => {
      const y = classIndex.get(valueText(col[i]));
      if (y === undefined)
        throw new InputError(
          'E_BAD_OPTION',
          `predicted value "${valueText(col[i])}" is not a label class (${classNames.join(', ')})`,
          cols.atRow(i, name),
        );
      prediction[r] = y;
    });
    return { name, prediction };
  });
}

/** Stage 9: shape checks with the place named (the distribution repeats them for other inputs). */
function checkShape(
  cols: FrameColumns,
  roles: Roles,
  t: Pick<EncodedTable, 'group' | 'label' | 'groupNames' | 'classNames' | 'weight'>,
): void {
  const nClasses = t.classNames.length;
  const pairWeight = new Float64Array(t.groupNames.length * nClasses);
  for (let r = 0; r < t.group.length; r++)
    pairWeight[t.group[r] * nClasses + t.label[r]] += t.weight ? t.weight[r] : 1;
  checkGroupLabelShape({
    groupNames: t.groupNames,
    classNames: t.classNames,
    pairWeight,
    isWeighted: t.weight !== undefined,
    groupColumns: roles.groupColumns,
    labelColumn: roles.labelColumn,
    where: cols.at(),
  });
}

/**
 * The spec's own types, checked once at the entry (the library takes it from any caller): column names are
 * strings, lists are arrays of strings, maps are objects of strings. What the values mean is checked later
 * against the data.
 * @throws InputError E_BAD_OPTION (E_BAD_BINS for bins) naming the field and what it found
 */
function checkTableSpec(spec: unknown): asserts spec is TableSpec {
  const bad = (field: string, expected: string, found: unknown): never => {
    // Bins have their own code everywhere else (binsByColumn): keep it for a value of the wrong type too.
    const code = field === 'bins' ? 'E_BAD_BINS' : 'E_BAD_OPTION';
    throw new InputError(code, `${field} must be ${expected}, got ${describeValue(found)}`, {
      option: field,
    });
  };
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) bad('spec', 'an object', spec);
  const o = spec as Record<string, unknown>;
  const isText = (v: unknown) => typeof v === 'string';
  // By index and bounded: a hole is undefined (refused), and a sparse array of length 1e9 is not walked.
  const isListOf = (v: unknown, isItem: (x: unknown) => boolean) => {
    if (!Array.isArray(v) || v.length > 1_000_000) return false;
    for (let i = 0; i < v.length; i++) if (!isItem(v[i])) return false;
    return true;
  };
  const isTextList = (v: unknown) => isListOf(v, isText);
  const isTextRecord = (v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every(isText);
  if (!isText(o.group) && !isTextList(o.group)) bad('group', 'a column name or a list of them', o.group);
  if (!isText(o.label)) bad('label', 'a column name', o.label);
  for (const field of ['name', 'weights'] as const)
    if (o[field] !== undefined && !isText(o[field])) bad(field, 'a string', o[field]);
  for (const field of [
    'features',
    'derive',
    'filter',
    'groupValues',
    'labelValues',
    'exclude',
    'predictions',
  ])
    if (o[field] !== undefined && !isTextList(o[field])) bad(field, 'an array of strings', o[field]);
  if (o.scores !== undefined && !isListOf(o.scores, isTextList))
    bad('scores', 'an array of column lists (e.g. [["score"]])', o.scores);
  if (o.nClasses !== undefined && !(typeof o.nClasses === 'number' && Number.isSafeInteger(o.nClasses)))
    bad('nClasses', 'an integer', o.nClasses);
  for (const field of ['dropMissing', 'isForPrediction'] as const)
    if (o[field] !== undefined && typeof o[field] !== 'boolean') bad(field, 'true or false', o[field]);
  if (
    o.bins !== undefined &&
    !isTextList(o.bins) &&
    (o.bins === null || typeof o.bins !== 'object' || Array.isArray(o.bins))
  )
    bad('bins', 'an object (column -> bin spec) or an array of COL=SPEC strings', o.bins);
  if (o.valueMaps !== undefined) {
    if (o.valueMaps === null || typeof o.valueMaps !== 'object' || Array.isArray(o.valueMaps))
      bad('valueMaps', 'an object (column -> value map)', o.valueMaps);
    for (const [column, map] of Object.entries(o.valueMaps as object))
      if (!isTextRecord(map)) bad(`valueMaps.${column}`, 'an object of strings', map);
  }
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
  checkTableSpec(spec);
  const cols = new FrameColumns(frame);
  applyValueMaps(cols, spec.valueMaps);
  const nFiltered = deriveAndFilter(cols, spec);
  const roles = assignRoles(cols, spec);
  const { nMissing, missingByColumn } = dropMissing(cols, roles, spec.dropMissing ?? false);
  const { groupNames, groupKey, nOtherGroups } = selectGroups(cols, roles.groupColumns, spec.groupValues);
  const rows = cols.keptRows();
  if (rows.length === 0)
    throw new InputError(
      'E_EMPTY_INPUT',
      `no rows left (read ${frame.nRows}; ${nFiltered} removed by --filter, ${nOtherGroups} of other groups, ${nMissing} with missing values)`,
      cols.at(),
    );
  const n = rows.length;
  const groupIndex = new Map(groupNames.map((g, s) => [g, s]));
  const group = new Int32Array(n);
  rows.forEach((i, r) => (group[r] = groupIndex.get(groupKey(i))!));
  const classNames = labelClasses(cols, spec, rows);
  const classIndex = new Map(classNames.map((c, y) => [c, y]));
  const labelCol = cols.get(spec.label, '--label');
  const label = new Int32Array(n);
  rows.forEach((i, r) => (label[r] = classIndex.get(valueText(labelCol[i]))!));
  const weight = spec.weights ? rowWeights(cols, spec.weights, rows) : undefined;
  const encoded = roles.featureNames.map((name) => encodeFeature(cols, name, roles.bins.get(name), rows));
  const predictions = codePredictions(cols, roles.predictionNames, classNames, rows);
  const scores = spec.scores?.length
    ? readScoreColumns(
        spec.scores,
        classNames,
        rows,
        (name) => cols.get(name, '--scores'),
        (i, name) => cols.atRow(i, name),
      )
    : undefined;
  // Rows to predict (fairlimit apply) need no frontier shape: one group or a missing label pair is fine.
  if (!spec.isForPrediction)
    checkShape(cols, roles, { group, label, groupNames, classNames, ...(weight ? { weight } : {}) });

  const name = spec.name ?? frame.name;
  return {
    predictions,
    ...(scores ? { scores } : {}),
    table: {
      name,
      nRows: n,
      featureNames: roles.featureNames,
      features: encoded.map((e) => e.values),
      group,
      groupNames,
      label,
      classNames,
      ...(weight ? { weight } : {}),
    },
    summary: {
      name,
      nRowsRead: frame.nRows,
      nRowsFiltered: nFiltered,
      nRowsOtherGroups: nOtherGroups,
      nRowsMissing: nMissing,
      groupColumns: roles.groupColumns,
      labelColumn: roles.labelColumn,
      ...(spec.weights ? { weightColumn: spec.weights } : {}),
      features: encoded.map((e) => e.summary),
      ...(roles.leftOut ? { leftOut: roles.leftOut } : {}),
      ...(missingByColumn.length > 0 ? { missingByColumn } : {}),
      derived: [...(spec.derive ?? [])],
      filters: [...(spec.filter ?? [])],
      warnings: cols.warnings,
    },
  };
}
