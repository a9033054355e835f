import { checkReportShape } from './check-report-shape.js';
import { stringify } from 'yaml';
import { InputError } from '../errors.js';
import { groupTableCaption, groupTableColumns } from './group-table.js';
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
  /** The model's licence, a Hub licence identifier for the `hf` card's `license` key (default "unknown"). */
  readonly license?: string;
}

/**
 * What each criterion measures, for a card's reader: its violation (a difference), ratio or largest error. The
 * card never shows the tool's short names (eo, sp) or option names.
 */
const READER_NAMES: Readonly<Record<CriterionNameV1, string>> = {
  sp: 'statistical-parity violation',
  eo: 'equalized-odds violation',
  oae: 'accuracy-equality violation',
  tpr: 'equal-opportunity violation',
  fpr: 'false-positive-rate difference',
  errorRate: 'error-rate difference',
  spRatio: 'selection-rate ratio',
  tprRatio: 'true-positive-rate ratio',
  fprRatio: 'false-positive-rate ratio',
  groupLoss: 'largest error rate of a group',
};
const READER_MEANINGS: Readonly<Record<CriterionNameV1, string>> = {
  sp: 'the largest difference in selection rate between groups',
  eo: 'the largest difference in true- or false-positive rate between groups',
  oae: 'the largest difference in accuracy between groups',
  tpr: 'the largest difference in true-positive rate between groups',
  fpr: 'the largest difference in false-positive rate between groups',
  errorRate: 'the largest difference in error rate between groups',
  spRatio: 'the smallest selection rate divided by the largest',
  tprRatio: 'the smallest true-positive rate divided by the largest',
  fprRatio: 'the smallest false-positive rate divided by the largest',
  groupLoss: 'the error rate of the worst-off group',
};
const isRatio = (m: CriterionNameV1) => m === 'spRatio' || m === 'tprRatio' || m === 'fprRatio';
const boundWord = (m: CriterionNameV1) => (isRatio(m) ? 'at least' : 'at most');

/** A frontier point's constraints in words: "equalized-odds violation at most 0.02" (or "no constraint"). */
function readerConstraint(p: Pick<FrontierPointV1, 'alpha'>): string {
  const alpha = p.alpha as Readonly<Partial<Record<CriterionNameV1, number>>>;
  const parts = (Object.keys(READER_NAMES) as CriterionNameV1[]).flatMap((m) => {
    const v = alpha[m];
    if (v === undefined || (isRatio(m) ? v <= 0 : v >= 1)) return [];
    return [`${READER_NAMES[m]} ${boundWord(m)} ${v}`];
  });
  return parts.length > 0 ? parts.join(', ') : 'no constraint';
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
  `Best accuracy any classifier on these features can reach with ${what} (a limit of the data, not this model's accuracy)`;

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
      name: `${READER_NAMES[k]} (${READER_MEANINGS[k]})`,
    })),
    {
      type: LIMIT_TYPE,
      value: m.frontierAccuracy,
      name: limitName(
        `${READER_NAMES[m.measure]} ${boundWord(m.measure)} ${Number(m.violation.toFixed(4))}, this model's`,
      ),
      args: { [m.measure]: m.violation },
    },
    {
      type: 'epistemic_gap',
      value: m.gap,
      name: `Epistemic gap: that limit minus this model's accuracy (what better modelling could still gain at the same ${READER_NAMES[m.measure]})`,
    },
  ];
}

