import type { EncodedTable } from '../data/table.js';
import { bayesAccuracy, distributionFromTable } from '../distribution/index.js';
import { InputError, describeValue } from '../errors.js';
import { runBenchmark, type BenchmarkOptions, type BenchmarkResult } from '../interventions/index.js';
import { heldOutFrontier, sweepFrontier, type Algorithm } from '../limits/index.js';
import { isMeasure, type Alphas, type Measure } from '../metrics/measure.js';
import { createRng } from '../rng.js';
import { handleMissing, type ModeSource } from './handle-missing.js';
import { type Mechanism, checkRates, isMechanismKind, mechanismLabel } from './mechanism.js';
import { drawMissingMask, maskRates } from './missing-mask.js';
import { selectColumns, type MissingSource } from './missing-source.js';
import { summarize, type SeedSummary } from './seed-summary.js';
import { isStrategy, type Strategy } from './strategy.js';
import { CELL_ADDING_STRATEGIES, DEFAULT_HELD_OUT, DEFAULT_SEEDS, INFLATION_TOL } from './tolerances.js';
import { checkOptionsObject } from '../check-masses.js';

/** Fork stream of a replicate's held-out split (mask columns use streams 0..nColumns-1). */
const SPLIT_STREAM = 1_000_000;

/** One missingness setting of the study: a mechanism with its rates, and a label for tables and charts. */
export interface MissingScenario {
  readonly name: string;
  readonly mechanism: Mechanism;
}

export interface MissingProgress {
  readonly done: number;
  readonly total: number;
  readonly scenario: string;
  readonly strategy: Strategy | 'complete';
  readonly seedIndex: number;
}

export interface MissingStudyOptions {
  readonly source: MissingSource;
  readonly scenarios: readonly MissingScenario[];
  /** Handling strategies to compare. Default ['mode'] (the paper's). */
  readonly strategies?: readonly Strategy[];
  /** Source columns that can go missing. Default all. */
  readonly columns?: readonly string[];
  /** The swept measure. Default 'eo' (the paper's figures). */
  readonly measure?: Measure;
  /** Its alphas, each in [0, 1], ascending for the best warm starts. */
  readonly alphas: readonly number[];
  /** The other measures' alphas (absent = vacuous). */
  readonly fixed?: Partial<Alphas>;
  /** Required: every random choice derives from it. Replicate r uses createRng(seed).fork(r). */
  readonly seed: number;
  /** Replicates (masks) per scenario. Default 10. */
  readonly seeds?: number;
  readonly modes?: ModeSource;
  /** Group in the cell key (the paper's). Default true. */
  readonly isGroupAware?: boolean;
  readonly algorithm?: Algorithm;
  readonly timeLimitSeconds?: number;
  /**
   * Also estimate the held-out frontier (docs/design.md, Blackwell, cuts and continuous features): solve on a training split, apply the optimal h to the
   * held-out rows (`heldOutFrontier` of src/limits). Give a held-out share or a number of folds. The split of
   * replicate r is seeded from createRng(seed).fork(r), so the complete data and every strategy of that
   * replicate share it. Absent = in sample only, except when a strategy adds cells (the indicator): its
   * in-sample frontier is inflated by the extra cells, so the held-out frontier is then estimated by default
   * (DEFAULT_HELD_OUT, 5-fold cross-fitting). `false` = in sample only in every case.
   */
  readonly heldOut?: { readonly holdout?: number; readonly folds?: number } | false;
  /**
   * Also benchmark interventions under missingness on each handled table: one harness run
   * per replicate (its own `seeds` = 1, seeded from the replicate), points summarized over the replicates with
   * their epistemic gaps. Absent = no benchmark (it costs far more than the frontier).
   */
  readonly benchmark?: Omit<
    BenchmarkOptions,
    'table' | 'seed' | 'seeds' | 'onProgress' | 'measure' | 'isGroupAware'
  >;
  readonly onProgress?: (progress: MissingProgress) => void;
}

