import { readFile } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import { type ReportV1, parseReport } from '../../report/index.js';

/**
 * Reads and validates a report file (JSON Schema v1).
 * @throws InputError E_FILE_MISSING, E_BAD_REPORT
 */
export async function readReportFile(file: string): Promise<ReportV1> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError('E_FILE_MISSING', `cannot read "${file}": no such file`, { file }, { cause: e });
  }
  return parseReport(text, file);
}
