/**
 * The checked, encoded form of a data set that every analysis works on: integer-coded group and label,
 * numeric feature columns (already discretized where the frontier needs cells), optional row weights.
 * Readers in src/data are the only code that builds one, after validating the raw input.
 */
import { type ErrorCode, InputError, describeValue } from '../errors.js';
export interface EncodedTable {
  /** Short name used in reports (data set name or file name without directory). */
  readonly name: string;
  readonly nRows: number;
  /** Feature columns, excluding the group. Each has nRows finite values. */
  readonly featureNames: readonly string[];
  readonly features: readonly Float64Array[];
  /** s in 0..nGroups-1 for every row. */
  readonly group: Int32Array;
  readonly groupNames: readonly string[];
  /** y in 0..nClasses-1 for every row. */
  readonly label: Int32Array;
  readonly classNames: readonly string[];
  /** Non-negative row weights; absent means every row weighs 1. */
  readonly weight?: Float64Array;
}

/** Row subset of a table (bootstrap or split); indices may repeat. */
export function selectRows(table: EncodedTable, rows: ArrayLike<number>, name = table.name): EncodedTable {
  const n = rows.length;
  const pick = <T extends Float64Array | Int32Array>(src: T, make: (n: number) => T): T => {
    const out = make(n);
    for (let i = 0; i < n; i++) out[i] = src[rows[i]];
    return out;
  };
  return {
    name,
    nRows: n,
    featureNames: table.featureNames,
    features: table.features.map((f) => pick(f, (m) => new Float64Array(m))),
    group: pick(table.group, (m) => new Int32Array(m)),
    groupNames: table.groupNames,
    label: pick(table.label, (m) => new Int32Array(m)),
    classNames: table.classNames,
    ...(table.weight ? { weight: pick(table.weight, (m) => new Float64Array(m)) } : {}),
  };
}

/** Weight of row i (1 when the table has no weights). */
export function rowWeight(table: EncodedTable, i: number): number {
  return table.weight ? table.weight[i] : 1;
}

/**
 * Checks a table handed to the library from outside (it was not built by the readers, which check as they go):
 * every field of its type, arrays of nRows entries, group and label codes inside their name lists, finite
 * features and non-negative finite weights.
 * @throws InputError E_BAD_OPTION (a missing or mistyped field), E_LENGTH_MISMATCH, E_CODE_OUT_OF_RANGE,
 *   E_NOT_FINITE, E_NEGATIVE_WEIGHT, naming the field
 */
export function checkEncodedTable(table: unknown, option = 'table'): asserts table is EncodedTable {
  const bad = (code: ErrorCode, message: string, field: string): never => {
    throw new InputError(code, message, { option: `${option}.${field}` });
  };
  if (table === null || typeof table !== 'object' || Array.isArray(table))
    throw new InputError(
      'E_BAD_OPTION',
      `${option} must be an EncodedTable object, got ${describeValue(table)}`,
      {
        option,
      },
    );
  const t = table as Record<string, unknown>;
  if (typeof t.name !== 'string')
    bad('E_BAD_OPTION', `name must be a string, got ${describeValue(t.name)}`, 'name');
  const n = t.nRows;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
    bad('E_BAD_OPTION', `nRows must be a non-negative integer, got ${describeValue(n)}`, 'nRows');
  const names = (field: string) => {
    const v = t[field];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
      bad('E_BAD_OPTION', `${field} must be an array of strings, got ${describeValue(v)}`, field);
    return v as string[];
  };
  const featureNames = names('featureNames');
  const groupNames = names('groupNames');
  const classNames = names('classNames');
  const column = (v: unknown, field: string, kind: 'float' | 'int') => {
    const ok = kind === 'int' ? v instanceof Int32Array : v instanceof Float64Array;
    if (!ok)
      bad(
        'E_BAD_OPTION',
        `${field} must be ${kind === 'int' ? 'an Int32Array' : 'a Float64Array'}, got ${describeValue(v)}`,
        field,
      );
    const a = v as Int32Array | Float64Array;
    if (a.length !== n)
      bad('E_LENGTH_MISMATCH', `${field} has ${a.length} entries, expected nRows = ${n}`, field);
    return a;
  };
  const codes = (field: 'group' | 'label', size: number) => {
    const a = column(t[field], field, 'int');
    for (let i = 0; i < a.length; i++)
      if (a[i] < 0 || a[i] >= size)
        bad('E_CODE_OUT_OF_RANGE', `${field}[${i}] = ${a[i]} is outside 0..${size - 1}`, field);
  };
  codes('group', groupNames.length);
  codes('label', classNames.length);
  if (!Array.isArray(t.features) || t.features.length !== featureNames.length)
    bad(
      'E_LENGTH_MISMATCH',
      `features must be an array of ${featureNames.length} columns (one per featureNames entry), got ${describeValue(t.features)}`,
      'features',
    );
  (t.features as unknown[]).forEach((f, j) => {
    const a = column(f, `features[${j}]`, 'float');
    for (let i = 0; i < a.length; i++)
      if (!Number.isFinite(a[i])) bad('E_NOT_FINITE', `features[${j}][${i}] is ${a[i]}`, `features[${j}]`);
  });
  if (t.weight !== undefined) {
    const w = column(t.weight, 'weight', 'float');
    for (let i = 0; i < w.length; i++)
      if (!Number.isFinite(w[i])) bad('E_NOT_FINITE', `weight[${i}] is ${w[i]}`, 'weight');
      else if (w[i] < 0) bad('E_NEGATIVE_WEIGHT', `weight[${i}] is ${w[i]}`, 'weight');
  }
}
