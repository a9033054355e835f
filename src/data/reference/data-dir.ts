import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, InternalError } from '../../errors.js';

/** The environment variable that names the reference data folder. */
export const DATA_DIR_VARIABLE = 'FAIRLIMIT_DATA';

/** Default data folder, relative to the package root (the checkout's sibling `shared/data`). */
const DEFAULT_RELATIVE_DATA_DIR = '../shared/data';

const PACKAGE_NAME = 'fairlimit';

/** Options of every reference loader. */
export interface ReferenceLoadOptions {
  /** Data folder; default `referenceDataDir()` ($FAIRLIMIT_DATA or ../shared/data next to the package root). */
  readonly dataDir?: string;
}

/**
 * The package root: the nearest ancestor of this module holding fairlimit's package.json. Found from
 * import.meta.url, so it is the same from src/ (tests, tsx) and dist/ (the built package), whatever the cwd.
 */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
        if (parsed.name === PACKAGE_NAME) return dir;
      } catch {
        // an unreadable manifest of some other package: keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new InternalError(
        'E_INTERNAL',
        `cannot find the ${PACKAGE_NAME} package root above ${fileURLToPath(import.meta.url)}`,
      );
    dir = parent;
  }
}

/**
 * The reference data folder: `$FAIRLIMIT_DATA` (resolved against the cwd when relative) or `../shared/data`
 * resolved against the package root. Only computes the path; readers check that it exists.
 * @example
 * process.env.FAIRLIMIT_DATA = '/data/fair';
 * referenceDataDir(); // '/data/fair'
 */
export function referenceDataDir(): string {
  const fromEnv = process.env[DATA_DIR_VARIABLE];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return path.resolve(fromEnv);
  return path.resolve(packageRoot(), DEFAULT_RELATIVE_DATA_DIR);
}

function missing(what: string, fullPath: string): InputError {
  return new InputError(
    'E_DATA_MISSING',
    `${what} not found: ${fullPath}. Set ${DATA_DIR_VARIABLE} to the folder that holds compas/, adult/, german/ and hsls/ ` +
      `(default: ${DEFAULT_RELATIVE_DATA_DIR} next to the package root)`,
    { file: fullPath },
  );
}

/**
 * Full path of one reference file (`relative` inside the data folder), after checking that the folder and the
 * file exist.
 * @throws InputError E_DATA_MISSING naming the full path and FAIRLIMIT_DATA
 */
export function referenceFile(relative: string, dataDir: string = referenceDataDir()): string {
  const dir = path.resolve(dataDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw missing('reference data folder', dir);
  const file = path.join(dir, relative);
  if (!existsSync(file) || !statSync(file).isFile()) throw missing('reference data file', file);
  return file;
}

/** Reads one reference file as UTF-8 text. @throws InputError E_DATA_MISSING */
export function readReferenceText(
  relative: string,
  dataDir?: string,
): { readonly file: string; readonly text: string } {
  const file = referenceFile(relative, dataDir);
  return { file, text: readFileSync(file, 'utf8') };
}
