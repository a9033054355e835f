import { checkOptionsObject } from '../check-masses.js';
import type { FeatureSummary, PredictionColumn, TableSummary } from '../data/encode-table.js';
import type { EncodedTable } from '../data/table.js';
import { groupTables, withReferenceDisparities } from './group-table.js';
import type { ScoreColumn } from '../data/score-columns.js';
import { placeScoreCurves, planScoreCurves, withScoreGapBrackets } from './score-curves.js';
import {
  type Distribution,
  bayesAccuracy,
  constantAccuracy,
  distributionFromTable,
} from '../distribution/index.js';
import { didYouMean } from '../data/nearest-names.js';
import { InputError } from '../errors.js';
// The modules of limits/ rather than its barrel, and the estimators on first use: a plain frontier report loads
// neither the held-out estimators nor the cutting planes (docs/performance.md, Start-up).
import { type Algorithm, type FairFrontPoint, openFrontierModel } from '../limits/frontier-model.js';
import type { ProgressCallback } from '../limits/sweep-frontier.js';
import { frontierLpSize } from '../limits/lp-size.js';
import * as tolerances from '../limits/tolerances.js';
import type { PosteriorCells, PosteriorFrontierPoint } from '../limits/estimate/posterior-frontier.js';
import {
  type Bounds,
  CRITERIA,
  CRITERION_FLAGS,
  type Criterion,
  MEASURES,
  VACUOUS_BOUND,
  completeBounds,
  evaluatePredictions,
  isCriterion,
  isVacuousBound,
} from '../metrics/index.js';
import type { Objective } from '../lp/objective.js';
import { FAIRLIMIT_VERSION } from '../version.js';
import { dataSummary } from './data-summary.js';
import { type EstimationOptions, wantsEstimation } from './estimation-options.js';
import type {
  EstimationSectionV1,
  IntervalPointV1,
  DataSourceV1,
  FrontierPointV1,
  GridV1,
  GroupTableV1,
  ModelPointV1,
  ReportV1,
  SettingsV1,
} from './report-types.js';

/**
 * Largest exact LP (constraint nonzeros after merging equivalent cells, `frontierLpSize`) that
 * `frontierReport` builds when no method is given; above it the report holds the certified bracket instead
 * (docs/scale.md). Why 6 M: WebAssembly memory caps at 2 GiB. docs/scale.md measured 680 MB peak RSS for 2.1
 * M nonzeros with interior point (about 200 MB of it Node at rest: ~230 bytes per nonzero), and
 * docs/design.md (The exact LP) 830 MB at 50k cells x 4 x 5; 2 GiB / 230 B is about 9 M nonzeros. 6 M keeps a
 * third in reserve for the instance-dependent fill-in of interior point (one solve at that size takes minutes
 * on this machine).
 */
export const EXACT_LP_MAX_NONZEROS = 6_000_000;

/**
 * Most groups the cutting planes and the certified bracket (docs/design.md, Blackwell, cuts and continuous features) are run with. Their master LP has A C^2
 * joint entries and needs many cuts as A grows: on a loaded 2-core machine the demo data took 201 s at 100 groups
 * (EO 0.05, 20 000 rows) and did not finish in 600 s at 300 groups, while the exact LP (O(A) fairness rows)
 * solves 1000 groups in about 90 s. Above this the report refuses these methods beforehand and names the exact LP.
 */
export const BRACKET_MAX_GROUPS = 200;

/** A classifier's point given by its numbers (e.g. measured elsewhere). */
export interface GivenModelPoint {
  readonly name: string;
  readonly measure: Criterion;
  readonly violation: number;
  readonly accuracy: number;
}

export interface FrontierReportInput {
  /** Row-level data. Needed for predictions and estimation; optional when `distribution` is given. */
  readonly table?: EncodedTable;
  /**
   * The distribution itself (from a counts table or DuckDB aggregation): only the exact frontier and given model
   * points are available then, since held-out estimates and predictions need rows.
   */
  readonly distribution?: Distribution;
  readonly source: DataSourceV1;
  /** The data layer's account of how the table was made (CSV and in-memory input). */
  readonly tableSummary?: TableSummary;
  /** Hard predictions of classifiers on the table's rows, placed against the frontier. */
  readonly predictions?: readonly PredictionColumn[];
  /** Models given by their scores on the table's rows: threshold curves and group thresholds (docs/scores.md). */
  readonly scores?: readonly ScoreColumn[];
  /** The cell-key features of a distribution given without rows (counts table, DuckDB), for the report. */
  readonly features?: readonly FeatureSummary[];
}

