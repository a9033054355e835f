import { distributionFromTable } from '../../distribution/index.js';
import { InputError, describeValue } from '../../errors.js';
import { featureMatrixFromTable } from '../../learn/index.js';
import type { FeatureMatrix, Learner } from '../../learn/types.js';
import {
  achievableOnCurve,
  heldOutCurve,
  openFrontierModel,
  type FairFrontPoint,
  type FrontierModel,
  type HeldOutFrontierCurve,
} from '../../limits/index.js';
import { MEASURES, evaluatePredictions, isMeasure, type Measure } from '../../metrics/index.js';
import { linspace, summarize } from '../../numeric.js';
import { createRng, type Rng } from '../../rng.js';
import type { FittedIntervention, Intervention, InterventionData } from '../types.js';
import { DEFAULT_HOLDOUT_SHARES, DEFAULT_PAPER_SHARES, replicatesFor, type Replicate } from './protocol.js';
import {
  isProtocol,
  type BenchmarkOptions,
  type BenchmarkPoint,
  type BenchmarkResult,
  type FrontierCurvePoint,
  type FullDataEvaluation,
  type HoldoutShares,
  type PaperShares,
  type Protocol,
  type SkippedMethod,
  type Summary,
} from './types.js';
import { checkOptionsObject } from '../../check-masses.js';
import { checkEncodedTable } from '../../data/table.js';

/** Number of points of the default frontier curve. */
const FRONTIER_CURVE_POINTS = 21;
/** The default curve reaches at least this alpha, so that a benchmark of near-fair methods still shows a curve. */
const FRONTIER_CURVE_MIN_ALPHA = 0.02;
const DEFAULT_SEEDS = 10;

/** A stable stream number for a name, so that random streams do not depend on the order of lists. */
function streamOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function selectMatrix(x: FeatureMatrix, rows: Int32Array): FeatureMatrix {
  const nF = x.nFeatures;
  const values = new Float64Array(rows.length * nF);
  for (let r = 0; r < rows.length; r++)
    values.set(x.values.subarray(rows[r] * nF, (rows[r] + 1) * nF), r * nF);
  return {
    nRows: rows.length,
    nFeatures: nF,
    values,
    ...(x.featureNames ? { featureNames: x.featureNames } : {}),
  };
}

function selectRowsOf<T extends Int32Array | Float64Array>(src: T, rows: Int32Array, width = 1): T {
  const out = new (src.constructor as { new (n: number): T })(rows.length * width);
  for (let r = 0; r < rows.length; r++)
    for (let c = 0; c < width; c++) out[r * width + c] = src[rows[r] * width + c];
  return out;
}

const allRows = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

interface Evaluation {
  readonly accuracy: number;
  readonly violations: Record<Measure, number>;
  readonly brierScore: number;
}

/** One fitted classifier's predictions on every row, and how long it took. */
interface Run {
  readonly distribution: Float64Array;
  /** Probabilities used for the Brier score (the scores for a base model, else the distribution). */
  readonly probabilities: Float64Array;
  readonly fitMs: number;
  readonly elapsedMs: number;
  readonly diagnostics?: Readonly<Record<string, number | string | boolean>>;
}

/** The options of a run, checked and with their defaults filled in. */
interface Settings {
  readonly measure: Measure;
  readonly protocol: Protocol;
  readonly seeds: number;
  readonly modelNames: readonly string[];
  readonly isGroupAware: boolean;
  readonly includeBase: boolean;
  readonly shares: PaperShares | HoldoutShares;
}

