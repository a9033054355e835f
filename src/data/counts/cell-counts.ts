import { InputError, type Where, describeValue } from '../../errors.js';
import { checkMassSize } from '../../check-masses.js';
import { GROUP_JOINER, compareTuples, compareValues, valueText } from '../encode-table.js';
import type { RawValue } from '../raw-frame.js';
import { checkGroupLabelShape } from '../table-shape.js';

/**
 * Weights per (cell, group, label), with everything a `Distribution` needs besides normalization: the data
 * layer's result for pre-aggregated input (`--counts`) and for the DuckDB engine. `distributionFromCellCounts`
 * (src/distribution) normalizes it. `weights[(k * nGroups + s) * nClasses + y]`.
 */
export interface CellCounts {
  readonly name: string;
  /** "feature=code|...|group=s" (the group part when group-aware), as `distributionFromTable` writes them. */
  readonly cellKeys: readonly string[];
  readonly groupNames: readonly string[];
  readonly classNames: readonly string[];
  readonly isGroupAware: boolean;
  readonly weights: Float64Array;
  /** Unweighted rows per cell. */
  readonly rowsPerCell: Float64Array;
  readonly nRows: number;
  /** How each cell-key column was coded. */
  readonly features: readonly CountsFeature[];
}

export interface CountsFeature {
  readonly name: string;
  /** `numeric`: the value is the code; `categorical`: code = index in `levels`. */
  readonly encoding: 'numeric' | 'categorical';
  readonly levels?: readonly string[];
}

/**
 * One record of a counts table: the total weight and the number of rows that share these key values (the cell's
 * feature values, the group values and the label), as typed by the CSV reader. The one count record of the
 * library: `encodeCounts` codes records read from files or DuckDB, and `distributionFromCounts` builds a
 * distribution straight from records whose keys are already final.
 */
export interface CountRecord {
  readonly features: readonly RawValue[];
  readonly groups: readonly RawValue[];
  readonly label: RawValue;
  readonly weight: number;
  /** Unweighted rows behind the record; `encodeCounts` requires it (a non-negative number). */
  readonly rows?: number;
  /** Where the record came from, for error messages. */
  readonly where?: Where;
}

/** @deprecated Use `CountRecord` (the one count record). */
export type CountsRecord = CountRecord;

export interface CountsEncoding {
  readonly name: string;
  readonly featureNames: readonly string[];
  readonly groupColumns: readonly string[];
  readonly labelColumn: string;
  readonly isGroupAware?: boolean;
  /** Groups to keep, in order; records of other groups are dropped. */
  readonly groupValues?: readonly string[];
  readonly labelValues?: readonly string[];
  readonly nClasses?: number;
  /** Whether the weights are row weights (for the messages); default false (counts). */
  readonly isWeighted?: boolean;
  /** The file the records come from, for the shape errors' place. */
  readonly where?: Where;
}

// Counts order levels, groups and classes exactly as encodeTable does: one definition of the order.
export { valueText, compareValues };

/**
 * Codes aggregated records exactly as `encodeTable` + `distributionFromTable` code rows: a feature whose values
 * are all numbers keeps them, any other is categorical with levels in `compareValues` order; groups and classes
 * in the same order (or as declared); cells ordered by their numeric tuples. Equal keys add up. Records are
 * checked: missing key values, non-finite or negative weights and counts, and the shape (`checkGroupLabelShape`).
 * @throws InputError E_MISSING_VALUE, E_NOT_FINITE, E_NEGATIVE_WEIGHT, E_TOO_MANY_CLASSES, E_EMPTY_INPUT,
 *   E_TOO_FEW_GROUPS, E_TOO_FEW_CLASSES, E_EMPTY_GROUP, E_EMPTY_GROUP_LABEL
 */