export interface FrontierReportOptions {
  /**
   * Bounds per criterion (docs/constraints.md); a criterion with more than one value is swept (at most two: a
   * grid). Absent = vacuous.
   */
  readonly alphas: Readonly<Partial<Record<Criterion, readonly number[]>>>;
  /** What the frontier optimizes. Default accuracy. */
  readonly objective?: Objective;
  /** Group-aware cells (the paper's default). Default true. */
  readonly isGroupAware?: boolean;
  readonly algorithm?: Algorithm;
  readonly timeLimitSeconds?: number;
  readonly models?: readonly GivenModelPoint[];
  /** Recorded in the report (null when nothing is random). */
  readonly seed?: number | null;
  readonly onProgress?: ProgressCallback;
  /** Cutting planes or the certified bracket, the held-out frontier, bootstrap bands (the `estimation` section). */
  readonly estimation?: EstimationOptions;
  /**
   * With no `estimation.method`, an exact LP with more nonzeros than this is not built: the report gives the
   * certified bracket instead, says so in `data.warnings` and `settings.fallback`, and leaves `frontier` empty.
   * Default `EXACT_LP_MAX_NONZEROS`. To force the exact LP, give `estimation.method: 'exact'` (CLI
   * `--method exact`) or `Infinity` here.
   */
  readonly maxExactNonzeros?: number;
  /**
   * Reference group of the placed models' group tables: each group's rates over and minus the reference's
   * (Aequitas' disparities), passing within [disparityBand, 1 / disparityBand]. Needs predictions or scores.
   */
  readonly referenceGroup?: string;
  /** Lower end R of the pass band [R, 1/R] of `referenceGroup`'s disparities; default 0.8 (four-fifths rule). */
  readonly disparityBand?: number;
}

/** fairlimit's version, as written into reports. */
export { FAIRLIMIT_VERSION };

/** A criterion record in the fixed key order of CRITERIA (same input, same bytes). */
const inOrder = (r: Readonly<Record<Criterion, number>>): Record<Criterion, number> =>
  Object.fromEntries(CRITERIA.map((c) => [c, r[c]])) as Record<Criterion, number>;

function pointOf(p: FairFrontPoint): FrontierPointV1 {
  return {
    alpha: inOrder(p.alpha),
    accuracy: p.accuracy,
    objective: p.objective,
    value: p.value,
    dualBound: p.dualBound,
    status: p.status,
    violations: inOrder(p.violations),
    price: inOrder(p.price),
    solver: { algorithm: p.solver.algorithm, iterations: p.solver.iterations, retried: p.solver.retried },
  };
}

/** The criteria swept by `alphas` (more than one value), in the order of CRITERIA (sp, eo, oae first). */
export function sweptMeasures(alphas: FrontierReportOptions['alphas']): Criterion[] {
  return CRITERIA.filter((m) => (alphas[m]?.length ?? 0) > 1);
}

/** settings.constraints.alphas: sp, eo, oae always, the other criteria when given. */
function alphasSetting(listOf: (m: Criterion) => readonly number[], given: FrontierReportOptions['alphas']) {
  const out: Record<string, number[]> = {
    sp: [...listOf('sp')],
    eo: [...listOf('eo')],
    oae: [...listOf('oae')],
  };
  for (const c of CRITERIA)
    if (!MEASURES.includes(c as never) && given[c] !== undefined) out[c] = [...listOf(c)];
  return out as unknown as SettingsV1['constraints']['alphas'];
}

/**
 * Solves the frontier described by `options` on the table's empirical cells and assembles the versioned
 * report: data summary, settings, every point, and the models' epistemic gaps (FairFront at each model's
 * measured violation, one more LP each; docs/design.md, The frontier and the gap). One LP model serves every
 * solve (warm starts).
 * @throws InputError E_USAGE (three swept measures), E_BAD_ALPHA; SolverError as `openFrontierModel`
 */
