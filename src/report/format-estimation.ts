import type { CriterionValuesV1, ReportV1 } from './report-types.js';

/**
 * The estimation section (held-out, bootstrap, bracket, cutting planes) as extra columns beside the frontier,
 * one row per alpha set in the frontier's order. `values` keep every digit; formats round them.
 */
export interface EstimationColumns {
  /** Short headers for the table, Markdown and HTML formats. */
  readonly header: readonly string[];
  /** snake_case headers for CSV. */
  readonly csvHeader: readonly string[];
  /** Whether a column holds counts (shown as integers) rather than accuracies or violations. */
  readonly isCount: readonly boolean[];
  /** Row i belongs to the frontier's alpha set i. */
  readonly rows: readonly (readonly (number | boolean)[])[];
  /** One sentence per part: what the columns are (protocol, level, replicates, convergence). */
  readonly notes: readonly string[];
}

/** The alpha sets the report's rows stand for: the frontier's, or the bracket's when the exact LP was skipped. */
export function rowAlphas(report: ReportV1): CriterionValuesV1[] {
  if (report.frontier.length > 0) return report.frontier.map((p) => p.alpha);
  return (report.estimation?.bracket ?? []).map((b) => b.alpha);
}

interface Part {
  readonly header: string;
  readonly csv: string;
  readonly value: (i: number) => number | boolean;
  readonly isCount?: boolean;
}

export function estimationColumns(report: ReportV1): EstimationColumns {
  const e = report.estimation;
  const parts: Part[] = [];
  const notes: string[] = [];
  if (e?.honest) {
    const h = e.honest;
    const p = (i: number) => h.points[i];
    parts.push(
      { header: 'train', csv: 'train_accuracy', value: (i) => p(i).train },
      { header: 'held-out', csv: 'heldout_accuracy', value: (i) => p(i).heldOut.accuracy },
      { header: 'held-out SP', csv: 'heldout_violation_sp', value: (i) => p(i).heldOut.violations.sp },
      { header: 'held-out EO', csv: 'heldout_violation_eo', value: (i) => p(i).heldOut.violations.eo },
      { header: 'held-out OAE', csv: 'heldout_violation_oae', value: (i) => p(i).heldOut.violations.oae },
    );
    const protocol =
      h.protocol.kind === 'folds'
        ? `${String(h.protocol.folds)}-fold cross-fitting`
        : `a held-out share of ${String(h.protocol.fraction)}`;
    notes.push(
      `held-out: the optimal classifier of the training rows evaluated on unseen rows (${protocol}, seed ${h.seed}); train: FairFront of the training rows.`,
      ...h.warnings.map((w) => `held-out: ${w}`),
    );
  }
  if (e?.bootstrap) {
    const b = e.bootstrap;
    const pct = `${Number((b.level * 100).toPrecision(6))}%`;
    parts.push(
      { header: `boot ${pct} lower`, csv: 'bootstrap_lower', value: (i) => b.bands[i].lower },
      { header: `boot ${pct} upper`, csv: 'bootstrap_upper', value: (i) => b.bands[i].upper },
      { header: 'boot sd', csv: 'bootstrap_sd', value: (i) => b.bands[i].standardDeviation },
    );
    notes.push(
      `boot: ${pct} percentile band of the in-sample frontier over ${b.replicates} bootstrap resamples (seed ${b.seed}).`,
    );
  }
  if (e?.bracket) {
    const br = e.bracket;
    parts.push(
      { header: 'bracket lower', csv: 'bracket_lower', value: (i) => br[i].lower },
      { header: 'bracket upper', csv: 'bracket_upper', value: (i) => br[i].upper },
    );
    notes.push(
      'bracket: certified lower <= FairFront <= upper (exact LP on quantized posteriors, cutting planes on every cell).',
    );
  }
  if (e?.cuttingPlane) {
    const cp = e.cuttingPlane;
    parts.push(
      { header: 'cut-plane bound', csv: 'cutting_plane_upper', value: (i) => cp[i].upperBound },
      {
        header: 'cut-plane iters',
        csv: 'cutting_plane_iterations',
        value: (i) => cp[i].iterations,
        isCount: true,
      },
      { header: 'converged', csv: 'cutting_plane_converged', value: (i) => cp[i].converged },
    );
    const unconverged = cp.filter((p) => !p.converged).length;
    notes.push(
      `cut-plane: Algorithm 1's certified upper bound; ${unconverged === 0 ? 'converged at every alpha' : `${unconverged} of ${cp.length} alphas did not converge`}.`,
    );
  }
  const n = rowAlphas(report).length;
  return {
    header: parts.map((p) => p.header),
    csvHeader: parts.map((p) => p.csv),
    isCount: parts.map((p) => p.isCount === true),
    rows: Array.from({ length: n }, (_, i) => parts.map((p) => p.value(i))),
    notes,
  };
}
