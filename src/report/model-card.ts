import { stringify } from 'yaml';
import { InputError } from '../errors.js';
import { dataLine, formatReport } from './format-report.js';
import type { FrontierPointV1, MeasureNameV1, ReportV1 } from './report-types.js';

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
  /** Model name in the card (default: the first model of the report, else "fairlimit-frontier"). */
  readonly name?: string;
}

/**
 * A model-card fragment: `mct` (Google Model Card Toolkit `quantitative_analysis`, JSON), `hf` (Hugging Face
 * `model-index` YAML for a README front matter) or `md` (a Markdown section).
 * @throws InputError E_BAD_OPTION (unknown format)
 */
export function modelCard(report: ReportV1, format: CardFormat, options: CardOptions = {}): string {
  const name = options.name ?? report.models?.[0]?.name ?? 'fairlimit-frontier';
  const dataset = report.data.source.name;
  switch (format) {
    case 'mct': {
      const performanceMetrics = [
        ...report.frontier.map((p) => ({
          type: 'FairFront accuracy (upper limit of any classifier)',
          value: String(p.accuracy),
          slice: constraintText(p),
          confidence_interval: { lower_bound: String(p.accuracy), upper_bound: String(p.dualBound) },
        })),
        { type: 'Bayes accuracy', value: String(report.reference.bayesAccuracy), slice: 'unconstrained' },
        ...(report.models ?? []).flatMap((m) => [
          { type: 'accuracy', value: String(m.accuracy), slice: m.name },
          { type: `${m.measure} violation`, value: String(m.violation), slice: m.name },
          { type: `epistemic gap to FairFront (${m.measure})`, value: String(m.gap), slice: m.name },
        ]),
      ];
      return `${JSON.stringify({ quantitative_analysis: { performance_metrics: performanceMetrics } }, null, 2)}\n`;
    }
    case 'hf': {
      const metrics = [
        ...report.frontier.map((p) => ({
          type: 'accuracy',
          name: `FairFront accuracy (${constraintText(p)})`,
          value: p.accuracy,
        })),
        ...(report.models ?? []).flatMap((m) => [
          { type: 'accuracy', name: `${m.name} accuracy`, value: m.accuracy },
          { type: `${m.measure}_violation`, name: `${m.name} ${m.measure} violation`, value: m.violation },
          { type: 'epistemic_gap', name: `${m.name} gap to FairFront (${m.measure})`, value: m.gap },
        ]),
      ];
      const doc = {
        'model-index': [
          {
            name,
            results: [
              {
                task: { type: 'tabular-classification', name: 'Tabular Classification' },
                dataset: { name: dataset, type: dataset },
                metrics,
              },
            ],
          },
        ],
      };
      return stringify(doc, { lineWidth: 0 });
    }
    case 'md': {
      const body = formatReport(report, 'md').replace(/^## Fairness limits \(fairlimit\)\n/, '');
      return `## Fairness limits of ${name}\n${body.startsWith('\n') ? '' : '\n'}${body}\nData: ${dataLine(report)}.\n`;
    }
    default:
      throw new InputError('E_BAD_OPTION', `unknown card format "${String(format)}" (use mct, hf or md)`, {
        option: '--format',
      });
  }
}