export async function frontierReport(
  input: FrontierReportInput,
  options: FrontierReportOptions,
): Promise<ReportV1> {
  checkOptionsObject(input, 'input');
  checkOptionsObject(options, 'options');
  checkOptionsObject(options.alphas, 'alphas');
  const swept = sweptMeasures(options.alphas);
  if (swept.length > 2)
    throw new InputError(
      'E_USAGE',
      'sweep at most two measures at once (a curve or a grid); fix the third to one value',
      {
        option: swept.map((m) => `--${m}`).join(', '),
      },
    );
  for (const key of Object.keys(options.alphas))
    if (!isCriterion(key))
      throw new InputError(
        'E_BAD_OPTION',
        `unknown fairness criterion "${key}" (use ${CRITERIA.join(', ')})`,
        {
          option: key,
        },
      );
  for (const m of CRITERIA) {
    const list = options.alphas[m];
    if (list !== undefined && list.length === 0)
      throw new InputError('E_BAD_ALPHA', `the alpha list of ${m} is empty`, { option: CRITERION_FLAGS[m] });
  }
  checkReferenceGroup(input, options);
  const fixedInput: Partial<Record<Criterion, number>> = {};
  for (const m of CRITERIA) if (options.alphas[m]?.length === 1) fixedInput[m] = options.alphas[m]![0];
  const fixed: Bounds = completeBounds(fixedInput);
  const listOf = (m: Criterion) => options.alphas[m] ?? [fixed[m]];
  for (const m of swept) for (const a of listOf(m)) completeBounds({ [m]: a });
  const usedCriteria = CRITERIA.filter((c) => listOf(c).some((a) => !isVacuousBound(c, a)));

  const isGroupAware = options.isGroupAware ?? true;
  if (
    options.objective &&
    options.objective.kind !== 'accuracy' &&
    ((options.models?.length ?? 0) > 0 ||
      (input.predictions?.length ?? 0) > 0 ||
      (input.scores?.length ?? 0) > 0)
  )
    throw new InputError(
      'E_USAGE',
      'model points and their accuracy gaps are taken with the accuracy objective; drop --objective or the models',
      { option: '--objective' },
    );
  const isOtherObjective = (options.objective?.kind ?? 'accuracy') !== 'accuracy';
  if (isOtherObjective && wantsEstimation(options.estimation ?? {}))
    throw new InputError(
      'E_USAGE',
      'cutting planes, the certified bracket, held-out, interval and bootstrap estimates bound accuracy (their cuts, brackets and Lagrangians are written for it); --objective needs the exact LP alone',
      { option: '--objective' },
    );
  const rowsTable = input.table;
  if (!rowsTable && !input.distribution)
    throw new InputError('E_USAGE', 'a frontier report needs a table of rows or a distribution', {});
  if (
    !rowsTable &&
    ((input.predictions?.length ?? 0) > 0 ||
      (input.scores?.length ?? 0) > 0 ||
      wantsEstimation(options.estimation ?? {}))
  )
    throw new InputError(
      'E_USAGE',
      'predictions, held-out estimates, intervals, bootstrap bands and cutting planes need row-level data, not counts',
      { option: '--counts' },
    );
  const estimation = options.estimation ?? {};
  // The posterior estimate: its cells replace the data's own, so the frontier, the models and the checks below
  // read the exact LP on the cross-fitted posterior's cells (docs/estimation.md, The default estimate on a CSV).
  const posterior =
    estimation.estimate === 'posterior' && rowsTable
      ? await fitPosterior(rowsTable, estimation, isGroupAware, alphaSetsOf(swept, fixed, listOf), options)
      : undefined;
  const table = posterior?.table ?? rowsTable;
  const distribution = table
    ? distributionFromTable(table, { isGroupAware }).distribution
    : input.distribution!;
  if (!table && distribution.isGroupAware !== isGroupAware)
    throw new InputError('E_USAGE', 'the distribution was built with the other group-awareness setting', {
      option: '--group-blind',
    });
  const usesCuts = estimation.method === 'cutting-plane' || estimation.method === 'bracket';
  if (usesCuts && distribution.nGroups > BRACKET_MAX_GROUPS)
    throw new InputError(
      'E_USAGE',
      `${distribution.nGroups} groups: the ${estimation.method} method runs with at most ${BRACKET_MAX_GROUPS} groups (its cutting planes do not finish in reasonable time beyond); use the exact LP (--method exact), whose fairness rows grow as O(groups)`,
      { option: '--method' },
    );
  const maxExactNonzeros = options.maxExactNonzeros ?? EXACT_LP_MAX_NONZEROS;
  if (!(maxExactNonzeros > 0))
    throw new InputError('E_BAD_OPTION', `maxExactNonzeros must be positive, got ${maxExactNonzeros}`, {
      option: 'maxExactNonzeros',
    });
  if (estimation.method === undefined) {
    const lpNonzeros = frontierLpSize(distribution, { criteria: usedCriteria }).nNonzeros;
    if (lpNonzeros > maxExactNonzeros && isOtherObjective)
      throw new InputError(
        'E_USAGE',
        `the exact LP would have ${lpNonzeros} nonzeros (> ${maxExactNonzeros}), and the certified bracket that replaces it bounds accuracy only; coarsen the cells (fewer bins or features) or give --method exact to build it anyway`,
        { option: '--method' },
      );
    if (lpNonzeros > maxExactNonzeros && distribution.nGroups > BRACKET_MAX_GROUPS)
      throw new InputError(
        'E_USAGE',
        `the exact LP would have ${lpNonzeros} nonzeros (> ${maxExactNonzeros}) and the certified bracket that replaces it runs with at most ${BRACKET_MAX_GROUPS} groups (${distribution.nGroups} here); coarsen the cells or give --method exact to build the LP anyway`,
        { option: '--method' },
      );
    if (lpNonzeros > maxExactNonzeros)
      return bracketFallbackReport(input, options, distribution, {
        alphaSets: alphaSetsOf(swept, fixed, listOf),
        grid: gridOf(swept, listOf),
        settings: {
          constraints: { swept, alphas: alphasSetting(listOf, options.alphas) },
          isGroupAware,
          method: 'bracket',
          fallback: { from: 'exact', to: 'bracket', lpNonzeros, maxExactNonzeros },
          algorithm: options.algorithm ?? 'auto',
          timeLimitSeconds: options.timeLimitSeconds ?? tolerances.DEFAULT_TIME_LIMIT_SECONDS,
          seed: options.seed ?? estimation.seed ?? null,
        },
      });
  }
  const model = await openFrontierModel(distribution, {
    ...(options.algorithm ? { algorithm: options.algorithm } : {}),
    ...(options.timeLimitSeconds !== undefined ? { timeLimitSeconds: options.timeLimitSeconds } : {}),
    ...(options.objective ? { objective: options.objective } : {}),
    criteria: usedCriteria,
  });
  const points: FrontierPointV1[] = [];
  const models: ModelPointV1[] = [];
  const modelAlphaSets: Bounds[] = [];
  let grid: GridV1 | undefined;
  let scored: ReturnType<typeof placeScoreCurves> | undefined;
  const alphaSets: Bounds[] = [];
  try {
    grid = gridOf(swept, listOf);
    alphaSets.push(...alphaSetsOf(swept, fixed, listOf));
    // A grid is solved in a serpentine order (consecutive solves differ in one alpha: warm starts) and stored
    // row-major.
    const order = alphaSets.map((_, i) => i);
    if (grid) {
      const nx = grid.xAlphas.length;
      const ny = grid.yAlphas.length;
      order.length = 0;
      for (let i = 0; i < nx; i++)
        for (let jj = 0; jj < ny; jj++) order.push(i * ny + (i % 2 === 0 ? jj : ny - 1 - jj));
    }
    const solved: FrontierPointV1[] = new Array(alphaSets.length);
    const gapMeasure: Criterion = swept[0] ?? CRITERIA.find((m) => !isVacuousBound(m, fixed[m])) ?? 'eo';
    // Score models are measured before any LP (their refusals come first); placing them takes nSolves LPs.
    const scorePlan = input.scores?.length
      ? planScoreCurves(table!, input.scores, gapMeasure, isGroupAware)
      : undefined;
    const total =
      alphaSets.length +
      (options.models?.length ?? 0) +
      (input.predictions?.length ?? 0) +
      (scorePlan?.nSolves ?? 0);
    let done = 0;
    for (const i of order) {
      solved[i] = pointOf(model.solve(alphaSets[i]));
      options.onProgress?.(++done, total);
    }
    points.push(...solved);

    const frontierAt = (violations: Partial<Record<Criterion, number>>): number => {
      // The alpha of each model point, in model order, for the held-out end of its gap bracket.
      const alpha: Record<Criterion, number> = { ...fixed };
      for (const m of swept.length > 0 ? swept : [gapMeasure]) {
        const v = violations[m];
        if (v === undefined)
          throw new InputError('E_USAGE', `a model point needs its ${m} violation for this sweep`, {
            option: '--model',
          });
        alpha[m] = Math.min(1, Math.max(0, v));
      }
      modelAlphaSets.push(alpha);
      const p = model.solve(alpha);
      options.onProgress?.(++done, total);
      return p.accuracy;
    };
    for (const g of options.models ?? []) {
      if (!isCriterion(g.measure))
        throw new InputError('E_BAD_OPTION', `unknown measure "${g.measure}"`, { option: '--model' });
      if (g.measure !== gapMeasure || swept.length > 1)
        throw new InputError(
          'E_USAGE',
          `model "${g.name}" gives its ${g.measure} violation, but the gap is taken along ${swept.length > 1 ? 'two measures' : gapMeasure}`,
          { option: '--model' },
        );
      for (const [what, v] of [
        ['violation', g.violation],
        ['accuracy', g.accuracy],
      ] as const)
        if (!Number.isFinite(v) || v < 0 || v > 1)
          throw new InputError('E_BAD_OPTION', `model "${g.name}": ${what} must be in [0, 1], got ${v}`, {
            option: '--model',
          });
      const frontierAccuracy = frontierAt({ [g.measure]: g.violation });
      models.push({
        name: g.name,
        source: 'given',
        measure: g.measure,
        violation: g.violation,
        accuracy: g.accuracy,
        frontierAccuracy,
        gap: frontierAccuracy - g.accuracy,
      });
    }
    for (const p of input.predictions ?? []) {
      const t = table!;
      const metrics = evaluatePredictions({
        group: t.group,
        label: t.label,
        prediction: p.prediction,
        nGroups: t.groupNames.length,
        nClasses: t.classNames.length,
        groupNames: t.groupNames,
        classNames: t.classNames,
        ...(t.weight ? { weight: t.weight } : {}),
      });
      const v = metrics.criteria;
      const frontierAccuracy = frontierAt(v);
      models.push({
        name: p.name,
        source: 'predictions column',
        measure: gapMeasure,
        violation: v[gapMeasure],
        accuracy: metrics.accuracy,
        frontierAccuracy,
        gap: frontierAccuracy - metrics.accuracy,
        violations: inOrder(metrics.criteria),
        byGroup: groupTables(metrics),
      });
    }
    if (scorePlan) scored = placeScoreCurves(scorePlan.planned, frontierAt, gapMeasure);
  } finally {
    model.dispose();
  }
  const posteriorPoints = posterior
    ? await withFoldHint(() => posterior.cells.evaluate([...alphaSets, ...modelAlphaSets]))
    : undefined;
  const estimated = posteriorPoints
    ? posteriorSection(posterior!.cells, posteriorPoints.slice(0, alphaSets.length), alphaSets)
    : wantsEstimation(estimation)
      ? await (
          await import('./estimation.js')
        ).estimationSection(table!, distribution, alphaSets, {
          ...estimation,
          isGroupAware,
          ...(options.algorithm ? { algorithm: options.algorithm } : {}),
          ...(options.timeLimitSeconds !== undefined ? { timeLimitSeconds: options.timeLimitSeconds } : {}),
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        })
      : undefined;
  const allBracketed = await gapBrackets(
    table,
    [...models, ...(scored?.placed ?? [])],
    modelAlphaSets,
    estimation,
    isGroupAware,
    options,
  );
  // With the posterior estimate, gapLow is its lower end at the model's violation minus the model's accuracy:
  // positive, a certified epistemic gap (docs/estimation.md, gaps).
  if (posteriorPoints)
    allBracketed.forEach((m, i) => {
      allBracketed[i] = { ...m, gapLow: posteriorPoints[alphaSets.length + i].lower - m.accuracy };
    });
  const bracketed = allBracketed.slice(0, models.length);
  const scoreCurves =
    scored && input.scores?.length
      ? withScoreGapBrackets(scored.curves, allBracketed.slice(models.length))
      : undefined;
  const withReference = <T extends { readonly byGroup?: readonly GroupTableV1[] }>(m: T): T =>
    options.referenceGroup === undefined || m.byGroup === undefined
      ? m
      : {
          ...m,
          byGroup: m.byGroup.map((t) =>
            withReferenceDisparities(t, options.referenceGroup!, options.disparityBand),
          ),
        };
  const placed = bracketed.map(withReference);
  const curves = scoreCurves?.map((c) => ({ ...c, groupThresholds: c.groupThresholds.map(withReference) }));
  const report: ReportV1 = {
    schemaVersion: 1,
    tool: { name: 'fairlimit', version: FAIRLIMIT_VERSION },
    kind: 'frontier',
    data: dataSummary(table, distribution, input.source, input.tableSummary, input.features),
    settings: {
      constraints: { swept, alphas: alphasSetting(listOf, options.alphas) },
      ...(options.objective && options.objective.kind !== 'accuracy' ? { objective: options.objective } : {}),
      isGroupAware,
      method: estimation.method ?? 'exact',
      ...(posterior ? { estimate: 'posterior' } : {}),
      algorithm: options.algorithm ?? 'auto',
      timeLimitSeconds: options.timeLimitSeconds ?? tolerances.DEFAULT_TIME_LIMIT_SECONDS,
      seed: posterior?.cells.summary.seed ?? options.seed ?? estimation.seed ?? null,
    },
    reference: { bayesAccuracy: model.bayesAccuracy, constantAccuracy: constantAccuracy(distribution) },
    frontier: points,
    ...(grid ? { grid } : {}),
    ...(placed.length > 0 ? { models: placed } : {}),
    ...(curves ? { scoreCurves: curves } : {}),
    ...(estimated ? { estimation: estimated } : {}),
  };
  return report;
}

