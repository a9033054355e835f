import { InputError } from '../../errors.js';
import type { EncodedTable } from '../table.js';
import { ageBucket, stayBucket } from './buckets.js';
import { type CsvColumns, readCsvColumns } from './csv-columns.js';
import { type ReferenceText, checkRawColumns } from './raw-columns.js';

/** File of the COMPAS set inside the data folder. */
export const COMPAS_FILE = 'compas/compas-scores-two-years.csv';

/** Group names, s = 0 African-American (the minority in the paper's missing-value study), s = 1 Caucasian. */
export const COMPAS_GROUP_NAMES = ['African-American', 'Caucasian'] as const;
/** y = is_recid. */
export const COMPAS_CLASS_NAMES = ['no recidivism', 'recidivism'] as const;

/**
 * COMPAS after the paper's row filters and before discretization: one typed column per raw feature, so that a
 * caller can overwrite values per row (e.g. the missing-value study, docs/design.md, Missing values) before
 * `encodeCompas`. Numeric columns are Float64Array; `race` and `isRecid` are the group and the label.
 */
export interface CompasRaw {
  readonly nRows: number;
  /** Age in years. */
  readonly age: Float64Array;
  /** c_charge_degree: 1 = felony (F), 0 = misdemeanor (M). */
  readonly isFelony: Float64Array;
  /** sex: 1 = Male, 0 = Female. */
  readonly isMale: Float64Array;
  readonly priorsCount: Float64Array;
  /** Whole days from c_jail_in to c_jail_out, floored (negative when the dates are reversed). */
  readonly stayDays: Float64Array;
  /** Group: 0 = African-American, 1 = Caucasian. */
  readonly race: Int32Array;
  /** Label: is_recid (0 or 1). */
  readonly isRecid: Int32Array;
}

/** The raw feature columns of CompasRaw that the cell key is built from. */
export const COMPAS_RAW_FEATURES = ['age', 'isFelony', 'isMale', 'priorsCount', 'stayDays'] as const;
export type CompasRawFeature = (typeof COMPAS_RAW_FEATURES)[number];

/**
 * The modes the paper substitutes for "missing" values in its missing-value study (docs/design.md, Missing
 * values): age 24, sex male, charge degree felony, priors 0, stay 0 days.
 */
export const COMPAS_PAPER_MODES: Readonly<Record<CompasRawFeature, number>> = {
  age: 24,
  isMale: 1,
  isFelony: 1,
  priorsCount: 0,
  stayDays: 0,
};

/** The paper keeps screenings within 30 days of the arrest (ProPublica's filter). */
const MAX_SCREENING_GAP_DAYS = 30;
const MS_PER_DAY = 86_400_000;

/** Parses ProPublica's 'YYYY-MM-DD hh:mm:ss' as UTC (no time zone, no DST shifts); NaN when empty. */
function parseTimestamp(text: string): number {
  if (text === '') return Number.NaN;
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}

/**
 * Parses compas-scores-two-years.csv (`loadCompasRaw` reads it from the data folder) and applies the paper's
 * row filters (docs/design.md, Reference data sets): -30 <= days_b_screening_arrest <= 30 (rows without it
 * are dropped), is_recid != -1, c_charge_degree != 'O', race in {African-American, Caucasian}. N = 5278.
 * @throws InputError E_DATA_MISSING, E_CSV_PARSE, E_MISSING_COLUMN, E_NOT_NUMERIC
 */