/** One benchmark point (model, method, knob) over the replicates of a setting. */
export interface MissingBenchmarkPoint {
  readonly model: string;
  readonly method: string;
  readonly knob: number | null;
  readonly accuracy: SeedSummary;
  /** Measured violation of the study's measure. */
  readonly violation: SeedSummary;
  /**
   * FairFront of the handled data at the point's violation minus its accuracy (docs/design.md, The frontier
   * and the gap).
   */
  readonly gap: SeedSummary;
  /** The same classifier evaluated on every row of its handled data: in sample, >= 0 up to the LP tolerance. */
  readonly fullDataGap: SeedSummary;
  /** Each replicate's values (the summaries above are over these), so every gap can be recomputed. */
  readonly replicates: readonly MissingBenchmarkReplicate[];
}

/** One replicate's benchmark point: gap = frontierAccuracy - accuracy, both on that replicate's handled cells. */
export interface MissingBenchmarkReplicate {
  readonly seedIndex: number;
  readonly accuracy: number;
  readonly violation: number;
  /** FairFront of the replicate's handled data at `violation`. */
  readonly frontierAccuracy: number;
  readonly gap: number;
  readonly fullDataGap: number;
}

/** Held-out evaluation of the training-optimal rule at each alpha (one replicate). */
export interface HeldOutCurve {
  readonly accuracy: readonly number[];
  /** The rule's held-out violation of the swept measure (may exceed alpha: sampling noise). */
  readonly violation: readonly number[];
  /** Share of held-out rows in cells unseen in training (predicted by the group-average fallback). */
  readonly unseenRowShare: number;
}

/** One (scenario, strategy, replicate): the frontier on the handled data and its drop from the complete data. */
export interface MissingRun {
  readonly scenario: string;
  readonly strategy: Strategy;
  readonly seedIndex: number;
  /** Rows the frontier is computed on (complete-case keeps fewer). */
  readonly nRows: number;
  readonly nCells: number;
  /** Realized missing share per perturbed column and group: rate[column][group]. */
  readonly missingRate: readonly (readonly number[])[];
  /** FairFront on the handled data, in sample, at each alpha. */
  readonly accuracy: readonly number[];
  readonly bayesAccuracy: number;
  /** complete FairFront - this FairFront at each alpha: the aleatoric cost of missingness (in sample). */
  readonly drop: readonly number[];
  /** Held-out accuracy and violation, and drop = complete held-out - this held-out (same split seed). */
  readonly heldOut?: HeldOutCurve & { readonly drop: readonly number[] };
}

/** A (scenario, strategy) summarized over replicates. */
export interface MissingSetting {
  readonly scenario: string;
  readonly mechanism: Mechanism;
  readonly strategy: Strategy;
  /** Replicates left out because their handled data had no frontier (see `MissingStudy.failures`). */
  readonly failedRuns: number;
  readonly accuracy: readonly SeedSummary[];
  readonly drop: readonly SeedSummary[];
  readonly bayesAccuracy: SeedSummary;
  readonly nCells: SeedSummary;
  readonly nRows: SeedSummary;
  /** Interventions under missingness, when `benchmark` was given. */
  readonly benchmark?: readonly MissingBenchmarkPoint[];
  /** Realized missing share per perturbed column (study `columns` order), per group. */
  readonly missingRate: readonly { readonly column: string; readonly byGroup: readonly SeedSummary[] }[];
  readonly heldOut?: {
    readonly accuracy: readonly SeedSummary[];
    readonly violation: readonly SeedSummary[];
    readonly drop: readonly SeedSummary[];
    readonly unseenRowShare: SeedSummary;
  };
  /** The handling has more cells than the complete data on average (the indicator's extra category). */
  readonly addsCells: boolean;
  /**
   * The mean in-sample frontier lies above the complete data's at some alpha: more cells per row fit more
   * noise, so the in-sample value is inflated; read the held-out frontier instead.
   */
  readonly inSampleInflated: boolean;
}

