import type { Command } from 'commander';
import { Option } from 'commander';
import { InputError } from '../../errors.js';
import {
  METHOD_NAMES,
  createReduction,
  isProtocol,
  runBenchmark,
  type BenchmarkResult,
} from '../../interventions/index.js';
import { LearnerName, MODEL_PRESETS, paperPresetFor } from '../../learn/index.js';
import { isMeasure } from '../../metrics/index.js';
import { benchmarkSection, frontierReport, type GivenModelPoint } from '../../report/index.js';
import type { RegisterCommand } from '../context.js';
import { OPTION_LIMITS } from '../number-options.js';
import { integerOption, interventionsOf, learnersOf, parseKnobs } from '../benchmark-options.js';
import { type Io, terminalText } from '../io.js';
import { fixed, textTable } from '../../report/table-text.js';
import {
  type DataOptionValues,
  type OutputOptionValues,
  addDataOptions,
  addOutputOptions,
  checkOutputOptions,
  runInputs,
  emitReport,
  loadInput,
  wantsProgress,
} from '../options.js';
import { progressBar } from '../progress.js';

interface BenchmarkOptions extends DataOptionValues, OutputOptionValues {
  readonly model?: string;
  readonly methods: string;
  readonly measure: string;
  readonly seeds: string;
  readonly seed: string;
  readonly protocol: string;
  readonly postFit?: string;
  readonly knobs?: string[];
  readonly groupBlind?: boolean;
  readonly timings?: boolean;
  readonly reductionBound?: string;
}

const EXAMPLES = `
Protocols: "paper" trains on every row and evaluates on bootstrap resamples of 30% (post-processors fit on 15%);
"holdout" refits on a train split, post-processors on a validation split, and evaluates on the test split.
Every point is placed against the exact frontier of the same cells: its epistemic gap is FairFront at the
point's measured violation minus its accuracy.

Examples:
  $ fairlimit benchmark --dataset compas --model rf --seeds 3
  $ fairlimit benchmark --dataset adult --model rf,gbm --methods reduction,eqodds,fairfront-rule --plot bench.svg
  $ fairlimit benchmark data.csv --group race --label y --protocol holdout --knobs reduction=0.01,0.05 --json
`;

