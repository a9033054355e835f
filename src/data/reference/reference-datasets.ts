import { InputError, describeValue } from '../../errors.js';
import { checkOptionsObject } from '../../check-masses.js';
import { didYouMean } from '../nearest-names.js';
import type { EncodedTable } from '../table.js';
import { ADULT_CLASS_NAMES, ADULT_FILES, ADULT_GROUP_NAMES, encodeAdult } from './adult.js';
import { COMPAS_CLASS_NAMES, COMPAS_FILE, COMPAS_GROUP_NAMES, encodeCompas } from './compas.js';
import type { ReferenceLoadOptions } from './data-dir.js';
import { GERMAN_CLASS_NAMES, GERMAN_FILE, GERMAN_GROUP_NAMES, loadGerman } from './german.js';
import { HSLS_CLASS_NAMES, HSLS_FEATURE_NAMES, HSLS_FILE, HSLS_GROUP_NAMES, loadHsls } from './hsls.js';
import { loadAdultRaw, loadCompasRaw } from './reference-files.js';

/** The four reference data sets of docs/design.md (Reference data sets). */
export const ReferenceDatasetName = {
  compas: 'compas',
  adult: 'adult',
  german: 'german',
  hsls: 'hsls',
} as const;
export type ReferenceDatasetName = keyof typeof ReferenceDatasetName;
export const REFERENCE_DATASET_NAMES = Object.keys(ReferenceDatasetName) as readonly ReferenceDatasetName[];
export const isReferenceDatasetName = (name: string): name is ReferenceDatasetName =>
  Object.hasOwn(ReferenceDatasetName, name);

/** What a reference data set is, where it comes from and how the paper turns it into cells. */
export interface ReferenceDatasetInfo {
  readonly name: ReferenceDatasetName;
  readonly title: string;
  readonly source: string;
  /** Files inside the data folder. */
  readonly files: readonly string[];
  /** Rows after the paper's filters. */
  readonly nRows: number;
  /** Distinct cells with group-aware keys (the paper's default), on the unperturbed data. */
  readonly nCells: number;
  readonly group: { readonly column: string; readonly names: readonly string[]; readonly meaning: string };
  readonly label: { readonly column: string; readonly names: readonly string[]; readonly meaning: string };
  /** The raw columns whose (discretized) values form the cell key, group included. */
  readonly cellKey: readonly string[];
  readonly preprocessing: string;
}

/** Descriptions of the four sets; nRows and nCells are asserted by test/data/reference.test.ts. */
export const REFERENCE_DATASETS: Readonly<Record<ReferenceDatasetName, ReferenceDatasetInfo>> = {
  compas: {
    name: 'compas',
    title: 'COMPAS two-year recidivism (ProPublica)',
    source: 'ProPublica, compas-scores-two-years.csv (Broward County, 2013-2014)',
    files: [COMPAS_FILE],
    nRows: 5278,
    nCells: 1640,
    group: { column: 'race', names: COMPAS_GROUP_NAMES, meaning: 's = 0 African-American, s = 1 Caucasian' },
    label: {
      column: 'is_recid',
      names: COMPAS_CLASS_NAMES,
      meaning: 'y = 1 when the person re-offended (is_recid)',
    },
    cellKey: [
      'age (12 buckets)',
      'c_charge_degree',
      'sex',
      'priors_count',
      'stay (months, 0 if <= 0 days)',
      'race',
    ],
    preprocessing:
      "rows with -30 <= days_b_screening_arrest <= 30, is_recid != -1, c_charge_degree != 'O', race in {African-American, Caucasian}; " +
      'stay = whole days from c_jail_in to c_jail_out, 0 if <= 0 else floor(days/30)+1',
  },
  adult: {
    name: 'adult',
    title: 'UCI Adult (census income)',
    source: 'UCI Machine Learning Repository, adult.data + adult.test',
    files: [...ADULT_FILES],
    nRows: 46447,
    nCells: 4849,
    group: { column: 'sex', names: ADULT_GROUP_NAMES, meaning: 's = 0 Female, s = 1 Male' },
    label: { column: 'income', names: ADULT_CLASS_NAMES, meaning: 'y = 1 when income > 50K' },
    cellKey: [
      'age (12 buckets)',
      'education-num',
      'hours-per-week (14 buckets)',
      'marital-status == Married-civ-spouse',
      'relationship == Husband',
      'relationship == Wife',
      'sex',
    ],
    preprocessing:
      "training and test parts concatenated; race in {White, Black}; rows with '?' are kept (the paper does not drop them)",
  },
  german: {
    name: 'german',
    title: 'UCI Statlog German credit',
    source: 'UCI Machine Learning Repository, german.data',
    files: [GERMAN_FILE],
    nRows: 1000,
    nCells: 447,
    group: { column: 'age', names: GERMAN_GROUP_NAMES, meaning: 's = 1 when age >= 25' },
    label: { column: 'class', names: GERMAN_CLASS_NAMES, meaning: 'y = 1 for bad credit (class 2)' },
    cellKey: [
      'duration >= 36',
      'credit amount (< 5000, < 10000, >= 10000)',
      'age >= 25',
      'number of existing credits',
      'sex (from personal status)',
      'credit history',
      'savings',
      'present employment',
    ],
    preprocessing:
      'all 1000 rows; the one-hot blocks of the paper (credit history, savings, employment) are one code column each',
  },
  hsls: {
    name: 'hsls',
    title: 'High School Longitudinal Study 2009 (discretized by the FairFront authors)',
    source: 'NCES HSLS:09, hsls_discretized.csv from the FairFront paper (Wang et al. 2023)',
    files: [HSLS_FILE],
    nRows: 10937,
    nCells: 7783,
    group: {
      column: 'racebin',
      names: HSLS_GROUP_NAMES,
      meaning: 's = 0 Asian, 1 White, 2 African-American, 3 Other',
    },
    label: {
      column: 'grade',
      names: HSLS_CLASS_NAMES,
      meaning: 'math score X1TXMSCR in bands <30, 30-39, 40-49, 50-59, >=60',
    },
    cellKey: [...HSLS_FEATURE_NAMES, 'racebin'],
    preprocessing:
      'used as distributed (already discretized); X1PAR2EDU, X1PAR1EMP, X1PAR2EMP are not in the cell key',
  },
};

/**
 * One reference data set with exactly the paper's preprocessing (docs/design.md, Reference data sets), as an
 * EncodedTable whose features are the cell-key columns without the group (distributionFromTable adds the
 * group by default).
 * @example
 * const table = loadReferenceDataset('compas');
 * const { distribution } = distributionFromTable(table); // 1640 cells, N = 5278
 * @throws InputError E_BAD_OPTION (unknown name), E_DATA_MISSING (folder or file absent), parse errors
 */
export function loadReferenceDataset(
  name: ReferenceDatasetName,
  options: ReferenceLoadOptions = {},
): EncodedTable {
  checkOptionsObject(options, 'options');
  switch (name) {
    case 'compas':
      return encodeCompas(loadCompasRaw(options));
    case 'adult':
      return encodeAdult(loadAdultRaw(options));
    case 'german':
      return loadGerman(options);
    case 'hsls':
      return loadHsls(options);
    default:
      throw new InputError(
        'E_BAD_OPTION',
        `unknown reference data set ${typeof name === 'string' ? `"${name}"${didYouMean(name, REFERENCE_DATASET_NAMES)}` : describeValue(name)} (use ${REFERENCE_DATASET_NAMES.join(', ')})`,
        {
          option: 'dataset',
        },
      );
  }
}