export function encodeCounts(records: readonly CountRecord[], encoding: CountsEncoding): CellCounts {
  const { featureNames, groupColumns, labelColumn } = encoding;
  const isGroupAware = encoding.isGroupAware ?? true;
  for (const r of records) {
    r.features.forEach((v, j) => checkKey(v, featureNames[j], r.where));
    r.groups.forEach((v, j) => checkKey(v, groupColumns[j], r.where));
    checkKey(r.label, labelColumn, r.where);
    if (typeof r.weight !== 'number')
      throw new InputError(
        'E_NOT_NUMERIC',
        `weight must be a number, got ${describeValue(r.weight)}`,
        r.where,
      );
    if (!Number.isFinite(r.weight))
      throw new InputError('E_NOT_FINITE', `weight ${r.weight} is not a finite number`, r.where);
    if (r.weight < 0) throw new InputError('E_NEGATIVE_WEIGHT', `weight ${r.weight} is negative`, r.where);
    if (r.rows === undefined || !Number.isFinite(r.rows) || r.rows < 0)
      throw new InputError('E_NEGATIVE_WEIGHT', `row count ${r.rows} is not a non-negative number`, r.where);
  }
  const groupKey = (r: CountRecord) => r.groups.map(valueText).join(GROUP_JOINER);
  let groupNames: string[];
  let kept = records;
  if (encoding.groupValues) {
    groupNames = [...encoding.groupValues];
    const wanted = new Set(groupNames);
    kept = records.filter((r) => wanted.has(groupKey(r)));
  } else {
    const first = new Map<string, CountRecord>();
    for (const r of records) if (!first.has(groupKey(r))) first.set(groupKey(r), r);
    groupNames = [...first.entries()].sort((a, b) => compareTuples(a[1].groups, b[1].groups)).map(([k]) => k);
  }
  if (kept.length === 0) throw new InputError('E_EMPTY_INPUT', `"${encoding.name}" has no records`);
  let classNames: string[];
  if (encoding.labelValues) {
    classNames = [...encoding.labelValues];
    const declared = new Set(classNames);
    for (const r of kept)
      if (!declared.has(valueText(r.label)))
        throw new InputError(
          'E_TOO_MANY_CLASSES',
          `label value "${valueText(r.label)}" is not one of the declared classes (${classNames.join(', ')})`,
          { ...r.where, column: labelColumn },
        );
  } else {
    const first = new Map<string, RawValue>();
    for (const r of kept) if (!first.has(valueText(r.label))) first.set(valueText(r.label), r.label);
    classNames = [...first.entries()].sort((a, b) => compareValues(a[1], b[1])).map(([k]) => k);
  }
  if (encoding.nClasses !== undefined && classNames.length > encoding.nClasses)
    throw new InputError(
      'E_TOO_MANY_CLASSES',
      `label has ${classNames.length} classes, more than the ${encoding.nClasses} declared`,
      { column: labelColumn, option: '--classes' },
    );
  // Feature codes.
  const features: CountsFeature[] = [];
  const coders = featureNames.map((name, j): ((v: RawValue) => number) => {
    if (kept.every((r) => typeof r.features[j] === 'number')) {
      features.push({ name, encoding: 'numeric' });
      return (v) => v as number;
    }
    const first = new Map<string, RawValue>();
    for (const r of kept)
      if (!first.has(valueText(r.features[j]))) first.set(valueText(r.features[j]), r.features[j]);
    const levels = [...first.entries()].sort((a, b) => compareValues(a[1], b[1])).map(([k]) => k);
    features.push({ name, encoding: 'categorical', levels });
    const code = new Map(levels.map((l, c) => [l, c]));
    return (v) => code.get(valueText(v))!;
  });
  const groupIndex = new Map(groupNames.map((g, s) => [g, s]));
  const classIndex = new Map(classNames.map((c, y) => [c, y]));
  const cells = new Map<string, { tuple: number[]; entries: [number, number, number, number][] }>();
  for (const r of kept) {
    const tuple = r.features.map((v, j) => coders[j](v));
    const s = groupIndex.get(groupKey(r))!;
    if (isGroupAware) tuple.push(s);
    const key = [
      ...featureNames.map((n, j) => `${n}=${tuple[j]}`),
      ...(isGroupAware ? [`group=${s}`] : []),
    ].join('|');
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { tuple, entries: [] }));
    cell.entries.push([s, classIndex.get(valueText(r.label))!, r.weight, r.rows!]); // checked above
  }
  const ordered = [...cells.entries()].sort((a, b) => {
    const x = a[1].tuple;
    const y = b[1].tuple;
    for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return x[j] - y[j];
    return 0;
  });
  const nGroups = groupNames.length;
  const nClasses = classNames.length;
  checkMassSize(ordered.length, nGroups, nClasses);
  const weights = new Float64Array(ordered.length * nGroups * nClasses);
  const rowsPerCell = new Float64Array(ordered.length);
  let nRows = 0;
  ordered.forEach(([, cell], k) => {
    for (const [s, y, w, n] of cell.entries) {
      weights[(k * nGroups + s) * nClasses + y] += w;
      rowsPerCell[k] += n;
      nRows += n;
    }
  });
  const pairWeight = new Float64Array(nGroups * nClasses);
  for (let k = 0; k < ordered.length; k++)
    for (let i = 0; i < nGroups * nClasses; i++) pairWeight[i] += weights[k * nGroups * nClasses + i];
  checkGroupLabelShape({
    groupNames,
    classNames,
    pairWeight,
    isWeighted: encoding.isWeighted ?? false,
    groupColumns,
    labelColumn,
    where: encoding.where ?? {},
  });
  return {
    name: encoding.name,
    cellKeys: ordered.map(([key]) => key),
    groupNames,
    classNames,
    isGroupAware,
    weights,
    rowsPerCell,
    nRows,
    features,
  };
}

function checkKey(v: RawValue, column: string, where: Where | undefined): void {
  if (v === null)
    throw new InputError('E_MISSING_VALUE', `missing value in column "${column}"`, { ...where, column });
  if (typeof v === 'number' && !Number.isFinite(v))
    throw new InputError('E_NOT_FINITE', `value ${v} in column "${column}" is not a finite number`, {
      ...where,
      column,
    });
}
