import { parse } from 'csv-parse/sync';
import { InputError } from '../../errors.js';
import type { EncodedTable } from '../table.js';
import { readReferenceText, type ReferenceLoadOptions } from './data-dir.js';

/** File of the HSLS set inside the data folder (already discretized by the paper's authors). */
export const HSLS_FILE = 'hsls/hsls_discretized.csv';

/** racebin codes as the authors built them from X1RACE: 2 Asian -> 0, 8 White -> 1, 3 Black -> 2, others -> 3. */
export const HSLS_GROUP_NAMES = ['Asian', 'White', 'African-American', 'Other'] as const;
/** grade: the X1TXMSCR math score in bands <30, 30-39, 40-49, 50-59, >=60. */
export const HSLS_CLASS_NAMES = ['<30', '30-39', '40-49', '50-59', '>=60'] as const;

/**
 * Feature columns of the cell key, in the docs/design.md (Reference data sets) order (racebin is the group).
 */
export const HSLS_FEATURE_NAMES = [
  'X1MTHID',
  'X1MTHUTI',
  'X1MTHEFF',
  'X1SCHOOLBEL',
  'X1PAR1EDU',
  'X1FAMINCOME',
  'sexbin',
] as const;

/**
 * HSLS (docs/design.md, Reference data sets): 4 race groups (s = racebin), 5 math-score classes (y = grade),
 * cell key X1MTHID, X1MTHUTI, X1MTHEFF, X1SCHOOLBEL, X1PAR1EDU, X1FAMINCOME, sexbin (+ racebin). The other
 * columns of the file (X1PAR2EDU, X1PAR1EMP, X1PAR2EMP) are not part of the key. N = 10937.
 * @throws InputError E_DATA_MISSING, E_CSV_PARSE, E_MISSING_COLUMN, E_NOT_NUMERIC, E_BAD_OPTION
 */
export function loadHsls(options: ReferenceLoadOptions = {}): EncodedTable {
  const { file, text } = readReferenceText(HSLS_FILE, options.dataDir);
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true }) as string[][];
  } catch (cause) {
    throw new InputError(
      'E_CSV_PARSE',
      `cannot parse HSLS: ${(cause as Error).message}`,
      { file },
      { cause },
    );
  }
  if (records.length < 2) throw new InputError('E_EMPTY_INPUT', 'the HSLS file has no data rows', { file });
  const header = records[0].map((h) => h.trim());
  const col = (name: string): number => {
    const j = header.indexOf(name);
    if (j < 0)
      throw new InputError('E_MISSING_COLUMN', `HSLS has no column "${name}"`, { file, column: name });
    return j;
  };
  const featureCols = HSLS_FEATURE_NAMES.map(col);
  const groupCol = col('racebin');
  const labelCol = col('grade');
  const n = records.length - 1;
  const features = HSLS_FEATURE_NAMES.map(() => new Float64Array(n));
  const group = new Int32Array(n);
  const label = new Int32Array(n);
  const integer = (r: number, j: number): number => {
    const v = Number(records[r][j]);
    if (records[r][j] === '' || !Number.isInteger(v))
      throw new InputError('E_NOT_NUMERIC', `HSLS value "${records[r][j]}" is not an integer code`, {
        file,
        line: r + 1,
        column: header[j],
      });
    return v;
  };
  const codeIn = (r: number, j: number, nCodes: number): number => {
    const v = integer(r, j);
    if (v < 0 || v >= nCodes)
      throw new InputError('E_BAD_OPTION', `HSLS ${header[j]} must be in 0..${nCodes - 1}, got ${v}`, {
        file,
        line: r + 1,
        column: header[j],
      });
    return v;
  };
  for (let r = 1; r < records.length; r++) {
    const i = r - 1;
    featureCols.forEach((j, f) => (features[f][i] = integer(r, j)));
    group[i] = codeIn(r, groupCol, HSLS_GROUP_NAMES.length);
    label[i] = codeIn(r, labelCol, HSLS_CLASS_NAMES.length);
  }
  return {
    name: 'hsls',
    nRows: n,
    featureNames: [...HSLS_FEATURE_NAMES],
    features,
    group,
    groupNames: [...HSLS_GROUP_NAMES],
    label,
    classNames: [...HSLS_CLASS_NAMES],
  };
}
