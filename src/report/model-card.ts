import { checkReportShape } from './check-report-shape.js';
import { stringify } from 'yaml';
import { InputError } from '../errors.js';
import { dataLine, formatReport } from './format-report.js';
import type {
  FrontierPointV1,
  CriterionNameV1,
  MeasureNameV1,
  MeasureValuesV1,
  ModelPointV1,
  ReportV1,
} from './report-types.js';

/** Model-card fragments made from a report. */
export const CardFormat = { mct: 'mct', hf: 'hf', md: 'md' } as const;
export type CardFormat = keyof typeof CardFormat;
export const isCardFormat = (f: string): f is CardFormat => Object.hasOwn(CardFormat, f);

const MEASURES: readonly MeasureNameV1[] = ['sp', 'eo', 'oae'];

/** "eo <= 0.01, sp <= 0.05" for the non-vacuous alphas of a point ("unconstrained" if none). */
export function constraintText(p: Pick<FrontierPointV1, 'alpha'>): string {
  const parts = MEASURES.filter((m) => p.alpha[m] < 1).map((m) => `${m} <= ${p.alpha[m]}`);
  // The criteria beyond the paper's: a ratio is a floor (R), the others ceilings.
  for (const m of ['tpr', 'fpr', 'errorRate', 'groupLoss'] as const)
    if ((p.alpha[m] ?? 1) < 1) parts.push(`${m} <= ${p.alpha[m]}`);
  for (const m of ['spRatio', 'tprRatio', 'fprRatio'] as const)
    if ((p.alpha[m] ?? 0) > 0) parts.push(`${m} >= ${p.alpha[m]}`);
  return parts.length > 0 ? parts.join(', ') : 'unconstrained';
}

export interface CardOptions {
  /** Model name in the card (default: the report's only model, else "fairlimit-frontier"). */
  readonly name?: string;
}

const MEASURE_NAMES: Readonly<Record<MeasureNameV1, string>> = {
  sp: 'statistical parity violation (largest selection-rate difference between groups)',
  eo: 'equalized odds violation (largest TPR or FPR difference between groups)',
  oae: 'overall accuracy equality violation (largest accuracy difference between groups)',
};

/** A confidence interval for the population FairFront at a frontier point, when the report has one. */
interface LimitInterval {
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  readonly method: string;
}

const sameAlpha = (a: unknown, b: MeasureValuesV1): boolean =>
  typeof a === 'object' && a !== null && MEASURES.every((m) => (a as Record<string, unknown>)[m] === b[m]);

/**
 * The interval of `estimation.interval` at a point's alpha (matched by alpha, not by position), if any. The section
 * is read defensively: an entry without finite bounds is ignored.
 */
function intervalAt(report: ReportV1, p: FrontierPointV1): LimitInterval | undefined {
  const list = report.estimation?.interval;
  if (!Array.isArray(list)) return undefined;
  for (const entry of list as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const e = entry as Record<string, unknown>;
    if (!sameAlpha(e.alpha, p.alpha)) continue;
    if (typeof e.lower !== 'number' || typeof e.upper !== 'number' || !Number.isFinite(e.lower + e.upper))
      continue;
    return {
      lower: e.lower,
      upper: e.upper,
      level: typeof e.level === 'number' ? e.level : NaN,
      method: typeof e.method === 'string' ? e.method : 'interval',
    };
  }
  return undefined;
}

const LIMIT_TYPE = 'fairfront_accuracy_limit';
const limitName = (what: string) =>
  `FairFront accuracy limit, ${what} (upper limit for any classifier of these cells; not this model's accuracy)`;

/**
 * The posterior estimate's certified gap (docs/estimation.md, The default estimate on a CSV): the lower end of
 * the full features' limit at the model's violation minus its accuracy, when positive.
 */