export interface MissingStudy {
  readonly source: string;
  /** Source columns that could go missing. */
  readonly columns: readonly string[];
  readonly groupNames: readonly string[];
  readonly minorityGroup: number;
  readonly measure: Measure;
  readonly alphas: readonly number[];
  readonly fixed: Partial<Alphas>;
  readonly seed: number;
  readonly seeds: number;
  readonly isGroupAware: boolean;
  readonly modes: ModeSource;
  /** The complete data (no value missing): the reference of every drop. */
  readonly complete: {
    readonly accuracy: readonly number[];
    readonly bayesAccuracy: number;
    readonly nCells: number;
    readonly nRows: number;
    /** Interventions on the complete data, when `benchmark` was given. */
    readonly benchmark?: readonly MissingBenchmarkPoint[];
    /** Held-out curve of the complete data, over the replicates' splits. */
    readonly heldOut?: {
      readonly accuracy: readonly SeedSummary[];
      readonly violation: readonly SeedSummary[];
    };
  };
  /** The held-out protocol, when estimated. */
  readonly heldOut?: { readonly holdout?: number; readonly folds?: number };
  readonly settings: readonly MissingSetting[];
  readonly runs: readonly MissingRun[];
  /** Replicates whose handled data has no frontier (a (group, label) pair without rows), with the reason. */
  readonly failures: readonly MissingFailure[];
}

export interface MissingFailure {
  readonly scenario: string;
  readonly strategy: Strategy;
  readonly seedIndex: number;
  readonly code: string;
  readonly message: string;
}

/** Errors that mean "this handled data has no frontier", not "the study is wrong". */
const NO_FRONTIER_CODES = new Set<string>([
  'E_EMPTY_INPUT',
  'E_EMPTY_GROUP',
  'E_EMPTY_GROUP_LABEL',
  'E_TOO_FEW_GROUPS',
  'E_TOO_FEW_CLASSES',
]);

function checkOptions(options: MissingStudyOptions): {
  strategies: readonly Strategy[];
  measure: Measure;
  seeds: number;
} {
  const strategies = options.strategies ?? ['mode'];
  if (strategies.length === 0)
    throw new InputError('E_BAD_OPTION', 'give at least one handling strategy', { option: 'impute' });
  for (const s of strategies)
    if (!isStrategy(s))
      throw new InputError('E_BAD_OPTION', `unknown handling strategy "${s}"`, { option: 'impute' });
  const measure = options.measure ?? 'eo';
  if (!isMeasure(measure))
    throw new InputError('E_BAD_OPTION', `unknown measure "${measure}"`, { option: 'measure' });
  const seeds = options.seeds ?? DEFAULT_SEEDS;
  if (!Number.isInteger(seeds) || seeds < 1)
    throw new InputError('E_BAD_OPTION', `seeds must be an integer >= 1, got ${seeds}`, { option: 'seeds' });
  if (!Number.isInteger(options.seed))
    throw new InputError('E_BAD_OPTION', `seed must be an integer, got ${options.seed}`, { option: 'seed' });
  if (options.scenarios.length === 0)
    throw new InputError('E_BAD_OPTION', 'give at least one missingness scenario', { option: 'rate-minor' });
  const names = new Set<string>();
  for (const s of options.scenarios) {
    if (!isMechanismKind(s.mechanism.kind))
      throw new InputError('E_BAD_OPTION', `unknown mechanism "${s.mechanism.kind}"`, {
        option: 'mechanism',
      });
    checkRates(s.mechanism.rateByGroup, options.source.groupNames.length);
    if (names.has(s.name))
      throw new InputError('E_BAD_OPTION', `two scenarios are named "${s.name}"`, { option: 'scenarios' });
    names.add(s.name);
  }
  return { strategies, measure, seeds };
}

/**
 * The missing-value study of docs/design.md (Missing values): for every scenario (mechanism and rates),
 * replicate (seeded mask) and handling strategy, the exact in-sample FairFront of the handled data along one
 * measure, and its drop from the complete data's frontier (the aleatoric cost of missingness), with mean and
 * spread over replicates. Masks are drawn with common random numbers: replicate r uses the same uniforms in
 * every scenario, so masks are nested across rates and the differences between scenarios are not sampling
 * noise of the masks.
 * @throws InputError E_BAD_OPTION, E_BAD_ALPHA, E_MISSING_COLUMN and the strategies' errors; SolverError
 * @example
 * const study = await missingStudy({ source: compasSource(loadCompasRaw()), alphas: [0, 0.05],
 *   scenarios: [{ name: '10/50', mechanism: { kind: 'mcar', rateByGroup: [0.5, 0.1] } }], seed: 1, seeds: 3 });
 */
