import { type Command, Option } from 'commander';
import { loadAdultRaw, loadCompasRaw } from '../../data/index.js';
import { InputError } from '../../errors.js';
import { METHOD_NAMES } from '../../interventions/index.js';
import {
  ModeSource,
  STRATEGIES,
  adultSource,
  compasSource,
  isMechanismKind,
  isStrategy,
  tableSource,
  type Mechanism,
  type MissingScenario,
  type MissingSource,
  type MissingStudyOptions,
  type Strategy,
} from '../../missing/index.js';
import { missingReport, type FrontierReportInput } from '../../report/index.js';
import { integerOption, interventionsOf, learnersOf, parseKnobs } from '../benchmark-options.js';
import type { RegisterCommand } from '../context.js';
import { OPTION_LIMITS, numberOption } from '../number-options.js';
import {
  type ConstraintOptionValues,
  type DataOptionValues,
  type OutputOptionValues,
  addDataOptions,
  addOutputOptions,
  checkOutputOptions,
  runInputs,
  constraintsOf,
  emitReport,
  loadInput,
  splitList,
  wantsProgress,
} from '../options.js';
import { progressBar } from '../progress.js';

interface MissingOptions extends DataOptionValues, Omit<ConstraintOptionValues, 'model'>, OutputOptionValues {
  readonly mechanism: string;
  readonly rateMajor: string;
  readonly rateMinor: string;
  readonly minority?: string;
  readonly perturb?: string;
  readonly impute: string;
  readonly modes: string;
  readonly numeric?: string;
  readonly driver?: string;
  readonly strength?: string;
  readonly seeds: string;
  readonly seed: string;
  readonly holdout?: string;
  readonly folds?: string;
  readonly benchmark?: boolean;
  readonly model?: string;
  readonly methods?: string;
  readonly knobs?: string[];
}

/** Methods benchmarked by default under missingness (kept small: the harness runs per setting and seed). */
const DEFAULT_MISSING_METHODS = 'reduction,eqodds';
/** Knob values per method by default: the first, middle and last of its default sweep. */
const DEFAULT_KNOB_COUNT = 3;

function fewKnobs(knobs: readonly number[]): number[] {
  if (knobs.length <= DEFAULT_KNOB_COUNT) return [...knobs];
  return [...new Set([0, Math.floor((knobs.length - 1) / 2), knobs.length - 1])].map((i) => knobs[i]);
}

/** The harness options of --benchmark (absent without it; --model/--methods/--knobs alone are refused). */
function benchmarkOf(o: MissingOptions): MissingStudyOptions['benchmark'] {
  if (!o.benchmark) {
    const stray =
      o.model !== undefined
        ? '--model'
        : o.methods !== undefined
          ? '--methods'
          : o.knobs
            ? '--knobs'
            : undefined;
    if (stray) throw new InputError('E_USAGE', `${stray} applies with --benchmark only`, { option: stray });
    return undefined;
  }
  const methods = interventionsOf(o.methods ?? DEFAULT_MISSING_METHODS);
  const given = parseKnobs(o.knobs ?? []);
  const knobs = Object.fromEntries(
    methods.map((m) => [m.method, given[m.method] ?? fewKnobs(m.defaultKnobs)]),
  );
  return { learners: learnersOf(o.model ?? 'rf'), interventions: methods, knobs };
}

const EXAMPLES = `
Examples:
  $ fairlimit missing --dataset compas --rate-major 0.1 --rate-minor 0.1,0.3,0.5,0.7 --eo 0:0.1:0.01 --plot missing.svg
  $ fairlimit missing --dataset adult --impute mode,indicator,complete-case --seeds 10 --holdout 0.3 --html missing.html
  $ fairlimit missing --dataset compas --mechanism mar --driver isMale --perturb age,priorsCount,stayDays --json
  $ fairlimit missing --dataset compas --rate-minor 0.1,0.7 --seeds 3 --benchmark --model rf --methods reduction,eqodds
  $ fairlimit missing data.csv --group race --label y --bins age=quantile:5 --numeric age --impute mode,mean
`;

const integer = integerOption;

function rate(text: string, option: string): number {
  const v = Number(text.trim());
  if (text.trim() === '' || !(v >= 0 && v <= 1))
    throw new InputError('E_BAD_OPTION', `${option} takes rates in [0, 1], got "${text}"`, { option });
  return v;
}

