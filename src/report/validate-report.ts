import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';
import { InputError } from '../errors.js';
import type { ReportV1 } from './report-types.js';

// ajv is CommonJS; under NodeNext its default export is the module object or the class, depending on the loader.
const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as unknown as new (
  options: object,
) => {
  compile(
    schema: object,
  ): ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
};

/** The report's JSON Schema, shipped in the package (`schema/report-v1.schema.json`, generated from ReportV1). */
export function reportSchema(): object {
  return JSON.parse(
    readFileSync(new URL('../../schema/report-v1.schema.json', import.meta.url), 'utf8'),
  ) as object;
}

let validator: ReturnType<InstanceType<typeof Ajv>['compile']> | undefined;

/** Schema errors of `data` as "path: message" lines; empty when it is a valid ReportV1. */
export function reportSchemaErrors(data: unknown): string[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(reportSchema());
  if (validator(data)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}

/**
 * Parses and validates a report's JSON text.
 * @throws InputError E_BAD_REPORT naming the file and the first schema errors
 */
export function parseReport(text: string, file?: string): ReportV1 {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError('E_BAD_REPORT', `not JSON: ${(e as Error).message}`, file ? { file } : {}, {
      cause: e,
    });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new InputError(
      'E_BAD_REPORT',
      `a report is a JSON object with schemaVersion 1, got ${data === null ? 'null' : Array.isArray(data) ? 'an array' : `a ${typeof data}`}`,
      file ? { file } : {},
    );
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (version === undefined)
    throw new InputError(
      'E_BAD_REPORT',
      'not a fairlimit report: no schemaVersion (write one with fairlimit frontier --json)',
      file ? { file } : {},
    );
  if (version !== 1)
    throw new InputError(
      'E_BAD_REPORT',
      `unsupported report schemaVersion ${JSON.stringify(version)} (this fairlimit reads 1)`,
      file ? { file } : {},
    );
  const errors = reportSchemaErrors(data);
  if (errors.length > 0)
    throw new InputError(
      'E_BAD_REPORT',
      `not a valid fairlimit report: ${errors.slice(0, 3).join('; ')}`,
      file ? { file } : {},
    );
  return data as ReportV1;
}
