import { InputError } from '../../errors.js';
import type { FittedIntervention, InterventionContext, InterventionData, Intervention } from '../types.js';
import { checkFittingData, predictFromPositiveScore } from './validate.js';

/** The generalized cost CalEqOdds equalizes (Pleiss et al. 2017, section 3). */
export const CalibratedCost = { fnr: 'fnr', fpr: 'fpr', weighted: 'weighted' } as const;
export type CalibratedCost = keyof typeof CalibratedCost;

/** How the calibrated scores become predictions. */
export const CalibratedDecision = { threshold: 'threshold', score: 'score' } as const;
export type CalibratedDecision = keyof typeof CalibratedDecision;

export interface CalEqOddsOptions {
  /** The cost to equalize: 'fnr', 'fpr' or 'weighted' (default 'weighted', as AIF360). */
  readonly cost?: CalibratedCost;
  /**
   * Weight of the false-negative term in the 'weighted' cost, in [0, 1] (the false-positive term gets 1 - it).
   * Default 0.5: Pleiss et al.'s equal weights.
   */
  readonly fnWeight?: number;
  /**
   * 'threshold' (default; AIF360 and the benchmark of Wang et al.): predict 1 where the (possibly withheld)
   * score is >= `threshold`. 'score': the randomized classifier P(Yhat=1) = score, whose FNR and FPR are
   * exactly the generalized rates Pleiss et al. equalize.
   */
  readonly decision?: CalibratedDecision;
  /** Decision threshold of 'threshold' (default 0.5). */
  readonly threshold?: number;
  /**
   * Weights of the 'weighted' cost: 'pleiss' (default; the authors' code, `weighted_cost`: the FP term times
   * 1 - base rate, the FN term times the base rate) or 'aif360' (AIF360's `weighted_cost`, both terms times
   * 1 - base rate; the implementation the FairFront paper benchmarked).
   */
  readonly weighting?: CostWeighting;
}

/** The two published weightings of the 'weighted' cost (see CalEqOddsOptions.weighting). */
export const CostWeighting = { pleiss: 'pleiss', aif360: 'aif360' } as const;
export type CostWeighting = keyof typeof CostWeighting;

/** Default mixing fractions of a CalEqOdds sweep (1 = the paper's method, small = close to the base model). */
export const CAL_EQ_ODDS_DEFAULT_KNOBS: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

export interface FittedCalEqOdds extends FittedIntervention {
  /** Base rate P(Y=1 | S=s) of each group: the score a withheld prediction receives. */
  readonly baseRates: Float64Array;
  /** Probability that a row of group s has its score withheld (replaced by the base rate). */
  readonly mixRates: Float64Array;
  /** Generalized cost of each group before and after mixing (in-sample, in expectation over the mixing). */
  readonly costBefore: Float64Array;
  readonly costAfter: Float64Array;
  /** The randomized calibrated score: P(score used = base score) = 1 - mixRate; else the base rate. */
  readonly decision: CalibratedDecision;
}

/**
 * CalEqOdds (Pleiss, Raghavan, Wu, Kleinberg, Weinberger 2017, Algorithm 1): keeps calibration and equalizes one
 * generalized cost across groups by withholding information. The generalized FPR of group s is
 * E[score | Y=0, S=s], the generalized FNR E[1 - score | Y=1, S=s]; the 'weighted' cost is
 * fpWeight * GFPR * (1 - base rate) + fnWeight * GFNR * base rate (Pleiss et al.'s g_t, option
 * weighting 'pleiss'; AIF360 multiplies both terms by 1 - base rate, option 'aif360'). The trivial calibrated classifier (score = base rate of the group) has the largest
 * cost, and the cost of a mixture is linear in the mixing rate. So every group whose cost is below the largest
 * one gets mix rate (target - cost) / (trivialCost - cost): with that probability its score is replaced by its
 * base rate. With two groups this is the paper's (and AIF360's) method: only the group with the lower cost is
 * mixed. With more groups the target is the largest cost; a group whose trivial cost is below the target cannot
 * reach it and gets mix rate 1 (reported: the costs are then not all equal).
 *
 * Knob: the fraction f in [0, 1] of the full mixing applied (mix rate f * full rate): 1 = the paper's method,
 * 0 = the base classifier; the cost gap shrinks linearly with f. Binary labels; each group needs both labels.
 * @throws InputError (see checkFittingData), E_EMPTY_GROUP_LABEL, E_BAD_OPTION
 */
