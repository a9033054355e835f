import { InputError } from '../errors.js';
import type { ReportV1 } from './report-types.js';

// Apart from report-validator.ts so that formatting a report does not load ajv (docs/performance.md, Start-up).

/**
 * A quick shape check for functions that take a report object from a caller (formatReport, modelCard): an object
 * with schemaVersion 1, a frontier array and settings.constraints. The full check is the JSON Schema (parseReport).
 * @throws InputError E_BAD_REPORT
 */
export function checkReportShape(report: unknown): asserts report is ReportV1 {
  const r = report as {
    schemaVersion?: unknown;
    frontier?: unknown;
    settings?: { constraints?: unknown };
  } | null;
  const constraints = r !== null && typeof r === 'object' ? r.settings?.constraints : undefined;
  if (
    r === null ||
    typeof r !== 'object' ||
    r.schemaVersion !== 1 ||
    !Array.isArray(r.frontier) ||
    constraints === null ||
    typeof constraints !== 'object'
  )
    throw new InputError(
      'E_BAD_REPORT',
      'not a fairlimit report (an object with schemaVersion 1, frontier and settings.constraints; check one with parseReport)',
    );
}
