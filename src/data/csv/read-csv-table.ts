import { type EncodedResult, type TableSpec, encodeTable } from '../encode-table.js';
import { type CsvOptions, readCsvFrame } from './read-csv.js';
import { InputError, describeValue } from '../../errors.js';
import { checkOptionsObject } from '../../check-masses.js';

export interface CsvTableResult extends EncodedResult {
  /** SHA-256 of the file's bytes and its size, for the report. */
  readonly file: { readonly name: string; readonly sha256: string; readonly bytes: number };
}

/**
 * Reads a CSV file and encodes it with the given roles: the library entry behind `fairlimit frontier FILE.csv`.
 * @throws InputError (see `readCsvFrame` and `encodeTable`)
 * @example
 * const { table } = await readCsvTable('data.csv', { group: 'race', label: 'y', bins: { age: 'quantile:5' } });
 */
export async function readCsvTable(
  file: string,
  spec: TableSpec,
  csv: CsvOptions = {},
): Promise<CsvTableResult> {
  if (typeof file !== 'string')
    throw new InputError('E_BAD_OPTION', `file must be a path, got ${describeValue(file)}`, {
      option: 'file',
    });
  checkOptionsObject(spec, 'spec');
  checkOptionsObject(csv, 'csv');
  const frame = await readCsvFrame(file, csv);
  const result = encodeTable(frame, spec);
  return { ...result, file: { name: frame.name, sha256: frame.sha256, bytes: frame.bytes } };
}