/**
 * The reference group names a group of the rows and has a placed model to compare; the band is in (0, 1].
 * @throws InputError E_USAGE (no predictions or scores), E_BAD_OPTION (unknown group, bad band)
 */
function checkReferenceGroup(input: FrontierReportInput, options: FrontierReportOptions): void {
  if (options.referenceGroup === undefined) {
    if (options.disparityBand !== undefined)
      throw new InputError('E_USAGE', 'disparityBand applies to referenceGroup; name a reference group', {
        option: 'disparityBand',
      });
    return;
  }
  const band = options.disparityBand;
  if (band !== undefined && !(band > 0 && band <= 1))
    throw new InputError('E_BAD_OPTION', `the disparity band must be in (0, 1], got ${band}`, {
      option: 'disparityBand',
    });
  if (!input.predictions?.length && !input.scores?.length)
    throw new InputError(
      'E_USAGE',
      'referenceGroup compares the groups of a placed model: give predictions or scores',
      { option: 'referenceGroup' },
    );
  const groupNames = input.table?.groupNames ?? [];
  if (!groupNames.includes(options.referenceGroup))
    throw new InputError(
      'E_BAD_OPTION',
      `reference group "${options.referenceGroup}" is not a group${didYouMean(options.referenceGroup, groupNames)} (groups: ${groupNames.join(', ')})`,
      { option: 'referenceGroup' },
    );
}

