import { InputError } from '../../errors.js';
import type { EncodedTable } from '../table.js';
import { ageBucket, hoursBucket } from './buckets.js';
import { type ReferenceText, checkRawColumns } from './raw-columns.js';

/** Files of the Adult set inside the data folder: the training and the test part, concatenated. */
export const ADULT_FILES = ['adult/adult.data', 'adult/adult.test'] as const;

/** Group names, s = sex: 0 = Female (the minority in the paper's missing-value study), 1 = Male. */
export const ADULT_GROUP_NAMES = ['Female', 'Male'] as const;
/** y = income > 50K. */
export const ADULT_CLASS_NAMES = ['<=50K', '>50K'] as const;

/** UCI column order (adult.names). */
const ADULT_COLUMNS = [
  'age',
  'workclass',
  'fnlwgt',
  'education',
  'education-num',
  'marital-status',
  'occupation',
  'relationship',
  'race',
  'sex',
  'capital-gain',
  'capital-loss',
  'hours-per-week',
  'native-country',
  'income',
] as const;
const column = (name: (typeof ADULT_COLUMNS)[number]): number => ADULT_COLUMNS.indexOf(name);

/** The paper keeps these races only; the group is sex. */
const KEPT_RACES = new Set(['White', 'Black']);

/**
 * Adult after the paper's row filter and before discretization (one typed column per raw feature, so that a
 * caller can overwrite values per row before `encodeAdult`). `sex` and `income` are the group and the label.
 */
export interface AdultRaw {
  readonly nRows: number;
  /** Age in years. */
  readonly age: Float64Array;
  /** education-num (1..16). */
  readonly educationNum: Float64Array;
  readonly hoursPerWeek: Float64Array;
  /** marital-status == Married-civ-spouse (1/0). */
  readonly isMarried: Float64Array;
  /** relationship == Husband (1/0). */
  readonly isHusband: Float64Array;
  /** relationship == Wife (1/0). */
  readonly isWife: Float64Array;
  /** Group: 0 = Female, 1 = Male. */
  readonly sex: Int32Array;
  /** Label: 1 = income > 50K. */
  readonly income: Int32Array;
}

export const ADULT_RAW_FEATURES = [
  'age',
  'educationNum',
  'hoursPerWeek',
  'isMarried',
  'isHusband',
  'isWife',
] as const;
export type AdultRawFeature = (typeof ADULT_RAW_FEATURES)[number];

/**
 * The modes the paper substitutes for "missing" values in its missing-value study (docs/design.md, Missing
 * values): hours 40, education-num 9, age 36, married 0, husband 0, wife 0.
 */
export const ADULT_PAPER_MODES: Readonly<Record<AdultRawFeature, number>> = {
  hoursPerWeek: 40,
  educationNum: 9,
  age: 36,
  isMarried: 0,
  isHusband: 0,
  isWife: 0,
};

interface AdultRow {
  readonly fields: readonly string[];
  readonly file: string;
  readonly line: number;
}

/**
 * Splits one UCI file: fields separated by ', ' (the paper reads with sep=',\s+'); adult.test starts with a
 * junk line ('|1x3 Cross validator') and its labels end with '.'. Blank lines are skipped; '?' (missing) is
 * kept as a value, as in the paper (it never touches the columns used here).
 */
function splitAdultFile({ file, text }: ReferenceText, skipFirstLine: boolean): AdultRow[] {
  const rows: AdultRow[] = [];
  const lines = text.split(/\r?\n/);
  for (let l = skipFirstLine ? 1 : 0; l < lines.length; l++) {
    const line = lines[l].trim();
    if (line === '') continue;
    const fields = line.split(/,\s+/);
    if (fields.length !== ADULT_COLUMNS.length)
      throw new InputError(
        'E_RAGGED_LINE',
        `Adult line has ${fields.length} fields, expected ${ADULT_COLUMNS.length}`,
        { file, line: l + 1 },
      );
    rows.push({ fields, file, line: l + 1 });
  }
  return rows;
}

