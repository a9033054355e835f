import { InputError, SolverError } from '../../errors.js';
import { runChecked } from '../../lp/checked-solve.js';
import { highsRuntime } from '../../lp/highs-runtime.js';
import { configureModel } from '../../lp/solver-options.js';
import { addRow, createModel, emptyLp } from '../../lp/sparse-lp.js';
import type { Measure } from '../../metrics/index.js';
import type { FittedIntervention, InterventionData, InterventionContext, Intervention } from '../types.js';
import { cumulative, scoreBlocks, type ScoreBlocks } from './score-blocks.js';
import { LP_RECHECK_TOL, LP_TIME_LIMIT_SECONDS, MIXTURE_WEIGHT_FLOOR } from './tolerances.js';
import { checkFittingData, predictFromPositiveScore } from './validate.js';

/**
 * Default alphas of an EqOdds sweep, from exact equalized odds (0) to vacuous (1): fine steps where accuracy
 * changes fastest on Adult and COMPAS.
 */
export const EQ_ODDS_DEFAULT_KNOBS: readonly number[] = [0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 1];

/** Measures EqOdds equalizes: eo (Hardt et al.), and sp / oae with the same LP. */
export const EQ_ODDS_MEASURES: readonly Measure[] = ['eo', 'sp', 'oae'];

/** One group's fitted randomized predictor: a mixture of score thresholds "predict 1 iff score >= threshold". */
export interface ThresholdMixture {
  /** Thresholds, decreasing; +Infinity predicts 0 for every score. */
  readonly thresholds: Float64Array;
  /** Mixing weights (non-negative, sum 1). */
  readonly weights: Float64Array;
}

/** A fitted EqOdds post-processor: plain data plus the predict function of the interface. */
export interface FittedEqOdds extends FittedIntervention {
  readonly measure: Measure;
  /** Per group, the mixture of thresholds chosen by the LP. */
  readonly mixtures: readonly ThresholdMixture[];
  /** In-sample accuracy of the derived predictor (the LP value, re-computed). */
  readonly accuracy: number;
  /** In-sample rates per group: TPR and FPR for eo, P(Yhat=1) for sp, accuracy for oae (each rate one array). */
  readonly groupRates: Readonly<Record<string, Float64Array>>;
}

/** P(Yhat = 1 | score) of a threshold mixture: sum of the weights of thresholds <= score. */
export function mixtureProbability(mixture: ThresholdMixture, score: number): number {
  let p = 0;
  for (let v = 0; v < mixture.thresholds.length; v++)
    if (score >= mixture.thresholds[v]) p += mixture.weights[v];
  return Math.min(1, p);
}

/**
 * Vertices of the convex hull of the points (x[j], y[j]), j = 0..n-1, given sorted by x and then y (Andrew's
 * monotone chain); returns their indices in increasing order.
 */
export function convexHullIndices(x: Float64Array, y: Float64Array): number[] {
  const n = x.length;
  if (n <= 2) return Array.from({ length: n }, (_, j) => j);
  const cross = (o: number, a: number, b: number) =>
    (x[a] - x[o]) * (y[b] - y[o]) - (y[a] - y[o]) * (x[b] - x[o]);
  const chain = (sign: 1 | -1): number[] => {
    const out: number[] = [];
    for (let j = 0; j < n; j++) {
      while (out.length >= 2 && sign * cross(out[out.length - 2], out[out.length - 1], j) <= 0) out.pop();
      out.push(j);
    }
    return out;
  };
  return [...new Set([...chain(1), ...chain(-1)])].sort((a, b) => a - b);
}

/** The rates an EqOdds LP equalizes, as linear functions of the masses (cumPositive, cumNegative) of a point. */
interface RateDefinition {
  readonly name: string;
  /** rate = (coefPositive * cumPositive + coefNegative * cumNegative + offset) for group s. */
  coefficients(b: ScoreBlocks): { coefPositive: number; coefNegative: number; offset: number };
}

function rateDefinitions(measure: Measure): RateDefinition[] {
  const groupMass = (b: ScoreBlocks) => b.totalPositive + b.totalNegative;
  switch (measure) {
    case 'eo':
      return [
        {
          name: 'tpr',
          coefficients: (b) => ({ coefPositive: 1 / b.totalPositive, coefNegative: 0, offset: 0 }),
        },
        {
          name: 'fpr',
          coefficients: (b) => ({ coefPositive: 0, coefNegative: 1 / b.totalNegative, offset: 0 }),
        },
      ];
    case 'sp':
      return [
        {
          name: 'positiveRate',
          coefficients: (b) => ({
            coefPositive: 1 / groupMass(b),
            coefNegative: 1 / groupMass(b),
            offset: 0,
          }),
        },
      ];
    case 'oae':
      return [
        {
          name: 'accuracy',
          coefficients: (b) => ({
            coefPositive: 1 / groupMass(b),
            coefNegative: -1 / groupMass(b),
            offset: b.totalNegative / groupMass(b),
          }),
        },
      ];
  }
}