/** @throws InputError E_BAD_OPTION when the source is not one that compasSource, adultSource or tableSource make */
function checkMissingSource(source: unknown): void {
  const s = source as Partial<MissingSource> | null | undefined;
  if (
    s === null ||
    typeof s !== 'object' ||
    !(s.group instanceof Int32Array) ||
    !Array.isArray(s.columns) ||
    typeof s.encode !== 'function'
  )
    throw new InputError(
      'E_BAD_OPTION',
      `source must be a missing-value source (compasSource, adultSource or tableSource), got ${describeValue(source)}`,
      { option: 'source' },
    );
}

export async function missingStudy(options: MissingStudyOptions): Promise<MissingStudy> {
  checkOptionsObject(options, 'options');
  checkMissingSource(options.source);
  const { source } = options;
  const { strategies, measure, seeds } = checkOptions(options);
  const columns = selectColumns(source, options.columns);
  const isGroupAware = options.isGroupAware ?? true;
  const modes = options.modes ?? 'fixed';
  const fixed = options.fixed ?? {};
  const sweepOptions = {
    measure,
    alphas: options.alphas,
    fixed,
    ...(options.algorithm !== undefined ? { algorithm: options.algorithm } : {}),
    ...(options.timeLimitSeconds !== undefined ? { timeLimitSeconds: options.timeLimitSeconds } : {}),
  };
  const heldOut =
    options.heldOut === false
      ? undefined
      : (options.heldOut ??
        (strategies.some((s) => CELL_ADDING_STRATEGIES.includes(s)) ? DEFAULT_HELD_OUT : undefined));
  const total =
    1 + options.scenarios.length * seeds * strategies.length + (heldOut || options.benchmark ? seeds : 0);
  let done = 0;
  // Replicate r's split seed: an integer from its own stream (far from the mask's column streams 0..p-1).
  const splitSeed = (r: number) =>
    Math.floor(createRng(options.seed).fork(r).fork(SPLIT_STREAM).next() * 2 ** 31);
  const alphaRecords = options.alphas.map((a) => ({ ...fixed, [measure]: a }));
  const heldOutCurve = async (table: EncodedTable, r: number): Promise<HeldOutCurve> => {
    const estimate = await heldOutFrontier(table, {
      alphas: alphaRecords,
      ...heldOut,
      seed: splitSeed(r),
      isGroupAware,
      ...(options.algorithm !== undefined ? { algorithm: options.algorithm } : {}),
      ...(options.timeLimitSeconds !== undefined ? { timeLimitSeconds: options.timeLimitSeconds } : {}),
    });
    return {
      accuracy: estimate.points.map((p) => p.heldOut.accuracy),
      violation: estimate.points.map((p) => p.heldOut.violations[measure]),
      unseenRowShare: estimate.points[0].heldOut.unseenRowShare,
    };
  };

  const completeTable = source.encode(source.columns.map((c) => c.values));
  const completeDistribution = distributionFromTable(completeTable, { isGroupAware }).distribution;
  const completeSweep = await sweepFrontier(completeDistribution, sweepOptions);
  const completeAccuracy = completeSweep.points.map((p) => p.accuracy);
  options.onProgress?.({ done: ++done, total, scenario: 'complete', strategy: 'complete', seedIndex: 0 });
  const benchmarkOf = async (table: EncodedTable, r: number): Promise<BenchmarkResult | undefined> =>
    options.benchmark
      ? runBenchmark({ ...options.benchmark, table, measure, isGroupAware, seed: splitSeed(r), seeds: 1 })
      : undefined;
  const completeHeldOut: HeldOutCurve[] = [];
  const completeBenchmarks: ReplicateBenchmark[] = [];
  if (heldOut || options.benchmark)
    for (let r = 0; r < seeds; r++) {
      if (heldOut) completeHeldOut.push(await heldOutCurve(completeTable, r));
      const bench = await benchmarkOf(completeTable, r);
      if (bench) completeBenchmarks.push({ seedIndex: r, result: bench });
      options.onProgress?.({ done: ++done, total, scenario: 'complete', strategy: 'complete', seedIndex: r });
    }
  const benchmarksBySetting = new Map<string, ReplicateBenchmark[]>();

  const runs: MissingRun[] = [];
  const failures: MissingFailure[] = [];
  for (const scenario of options.scenarios)
    for (let r = 0; r < seeds; r++) {
      const mask = drawMissingMask(source, columns, scenario.mechanism, createRng(options.seed).fork(r));
      const rates = maskRates(mask, source.group, source.groupNames.length);
      for (const strategy of strategies) {
        try {
          const handled = handleMissing(source, mask, strategy, { modes });
          const distribution = distributionFromTable(handled.table, { isGroupAware }).distribution;
          const sweep = await sweepFrontier(distribution, sweepOptions);
          const accuracy = sweep.points.map((p) => p.accuracy);
          let held: MissingRun['heldOut'];
          if (heldOut) {
            const curve = await heldOutCurve(handled.table, r);
            held = { ...curve, drop: curve.accuracy.map((a, t) => completeHeldOut[r].accuracy[t] - a) };
          }
          const bench = await benchmarkOf(handled.table, r);
          if (bench) {
            const key = `${scenario.name}\u0000${strategy}`;
            benchmarksBySetting.set(key, [
              ...(benchmarksBySetting.get(key) ?? []),
              { seedIndex: r, result: bench },
            ]);
          }
          runs.push({
            scenario: scenario.name,
            strategy,
            seedIndex: r,
            nRows: handled.table.nRows,
            nCells: distribution.nCells,
            missingRate: columns.map((j) => rates.rate[j]),
            accuracy,
            bayesAccuracy: bayesAccuracy(distribution),
            drop: accuracy.map((a, t) => completeAccuracy[t] - a),
            ...(held ? { heldOut: held } : {}),
          });
        } catch (error) {
          // Data a strategy leaves without rows for some (group, label) pair has no frontier (e.g. complete-case
          // at high minority rates): that is a finding, recorded with its reason, not a crash of the study.
          if (!(error instanceof InputError) || !NO_FRONTIER_CODES.has(error.code)) throw error;
          failures.push({
            scenario: scenario.name,
            strategy,
            seedIndex: r,
            code: error.code,
            message: error.message,
          });
        }
        options.onProgress?.({ done: ++done, total, scenario: scenario.name, strategy, seedIndex: r });
      }
    }

  const settings: MissingSetting[] = [];
  for (const scenario of options.scenarios)
    for (const strategy of strategies) {
      const mine = runs.filter((run) => run.scenario === scenario.name && run.strategy === strategy);
      if (mine.length === 0) continue; // every replicate failed: only in `failures`
      const perAlpha = (pick: (run: MissingRun) => readonly number[]) =>
        options.alphas.map((_, t) => summarize(mine.map((run) => pick(run)[t])));
      settings.push({
        scenario: scenario.name,
        mechanism: scenario.mechanism,
        strategy,
        failedRuns: failures.filter((f) => f.scenario === scenario.name && f.strategy === strategy).length,
        accuracy: perAlpha((run) => run.accuracy),
        drop: perAlpha((run) => run.drop),
        bayesAccuracy: summarize(mine.map((run) => run.bayesAccuracy)),
        addsCells: summarize(mine.map((run) => run.nCells)).mean > completeDistribution.nCells,
        inSampleInflated: perAlpha((run) => run.drop).some((d) => d.mean < -INFLATION_TOL),
        nCells: summarize(mine.map((run) => run.nCells)),
        nRows: summarize(mine.map((run) => run.nRows)),
        ...(options.benchmark
          ? {
              benchmark: summarizeBenchmarks(
                benchmarksBySetting.get(`${scenario.name}\u0000${strategy}`) ?? [],
                measure,
              ),
            }
          : {}),
        missingRate: columns.map((j, c) => ({
          column: source.columns[j].name,
          byGroup: source.groupNames.map((_, s) => summarize(mine.map((run) => run.missingRate[c][s]))),
        })),
        ...(heldOut
          ? {
              heldOut: {
                accuracy: perAlpha((run) => run.heldOut!.accuracy),
                violation: perAlpha((run) => run.heldOut!.violation),
                drop: perAlpha((run) => run.heldOut!.drop),
                unseenRowShare: summarize(mine.map((run) => run.heldOut!.unseenRowShare)),
              },
            }
          : {}),
      });
    }
  return {
    source: source.name,
    columns: columns.map((j) => source.columns[j].name),
    groupNames: source.groupNames,
    minorityGroup: source.minorityGroup,
    measure,
    alphas: [...options.alphas],
    fixed,
    seed: options.seed,
    seeds,
    isGroupAware,
    modes,
    complete: {
      accuracy: completeAccuracy,
      bayesAccuracy: completeSweep.bayesAccuracy,
      nCells: completeDistribution.nCells,
      nRows: completeTable.nRows,
      ...(options.benchmark ? { benchmark: summarizeBenchmarks(completeBenchmarks, measure) } : {}),
      ...(heldOut
        ? {
            heldOut: {
              accuracy: options.alphas.map((_, t) => summarize(completeHeldOut.map((c) => c.accuracy[t]))),
              violation: options.alphas.map((_, t) => summarize(completeHeldOut.map((c) => c.violation[t]))),
            },
          }
        : {}),
    },
    ...(heldOut ? { heldOut } : {}),
    settings,
    runs,
    failures,
  };
}