/** A readable table of the points (stdout's default output), aligned by the one table helper. */
export function benchmarkTable(r: BenchmarkResult): string {
  const m = r.measure;
  const spread = (s: { readonly mean: number; readonly std: number }) => `${fixed(s.mean)}±${fixed(s.std)}`;
  const points = textTable({
    columns: [
      'model',
      'method',
      'knob',
      'accuracy',
      `${m} violation`,
      'FairFront(v)',
      'gap (pts)',
      'gap low',
      'fit ms',
    ],
    rows: r.points.map((p) => [
      p.model,
      p.method,
      p.knobName ? `${p.knobName}=${p.knob}` : '-',
      spread(p.accuracy),
      spread(p.violations[m]),
      fixed(p.frontierAccuracy),
      fixed(100 * p.gap, 2),
      p.gapLow === null ? '-' : fixed(100 * p.gapLow, 2),
      fixed(p.fitMs.mean, 0),
    ]),
    // Knob values such as 0.05 are labels, not quantities: only the measured columns are right-aligned.
    numeric: [false, false, false, false, false, true, true, true, true],
  });
  const lines = [
    `${r.dataset}: N = ${r.nRows}, ${r.nCells} cells, ${r.protocol} protocol, ${r.seeds} seed(s), measure ${m}, Bayes accuracy ${fixed(r.frontier.bayesAccuracy)}`,
    '',
    points,
    r.protocol === 'holdout'
      ? "gap: against the in-sample frontier of all rows (upper end); gap low: against the frontier the test rows can reach (the training rows' FairFront rules on the test rows, at test violation <= the point's)."
      : 'gap: against the in-sample frontier (the paper protocol evaluates on resamples of the training rows, so gap low = gap).',
    ...r.skipped.map((s) => `skipped ${s.method}: ${s.reason}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** "--post-fit 0.2" or "--post-fit all" into paper-protocol shares. */
function postFitOption(
  text: string | undefined,
): { postFit: number } | { postFitOnAllRows: true } | undefined {
  if (text === undefined) return undefined;
  if (text.trim() === 'all') return { postFitOnAllRows: true };
  const share = Number(text);
  if (text.trim() === '' || !(share > 0 && share <= 1))
    throw new InputError('E_BAD_OPTION', `--post-fit must be a share in (0, 1] or "all", got "${text}"`, {
      option: '--post-fit',
    });
  return { postFit: share };
}

const discard: Io['stdout'] = { write: () => true } as unknown as Io['stdout'];

export const registerBenchmark: RegisterCommand = (program: Command, { io, setExitCode }) => {
  const cmd = program
    .command('benchmark')
    .description('benchmark base models and fairness interventions by their epistemic gap to FairFront')
    .argument('[file]', 'CSV file');
  addDataOptions(cmd);
  cmd
    .option(
      '--model <specs>',
      `base models, comma-separated: ${Object.keys(LearnerName).join(', ')} or a preset (${Object.keys(MODEL_PRESETS).join(', ')}), ` +
        'each with optional settings, e.g. rf:nEstimators=15,minSamplesLeaf=3,bootstrap=false,criterion=entropy ' +
        "(default: the paper's preset for the data set under --protocol paper, else rf)",
    )
    .option(
      '--methods <names>',
      `interventions, comma-separated (${METHOD_NAMES.join(', ')})`,
      METHOD_NAMES.join(','),
    )
    .addOption(
      new Option('--measure <name>', 'fairness measure targeted and measured')
        .choices(['sp', 'eo', 'oae'])
        .default('eo'),
    )
    .option('--seeds <n>', 'replicates (bootstrap resamples or splits)', '10')
    .option('--seed <n>', 'random seed of every draw and fit', '0')
    .addOption(
      new Option('--protocol <name>', 'evaluation protocol').choices(['paper', 'holdout']).default('paper'),
    )
    .option(
      '--post-fit <share|all>',
      'paper protocol: post-processors fit on a bootstrap of this share of the rows (default 0.15) or on all rows',
    )
    .option(
      '--knobs <METHOD=v1,v2,...>',
      "a method's knob values instead of its default sweep (repeatable)",
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--group-blind', 'cells and classifiers without the group')
    .addOption(
      new Option(
        '--reduction-bound <kind>',
        "Reduction's eps bounds each pair of groups (pairwise, the default) or each group against the overall rate (to-overall, fairlearn's); points are measured pairwise either way",
      ).choices(['pairwise', 'to-overall']),
    )
    .option('--timings', 'put fit times into the JSON report (they differ between runs)');
  addOutputOptions(cmd);
  cmd.addHelpText('after', EXAMPLES).action(async (file: string | undefined, options: BenchmarkOptions) => {
    const explicitLearners = options.model !== undefined ? learnersOf(options.model) : undefined;
    const bound = options.reductionBound;
    if (bound !== undefined && bound !== 'pairwise' && bound !== 'to-overall')
      throw new InputError(
        'E_BAD_OPTION',
        `--reduction-bound must be pairwise or to-overall, got "${bound}"`,
        {
          option: '--reduction-bound',
        },
      );
    // docs/constraints.md, How eps compares: fairlearn's semantics on request.
    const methods = interventionsOf(options.methods).map((m) =>
      m.method === 'reduction' && bound !== undefined ? createReduction({ bound }) : m,
    );
    if (!isMeasure(options.measure))
      throw new InputError('E_BAD_OPTION', `unknown measure "${options.measure}"`, { option: '--measure' });
    if (!isProtocol(options.protocol))
      throw new InputError('E_BAD_OPTION', `unknown protocol "${options.protocol}"`, {
        option: '--protocol',
      });
    const seeds = integerOption(options.seeds, '--seeds', OPTION_LIMITS.seeds);
    const seed = integerOption(options.seed, '--seed', OPTION_LIMITS.seed);
    const knobs = parseKnobs(options.knobs ?? []);
    const postFit = postFitOption(options.postFit);
    await checkOutputOptions(options, { inputs: runInputs(file, options) });
    const input = await loadInput(file, options);
    // The paper's base model by default under the paper protocol (docs/reproduction.md, Base models).
    const modelLearners =
      explicitLearners ?? learnersOf(options.protocol === 'paper' ? paperPresetFor(input.table.name) : 'rf');
    const progress = progressBar(io, 'benchmark', { enabled: wantsProgress(options) });
    try {
      const result = await runBenchmark({
        table: input.table,
        learners: modelLearners,
        interventions: methods,
        measure: options.measure,
        seed,
        seeds,
        protocol: options.protocol,
        ...(postFit ? { paperShares: postFit } : {}),
        knobs,
        isGroupAware: !options.groupBlind,
        onProgress: (p) => progress.onProgress(p.done, p.total),
      });
      progress.stop();
      // The report's frontier is the benchmark's curve; its models are the points (drawn with their gap segments).
      const given: GivenModelPoint[] = result.points.map((p) => ({
        name: p.model === 'none' ? p.method : `${p.model} ${p.method}`,
        measure: result.measure,
        violation: Math.min(1, p.violations[result.measure].mean),
        accuracy: p.accuracy.mean,
      }));
      const report = await frontierReport(input, {
        alphas: { [result.measure]: result.frontier.points.map((p) => p.alpha) },
        isGroupAware: result.isGroupAware,
        models: given,
        seed,
      });
      const full = { ...report, benchmark: benchmarkSection(result, options.timings === true) };
      const isJson = options.json === true || options.format === 'json';
      if (isJson || options.format !== undefined || options.out !== undefined)
        await emitReport(full, options, io, { inputs: runInputs(file, options) });
      else {
        await emitReport(full, options, { ...io, stdout: discard }, { inputs: runInputs(file, options) });
        io.stdout.write(terminalText(io.stdout, benchmarkTable(result)));
      }
    } finally {
      progress.stop();
    }
    setExitCode(0);
  });
};