/** The alpha sets of a report in storage order (a grid row-major: x outer, y inner). */
function alphaSetsOf(
  swept: Criterion[],
  fixed: Bounds,
  listOf: (m: Criterion) => readonly number[],
): Bounds[] {
  const sets: Bounds[] = [];
  if (swept.length === 2) {
    const [x, y] = swept;
    for (const ax of listOf(x)) for (const ay of listOf(y)) sets.push({ ...fixed, [x]: ax, [y]: ay });
  } else if (swept.length === 1) {
    for (const a of listOf(swept[0])) sets.push({ ...fixed, [swept[0]]: a });
  } else sets.push(fixed);
  return sets;
}

function gridOf(swept: Criterion[], listOf: (m: Criterion) => readonly number[]): GridV1 | undefined {
  if (swept.length !== 2) return undefined;
  const [x, y] = swept;
  return { x, y, xAlphas: [...listOf(x)], yAlphas: [...listOf(y)] };
}

/**
 * The report when the exact LP is too large: the certified bracket of docs/design.md (Blackwell, cuts and
 * continuous features) at every alpha (on quantized posteriors, never the full LP), an empty `frontier`, and
 * a warning that says so. Models and the held-out or bootstrap estimates each need exact LPs of about the
 * same size, so they are refused here.
 */