function hfLimitMetrics(report: ReportV1): Record<string, unknown>[] {
  return [
    ...report.frontier.map((p) => ({
      type: LIMIT_TYPE,
      value: p.accuracy,
      name: limitName(readerConstraint(p)),
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
      name: "Best accuracy any classifier on these features can reach with no fairness constraint (Bayes accuracy; not this model's accuracy)",
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
  const id = datasetId(report);
  const result = (metrics: Record<string, unknown>[]) => ({
    task: { type: 'tabular-classification', name: 'Tabular Classification' },
    dataset: { name: dataset, type: id },
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
  const yaml = stringify(
    {
      license: options.license ?? 'unknown',
      tags: ['tabular-classification', 'fairness', 'fairfront'],
      datasets: [id],
      'model-index': entries,
    },
    { lineWidth: 0 },
  );
  return `---\n${yaml}---\n`;
}

/**
 * The data set as a Hub-style identifier (the Hub's `dataset.type` and `datasets` hold dataset ids, not file
 * names): the source's name without folder and extension, lower case, runs of other characters as "-".
 */
function datasetId(report: ReportV1): string {
  const base = report.data.source.name
    .replace(/^.*[\\/]/, '')
    .replace(/\.(csv|tsv|txt|parquet|json|gz)+$/i, '');
  const slug = base
    .toLowerCase()
    .replace(/[^a-z0-9_.]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return slug === '' ? 'tabular-data' : slug;
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

const fixed4 = (x: number) => x.toFixed(4);
const article = (word: string) => (/^[aeio]/.test(word) ? 'an' : 'a');

/** A data warning in the reader's words: parentheses and clauses naming command-line options are left out. */
function readerWarning(w: string): string {
  return w
    .replace(/ (?:is )?not in --group-values/g, ' is not among the groups studied')
    .replace(/\s*\([^()]*--[^()]*\)/g, '')
    .split(/;\s*/)
    .filter((clause) => !clause.includes('--'))
    .join('; ');
}

/** One sentence per placed model: its own numbers, the limit at its violation, the gap (or that it is above). */
function modelSentence(m: ModelPointV1): string {
  const own = `**${m.name}** has accuracy ${fixed4(m.accuracy)} with ${article(READER_NAMES[m.measure])} ${READER_NAMES[m.measure]} of ${fixed4(m.violation)} (${READER_MEANINGS[m.measure]}).`;
  const limit = `No classifier on these features can be more accurate than ${fixed4(m.frontierAccuracy)} at that ${READER_NAMES[m.measure]}`;
  const gap =
    m.gap >= 0
      ? `${limit}, so ${m.name} is ${fixed4(m.gap)} below this limit: its epistemic gap, what better modelling could still gain without being less fair.`
      : `${limit}; ${m.name} is ${fixed4(-m.gap)} above it, so it uses information that these features do not hold.`;
  const heldOut =
    typeof m.gapLow === 'number'
      ? ` Against classifiers fitted on other rows and measured on unseen ones, the gap is ${fixed4(m.gapLow)}.`
      : '';
  return `${own} ${gap}${heldOut}`;
}

/**
 * The Markdown card, written for the card's reader: what the model does, the limits of its data (the best any
 * classifier on the same features can do at each fairness level), the gap between them, per-group rates, and
 * the caveats in plain words. No option names or file paths of the tool.
 */
function mdCard(report: ReportV1, name: string): string {
  const d = report.data;
  const models = report.models ?? [];
  const heading =
    models.length > 0
      ? `## Fairness of ${name}, against the limits of its data`
      : `## Fairness limits of the data: ${d.source.name}`;
  const features = d.features.map((f) => f.name).join(', ');
  const groups = d.groups.map((g) => `${g.name} (${g.rows} rows)`).join(', ');
  const intro = `Data: ${d.source.name}, ${d.nRows} rows; groups ${groups}; features ${features || 'none'}.`;
  const limits = [
    '| constraint | best accuracy any classifier on these features can reach |',
    '| --- | ---: |',
    ...report.frontier.map((p) => `| ${readerConstraint(p)} | ${fixed4(p.accuracy)} |`),
    `| no constraint (Bayes accuracy) | ${fixed4(report.reference.bayesAccuracy)} |`,
  ];
  const scoreRules = (report.scoreCurves ?? []).flatMap((c) => [
    { ...c.best, name: `${c.name}, best single threshold` },
    ...c.groupThresholds.map((g) => ({
      ...g,
      name: `${c.name}, group thresholds for ${g.constraint.replace(/_/g, ' ')}`,
    })),
  ]);
  const groupTables = models.flatMap((m) =>
    (m.byGroup ?? []).map((t, _, all) => {
      const c = groupTableColumns(t);
      return [
        `${groupTableCaption(m.name, t, all.length)}:`,
        '',
        `| ${c.header.join(' | ')} |`,
        `| ${c.header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
        ...c.rows.map((r) => `| ${r.join(' | ')} |`),
        '',
      ].join('\n');
    }),
  );
  const caveats = [
    "The limits are computed on the same rows as the model's numbers: they hold for classifiers that use these features and these rows, and on new data they are optimistic, more so when few rows share each combination of feature values" +
      (d.cells.singleRowShare > 0.2
        ? ` (here ${Math.round(d.cells.singleRowShare * 100)}% of the combinations occur once)`
        : '') +
      '.',
    ...(report.estimation?.honest
      ? [
          'The held-out gap measures the model against classifiers fitted on other rows and tested on unseen ones: the lower end of its gap.',
        ]
      : []),
    ...d.warnings.map(readerWarning).filter((w) => w !== ''),
  ];
  return [
    heading,
    '',
    intro,
    '',
    ...models.map((m) => `${modelSentence(models.length === 1 ? { ...m, name } : m)}\n`),
    ...scoreRules.map((m) => `${modelSentence(m)}\n`),
    'The fairness limits of these data (FairFront, Wang et al., NeurIPS 2023): the highest accuracy that any classifier using the same features can reach at each fairness level. They belong to the data, not to a model.',
    '',
    ...limits,
    '',
    ...groupTables,
    '### Caveats',
    '',
    ...caveats.map((c) => `- ${c}`),
    '',
  ].join('\n');
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
