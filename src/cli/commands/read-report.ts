import { readFile } from 'node:fs/promises';
import { checkInputFile, readFailure } from '../../file-access.js';
import { type ReportV1, parseReport } from '../../report/index.js';

/** Reports are small (kilobytes to a few megabytes); a larger file is not a report and is not read whole. */
export const MAX_REPORT_BYTES = 256 * 1024 * 1024;

/**
 * Reads and validates a report file (JSON Schema v1).
 * @throws InputError E_FILE_MISSING, E_NOT_A_FILE, E_PERMISSION, E_FILE_TOO_LARGE, E_BAD_REPORT
 */
export async function readReportFile(file: string): Promise<ReportV1> {
  await checkInputFile(file, { what: 'report', maxBytes: MAX_REPORT_BYTES });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw readFailure(e, file, 'report');
  }
  return parseReport(text, file);
}
