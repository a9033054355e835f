import {
  ADULT_GROUP_NAMES,
  ADULT_PAPER_MODES,
  ADULT_RAW_FEATURES,
  encodeAdult,
  type AdultRaw,
} from '../data/reference/adult.js';
import {
  COMPAS_GROUP_NAMES,
  COMPAS_PAPER_MODES,
  COMPAS_RAW_FEATURES,
  encodeCompas,
  type CompasRaw,
} from '../data/reference/compas.js';
import type { EncodedTable } from '../data/table.js';
import { InputError } from '../errors.js';

/** One column that missingness can hit: its complete values and where it lands in the encoded table. */
export interface MissingColumn {
  readonly name: string;
  /** The complete (true) values, one per row, all finite. Mechanisms never modify them. */
  readonly values: Float64Array;
  /** Index of the encoded feature this column becomes (the indicator category is written there). */
  readonly feature: number;
  /** Mean and median make sense (a count or a measurement); otherwise those strategies fall back to the mode. */
  readonly isNumeric: boolean;
  /** A fixed substitute value (the paper's modes); absent = the mode of the observed values. */
  readonly fixedMode?: number;
}

/**
 * Data that the missing-value study can perturb: complete columns, the group of every row, and how to encode
 * (possibly imputed) column values into the table the frontier is computed on. For the reference sets the
 * columns are the raw values before discretization (the paper perturbs there); for a CSV table they are the
 * encoded feature values.
 */
export interface MissingSource {
  readonly name: string;
  readonly nRows: number;
  readonly group: Int32Array;
  readonly groupNames: readonly string[];
  readonly columns: readonly MissingColumn[];
  /** The group the paper calls the minority (gets r_minor); every other group gets r_major. */
  readonly minorityGroup: number;
  /** Encodes one finite value array per column (in `columns` order) into a table. */
  encode(values: readonly Float64Array[]): EncodedTable;
}

const COMPAS_NUMERIC = new Set(['age', 'priorsCount', 'stayDays']);
const ADULT_NUMERIC = new Set(['age', 'educationNum', 'hoursPerWeek']);

/**
 * COMPAS as a missing-value source (docs/design.md, Missing values): the five raw features before
 * discretization, with the paper's modes (age 24, felony, male, priors 0, stay 0 days). Minority =
 * African-American, as in the authors' code (race 0 gets the minority rate), although it is the larger group
 * in this sample.
 */
export function compasSource(raw: CompasRaw): MissingSource {
  return {
    name: 'compas',
    nRows: raw.nRows,
    group: raw.race,
    groupNames: [...COMPAS_GROUP_NAMES],
    minorityGroup: COMPAS_GROUP_NAMES.indexOf('African-American'),
    columns: COMPAS_RAW_FEATURES.map((name, feature) => ({
      name,
      values: raw[name],
      feature,
      isNumeric: COMPAS_NUMERIC.has(name),
      fixedMode: COMPAS_PAPER_MODES[name],
    })),
    encode: (values) => {
      const replaced: Record<string, unknown> = { ...raw };
      COMPAS_RAW_FEATURES.forEach((name, j) => (replaced[name] = values[j]));
      return encodeCompas(replaced as unknown as CompasRaw);
    },
  };
}

/**
 * Adult as a missing-value source: the six raw features before discretization, with the paper's modes
 * (hours 40, education-num 9, age 36, married 0, husband 0, wife 0). Minority = Female (sex 0).
 */
export function adultSource(raw: AdultRaw): MissingSource {
  return {
    name: 'adult',
    nRows: raw.nRows,
    group: raw.sex,
    groupNames: [...ADULT_GROUP_NAMES],
    minorityGroup: ADULT_GROUP_NAMES.indexOf('Female'),
    columns: ADULT_RAW_FEATURES.map((name, feature) => ({
      name,
      values: raw[name],
      feature,
      isNumeric: ADULT_NUMERIC.has(name),
      fixedMode: ADULT_PAPER_MODES[name],
    })),
    encode: (values) => {
      const replaced: Record<string, unknown> = { ...raw };
      ADULT_RAW_FEATURES.forEach((name, j) => (replaced[name] = values[j]));
      return encodeAdult(replaced as unknown as AdultRaw);
    },
  };
}

export interface TableSourceOptions {
  /** Feature names whose values are numbers (mean / median apply); the others are categories. Default none. */
  readonly numericColumns?: readonly string[];
  /** Name of the minority group; default the group with the fewest rows. */
  readonly minority?: string;
}

/**
 * An encoded table (e.g. read from CSV) as a missing-value source: every feature column can be hit, and the
 * mechanisms act on the encoded values (codes or bins), since the raw values are gone.
 * @throws InputError E_MISSING_COLUMN (unknown numeric column), E_BAD_OPTION (unknown minority group)
 */
export function tableSource(table: EncodedTable, options: TableSourceOptions = {}): MissingSource {
  const numeric = new Set(options.numericColumns ?? []);
  for (const name of numeric)
    if (!table.featureNames.includes(name))
      throw new InputError('E_MISSING_COLUMN', `"${name}" is not a feature of ${table.name}`, {
        option: 'numericColumns',
        column: name,
      });
  let minorityGroup: number;
  if (options.minority !== undefined) {
    minorityGroup = table.groupNames.indexOf(options.minority);
    if (minorityGroup < 0)
      throw new InputError(
        'E_BAD_OPTION',
        `unknown minority group "${options.minority}" (groups: ${table.groupNames.join(', ')})`,
        { option: 'minority' },
      );
  } else {
    const rows = new Float64Array(table.groupNames.length);
    for (let i = 0; i < table.nRows; i++) rows[table.group[i]] += 1;
    minorityGroup = rows.indexOf(Math.min(...rows));
  }
  return {
    name: table.name,
    nRows: table.nRows,
    group: table.group,
    groupNames: table.groupNames,
    minorityGroup,
    columns: table.featureNames.map((name, feature) => ({
      name,
      values: table.features[feature],
      feature,
      isNumeric: numeric.has(name),
    })),
    encode: (values) => ({ ...table, features: values.map((v) => v.slice()) }),
  };
}

/**
 * The source's column indices for the given names (all columns when absent), in source order.
 * @throws InputError E_MISSING_COLUMN naming the unknown column and the known ones
 */
export function selectColumns(
  source: MissingSource,
  names: readonly string[] | undefined,
  option = 'columns',
): number[] {
  if (names === undefined) return source.columns.map((_, j) => j);
  const known = source.columns.map((c) => c.name);
  const picked = new Set<number>();
  for (const name of names) {
    const j = known.indexOf(name);
    if (j < 0)
      throw new InputError(
        'E_MISSING_COLUMN',
        `"${name}" is not a column of ${source.name} (columns: ${known.join(', ')})`,
        { option, column: name },
      );
    picked.add(j);
  }
  if (picked.size === 0)
    throw new InputError('E_BAD_OPTION', 'select at least one column to perturb', { option });
  return [...picked].sort((a, b) => a - b);
}