/** @throws InputError E_BAD_OPTION naming the option */
function resolveSettings(options: BenchmarkOptions): Settings {
  const measure = options.measure ?? 'eo';
  if (!isMeasure(measure))
    throw new InputError('E_BAD_OPTION', `unknown measure ${describeValue(measure)}`, { option: 'measure' });
  const protocol = options.protocol ?? 'paper';
  if (!isProtocol(protocol))
    throw new InputError('E_BAD_OPTION', `unknown protocol "${protocol}" (use paper or holdout)`, {
      option: 'protocol',
    });
  const seeds = options.seeds ?? DEFAULT_SEEDS;
  if (!(Number.isInteger(seeds) && seeds >= 1))
    throw new InputError('E_BAD_OPTION', `seeds must be a positive integer, got ${seeds}`, {
      option: 'seeds',
    });
  if (!Number.isInteger(options.seed))
    throw new InputError('E_BAD_OPTION', `seed must be an integer, got ${options.seed}`, { option: 'seed' });
  const modelNames = Object.keys(options.learners);
  if (modelNames.length === 0)
    throw new InputError('E_BAD_OPTION', 'the benchmark needs at least one base model', { option: 'models' });
  return {
    measure,
    protocol,
    seeds,
    modelNames,
    isGroupAware: options.isGroupAware ?? true,
    includeBase: options.includeBase ?? true,
    shares:
      protocol === 'paper'
        ? { ...DEFAULT_PAPER_SHARES, ...options.paperShares }
        : { ...DEFAULT_HOLDOUT_SHARES, ...options.holdoutShares },
  };
}

/** The interventions that can run on this data and measure, and why the others cannot. */
export function partitionInterventions(
  interventions: readonly Intervention[],
  measure: Measure,
  nClasses: number,
  nGroups: number,
): { readonly active: Intervention[]; readonly skipped: SkippedMethod[] } {
  const skipped: SkippedMethod[] = [];
  const active: Intervention[] = [];
  for (const intervention of interventions) {
    const reason = !intervention.supportedMeasures.includes(measure)
      ? `does not support the measure ${measure} (supports ${intervention.supportedMeasures.join(', ')})`
      : intervention.requiresBinaryLabel && nClasses !== 2
        ? `needs binary labels, the data has ${nClasses} classes`
        : intervention.requiresTwoGroups && nGroups !== 2
          ? `needs two groups, the data has ${nGroups}`
          : intervention.maxGroups !== undefined && nGroups > intervention.maxGroups
            ? `writes a constraint per pair of groups: the data has ${nGroups} groups, the limit is ${intervention.maxGroups}`
            : undefined;
    if (reason) skipped.push({ method: intervention.method, reason });
    else active.push(intervention);
  }
  return { active, skipped };
}

/** @throws InputError E_BAD_OPTION for a knob that is not a finite number */
function knobsOf(options: BenchmarkOptions, intervention: Intervention): readonly number[] {
  const knobs = options.knobs?.[intervention.method] ?? intervention.defaultKnobs;
  for (const k of knobs)
    if (typeof k !== 'number' || !Number.isFinite(k))
      throw new InputError(
        'E_BAD_OPTION',
        `knob values of ${intervention.method} must be finite numbers, got ${k}`,
        {
          option: 'knobs',
        },
      );
  return knobs;
}

/** Under 'paper', in-processing methods train once on every row, shared by all replicates. */
const isShared = (protocol: Protocol, intervention: Intervention) =>
  protocol === 'paper' && intervention.stage === 'in-processing';

/** Progress in fits: the total, and a tick per fit. */
function progressCounter(
  options: BenchmarkOptions,
  settings: Settings,
  active: readonly Intervention[],
): (model: string, method: string, knob: number | null) => void {
  const { modelNames, protocol, seeds } = settings;
  let total = modelNames.length * (protocol === 'paper' ? 1 : seeds);
  for (const intervention of active) {
    const nModels = intervention.usesLearner === false ? 1 : modelNames.length;
    total += nModels * knobsOf(options, intervention).length * (isShared(protocol, intervention) ? 1 : seeds);
  }
  let done = 0;
  return (model, method, knob) => {
    done++;
    options.onProgress?.({ done, total, model, method, knob });
  };
}