function hfCertifiedGap(report: ReportV1, m: ModelPointV1): Record<string, unknown>[] {
  if (report.settings.estimate !== 'posterior' || typeof m.gapLow !== 'number') return [];
  return [
    {
      type: 'certified_epistemic_gap',
      value: Math.max(0, m.gapLow),
      name:
        m.gapLow > 0
          ? `Certified epistemic gap: lower confidence bound of the limit at this model's ${m.measure} violation minus its accuracy`
          : `Certified epistemic gap: none (the model reaches the lower confidence bound of the limit at its ${m.measure} violation)`,
    },
  ];
}

/** The model's own results: accuracy, violations; then the limit at its violation and its gap, typed apart. */
function hfModelMetrics(m: ModelPointV1): Record<string, unknown>[] {
  const violations: [CriterionNameV1, number][] = m.violations
    ? MEASURES.map((k) => [k, m.violations![k]])
    : [[m.measure, m.violation]];
  return [
    { type: 'accuracy', value: m.accuracy, name: 'Accuracy' },
    ...violations.map(([k, v]) => ({
      type: `${k}_violation`,
      value: v,
      name: MEASURE_NAMES[k as MeasureNameV1] ?? k,
    })),
    {
      type: LIMIT_TYPE,
      value: m.frontierAccuracy,
      name: limitName(`${m.measure} <= ${Number(m.violation.toFixed(4))} (this model's violation)`),
      args: { [m.measure]: m.violation },
    },
    {
      type: 'epistemic_gap',
      value: m.gap,
      name: `Epistemic gap: FairFront limit at this model's ${m.measure} violation minus its accuracy`,
    },
  ];
}

function hfLimitMetrics(report: ReportV1): Record<string, unknown>[] {
  return [
    ...report.frontier.map((p) => ({
      type: LIMIT_TYPE,
      value: p.accuracy,
      name: limitName(constraintText(p)),
      args: Object.fromEntries(MEASURES.filter((m) => p.alpha[m] < 1).map((m) => [m, p.alpha[m]])),
    })),
    // The posterior estimate's lower ends: confidence bounds on the limit of all the features.
    ...(report.settings.estimate === 'posterior'
      ? report.frontier.flatMap((p) => {
          const interval = intervalAt(report, p);
          return interval
            ? [
                {
                  type: 'fairfront_accuracy_limit_lower_bound',
                  value: interval.lower,
                  name: `${Number.isFinite(interval.level) ? `${Math.round(interval.level * 100)}% ` : ''}lower confidence bound of the population FairFront limit of all the features, ${constraintText(p)}`,
                  args: Object.fromEntries(
                    MEASURES.filter((m) => p.alpha[m] < 1).map((m) => [m, p.alpha[m]]),
                  ),
                },
              ]
            : [];
        })
      : []),
    {
      type: 'bayes_accuracy_limit',
      value: report.reference.bayesAccuracy,
      name: "Bayes accuracy of these cells (limit without fairness constraints; not this model's accuracy)",
    },
  ];
}

/**
 * Hugging Face model-index front matter: one entry per placed model whose results are the model's own accuracy
 * and violations, then the limit at its violation and its gap, each under its own metric type; the frontier
 * points follow as `fairfront_accuracy_limit` metrics. Without placed models, one entry holds only the limits.
 */
function hfFrontMatter(report: ReportV1, options: CardOptions): string {
  const dataset = report.data.source.name;
  const result = (metrics: Record<string, unknown>[]) => ({
    task: { type: 'tabular-classification', name: 'Tabular Classification' },
    dataset: { name: dataset, type: dataset },
    metrics,
  });
  const models = report.models ?? [];
  const entries =
    models.length > 0
      ? models.map((m) => ({
          name: models.length === 1 && options.name ? options.name : m.name,
          results: [result([...hfModelMetrics(m), ...hfCertifiedGap(report, m), ...hfLimitMetrics(report)])],
        }))
      : [{ name: options.name ?? 'fairlimit-frontier', results: [result(hfLimitMetrics(report))] }];
  const yaml = stringify({ 'model-index': entries }, { lineWidth: 0 });
  return `---\n${yaml}---\n`;
}