export function fitCalEqOdds(
  data: InterventionData,
  context: Pick<InterventionContext, 'measure' | 'knob'>,
  options: CalEqOddsOptions = {},
): FittedCalEqOdds {
  const cost = options.cost ?? 'weighted';
  const decision = options.decision ?? 'threshold';
  const fnWeight = options.fnWeight ?? 0.5;
  const decisionThreshold = options.threshold ?? 0.5;
  const weighting = options.weighting ?? 'pleiss';
  if (!Object.hasOwn(CostWeighting, weighting))
    throw new InputError('E_BAD_OPTION', `caleqodds: weighting must be pleiss or aif360, got ${weighting}`, {
      option: 'weighting',
    });
  if (!Object.hasOwn(CalibratedCost, cost))
    throw new InputError('E_BAD_OPTION', `caleqodds: cost must be fnr, fpr or weighted, got ${cost}`, {
      option: 'cost',
    });
  if (!Object.hasOwn(CalibratedDecision, decision))
    throw new InputError('E_BAD_OPTION', `caleqodds: decision must be threshold or score, got ${decision}`, {
      option: 'decision',
    });
  if (!(Number.isFinite(fnWeight) && fnWeight >= 0 && fnWeight <= 1))
    throw new InputError('E_BAD_OPTION', `caleqodds: fnWeight must be in [0, 1], got ${fnWeight}`, {
      option: 'fnWeight',
    });
  if (!(Number.isFinite(decisionThreshold) && decisionThreshold >= 0 && decisionThreshold <= 1))
    throw new InputError('E_BAD_OPTION', `caleqodds: threshold must be in [0, 1], got ${decisionThreshold}`, {
      option: 'threshold',
    });
  const checked = checkFittingData(data, {
    method: 'caleqodds',
    measure: context.measure,
    supportedMeasures: ['eo'],
    knob: context.knob,
    knobName: 'mixFraction',
    knobRange: [0, 1],
    binary: true,
  });
  const fraction = context.knob;
  const { nRows, nGroups, scores, group, label, weight } = checked;
  // Per group: weight of each label, and sums of w * score over each label.
  const mass = new Float64Array(nGroups * 2);
  const scoreSum = new Float64Array(nGroups * 2);
  for (let i = 0; i < nRows; i++) {
    const k = group[i] * 2 + label[i];
    mass[k] += weight[i];
    scoreSum[k] += weight[i] * scores[2 * i + 1];
  }
  const baseRates = new Float64Array(nGroups);
  const costBefore = new Float64Array(nGroups);
  const trivialCost = new Float64Array(nGroups);
  const [fpWeight, fnW] = cost === 'fnr' ? [0, 1] : cost === 'fpr' ? [1, 0] : [1 - fnWeight, fnWeight];
  for (let s = 0; s < nGroups; s++) {
    const n0 = mass[2 * s];
    const n1 = mass[2 * s + 1];
    if (!(n0 > 0 && n1 > 0))
      throw new InputError(
        'E_EMPTY_GROUP_LABEL',
        `caleqodds: group ${s} lacks label ${n0 > 0 ? 1 : 0}, so its generalized rates are undefined`,
        {
          option: 'label',
        },
      );
    const br = n1 / (n0 + n1);
    baseRates[s] = br;
    const gfpr = scoreSum[2 * s] / n0;
    const gfnr = 1 - scoreSum[2 * s + 1] / n1;
    // The trivial classifier's generalized rates are GFPR = br and GFNR = 1 - br.
    const weighted = cost === 'weighted';
    const fpFactor = weighted ? 1 - br : 1;
    const fnFactor = weighted ? (weighting === 'pleiss' ? br : 1 - br) : 1;
    costBefore[s] = fpWeight * gfpr * fpFactor + fnW * gfnr * fnFactor;
    trivialCost[s] = fpWeight * br * fpFactor + fnW * (1 - br) * fnFactor;
  }
  const target = Math.max(...costBefore);
  const mixRates = new Float64Array(nGroups);
  const costAfter = new Float64Array(nGroups);
  let unreachable = 0;
  for (let s = 0; s < nGroups; s++) {
    const room = trivialCost[s] - costBefore[s];
    if (costBefore[s] < target && trivialCost[s] < target) unreachable++;
    const full = costBefore[s] >= target ? 0 : room > 0 ? Math.min(1, (target - costBefore[s]) / room) : 1;
    mixRates[s] = fraction * full;
    costAfter[s] = costBefore[s] + mixRates[s] * room;
  }
  const costGap = Math.max(...costAfter) - Math.min(...costAfter);
  return {
    method: 'caleqodds',
    knob: fraction,
    baseRates,
    mixRates,
    costBefore,
    costAfter,
    decision,
    predictDistribution(input) {
      return predictFromPositiveScore(input, nGroups, (s, score) => {
        const m = mixRates[s];
        return decision === 'score'
          ? (1 - m) * score + m * baseRates[s]
          : (1 - m) * (score >= decisionThreshold ? 1 : 0) + m * (baseRates[s] >= decisionThreshold ? 1 : 0);
      });
    },
    diagnostics: {
      cost,
      weighting,
      decision,
      costGap,
      maxMixRate: Math.max(...mixRates),
      targetCost: target,
      /** Groups whose trivial cost is below the target: mixed fully, yet their cost stays below it. */
      unreachableGroups: unreachable,
    },
  };
}

/**
 * CalEqOdds as an Intervention (options fixed at creation). Knob: mixing fraction in [0, 1]; measure 'eo'.
 * @example
 * const fitted = createCalEqOdds({ cost: 'fnr' }).fit(data, { measure: 'eo', knob: 1, learner, rng });
 */
export function createCalEqOdds(options: CalEqOddsOptions = {}): Intervention {
  return {
    method: 'caleqodds',
    knobName: 'mixFraction',
    defaultKnobs: CAL_EQ_ODDS_DEFAULT_KNOBS,
    supportedMeasures: ['eo'],
    requiresBinaryLabel: true,
    requiresTwoGroups: false,
    fit: (data, context) => fitCalEqOdds(data, context, options),
  };
}

/**
 * CalEqOdds as benchmarked in the FairFront paper (Wang et al. 2023 ran AIF360's CalibratedEqOddsPostprocessing
 * with its defaults): weighted cost with AIF360's weights, predictions thresholded at 0.5. On Adult (rf) the
 * authors' own weights ('pleiss') withhold the women's scores instead of the men's and raise the EO violation
 * to about 0.6; AIF360's weights withhold the men's and keep it near the base model's. Use
 * createCalEqOdds() for Pleiss et al.'s weights.
 */
export const calEqOdds: Intervention = createCalEqOdds({ weighting: 'aif360' });