/** FairFront of the cells at one alpha of the measure, each alpha solved once on the one open model. */
interface FrontierCache {
  readonly at: (alpha: number) => FairFrontPoint;
  /** Wall time spent in LP solves so far. */
  readonly ms: () => number;
}

function frontierCache(frontier: FrontierModel, measure: Measure): FrontierCache {
  const solved = new Map<number, FairFrontPoint>();
  let frontierMs = 0;
  return {
    at(alpha) {
      const a = Math.min(1, Math.max(0, alpha));
      let point = solved.get(a);
      if (!point) {
        const t0 = performance.now();
        point = frontier.solve({ [measure]: a });
        frontierMs += performance.now() - t0;
        solved.set(a, point);
      }
      return point;
    },
    ms: () => frontierMs,
  };
}

/** What every stage of one run shares: the data, its features, the replicates and the frontier. */
interface Context {
  readonly options: BenchmarkOptions;
  readonly settings: Settings;
  readonly table: BenchmarkOptions['table'];
  readonly x: FeatureMatrix;
  readonly nClasses: number;
  readonly nGroups: number;
  readonly root: Rng;
  readonly replicates: readonly Replicate[];
  readonly everyRow: Int32Array;
  readonly frontier: FrontierCache;
  /** Holdout protocol: per replicate, the frontier its test rows can reach (the lower end of the gap bracket). */
  readonly heldOutCurves?: readonly HeldOutFrontierCurve[];
  readonly tick: (model: string, method: string, knob: number | null) => void;
  readonly addTime: (method: string, ms: number) => void;
}

/** Accuracy, violations and Brier score of one run on some rows, by the one metric engine. */
function evaluateRun(ctx: Context, run: Run, rows: Int32Array): Evaluation {
  const { table, nClasses, nGroups } = ctx;
  const sameRows = rows === ctx.everyRow;
  const metrics = evaluatePredictions({
    group: sameRows ? table.group : selectRowsOf(table.group, rows),
    label: sameRows ? table.label : selectRowsOf(table.label, rows),
    distribution: sameRows ? run.distribution : selectRowsOf(run.distribution, rows, nClasses),
    ...(table.weight ? { weight: sameRows ? table.weight : selectRowsOf(table.weight, rows) } : {}),
    nGroups,
    nClasses,
  });
  // The Brier score of the output probabilities (which differ from the predicted distribution for base models).
  let brier = metrics.brierScore ?? NaN;
  if (run.probabilities !== run.distribution) {
    let sum = 0;
    let weightSum = 0;
    for (const i of rows) {
      const w = table.weight ? table.weight[i] : 1;
      let b = 0;
      for (let c = 0; c < nClasses; c++)
        b += (run.probabilities[i * nClasses + c] - (table.label[i] === c ? 1 : 0)) ** 2;
      sum += w * b;
      weightSum += w;
    }
    brier = sum / weightSum;
  }
  return { accuracy: metrics.accuracy, violations: { ...metrics.violations }, brierScore: brier };
}

/** A point from its runs (one per replicate, or one shared): summaries over the replicates and the gaps. */
function summarizePoint(
  ctx: Context,
  model: string,
  method: string,
  knobName: string | null,
  knob: number | null,
  runs: readonly Run[],
): BenchmarkPoint {
  const { measure } = ctx.settings;
  const evaluations = ctx.replicates.map((rep, b) =>
    evaluateRun(ctx, runs[runs.length === 1 ? 0 : b], rep.evaluationRows),
  );
  const accuracy = summarize(evaluations.map((e) => e.accuracy));
  const violations = Object.fromEntries(
    MEASURES.map((m) => [m, summarize(evaluations.map((e) => e.violations[m]))]),
  ) as Record<Measure, Summary>;
  const at = ctx.frontier.at(violations[measure].mean);
  const full = evaluateRun(ctx, runs[0], ctx.everyRow);
  const fullAt = ctx.frontier.at(full.violations[measure]);
  const fullData: FullDataEvaluation = {
    accuracy: full.accuracy,
    violations: full.violations,
    frontierAccuracy: fullAt.accuracy,
    frontierDualBound: fullAt.dualBound,
    gap: fullAt.accuracy - full.accuracy,
  };
  return {
    model,
    method,
    knobName,
    knob,
    accuracy,
    violations,
    brierScore: summarize(evaluations.map((e) => e.brierScore)),
    fitMs: summarize(runs.map((r) => r.fitMs)),
    frontierAccuracy: at.accuracy,
    frontierDualBound: at.dualBound,
    gap: at.accuracy - accuracy.mean,
    gapHigh: at.accuracy - accuracy.mean,
    gapLow: ctx.heldOutCurves
      ? gapAgainstCurves(ctx.heldOutCurves, evaluations, measure)
      : at.accuracy - accuracy.mean,
    fullData,
    ...(runs[0].diagnostics ? { diagnostics: runs[0].diagnostics } : {}),
  };
}

