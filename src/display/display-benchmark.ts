import type { BenchmarkResult } from '../interventions/index.js';
import type { Measure } from '../metrics/index.js';
import type { BenchmarkSectionV1 } from '../report/index.js';
import { benchmarkSpec } from '../plot/index.js';
import { benchmarkSection } from '../report/index.js';
import type { Displayable } from './mime-bundle.js';
import { richDisplayable } from './rich-bundle.js';
import { fixed, meanStd, short } from '../report/table-text.js';

/** A benchmark as returned by `runBenchmark`, or the `benchmark` section of a report. */
export type BenchmarkInput = BenchmarkResult | BenchmarkSectionV1;

function frontierOf(input: BenchmarkInput): {
  bayesAccuracy: number;
  points: readonly { alpha: number; accuracy: number }[];
} {
  return 'bayesAccuracy' in input
    ? { bayesAccuracy: input.bayesAccuracy, points: input.frontier }
    : { bayesAccuracy: input.frontier.bayesAccuracy, points: input.frontier.points };
}

function knobText(p: { readonly knobName: string | null; readonly knob: number | null }): string {
  return p.knob === null ? '' : `${p.knobName ?? 'knob'} = ${short(p.knob)}`;
}

/**
 * A benchmark of interventions as a notebook output: every (model, method, knob) at its mean violation and
 * accuracy against FairFront along the benchmark's measure, and the epistemic gap table (docs/design.md, The
 * frontier and the gap; Interventions), sorted by model, then gap.
 * @example
 * const result = await runBenchmark({ table, learners: { lr: learners.lr }, interventions: [reduction], seed: 1, seeds: 2 });
 * show(await display.benchmark(result));
 */
export async function benchmark(
  input: BenchmarkInput,
  options: { readonly title?: string } = {},
): Promise<Displayable> {
  const measure: Measure = input.measure;
  const front = frontierOf(input);
  const sorted = [...input.points].sort((a, b) =>
    a.model === b.model ? a.gap - b.gap : a.model < b.model ? -1 : 1,
  );
  const replicates = `${input.seeds} ${input.protocol === 'paper' ? 'bootstrap evaluations' : 'train/test splits'}`;
  const heading =
    options.title ??
    `Interventions on ${input.dataset} against FairFront (${measure.toUpperCase()}, ${input.protocol} protocol, ${replicates}, ${input.nCells} cells)`;
  return richDisplayable({
    heading,
    spec: benchmarkSpec('bayesAccuracy' in input ? input : benchmarkSection(input, false)),
    tables: [
      {
        title: `Epistemic gap: FairFront at the measured ${measure.toUpperCase()} violation − accuracy (mean ± std over replicates)`,
        columns: [
          'model',
          'method',
          'knob',
          'accuracy',
          `${measure.toUpperCase()} violation`,
          'FairFront',
          'gap',
          'gap (all rows)',
        ],
        rows: sorted.map((p) => [
          p.model,
          p.method,
          knobText(p),
          meanStd(p.accuracy),
          meanStd(p.violations[measure]),
          fixed(p.frontierAccuracy),
          fixed(p.gap),
          fixed(p.fullData.gap),
        ]),
      },
    ],
    notes: [
      `Bayes accuracy ${fixed(front.bayesAccuracy, 6)}`,
      ...input.skipped.map((s) => `skipped ${s.method}: ${s.reason}`),
    ],
  });
}
