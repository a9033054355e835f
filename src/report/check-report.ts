import { InputError } from '../errors.js';
import type { ReportV1 } from './report-types.js';

export interface CheckOptions {
  /** Largest epistemic gap (FairFront at the model's violation minus its accuracy) allowed for every model. */
  readonly maxGap: number;
}

export interface CheckResult {
  readonly passed: boolean;
  /** One line saying why. */
  readonly reason: string;
}

/**
 * The CI gate behind `fairlimit check`: every model in the report must be within `maxGap` of the frontier.
 * @throws InputError E_BAD_OPTION (maxGap not a non-negative number), E_BAD_REPORT (the report has no models)
 */
export function checkReport(report: ReportV1, options: CheckOptions): CheckResult {
  const { maxGap } = options;
  if (!Number.isFinite(maxGap) || maxGap < 0)
    throw new InputError('E_BAD_OPTION', `--max-gap must be a non-negative number, got ${maxGap}`, {
      option: '--max-gap',
    });
  const models = report.models ?? [];
  if (models.length === 0)
    throw new InputError(
      'E_BAD_REPORT',
      'the report has no models to check (add --predictions COL or --model NAME=VIOLATION:ACCURACY to fairlimit frontier)',
    );
  const worst = models.reduce((a, b) => (b.gap > a.gap ? b : a));
  const describe = `model "${worst.name}" gap ${worst.gap.toFixed(6)} (accuracy ${worst.accuracy.toFixed(6)}, FairFront ${worst.frontierAccuracy.toFixed(6)} at ${worst.measure} = ${worst.violation.toFixed(6)})`;
  if (worst.gap > maxGap) return { passed: false, reason: `${describe} exceeds --max-gap ${maxGap}` };
  return {
    passed: true,
    reason: `${models.length} model(s) within --max-gap ${maxGap}; largest: ${describe}`,
  };
}
