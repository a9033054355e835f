import { CRITERIA } from '../metrics/criterion.js';
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
  readonly rows: readonly (readonly (number | boolean | null)[])[];
  /** One sentence per part: what the columns are (protocol, level, replicates, convergence). */
  readonly notes: readonly string[];
}

/** The alpha sets the report's rows stand for: the frontier's, or the bracket's when the exact LP was skipped. */
export function rowAlphas(report: ReportV1): CriterionValuesV1[] {
  if (report.frontier.length > 0) return report.frontier.map((p) => p.alpha);
  return (report.estimation?.bracket ?? []).map((b) => b.alpha);
}

/** The criteria beyond sp, eo and oae, in the order of the report's records. */
const OTHER_CRITERIA = CRITERIA.slice(3);

interface Part {
  readonly header: string;
  readonly csv: string;
  readonly value: (i: number) => number | boolean | null;
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
      // The other criteria's held-out values, where the section carries them (a family was bound).
      ...OTHER_CRITERIA.filter((c) => h.points.some((q) => q.heldOut.violations[c] !== undefined)).map(
        (c): Part => ({
          header: `held-out ${c}`,
          csv: `heldout_violation_${c}`,
          value: (i) => p(i).heldOut.violations[c] ?? null,
        }),
      ),
      {
        header: 'achievable held-out',
        csv: 'achievable_heldout_accuracy',
        value: (i) => p(i).achievable?.accuracy ?? null,
      },
    );
    const protocol =
      h.protocol.kind === 'folds'
        ? `${String(h.protocol.folds)}-fold cross-fitting`
        : `a held-out share of ${String(h.protocol.fraction)}`;
    notes.push(
      `held-out: the optimal classifier of the training rows at alpha evaluated on unseen rows (${protocol}, seed ${h.seed}); it lies at its held-out violations (the held-out columns), not at alpha; train: FairFront of the training rows.`,
      `achievable held-out: the best held-out accuracy with held-out violations <= alpha (training rules at tightened alphas, mixed with the constant rule${h.constantAccuracy !== undefined ? `, whose held-out accuracy is ${h.constantAccuracy.toFixed(4)}` : ''}); empty where nothing meets alpha. A lower end in expectation (its mean lies below the population frontier), not a confidence bound: single samples can exceed it.`,
      ...h.warnings.map((w) => `held-out: ${w}`),
    );
  }
  if (e?.bootstrap) {
    const b = e.bootstrap;
    const pct = `${Number((b.level * 100).toPrecision(6))}%`;
    parts.push(
      { header: `resample ${pct} lower`, csv: 'bootstrap_lower', value: (i) => b.bands[i].lower },
      { header: `resample ${pct} upper`, csv: 'bootstrap_upper', value: (i) => b.bands[i].upper },
      { header: 'resample sd', csv: 'bootstrap_sd', value: (i) => b.bands[i].standardDeviation },
    );
    notes.push(
      `resample: ${pct} percentile band of the in-sample frontier over ${b.replicates} bootstrap resamples (seed ${b.seed}): the spread of an optimistic estimate, not a confidence interval for the population frontier (use --interval).`,
    );
  }
  if (e?.interval && e.estimate === 'posterior') {
    const iv = e.interval;
    const pct = `${Number((iv[0].level * 100).toPrecision(6))}%`;
    parts.push(
      { header: 'estimate', csv: 'estimate', value: (i) => iv[i].estimate ?? null },
      { header: `${pct} lower`, csv: 'interval_lower', value: (i) => iv[i].lower },
      { header: `${pct} upper`, csv: 'interval_upper', value: (i) => iv[i].upper },
    );
    const info = e.intervalInfo;
    const post = e.posterior;
    notes.push(
      `estimate: ${post?.headline ?? 'the posterior estimate'}`,
      `${pct} interval (${iv[0].method}${info ? `, ${info.folds} folds, seed ${info.seed}` : ''}): ${info?.covers ?? ''}`,
      ...(post
        ? [
            `learner per fold: ${post.learners.join(', ')}; score bins per fold: ${post.binsOfFold.join(', ')}; the estimate's cells: ${post.estimateCells}.`,
          ]
        : []),
    );
  } else if (e?.interval) {
    const iv = e.interval;
    const info = e.intervalInfo;
    const pct = `${Number((iv[0].level * 100).toPrecision(6))}%`;
    parts.push(
      { header: `${pct} CI lower`, csv: 'interval_lower', value: (i) => iv[i].lower },
      { header: `${pct} CI upper`, csv: 'interval_upper', value: (i) => iv[i].upper },
    );
    notes.push(
      `CI: ${pct} confidence interval (${iv[0].method}${info ? `, ${info.folds} folds, seed ${info.seed}` : ''}) for ${info?.covers ?? 'the population FairFront at each alpha'}`,
      ...(info?.warnings ?? []).map((w) => `CI: ${w}`),
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

/**
 * Row `i` of the estimation columns as shown in tables: counts as integers, flags as yes/no, absent values as "-",
 * the rest with 6 decimals (the JSON and CSV keep every digit).
 */
export function estimationRowText(columns: EstimationColumns, i: number): string[] {
  return columns.rows[i].map((v, j) =>
    v === null
      ? '-'
      : typeof v === 'boolean'
        ? v
          ? 'yes'
          : 'no'
        : columns.isCount[j]
          ? String(v)
          : v.toFixed(6),
  );
}