/** Base models: one fit on every row (paper) or one per replicate's training rows (holdout). */
function fitBaseModels(ctx: Context, points: BenchmarkPoint[]): Record<string, Float64Array[]> {
  const { table, x, nClasses, root, replicates } = ctx;
  const { protocol, modelNames, includeBase } = ctx.settings;
  const baseScores: Record<string, Float64Array[]> = {};
  const trainingSets = protocol === 'paper' ? [replicates[0]] : replicates;
  for (const model of modelNames) {
    const learner: Learner = ctx.options.learners[model];
    const runs: Run[] = [];
    for (const [b, rep] of trainingSets.entries()) {
      const t0 = performance.now();
      const fitted = learner.fit(
        {
          x: selectMatrix(x, rep.trainRows),
          y: selectRowsOf(table.label, rep.trainRows),
          nClasses,
          ...(table.weight ? { weight: selectRowsOf(table.weight, rep.trainRows) } : {}),
        },
        root.fork(4).fork(streamOf(model)).fork(b),
      );
      const fitMs = performance.now() - t0;
      const scores = fitted.predictProba(x);
      runs.push({
        distribution: argmaxDistribution(scores, nClasses),
        probabilities: scores,
        fitMs,
        elapsedMs: performance.now() - t0,
      });
      ctx.addTime('base', performance.now() - t0);
      ctx.tick(model, 'base', null);
    }
    baseScores[model] = runs.map((r) => r.probabilities);
    if (includeBase) points.push(summarizePoint(ctx, model, 'base', null, null, runs));
  }
  return baseScores;
}

/** One intervention at one knob on one base model: a run per replicate (or one shared), summarized. */
async function fitIntervention(
  ctx: Context,
  intervention: Intervention,
  model: string,
  knob: number,
  baseScores: Record<string, Float64Array[]>,
): Promise<Run[]> {
  const { table, x, nClasses, nGroups, root, replicates } = ctx;
  const { protocol, measure } = ctx.settings;
  const reportedModel = intervention.usesLearner === false ? 'none' : model;
  const runs: Run[] = [];
  const fitSets = isShared(protocol, intervention) ? [replicates[0]] : replicates;
  for (const [b, rep] of fitSets.entries()) {
    const scores = baseScores[model][protocol === 'paper' ? 0 : b];
    const fitRows = intervention.stage === 'in-processing' ? rep.trainRows : rep.postFitRows;
    const data: InterventionData = {
      x: selectMatrix(x, fitRows),
      scores: selectRowsOf(scores, fitRows, nClasses),
      group: selectRowsOf(table.group, fitRows),
      label: selectRowsOf(table.label, fitRows),
      nGroups,
      nClasses,
      ...(table.weight ? { weight: selectRowsOf(table.weight, fitRows) } : {}),
    };
    const rng: Rng = root
      .fork(5)
      .fork(streamOf(intervention.method))
      .fork(streamOf(model))
      .fork(streamOf(String(knob)))
      .fork(b);
    const t0 = performance.now();
    const fitted: FittedIntervention = await intervention.fit(data, {
      measure,
      knob,
      learner: ctx.options.learners[model],
      rng,
    });
    const fitMs = performance.now() - t0;
    const distribution = fitted.predictDistribution({ x, scores, group: table.group });
    const elapsedMs = performance.now() - t0;
    ctx.addTime(intervention.method, elapsedMs);
    runs.push({
      distribution,
      probabilities: distribution,
      fitMs,
      elapsedMs,
      ...(fitted.diagnostics ? { diagnostics: fitted.diagnostics } : {}),
    });
    ctx.tick(reportedModel, intervention.method, knob);
  }
  return runs;
}