/**
 * Parses adult.data and adult.test (`loadAdultRaw` reads them from the data folder) and keeps race in {White,
 * Black} (docs/design.md, Reference data sets). No row is dropped for '?': the paper does not (N = 46447).
 * @throws InputError E_DATA_MISSING, E_RAGGED_LINE, E_NOT_NUMERIC
 */
export function adultRawFromText(data: ReferenceText, test: ReferenceText): AdultRaw {
  const rows = [...splitAdultFile(data, false), ...splitAdultFile(test, true)].filter((r) =>
    KEPT_RACES.has(r.fields[column('race')]),
  );
  const n = rows.length;
  const raw = {
    nRows: n,
    age: new Float64Array(n),
    educationNum: new Float64Array(n),
    hoursPerWeek: new Float64Array(n),
    isMarried: new Float64Array(n),
    isHusband: new Float64Array(n),
    isWife: new Float64Array(n),
    sex: new Int32Array(n),
    income: new Int32Array(n),
  };
  const number = (r: AdultRow, name: (typeof ADULT_COLUMNS)[number]): number => {
    const text = r.fields[column(name)];
    const v = Number(text);
    if (text === '' || !Number.isFinite(v))
      throw new InputError('E_NOT_NUMERIC', `Adult value "${text}" is not a number`, {
        file: r.file,
        line: r.line,
        column: name,
      });
    return v;
  };
  rows.forEach((r, i) => {
    raw.age[i] = number(r, 'age');
    raw.educationNum[i] = number(r, 'education-num');
    raw.hoursPerWeek[i] = number(r, 'hours-per-week');
    raw.isMarried[i] = r.fields[column('marital-status')] === 'Married-civ-spouse' ? 1 : 0;
    const relationship = r.fields[column('relationship')];
    raw.isHusband[i] = relationship === 'Husband' ? 1 : 0;
    raw.isWife[i] = relationship === 'Wife' ? 1 : 0;
    raw.sex[i] = r.fields[column('sex')] === 'Male' ? 1 : 0;
    const income = r.fields[column('income')];
    if (!/^(<=|>)50K\.?$/.test(income))
      throw new InputError(
        'E_BAD_OPTION',
        `Adult income must be "<=50K" or ">50K" (with an optional "."), got "${income}"`,
        {
          file: r.file,
          line: r.line,
          column: 'income',
        },
      );
    raw.income[i] = income.startsWith('>') ? 1 : 0;
  });
  return raw;
}

/** Feature names of the encoded Adult table, in cell-key order (the group, sex, is the table's group). */
export const ADULT_FEATURE_NAMES = [
  'age_bucket',
  'education_num',
  'hours_bucket',
  'married_civ_spouse',
  'husband',
  'wife',
] as const;

/**
 * The paper's discretization of Adult (docs/design.md, Reference data sets): age bucket (12), education-num
 * as is, hours-per-week bucket (14), married, husband, wife; group = sex, label = income > 50K. With
 * group-aware cells: 4849 cells.
 * @throws InputError E_RAGGED_LINE, E_NOT_FINITE, E_BAD_OPTION when a caller-modified raw record is invalid
 */
export function encodeAdult(raw: AdultRaw): EncodedTable {
  const n = raw.nRows;
  checkRawColumns(
    'adult',
    n,
    {
      age: raw.age,
      educationNum: raw.educationNum,
      hoursPerWeek: raw.hoursPerWeek,
      isMarried: raw.isMarried,
      isHusband: raw.isHusband,
      isWife: raw.isWife,
    },
    { sex: { values: raw.sex, nCodes: 2 }, income: { values: raw.income, nCodes: 2 } },
  );
  const age = new Float64Array(n);
  const hours = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    age[i] = ageBucket(raw.age[i]);
    hours[i] = hoursBucket(raw.hoursPerWeek[i]);
  }
  return {
    name: 'adult',
    nRows: n,
    featureNames: [...ADULT_FEATURE_NAMES],
    features: [
      age,
      raw.educationNum.slice(),
      hours,
      raw.isMarried.slice(),
      raw.isHusband.slice(),
      raw.isWife.slice(),
    ],
    group: raw.sex.slice(),
    groupNames: [...ADULT_GROUP_NAMES],
    label: raw.income.slice(),
    classNames: [...ADULT_CLASS_NAMES],
  };
}
