import { InputError, describeValue } from '../errors.js';
import type { ModelPointV1, ReportV1 } from './report-types.js';
import { checkReportShape } from './check-report-shape.js';
import { checkOptionsObject } from '../check-masses.js';

/** Which end of a model's gap bracket the gate compares with --max-gap (docs/estimation.md, gaps). */
export const GapEstimate = { 'in-sample': 'in-sample', 'held-out': 'held-out', bracket: 'bracket' } as const;
export type GapEstimate = keyof typeof GapEstimate;
export const isGapEstimate = (e: string): e is GapEstimate => Object.hasOwn(GapEstimate, e);

export interface CheckOptions {
  /** Largest epistemic gap (FairFront at the model's violation minus its accuracy) allowed for every model. */
  readonly maxGap: number;
  /**
   * in-sample: the gap against the in-sample frontier (its upper end, optimistic frontier); held-out: against
   * the achievable held-out frontier (its lower end); bracket: fail only when even the lower end exceeds maxGap.
   * Default: bracket when the report carries held-out gaps (frontier --folds/--holdout), else in-sample.
   * Neither end is a confidence bound (docs/estimation.md, gaps): a failure under `bracket` means the model is
   * beaten by more than maxGap by rules fitted and scored on separate rows, in expectation, not at a level.
   */
  readonly estimate?: GapEstimate;
}

export interface CheckResult {
  readonly passed: boolean;
  /** One line saying why. */
  readonly reason: string;
  /** The estimate actually used. */
  readonly estimate: GapEstimate;
}

const hasHeldOut = (m: ModelPointV1) => m.gapLow !== undefined;

/**
 * The range of maxGap: a gap is a difference of accuracies, and held-out gaps can be negative, so a gate may ask
 * a model to beat the estimate (a negative maxGap). One range for the library and `check --max-gap`.
 */
export const MAX_GAP_RANGE = { min: -1, max: 1 } as const;
export const isMaxGap = (v: number): boolean =>
  Number.isFinite(v) && v >= MAX_GAP_RANGE.min && v <= MAX_GAP_RANGE.max;

/**
 * The CI gate behind `fairlimit check`: every model in the report must be within `maxGap` of the frontier, by
 * the chosen end of its gap bracket.
 * @throws InputError E_BAD_OPTION (maxGap outside MAX_GAP_RANGE, unknown estimate), E_BAD_REPORT (no
 *   models, or held-out/bracket asked of a report without held-out gaps)
 */
export function checkReport(report: ReportV1, options: CheckOptions): CheckResult {
  checkOptionsObject(options, 'options');
  const { maxGap } = options;
  if (typeof maxGap !== 'number' || !isMaxGap(maxGap))
    throw new InputError(
      'E_BAD_OPTION',
      `--max-gap must be a number from ${MAX_GAP_RANGE.min} to ${MAX_GAP_RANGE.max} (accuracy units), got ${describeValue(maxGap)}`,
      { option: '--max-gap' },
    );
  checkReportShape(report);
  if (options.estimate !== undefined && !isGapEstimate(options.estimate))
    throw new InputError(
      'E_BAD_OPTION',
      `--estimate must be in-sample, held-out or bracket, got "${String(options.estimate)}"`,
      { option: '--estimate' },
    );
  const models = report.models ?? [];
  if (models.length === 0)
    throw new InputError(
      'E_BAD_REPORT',
      'the report has no models to check (add --predictions COL or --model NAME=VIOLATION:ACCURACY to fairlimit frontier)',
    );
  const allHeldOut = models.every(hasHeldOut);
  const estimate: GapEstimate = options.estimate ?? (allHeldOut ? 'bracket' : 'in-sample');
  if (estimate !== 'in-sample' && !allHeldOut)
    throw new InputError(
      'E_BAD_REPORT',
      `--estimate ${estimate} needs held-out gaps in the report: run fairlimit frontier with --folds K (or --holdout F) and --seed N`,
      { option: '--estimate' },
    );
  // The gap the gate compares: an unknown held-out end (no held-out rule meets the violation) never fails.
  const low = (m: ModelPointV1) => (m.gapLow === null || m.gapLow === undefined ? -Infinity : m.gapLow);
  const compared = (m: ModelPointV1) => (estimate === 'in-sample' ? m.gap : low(m));
  const worst = models.reduce((a, b) => (compared(b) > compared(a) ? b : a));
  const lowText = (m: ModelPointV1) =>
    m.gapLow === undefined ? '' : `, held-out gap ${m.gapLow === null ? 'unknown' : m.gapLow.toFixed(6)}`;
  const by = `gated on the ${estimate === 'in-sample' ? 'in-sample gap' : estimate === 'held-out' ? 'held-out gap' : 'lower end of the gap bracket'}`;
  const describe = `model "${worst.name}" gap ${worst.gap.toFixed(6)}${lowText(worst)} (accuracy ${worst.accuracy.toFixed(6)}, in-sample FairFront ${worst.frontierAccuracy.toFixed(6)} at ${worst.measure} = ${worst.violation.toFixed(6)}; ${by})`;
  if (compared(worst) > maxGap)
    return { passed: false, estimate, reason: `${describe} exceeds --max-gap ${maxGap}` };
  const straddling =
    estimate === 'bracket' ? models.filter((m) => m.gap > maxGap).map((m) => `"${m.name}"`) : [];
  return {
    passed: true,
    estimate,
    reason:
      `${models.length} model(s) within --max-gap ${maxGap}; largest: ${describe}` +
      (straddling.length > 0
        ? `; undecided: the in-sample gap of ${straddling.join(', ')} exceeds ${maxGap}, the held-out gap does not`
        : ''),
  };
}
