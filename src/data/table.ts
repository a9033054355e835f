/**
 * The checked, encoded form of a data set that every analysis works on: integer-coded group and label,
 * numeric feature columns (already discretized where the frontier needs cells), optional row weights.
 * Readers in src/data are the only code that builds one, after validating the raw input.
 */
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
