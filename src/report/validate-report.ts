import { readFileSync } from 'node:fs';
import type { ReportV1 } from './report-types.js';
import { type ReportValidator, createReportValidator } from './report-validator.js';
import { InputError, describeValue } from '../errors.js';

// Node only: reads the schema shipped in the package. Browsers use createReportValidator with a fetched schema.

/** The report's JSON Schema, shipped in the package (`schema/report-v1.schema.json`, generated from ReportV1). */
export function reportSchema(): object {
  return JSON.parse(
    readFileSync(new URL('../../schema/report-v1.schema.json', import.meta.url), 'utf8'),
  ) as object;
}

let validator: ReportValidator | undefined;
const shipped = (): ReportValidator => (validator ??= createReportValidator(reportSchema()));

/** Schema errors of `data` as "path: message" lines; empty when it is a valid ReportV1. */
export function reportSchemaErrors(data: unknown): string[] {
  return shipped().errors(data);
}

/**
 * Parses and validates a report's JSON text.
 * @throws InputError E_BAD_REPORT naming the file and the first schema errors
 */
export function parseReport(text: string, file?: string): ReportV1 {
  if (file !== undefined && typeof file !== 'string')
    throw new InputError('E_BAD_OPTION', `file must be a name, got ${describeValue(file)}`, {
      option: 'file',
    });
  if (typeof text !== 'string')
    throw new InputError(
      'E_BAD_REPORT',
      `a report is JSON text, got ${describeValue(text)}`,
      file === undefined ? {} : { file },
    );
  return shipped().parse(text, file);
}