interface ReplicateBenchmark {
  readonly seedIndex: number;
  readonly result: BenchmarkResult;
}

/** Points of several harness runs (one per replicate) summarized per (model, method, knob). */
function summarizeBenchmarks(
  results: readonly ReplicateBenchmark[],
  measure: Measure,
): MissingBenchmarkPoint[] {
  const byKey = new Map<
    string,
    { model: string; method: string; knob: number | null; replicates: MissingBenchmarkReplicate[] }
  >();
  for (const { seedIndex, result } of results)
    for (const p of result.points) {
      const key = `${p.model}\u0000${p.method}\u0000${p.knob}`;
      let entry = byKey.get(key);
      if (!entry)
        byKey.set(key, (entry = { model: p.model, method: p.method, knob: p.knob, replicates: [] }));
      // One harness replicate per run: its mean is the replicate's value.
      entry.replicates.push({
        seedIndex,
        accuracy: p.accuracy.mean,
        violation: p.violations[measure].mean,
        frontierAccuracy: p.frontierAccuracy,
        gap: p.gap,
        fullDataGap: p.fullData.gap,
      });
    }
  return [...byKey.values()].map((e) => ({
    model: e.model,
    method: e.method,
    knob: e.knob,
    accuracy: summarize(e.replicates.map((x) => x.accuracy)),
    violation: summarize(e.replicates.map((x) => x.violation)),
    gap: summarize(e.replicates.map((x) => x.gap)),
    fullDataGap: summarize(e.replicates.map((x) => x.fullDataGap)),
    replicates: e.replicates,
  }));
}

/** Scenarios r_major / r_minor for each minority rate (the paper: 10% vs 10, 30, 50, 70%). */
export function paperScenarios(
  source: MissingSource,
  options: { readonly rateMajor: number; readonly rateMinor: readonly number[]; readonly kind?: 'mcar' },
): MissingScenario[] {
  return options.rateMinor.map((minor) => {
    const rateByGroup = source.groupNames.map((_, s) =>
      s === source.minorityGroup ? minor : options.rateMajor,
    );
    const mechanism: Mechanism = { kind: options.kind ?? 'mcar', rateByGroup };
    return { name: `${pct(options.rateMajor)}/${pct(minor)}`, mechanism };
  });
}

const pct = (r: number): string => `${+(r * 100).toFixed(2)}%`;
export { mechanismLabel };