async function bracketFallbackReport(
  input: FrontierReportInput,
  options: FrontierReportOptions,
  distribution: Distribution,
  plan: {
    readonly alphaSets: readonly Bounds[];
    readonly grid: GridV1 | undefined;
    readonly settings: SettingsV1;
  },
): Promise<ReportV1> {
  const { lpNonzeros, maxExactNonzeros } = plan.settings.fallback!;
  const tooLarge = `the exact LP would have ${lpNonzeros} nonzeros (> ${maxExactNonzeros})`;
  if (
    (options.models?.length ?? 0) > 0 ||
    (input.predictions?.length ?? 0) > 0 ||
    (input.scores?.length ?? 0) > 0 ||
    wantsEstimation(options.estimation ?? {})
  )
    throw new InputError(
      'E_USAGE',
      `${tooLarge}: models, held-out estimates and bootstrap bands need exact LPs of that size; give --method exact to build them anyway`,
      { option: '--method' },
    );
  const total = plan.alphaSets.length;
  const { bracketPoints } = await import('./estimation.js');
  const bracket = await bracketPoints(distribution, plan.alphaSets, {
    ...(options.timeLimitSeconds !== undefined ? { timeLimitSeconds: options.timeLimitSeconds } : {}),
    onPoint: (done) => options.onProgress?.(done, total),
  });
  const range = (xs: number[]) => `${Math.min(...xs).toFixed(6)}..${Math.max(...xs).toFixed(6)}`;
  const bounds =
    bracket.length === 1
      ? `[${bracket[0].lower.toFixed(6)}, ${bracket[0].upper.toFixed(6)}]`
      : `lower ${range(bracket.map((b) => b.lower))}, upper ${range(bracket.map((b) => b.upper))} over ${bracket.length} alphas`;
  const data = dataSummary(input.table, distribution, input.source, input.tableSummary, input.features);
  return {
    schemaVersion: 1,
    tool: { name: 'fairlimit', version: FAIRLIMIT_VERSION },
    kind: 'frontier',
    data: {
      ...data,
      warnings: [
        ...data.warnings,
        `${tooLarge}; reporting the certified bracket ${bounds} instead (give --method exact to force the LP)`,
      ],
    },
    settings: plan.settings,
    reference: {
      bayesAccuracy: bayesAccuracy(distribution),
      constantAccuracy: constantAccuracy(distribution),
    },
    frontier: [],
    ...(plan.grid ? { grid: plan.grid } : {}),
    estimation: { method: 'bracket', bracket },
  };
}