/** The data to perturb: the raw records before discretization for COMPAS and Adult, else the encoded table. */
async function loadSource(
  file: string | undefined,
  o: MissingOptions,
): Promise<{ input: FrontierReportInput; source: MissingSource }> {
  const numericColumns = o.numeric ? splitList(o.numeric, '--numeric') : undefined;
  if (o.dataset === 'compas' || o.dataset === 'adult') {
    if (file !== undefined)
      throw new InputError('E_USAGE', 'give either FILE.csv or --dataset, not both', { option: '--dataset' });
    if (numericColumns)
      throw new InputError(
        'E_USAGE',
        '--numeric applies to CSV input; the reference sets know their numeric columns',
        { option: '--numeric' },
      );
    const source = o.dataset === 'compas' ? compasSource(loadCompasRaw()) : adultSource(loadAdultRaw());
    const table = source.encode(source.columns.map((c) => c.values));
    return { input: { table, source: { kind: 'dataset', name: o.dataset } }, source };
  }
  const input = await loadInput(file, o);
  const numeric =
    numericColumns ??
    input.tableSummary?.features.filter((f) => f.encoding === 'numeric').map((f) => f.name) ??
    [];
  const source = tableSource(input.table, {
    numericColumns: numeric,
    ...(o.minority !== undefined ? { minority: o.minority } : {}),
  });
  return { input, source };
}

/** Scenarios from --mechanism, --rate-major and --rate-minor (one scenario per minority rate). */
function scenariosOf(o: MissingOptions, source: MissingSource, minorityGroup: number): MissingScenario[] {
  if (!isMechanismKind(o.mechanism))
    throw new InputError('E_BAD_OPTION', `unknown mechanism "${o.mechanism}" (use mcar, mar, mnar)`, {
      option: '--mechanism',
    });
  const major = rate(o.rateMajor, '--rate-major');
  const minors = splitList(o.rateMinor, '--rate-minor').map((r) => rate(r, '--rate-minor'));
  let strength: number | undefined;
  if (o.strength !== undefined) {
    strength = Number(o.strength);
    if (!Number.isFinite(strength))
      throw new InputError('E_BAD_OPTION', `--strength must be a number, got "${o.strength}"`, {
        option: '--strength',
      });
  }
  if (o.mechanism === 'mar' && o.driver === undefined)
    throw new InputError(
      'E_USAGE',
      'the MAR mechanism needs --driver COLUMN (an observed column that drives the rate)',
      { option: '--driver' },
    );
  if (o.mechanism !== 'mar' && o.driver !== undefined)
    throw new InputError('E_USAGE', '--driver applies to --mechanism mar only', { option: '--driver' });
  if (o.mechanism === 'mcar' && strength !== undefined)
    throw new InputError('E_USAGE', '--strength applies to --mechanism mar and mnar only', {
      option: '--strength',
    });
  const pct = (r: number) => `${+(r * 100).toFixed(2)}%`;
  return minors.map((minor) => {
    const rateByGroup = source.groupNames.map((_, s) => (s === minorityGroup ? minor : major));
    const mechanism: Mechanism =
      o.mechanism === 'mcar'
        ? { kind: 'mcar', rateByGroup }
        : o.mechanism === 'mar'
          ? { kind: 'mar', rateByGroup, driver: o.driver!, ...(strength !== undefined ? { strength } : {}) }
          : { kind: 'mnar', rateByGroup, ...(strength !== undefined ? { strength } : {}) };
    return { name: `${pct(major)}/${pct(minor)}`, mechanism };
  });
}

