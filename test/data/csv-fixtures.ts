import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared data folder ($FAIRLIMIT_DATA or ../shared/data); a test that needs it fails when it is absent. */
export function sharedDataFile(relative: string): string {
  const dir = process.env.FAIRLIMIT_DATA ?? resolve(repoRoot, '../shared/data');
  const file = resolve(dir, relative);
  if (!existsSync(file))
    throw new Error(`reference data file ${file} is missing: set FAIRLIMIT_DATA to the data folder`);
  return file;
}

/** Writes `text` to a fresh temporary file and returns its path. */
export function csvFile(text: string, name = 'data.csv'): string {
  const dir = mkdtempSync(join(tmpdir(), 'fairlimit-csv-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** A small valid data set: 2 groups x 2 labels, a numeric and a text feature. */
export const SMALL_CSV = [
  'g,y,age,color,w',
  'a,1,21,red,1',
  'a,0,35,blue,2',
  'a,1,47,red,1',
  'b,0,52,blue,1',
  'b,1,19,red,0.5',
  'b,0,33,red,1',
].join('\n');

/**
 * The COMPAS options of the README: plain CLI options that reproduce --dataset compas (docs/design.md,
 * Reference data sets).
 */
export const COMPAS_CLI_OPTIONS: readonly string[] = [
  '--group',
  'race',
  '--group-values',
  'African-American,Caucasian',
  '--label',
  'is_recid',
  '--filter',
  'days_b_screening_arrest >= -30 and days_b_screening_arrest <= 30',
  '--filter',
  'is_recid != -1',
  '--filter',
  'c_charge_degree != "O"',
  '--derive',
  'stay_days = floor(days(c_jail_in, c_jail_out))',
  '--derive',
  'stay = stay_days <= 0 ? 0 : floor(stay_days / 30) + 1',
  '--map',
  'c_charge_degree:F=1,M=0',
  '--map',
  'sex:Male=1,Female=0',
  '--bins',
  'age=edges:20,25,30,35,40,45,50,55,60,65,70',
  '--features',
  'age,c_charge_degree,sex,priors_count,stay',
];