/**
 * Each model's gap as a bracket (see docs/estimation.md, gaps): gapHigh against the optimistic in-sample
 * frontier (= gap); with --holdout or --folds, gapLow against the achievable held-out frontier at the model's
 * alpha (the best held-out accuracy of the training rows' FairFront rules at held-out violation <= alpha), null
 * when no such rule meets it. Without a held-out protocol gapLow is absent.
 */
async function gapBrackets(
  table: EncodedTable | undefined,
  models: readonly ModelPointV1[],
  alphaSets: readonly Bounds[],
  estimation: EstimationOptions,
  isGroupAware: boolean,
  options: { readonly algorithm?: Algorithm },
): Promise<ModelPointV1[]> {
  const withHigh = models.map((m) => ({ ...m, gapHigh: m.gap }));
  const heldOut = estimation.holdout !== undefined || estimation.folds !== undefined;
  if (!table || models.length === 0 || !heldOut || estimation.seed === undefined) return withHigh;
  const { heldOutFrontier } = await import('../limits/estimate/index.js');
  const estimate = await heldOutFrontier(table, {
    alphas: alphaSets,
    ...(estimation.holdout !== undefined ? { holdout: estimation.holdout } : {}),
    ...(estimation.folds !== undefined ? { folds: estimation.folds } : {}),
    seed: estimation.seed,
    isGroupAware,
    ...(options.algorithm ? { algorithm: options.algorithm } : {}),
  });
  return withHigh.map((m, i) => {
    const a = estimate.points[i].achievable;
    return { ...m, gapLow: a ? a.accuracy - m.accuracy : null };
  });
}

/** Seed of the posterior estimate when none is given (recorded in the report: same input, same bytes). */
export const DEFAULT_POSTERIOR_SEED = 1;

