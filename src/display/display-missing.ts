import type { MissingStudy } from '../missing/index.js';
import { type ChartCurve, frontierChart } from '../plot/index.js';
import type { Displayable } from './mime-bundle.js';
import { richDisplayable } from './rich-bundle.js';
import { fixed, meanStd, short } from '../report/table-text.js';

const COMPLETE = 'complete data';

/** A count averaged over masks: exact when whole, else one decimal. */
const count = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/**
 * A missing-value study as a notebook output: FairFront of the complete data (dashed) and of each (scenario,
 * strategy) averaged over masks, and the table of drops (the aleatoric cost of missingness, docs/design.md
 * (Missing values)) at every alpha.
 * @example
 * const study = await missingStudy({ source, scenarios, strategies: ['mode', 'indicator'], alphas: [0, 0.1], seed: 1, seeds: 2 });
 * show(await display.missing(study));
 */
export async function missing(
  study: MissingStudy,
  options: { readonly title?: string } = {},
): Promise<Displayable> {
  const measure = study.measure;
  const strategies = new Set(study.settings.map((s) => s.strategy));
  const label = (scenario: string, strategy: string) =>
    strategies.size > 1 ? `${scenario} · ${strategy}` : scenario;
  // Every setting its own colour; the complete data is the dashed reference the others fall below.
  const curves: ChartCurve[] = [
    {
      name: COMPLETE,
      dashed: true,
      color: '#222222',
      points: study.alphas.map((alpha, t) => ({ alpha, accuracy: study.complete.accuracy[t] })),
    },
    ...study.settings.map((s) => ({
      name: label(s.scenario, s.strategy),
      points: study.alphas.map((alpha, t) => ({ alpha, accuracy: s.accuracy[t].mean })),
    })),
  ];
  const minority = study.groupNames[study.minorityGroup];
  return richDisplayable({
    heading:
      options.title ??
      `Missing values in ${study.source}: FairFront after handling (${study.seeds} masks per scenario; minority group ${minority}; columns ${study.columns.join(', ')})`,
    spec: frontierChart({
      title: 'Missing values lower the limit itself',
      subtitle: `${study.source}: FairFront after handling, mean over ${study.seeds} masks`,
      measure,
      curves,
    }),
    tables: [
      {
        title: `Drop of FairFront from the complete data (mean ± std over masks), at each α_${measure}`,
        columns: [
          'scenario',
          'strategy',
          'rows',
          'cells',
          'Bayes accuracy',
          ...study.alphas.map((a) => `drop @ ${short(a)}`),
        ],
        rows: [
          [
            COMPLETE,
            '',
            String(study.complete.nRows),
            String(study.complete.nCells),
            fixed(study.complete.bayesAccuracy),
            ...study.alphas.map(() => fixed(0)),
          ],
          ...study.settings.map((s) => [
            s.scenario,
            s.strategy,
            count(s.nRows.mean),
            count(s.nCells.mean),
            meanStd(s.bayesAccuracy),
            ...s.drop.map((d) => meanStd(d)),
          ]),
        ],
      },
    ],
  });
}