export const registerMissing: RegisterCommand = (program: Command, { io, setExitCode }) => {
  const cmd = program
    .command('missing')
    .description(
      'how disparate missing values lower the fairness limit itself, and what handling recovers (docs/design.md, Missing values)',
    )
    .argument('[file]', 'CSV file');
  addDataOptions(cmd);
  cmd
    .addOption(
      new Option('--mechanism <kind>', 'how values go missing')
        .choices(['mcar', 'mar', 'mnar'])
        .default('mcar'),
    )
    .option('--rate-major <rate>', 'missing rate of the majority group(s)', '0.1')
    .option(
      '--rate-minor <rates>',
      'missing rates of the minority group, comma-separated: one scenario each',
      '0.1,0.3,0.5,0.7',
    )
    .option(
      '--minority <group>',
      'the group that gets --rate-minor (default: African-American on COMPAS, Female on Adult, else the smallest group)',
    )
    .option(
      '--perturb <cols>',
      'columns that can go missing, comma-separated (default: every feature column)',
    )
    .option(
      '--impute <strategies>',
      `handling strategies, comma-separated (${STRATEGIES.join(', ')})`,
      'mode',
    )
    .addOption(
      new Option('--modes <source>', "mode imputation's values: the paper's fixed modes or the observed ones")
        .choices(Object.keys(ModeSource))
        .default('fixed'),
    )
    .option('--numeric <cols>', 'CSV: columns where mean/median apply (default: the numeric-encoded ones)')
    .option('--driver <col>', 'MAR: the observed column that drives the missing rate')
    .option('--strength <x>', 'MAR/MNAR: logistic slope per standard deviation of the driver (default 1)')
    .option('--seeds <n>', 'masks per scenario (mean and spread over them)', '10')
    .option('--seed <n>', 'random seed of every mask and split', '0')
    .option(
      '--holdout <share>',
      'also estimate the frontier held out: solve on a split, apply h to this share of rows',
    )
    .option('--folds <k>', 'also estimate the frontier held out by K-fold cross-fitting')
    .option('--sp <alphas>', 'statistical parity tolerance (swept if a list)')
    .option('--eo <alphas>', 'equalized odds tolerance (default when no constraint is given: 0:0.1:0.01)')
    .option('--oae <alphas>', 'overall accuracy equality tolerance')
    .option('--group-blind', 'cells without the group')
    .addOption(
      new Option('--algorithm <name>', 'HiGHS algorithm').choices(['auto', 'simplex', 'ipm']).default('auto'),
    )
    .option('--time-limit <seconds>', 'time limit of one LP solve in seconds')
    .option(
      '--benchmark',
      'also benchmark interventions on each handled table (one harness run per seed) with their epistemic gaps',
    )
    .option('--model <names>', `--benchmark: base models, comma-separated (logit, rf, gbm; default rf)`)
    .option(
      '--methods <names>',
      `--benchmark: interventions, comma-separated (${METHOD_NAMES.join(', ')}; default ${DEFAULT_MISSING_METHODS})`,
    )
    .option(
      '--knobs <METHOD=v1,v2,...>',
      `--benchmark: a method's knob values (repeatable; default the first, middle and last of its sweep)`,
      (v: string, prev: string[] = []) => [...prev, v],
    );
  addOutputOptions(cmd);
  cmd.addHelpText('after', EXAMPLES).action(async (file: string | undefined, options: MissingOptions) => {
    const strategies = splitList(options.impute, '--impute');
    for (const s of strategies)
      if (!isStrategy(s))
        throw new InputError('E_BAD_OPTION', `unknown strategy "${s}" (use ${STRATEGIES.join(', ')})`, {
          option: '--impute',
        });
    const seeds = integer(options.seeds, '--seeds', OPTION_LIMITS.seeds);
    const seed = integer(options.seed, '--seed', OPTION_LIMITS.seed);
    if (options.holdout !== undefined && options.folds !== undefined)
      throw new InputError('E_USAGE', 'give --holdout or --folds, not both', { option: '--holdout' });
    const heldOut =
      options.holdout !== undefined
        ? {
            holdout: numberOption(
              options.holdout,
              '--holdout',
              (v) => v > 0 && v < 1,
              'a fraction strictly between 0 and 1',
            ),
          }
        : options.folds !== undefined
          ? { folds: integer(options.folds, '--folds', OPTION_LIMITS.folds) }
          : undefined;
    const benchmark = benchmarkOf(options);
    // --model here names the benchmark's base models, not given classifier points (frontier's --model).
    const constraints = constraintsOf({ ...options, model: undefined });
    const swept = (['sp', 'eo', 'oae'] as const).filter((m) => (constraints.alphas[m]?.length ?? 0) > 1);
    if (swept.length > 1)
      throw new InputError(
        'E_USAGE',
        'the missing-value study sweeps one measure; give the others one value',
        { option: `--${swept[1]}` },
      );
    const measure =
      swept[0] ?? (['eo', 'sp', 'oae'] as const).find((m) => constraints.alphas[m] !== undefined) ?? 'eo';
    const fixed = Object.fromEntries(
      (['sp', 'eo', 'oae'] as const)
        .filter((m) => m !== measure && constraints.alphas[m])
        .map((m) => [m, constraints.alphas[m]![0]]),
    );
    await checkOutputOptions(options, { inputs: runInputs(file, options) });
    const { input, source } = await loadSource(file, options);
    let minorityGroup = source.minorityGroup;
    if (options.minority !== undefined) {
      minorityGroup = source.groupNames.indexOf(options.minority);
      if (minorityGroup < 0)
        throw new InputError(
          'E_BAD_OPTION',
          `unknown minority group "${options.minority}" (groups: ${source.groupNames.join(', ')})`,
          { option: '--minority' },
        );
    }
    const studySource = { ...source, minorityGroup };
    const progress = progressBar(io, 'missing', { enabled: wantsProgress(options) });
    try {
      const report = await missingReport(input, {
        source: studySource,
        scenarios: scenariosOf(options, source, minorityGroup),
        strategies: strategies as Strategy[],
        ...(options.perturb !== undefined ? { columns: splitList(options.perturb, '--perturb') } : {}),
        measure,
        alphas: constraints.alphas[measure]!,
        fixed,
        seed,
        seeds,
        modes: options.modes as ModeSource,
        isGroupAware: constraints.isGroupAware,
        algorithm: constraints.algorithm,
        ...(constraints.timeLimitSeconds !== undefined
          ? { timeLimitSeconds: constraints.timeLimitSeconds }
          : {}),
        ...(heldOut ? { heldOut } : {}),
        ...(benchmark ? { benchmark } : {}),
        onProgress: (p) => progress.onProgress(p.done, p.total),
      });
      progress.stop();
      await emitReport(report, options, io, { inputs: runInputs(file, options) });
    } finally {
      progress.stop();
    }
    setExitCode(0);
  });
};