/**
 * Fits the posterior estimate's learners and cells and returns the table whose one feature is the estimate's
 * cell: the exact LP, the models and the checks then run on the posterior's cells.
 * @throws InputError E_USAGE (cell estimators or group-blind cells with the posterior estimate)
 */
async function fitPosterior(
  table: EncodedTable,
  estimation: EstimationOptions,
  isGroupAware: boolean,
  alphaSets: readonly Bounds[],
  options: FrontierReportOptions,
) {
  const cellEstimators = [
    ['--method', estimation.method !== undefined && estimation.method !== 'exact'],
    ['--holdout', estimation.holdout !== undefined],
    ['--folds', estimation.folds !== undefined],
    ['--bootstrap', estimation.bootstrap !== undefined],
    ['--interval', estimation.interval === true],
  ] as const;
  for (const [option, given] of cellEstimators)
    if (given)
      throw new InputError(
        'E_USAGE',
        `${option} estimates on the data's own cells; the posterior estimate has its own interval (give --estimate cells to use ${option})`,
        { option },
      );
  if (!isGroupAware)
    throw new InputError(
      'E_USAGE',
      'the posterior estimate learns P(Y | features, group), a group-aware score; give --estimate cells for group-blind cells',
      { option: '--group-blind' },
    );
  const { fitPosteriorCells } = await import('../limits/estimate/posterior-frontier.js');
  const cells = await withFoldHint(async () =>
    fitPosteriorCells(table, {
      alphas: alphaSets,
      seed: estimation.seed ?? DEFAULT_POSTERIOR_SEED,
      ...(estimation.level !== undefined ? { level: estimation.level } : {}),
      ...(options.algorithm ? { algorithm: options.algorithm } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    }),
  );
  const cellTable: EncodedTable = {
    ...table,
    featureNames: ['posterior cell'],
    features: [Float64Array.from(cells.cellOfRow)],
  };
  return { cells, table: cellTable };
}

/** The posterior estimate's estimation section: interval entries with the estimate, and what each number is. */
function posteriorSection(
  cells: PosteriorCells,
  points: readonly PosteriorFrontierPoint[],
  alphaSets: readonly Bounds[],
): EstimationSectionV1 {
  const shown = CRITERIA.filter(
    (c) => MEASURES.includes(c as never) || alphaSets.some((a) => !isVacuousBound(c, a[c])),
  );
  const record = (a: Bounds) =>
    Object.fromEntries(shown.map((c) => [c, a[c]])) as unknown as IntervalPointV1['alpha'];
  const s = cells.summary;
  return {
    method: 'exact',
    estimate: 'posterior',
    interval: points.map((p) => ({
      alpha: record(p.alpha),
      estimate: p.estimate,
      lower: p.lower,
      upper: p.upper,
      level: p.level,
      method: p.method,
      inSample: p.inSample,
    })),
    intervalInfo: {
      method: s.method,
      level: s.level,
      folds: s.folds,
      seed: s.seed,
      cellsPerRow: s.estimateCells / s.foldOfRow.length,
      covers: s.covers,
      warnings: [],
    },
    posterior: {
      headline: POSTERIOR_HEADLINE,
      learners: [...s.learnerOfFold],
      binsOfFold: [...s.binsOfFold],
      estimateBins: s.estimateBins,
      estimateCells: s.estimateCells,
      bayesAccuracy: s.bayesAccuracy,
    },
  } as EstimationSectionV1;
}

/** Which estimate the headline is, in plain words (report and text output). */
export const POSTERIOR_HEADLINE =
  'the headline is the posterior estimate: the exact FairFront of cells of a cross-fitted learned score ' +
  'P(Y | features, group), not of the raw feature combinations; its interval brackets the population limit ' +
  '(lower end: for all the features; upper end: through the learned score only).';

/**
 * A fold without some (group, label) pair: the posterior estimate splits the rows into folds, so a rare pair is
 * refused there; the error says how to get the in-sample LP instead.
 */
async function withFoldHint<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof InputError && e.code === 'E_EMPTY_GROUP_LABEL')
      throw new InputError(
        'E_EMPTY_GROUP_LABEL',
        `${e.reason}; the posterior estimate splits the rows into folds, each needing every (group, label) pair (give --estimate cells for the exact LP on the rows' own cells)`,
        { ...(e.where ?? {}), option: '--estimate' },
        { cause: e },
      );
    throw e;
  }
}