/**
 * EqOdds (Hardt, Price, Srebro 2016, section 4): the best group-specific randomized predictor derived from the
 * score, Yhat = mixture of thresholds 1[score >= t] chosen per group, subject to every group's TPR and FPR lying
 * within alpha of each other (max minus min <= alpha; alpha = 0 is exact equalized odds).
 *
 * Hardt et al. show that the (FPR, TPR) pairs a derived predictor can reach in group s are the convex hull of
 * that group's ROC curve; the optimum is a linear program over that region. Here the region is the convex hull of
 * the empirical ROC points (one per distinct score, in mass coordinates), and a point of it is a mixture of hull
 * vertices, i.e. of thresholds. Variables: mixing weights per group and hull vertex, plus one free target per
 * rate; rows: weights sum to 1, and |rate_s - target| <= alpha / 2 (equivalent to max_s - min_s <= alpha).
 * Objective: accuracy. Measure 'sp' (equal P(Yhat=1)) and 'oae' (equal accuracy) use the same LP with their
 * rates, which are also linear in (TPR, FPR); Hardt et al. treat 'eo'.
 *
 * Multi-group, binary labels. For 'eo' every group needs both labels.
 * @throws InputError (see checkFittingData), E_EMPTY_GROUP_LABEL; SolverError E_SOLVER_STATUS, E_SELF_CHECK
 */