export function compasRawFromText({ file, text }: ReferenceText): CompasRaw {
  // The loader's columns, in this order; the file repeats some names (priors_count, decile_score): like
  // pandas, the first occurrence is the column.
  const names = [
    'age',
    'c_charge_degree',
    'race',
    'sex',
    'priors_count',
    'days_b_screening_arrest',
    'is_recid',
    'c_jail_in',
    'c_jail_out',
  ] as const;
  let read: CsvColumns;
  try {
    read = readCsvColumns(text, (header) =>
      names.map((name) => {
        const j = header.indexOf(name);
        if (j < 0)
          throw new InputError('E_MISSING_COLUMN', `COMPAS has no column "${name}"`, { file, column: name });
        return j;
      }),
    );
  } catch (cause) {
    if (cause instanceof InputError) throw cause;
    throw new InputError(
      'E_CSV_PARSE',
      `cannot parse COMPAS: ${(cause as Error).message}`,
      { file },
      { cause },
    );
  }
  if (read.nRecords === 0)
    throw new InputError('E_EMPTY_INPUT', 'the COMPAS file has no data rows', { file });
  const [age, charge, raceName, sex, priors, gap, isRecid, jailIn, jailOut] = read.columns;
  // Data record i is record i + 1 of the file (the header is record 0); errors name the file's record number.
  const number = (values: readonly string[], i: number, column: string): number => {
    const v = Number(values[i]);
    if (values[i] === '' || !Number.isFinite(v))
      throw new InputError('E_NOT_NUMERIC', `COMPAS value "${values[i]}" is not a number`, {
        file,
        line: i + 2,
        column,
      });
    return v;
  };
  const kept: number[] = [];
  for (let i = 0; i < read.nRecords; i++) {
    if (gap[i] === '') continue; // NaN in pandas fails both comparisons
    const days = number(gap, i, 'days_b_screening_arrest');
    if (days < -MAX_SCREENING_GAP_DAYS || days > MAX_SCREENING_GAP_DAYS) continue;
    if (number(isRecid, i, 'is_recid') === -1) continue;
    if (charge[i] === 'O') continue;
    if (!COMPAS_GROUP_NAMES.includes(raceName[i] as (typeof COMPAS_GROUP_NAMES)[number])) continue;
    kept.push(i);
  }
  const n = kept.length;
  const raw = {
    nRows: n,
    age: new Float64Array(n),
    isFelony: new Float64Array(n),
    isMale: new Float64Array(n),
    priorsCount: new Float64Array(n),
    stayDays: new Float64Array(n),
    race: new Int32Array(n),
    isRecid: new Int32Array(n),
  };
  kept.forEach((i, k) => {
    const line = i + 2;
    raw.age[k] = number(age, i, 'age');
    if (charge[i] !== 'F' && charge[i] !== 'M')
      throw new InputError('E_BAD_OPTION', `COMPAS c_charge_degree must be F, M or O, got "${charge[i]}"`, {
        file,
        line,
        column: 'c_charge_degree',
      });
    raw.isFelony[k] = charge[i] === 'F' ? 1 : 0;
    raw.isMale[k] = sex[i] === 'Male' ? 1 : 0;
    raw.priorsCount[k] = number(priors, i, 'priors_count');
    // pandas: (to_datetime(out) - to_datetime(in)).days, i.e. whole days rounded toward -infinity.
    const stayMs = parseTimestamp(jailOut[i]) - parseTimestamp(jailIn[i]);
    if (!Number.isFinite(stayMs))
      throw new InputError('E_NOT_NUMERIC', 'COMPAS c_jail_in / c_jail_out is missing or not a timestamp', {
        file,
        line,
        column: 'c_jail_in',
      });
    raw.stayDays[k] = Math.floor(stayMs / MS_PER_DAY);
    raw.race[k] = COMPAS_GROUP_NAMES.indexOf(raceName[i] as (typeof COMPAS_GROUP_NAMES)[number]);
    const y = number(isRecid, i, 'is_recid');
    if (y !== 0 && y !== 1)
      throw new InputError('E_BAD_OPTION', `COMPAS is_recid must be -1, 0 or 1, got ${y}`, {
        file,
        line,
        column: 'is_recid',
      });
    raw.isRecid[k] = y;
  });
  return raw;
}

/** Feature names of the encoded COMPAS table, in cell-key order (the group, race, is the table's group). */
export const COMPAS_FEATURE_NAMES = [
  'age_bucket',
  'c_charge_degree_felony',
  'sex_male',
  'priors_count',
  'stay_months',
] as const;

/**
 * The paper's discretization of COMPAS (docs/design.md, Reference data sets): age bucket (12), charge degree,
 * sex, priors_count as is, stay bucket (0 if <= 0 days, else floor(days/30)+1); group = race, label =
 * is_recid. With group-aware cells: 1640 cells on the unperturbed data.
 * @throws InputError E_RAGGED_LINE, E_NOT_FINITE, E_BAD_OPTION when a caller-modified raw record is invalid
 */
export function encodeCompas(raw: CompasRaw): EncodedTable {
  const n = raw.nRows;
  checkRawColumns(
    'compas',
    n,
    {
      age: raw.age,
      isFelony: raw.isFelony,
      isMale: raw.isMale,
      priorsCount: raw.priorsCount,
      stayDays: raw.stayDays,
    },
    { race: { values: raw.race, nCodes: 2 }, isRecid: { values: raw.isRecid, nCodes: 2 } },
  );
  const age = new Float64Array(n);
  const stay = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    age[i] = ageBucket(raw.age[i]);
    stay[i] = stayBucket(raw.stayDays[i]);
  }
  return {
    name: 'compas',
    nRows: n,
    featureNames: [...COMPAS_FEATURE_NAMES],
    features: [age, raw.isFelony.slice(), raw.isMale.slice(), raw.priorsCount.slice(), stay],
    group: raw.race.slice(),
    groupNames: [...COMPAS_GROUP_NAMES],
    label: raw.isRecid.slice(),
    classNames: [...COMPAS_CLASS_NAMES],
  };
}
