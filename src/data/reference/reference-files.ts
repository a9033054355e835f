import { type AdultRaw, ADULT_FILES, adultRawFromText } from './adult.js';
import { type CompasRaw, COMPAS_FILE, compasRawFromText } from './compas.js';
import { type ReferenceLoadOptions, readReferenceText } from './data-dir.js';

// Node only: the file side of the COMPAS and Adult loaders. Their parsers (compas.ts, adult.ts) take text and are
// browser-safe.

/**
 * Reads compas-scores-two-years.csv from the data folder and applies the paper's row filters (see
 * `compasRawFromText`). N = 5278.
 * @throws InputError E_DATA_MISSING, E_CSV_PARSE, E_MISSING_COLUMN, E_NOT_NUMERIC
 */
export function loadCompasRaw(options: ReferenceLoadOptions = {}): CompasRaw {
  return compasRawFromText(readReferenceText(COMPAS_FILE, options.dataDir));
}

/**
 * Reads adult.data and adult.test from the data folder (see `adultRawFromText`). N = 46447.
 * @throws InputError E_DATA_MISSING, E_RAGGED_LINE, E_NOT_NUMERIC
 */
export function loadAdultRaw(options: ReferenceLoadOptions = {}): AdultRaw {
  return adultRawFromText(
    readReferenceText(ADULT_FILES[0], options.dataDir),
    readReferenceText(ADULT_FILES[1], options.dataDir),
  );
}
