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

/** Checks reports against a given JSON Schema (browser-safe: the caller supplies the schema object). */
export interface ReportValidator {
  /** Schema errors of `data` as "path: message" lines; empty when it is a valid ReportV1. */
  errors(data: unknown): string[];
  /**
   * Parses and validates a report's JSON text.
   * @throws InputError E_BAD_REPORT naming the file and the first schema errors
   */
  parse(text: string, file?: string): ReportV1;
}

/**
 * A validator for `schema` (the contents of `schema/report-v1.schema.json`, shipped in the package). In Node,
 * `parseReport` and `reportSchemaErrors` read that file themselves; in a browser, fetch it and pass it here.
 */
export function createReportValidator(schema: object): ReportValidator {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  const errors = (data: unknown): string[] =>
    validate(data)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
  return {
    errors,
    parse(text: string, file?: string): ReportV1 {
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (e) {
        throw new InputError('E_BAD_REPORT', `not JSON: ${(e as Error).message}`, file ? { file } : {}, {
          cause: e,
        });
      }
      const where = file ? { file } : {};
      if (data === null || typeof data !== 'object' || Array.isArray(data))
        throw new InputError(
          'E_BAD_REPORT',
          `a report is a JSON object with schemaVersion 1, got ${data === null ? 'null' : Array.isArray(data) ? 'an array' : `a ${typeof data}`}`,
          where,
        );
      const version = (data as { schemaVersion?: unknown }).schemaVersion;
      if (version === undefined)
        throw new InputError(
          'E_BAD_REPORT',
          'not a fairlimit report: no schemaVersion (write one with fairlimit frontier --json)',
          where,
        );
      if (version !== 1)
        throw new InputError(
          'E_BAD_REPORT',
          `unsupported report schemaVersion ${JSON.stringify(version)} (this fairlimit reads 1)`,
          file ? { file } : {},
        );
      const found = errors(data);
      if (found.length > 0)
        throw new InputError(
          'E_BAD_REPORT',
          `not a valid fairlimit report: ${found.slice(0, 3).join('; ')}`,
          file ? { file } : {},
        );
      return data as ReportV1;
    },
  };
}