/** Every active intervention x base model (one for learner-free methods) x knob, in order. */
async function fitInterventions(
  ctx: Context,
  active: readonly Intervention[],
  baseScores: Record<string, Float64Array[]>,
  points: BenchmarkPoint[],
): Promise<void> {
  for (const intervention of active) {
    const models =
      intervention.usesLearner === false ? [ctx.settings.modelNames[0]] : ctx.settings.modelNames;
    for (const model of models) {
      const reportedModel = intervention.usesLearner === false ? 'none' : model;
      for (const knob of knobsOf(ctx.options, intervention)) {
        const runs = await fitIntervention(ctx, intervention, model, knob, baseScores);
        points.push(
          summarizePoint(ctx, reportedModel, intervention.method, intervention.knobName, knob, runs),
        );
      }
    }
  }
}

/** The frontier drawn under the points: given alphas, or 21 from 0 to the largest violation seen. */
function frontierCurve(ctx: Context, points: readonly BenchmarkPoint[]): FrontierCurvePoint[] {
  const { measure } = ctx.settings;
  const largest = Math.max(
    FRONTIER_CURVE_MIN_ALPHA,
    ...points.map((p) => Math.max(p.violations[measure].mean, p.fullData.violations[measure])),
  );
  const alphas = ctx.options.frontierAlphas ?? linspace(0, Math.min(1, largest), FRONTIER_CURVE_POINTS);
  return alphas.map((alpha) => {
    const p = ctx.frontier.at(alpha);
    return { alpha, accuracy: p.accuracy, dualBound: p.dualBound };
  });
}

/**
 * The interventions benchmark: base models x fairness interventions x knob values x replicates, every point scored
 * by the one metric engine (`evaluatePredictions`) and placed against the exact frontier of the same cells.
 * For each point: mean and std over replicates of accuracy, violations and Brier score, fit time, and the
 * epistemic gap FairFront(v) - accuracy with v the mean measured violation (one LP at v; see docs/design.md,
 * Epistemic gap), all LPs solved on one frontier model. Classifiers see exactly the cell features of the frontier
 * (plus the group when group-aware), so evaluated on every row (`fullData`) no point can lie above the frontier.
 *
 * Protocols (docs/reproduction.md): 'paper' trains base models and in-processing methods on every row once, fits
 * post-processors on a 15% bootstrap (or every row) and evaluates on a 30% bootstrap per replicate; 'holdout'
 * draws a train / validation / test split per replicate and refits everything. The gap always refers to the
 * frontier of all rows (the best estimate of the aleatoric limit); under 'holdout' points may therefore lie above it.
 * Stages: settings, interventions that apply, base models, interventions, frontier curve.
 * @throws InputError E_BAD_OPTION; errors of the interventions, learners and the LP
 */