/**
 * Google Model Card Toolkit `quantitative_analysis.performance_metrics`: each placed model's accuracy and
 * violations (slice = the model), its rates by group (slice = "model, group = g"), the limit at its violation and
 * its gap; then FairFront at each constraint, with a confidence interval for the population FairFront when the
 * report has one (`estimation.interval`), and the Bayes accuracy.
 */
function mctMetrics(report: ReportV1): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const m of report.models ?? []) {
    out.push({ type: 'accuracy', value: String(m.accuracy), slice: m.name });
    const violations: [CriterionNameV1, number][] = m.violations
      ? MEASURES.map((k) => [k, m.violations![k]])
      : [[m.measure, m.violation]];
    for (const [k, v] of violations) out.push({ type: `${k} violation`, value: String(v), slice: m.name });
    for (const t of m.byGroup ?? []) {
      const cls = (m.byGroup?.length ?? 0) > 1 ? ` (class ${t.className})` : '';
      for (const g of t.byGroup) {
        const slice = `${m.name}, group = ${g.group}`;
        const rates: [string, number | null][] = [
          [`selection rate${cls || ` (${t.className})`}`, g.selectionRate],
          [`true positive rate${cls}`, g.truePositiveRate],
          [`false positive rate${cls}`, g.falsePositiveRate],
          ...(t === m.byGroup![0] ? ([['accuracy', g.accuracy]] as [string, number | null][]) : []),
        ];
        for (const [type, value] of rates)
          if (value !== null) out.push({ type, value: String(value), slice });
      }
    }
    out.push({
      type: `FairFront accuracy limit at the model's ${m.measure} violation (not the model's accuracy)`,
      value: String(m.frontierAccuracy),
      slice: m.name,
    });
    out.push({ type: `epistemic gap to FairFront (${m.measure})`, value: String(m.gap), slice: m.name });
  }
  for (const p of report.frontier) {
    const interval = intervalAt(report, p);
    out.push({
      type: 'FairFront accuracy limit (upper limit for any classifier of these cells)',
      value: String(p.accuracy),
      slice: constraintText(p),
      ...(interval
        ? {
            confidence_interval: { lower_bound: String(interval.lower), upper_bound: String(interval.upper) },
            description: `${Number.isFinite(interval.level) ? `${Math.round(interval.level * 100)}% ` : ''}confidence interval for the population FairFront (${interval.method})`,
          }
        : {}),
    });
  }
  out.push({
    type: 'Bayes accuracy (limit without fairness constraints)',
    value: String(report.reference.bayesAccuracy),
    slice: 'unconstrained',
  });
  return out;
}

function mdCard(report: ReportV1, name: string): string {
  const body = formatReport(report, 'md').replace(/^## Fairness limits \(fairlimit\)\n/, '');
  return `## Fairness limits of ${name}\n${body.startsWith('\n') ? '' : '\n'}${body}\nData: ${dataLine(report)}.\n`;
}

/**
 * A model card: `hf` (a README.md for the Hugging Face Hub: model-index YAML front matter fenced by `---`, then
 * the Markdown section), `mct` (Google Model Card Toolkit `quantitative_analysis`, JSON) or `md` (a Markdown
 * section). A placed model's own accuracy is the only `accuracy`; FairFront limits and gaps have their own types.
 * See docs/model-cards.md.
 * @throws InputError E_BAD_OPTION (unknown format)
 */
export function modelCard(report: ReportV1, format: CardFormat, options: CardOptions = {}): string {
  checkReportShape(report);
  const name =
    options.name ?? (report.models?.length === 1 ? report.models[0].name : undefined) ?? 'fairlimit-frontier';
  switch (format) {
    case 'mct':
      return `${JSON.stringify({ quantitative_analysis: { performance_metrics: mctMetrics(report) } }, null, 2)}\n`;
    case 'hf':
      return `${hfFrontMatter(report, options)}\n${mdCard(report, name)}`;
    case 'md':
      return mdCard(report, name);
    default:
      throw new InputError('E_BAD_OPTION', `unknown card format "${String(format)}" (use mct, hf or md)`, {
        option: '--format',
      });
  }
}