export async function fitEqOdds(
  data: InterventionData,
  context: Pick<InterventionContext, 'measure' | 'knob'>,
): Promise<FittedEqOdds> {
  const checked = checkFittingData(data, {
    method: 'eqodds',
    measure: context.measure,
    supportedMeasures: EQ_ODDS_MEASURES,
    knob: context.knob,
    knobName: 'alpha',
    knobRange: [0, 1],
    binary: true,
  });
  const alpha = context.knob;
  const { nGroups } = checked;
  const blocks = scoreBlocks(checked);
  if (context.measure === 'eo')
    blocks.forEach((b, s) => {
      if (!(b.totalPositive > 0 && b.totalNegative > 0))
        throw new InputError(
          'E_EMPTY_GROUP_LABEL',
          `eqodds: group ${s} lacks label ${b.totalPositive > 0 ? 0 : 1}, so its TPR or FPR is undefined`,
          {
            option: 'label',
          },
        );
    });
  const rates = rateDefinitions(context.measure);

  // Hull vertices per group, in mass coordinates (x = cumNegative, y = cumPositive).
  const groups = blocks.map((b) => {
    const cumPositive = cumulative(b.positive);
    const cumNegative = cumulative(b.negative);
    const hull = convexHullIndices(cumNegative, cumPositive);
    // Point j predicts 1 on the top j blocks: threshold = the j-th largest score (j = 0: nothing).
    const thresholds = hull.map((j) => (j === 0 ? Infinity : b.values[j - 1]));
    const accuracyMass = hull.map((j) => cumPositive[j] + (b.totalNegative - cumNegative[j]));
    const rateValues = rates.map((r) => {
      const { coefPositive, coefNegative, offset } = r.coefficients(b);
      return hull.map((j) => coefPositive * cumPositive[j] + coefNegative * cumNegative[j] + offset);
    });
    return { hull, thresholds, accuracyMass, rateValues };
  });

  // LP columns: weights of every group's vertices, then one free target per rate.
  const firstColumn: number[] = [];
  let nColumns = 0;
  for (const g of groups) {
    firstColumn.push(nColumns);
    nColumns += g.hull.length;
  }
  const targetColumn = nColumns;
  nColumns += rates.length;
  const highs = await highsRuntime();
  const colCost = new Float64Array(nColumns);
  const colLower = new Float64Array(nColumns);
  const colUpper = new Float64Array(nColumns).fill(1);
  for (let r = 0; r < rates.length; r++) {
    colLower[targetColumn + r] = -highs.infinity;
    colUpper[targetColumn + r] = highs.infinity;
  }
  groups.forEach((g, s) => g.accuracyMass.forEach((a, v) => (colCost[firstColumn[s] + v] = a)));
  const lp = emptyLp(nColumns, colCost, colLower, colUpper);
  groups.forEach((g, s) =>
    addRow(
      lp,
      g.hull.map((_, v) => [firstColumn[s] + v, 1] as const),
      1,
      1,
    ),
  );
  groups.forEach((g, s) =>
    rates.forEach((_, r) =>
      addRow(
        lp,
        [
          ...g.rateValues[r].map((value, v) => [firstColumn[s] + v, value] as const),
          [targetColumn + r, -1] as const,
        ],
        -alpha / 2,
        alpha / 2,
      ),
    ),
  );
  const model = createModel(highs, lp, 'maximize');
  let solution: Float64Array;
  let objective: number;
  try {
    configureModel(model, 'simplex', LP_TIME_LIMIT_SECONDS);
    // The constant predictor (weight 1 on "predict nothing" in every group) is always feasible.
    const solved = runChecked(model, {
      what: 'EqOdds LP',
      where: `at alpha = ${alpha}`,
      timeLimitSeconds: LP_TIME_LIMIT_SECONDS,
    });
    solution = solved.colValue;
    objective = solved.objective;
  } finally {
    model.dispose();
  }

  // Clean the weights (clip LP noise, renormalize), then re-measure rates and accuracy in TypeScript.
  const mixtures: ThresholdMixture[] = [];
  let accuracy = 0;
  const groupRates: Record<string, Float64Array> = {};
  for (const r of rates) groupRates[r.name] = new Float64Array(nGroups);
  groups.forEach((g, s) => {
    const raw = g.hull.map((_, v) => Math.max(0, solution[firstColumn[s] + v]));
    const total = raw.reduce((a, b) => a + b, 0);
    if (!(Math.abs(total - 1) <= LP_RECHECK_TOL))
      throw new SolverError('E_SELF_CHECK', `EqOdds LP weights of group ${s} sum to ${total}, not 1`);
    const keep = raw.map((w, v) => [w / total, v] as const).filter(([w]) => w > MIXTURE_WEIGHT_FLOOR);
    const kept = keep.reduce((a, [w]) => a + w, 0);
    mixtures.push({
      thresholds: Float64Array.from(keep.map(([, v]) => g.thresholds[v])),
      weights: Float64Array.from(keep.map(([w]) => w / kept)),
    });
    for (const [w, v] of keep) {
      accuracy += (w / kept) * g.accuracyMass[v];
      rates.forEach((r, ri) => (groupRates[r.name][s] += (w / kept) * g.rateValues[ri][v]));
    }
  });
  let maxGap = 0;
  for (const r of rates) {
    const a = groupRates[r.name];
    maxGap = Math.max(maxGap, Math.max(...a) - Math.min(...a));
  }
  if (maxGap > alpha + LP_RECHECK_TOL)
    throw new SolverError('E_SELF_CHECK', `EqOdds re-measured rate gap ${maxGap} exceeds alpha ${alpha}`);
  if (Math.abs(accuracy - objective) > LP_RECHECK_TOL)
    throw new SolverError(
      'E_SELF_CHECK',
      `EqOdds accuracy ${accuracy} differs from the LP value ${objective}`,
    );

  return {
    method: 'eqodds',
    knob: alpha,
    measure: context.measure,
    mixtures,
    accuracy,
    groupRates,
    predictDistribution(input) {
      return predictFromPositiveScore(input, nGroups, (s, score) => mixtureProbability(mixtures[s], score));
    },
    diagnostics: {
      accuracy,
      maxRateGap: maxGap,
      hullVertices: groups.reduce((a, g) => a + g.hull.length, 0),
      mixedThresholds: mixtures.reduce((a, m) => a + m.weights.length, 0),
    },
  };
}

/**
 * EqOdds as an Intervention. Knob: alpha, the largest allowed gap between groups of each equalized rate
 * (TPR and FPR for eo), in [0, 1]; 0 = exact equalized odds, 1 = no constraint (the best threshold mixture per
 * group, i.e. close to the base classifier at 0.5). Returns a Promise (the LP runs on HiGHS).
 * @example
 * const fitted = await eqOdds.fit(data, { measure: 'eo', knob: 0.02, learner, rng });
 * const p = fitted.predictDistribution({ x, scores, group });
 */
export const eqOdds: Intervention = {
  method: 'eqodds',
  knobName: 'alpha',
  defaultKnobs: EQ_ODDS_DEFAULT_KNOBS,
  supportedMeasures: EQ_ODDS_MEASURES,
  requiresBinaryLabel: true,
  requiresTwoGroups: false,
  fit: (data, context) => fitEqOdds(data, context),
};