export async function runBenchmark(options: BenchmarkOptions): Promise<BenchmarkResult> {
  checkOptionsObject(options, 'options');
  checkEncodedTable(options.table, 'table');
  const started = performance.now();
  const settings = resolveSettings(options);
  const { table } = options;
  const { measure, protocol, seeds, isGroupAware, includeBase } = settings;

  const { distribution } = distributionFromTable(table, { isGroupAware });
  const { nClasses, nGroups } = distribution;
  const root = createRng(options.seed);
  const { active, skipped } = partitionInterventions(options.interventions, measure, nClasses, nGroups);
  const tick = progressCounter(options, settings, active);
  const replicates = replicatesFor(protocol, table.nRows, seeds, settings.shares, root);
  const byMethodMs: Record<string, number> = {};
  const frontier = await openFrontierModel(distribution, {
    ...(options.algorithm ? { algorithm: options.algorithm } : {}),
    ...(options.timeLimitSeconds ? { timeLimitSeconds: options.timeLimitSeconds } : {}),
  });
  try {
    const ctx: Context = {
      options,
      settings,
      table,
      x: featureMatrixFromTable(table, { includeGroup: isGroupAware }),
      nClasses,
      nGroups,
      root,
      replicates,
      everyRow: allRows(table.nRows),
      frontier: frontierCache(frontier, measure),
      ...(protocol === 'holdout'
        ? { heldOutCurves: await testReachableCurves(table, replicates, measure, isGroupAware, options) }
        : {}),
      tick,
      addTime: (method, ms) => (byMethodMs[method] = (byMethodMs[method] ?? 0) + ms),
    };
    const points: BenchmarkPoint[] = [];
    const baseScores = fitBaseModels(ctx, points);
    await fitInterventions(ctx, active, baseScores, points);
    const curve = frontierCurve(ctx, points);
    return {
      dataset: table.name,
      nRows: table.nRows,
      nCells: distribution.nCells,
      nGroups,
      nClasses,
      groupNames: distribution.groupNames,
      classNames: distribution.classNames,
      isGroupAware,
      measure,
      protocol,
      seed: options.seed,
      seeds,
      shares: settings.shares,
      models: settings.modelNames,
      methods: [...(includeBase ? ['base'] : []), ...active.map((i) => i.method)],
      frontier: { bayesAccuracy: frontier.bayesAccuracy, points: curve },
      points,
      skipped,
      timing: { totalMs: performance.now() - started, frontierMs: ctx.frontier.ms(), byMethodMs },
    };
  } finally {
    frontier.dispose();
  }
}

/** One-hot rows of the most probable class (ties to the lowest index): the base model's hard prediction. */
function argmaxDistribution(scores: Float64Array, nClasses: number): Float64Array {
  const n = scores.length / nClasses;
  const out = new Float64Array(scores.length);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < nClasses; c++) if (scores[i * nClasses + c] > scores[i * nClasses + best]) best = c;
    out[i * nClasses + best] = 1;
  }
  return out;
}

/**
 * Holdout protocol: for each replicate, the exact FairFront rules of its training and validation rows measured on
 * its test rows (see docs/estimation.md, gaps as brackets).
 */
async function testReachableCurves(
  table: BenchmarkOptions['table'],
  replicates: readonly Replicate[],
  measure: Measure,
  isGroupAware: boolean,
  options: BenchmarkOptions,
): Promise<HeldOutFrontierCurve[]> {
  const curves: HeldOutFrontierCurve[] = [];
  for (const rep of replicates) {
    const train = new Int32Array(rep.trainRows.length + rep.postFitRows.length);
    train.set(rep.trainRows);
    train.set(rep.postFitRows, rep.trainRows.length);
    curves.push(
      await heldOutCurve(table, train, rep.evaluationRows, {
        measure,
        isGroupAware,
        ...(options.algorithm ? { algorithm: options.algorithm } : {}),
      }),
    );
  }
  return curves;
}

/** Mean over replicates of the achievable test accuracy at the replicate's violation minus its accuracy. */
function gapAgainstCurves(
  curves: readonly HeldOutFrontierCurve[],
  evaluations: readonly Evaluation[],
  measure: Measure,
): number | null {
  let sum = 0;
  for (const [b, e] of evaluations.entries()) {
    const best = achievableOnCurve(curves[b], e.violations[measure]);
    if (best === null) return null;
    sum += best.accuracy - e.accuracy;
  }
  return sum / evaluations.length;
}
