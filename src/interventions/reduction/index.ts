import { InputError } from '../../errors.js';
import type { Intervention } from '../types.js';
import { DEFAULT_EPS } from './constants.js';
import {
  exponentiatedGradient,
  mixtureProbabilityOfOne,
  type ExponentiatedGradientOptions,
} from './exponentiated-gradient.js';
import { PAIRWISE_MAX_GROUPS } from '../../defaults.js';

export { exponentiatedGradient, mixtureProbabilityOfOne } from './exponentiated-gradient.js';
export {
  gridSearch,
  gridSearchPredict,
  GRID_SEARCH_DEFAULTS,
  type GridSearchOptions,
  type GridSearchResult,
} from './grid-search.js';
export type {
  ExponentiatedGradientOptions,
  ExponentiatedGradientResult,
  ExponentiatedGradientData,
} from './exponentiated-gradient.js';

/** Knobs of Reduction other than eps (which is the swept knob). */
export type ReductionOptions = Pick<
  ExponentiatedGradientOptions,
  'maxIter' | 'nu' | 'eta0' | 'runLinprogStep' | 'bound'
>;
export { ReductionCriterion, isReductionCriterion, type ReductionBound } from './parity-moment.js';

/**
 * Default eps values of a Reduction sweep, from most to least constrained: a log-spaced grid between 0.001 and
 * 0.2 that, on Adult and COMPAS, spans equalized-odds violations from near 0 to the base model's.
 */
export const REDUCTION_DEFAULT_KNOBS: readonly number[] = [
  0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12, 0.2,
];

/**
 * Reduction (Agarwal et al. 2018): exponentiated gradient with the base learner as cost-sensitive oracle; the
 * result is a randomized mixture of the learner's classifiers. Knob: eps, the allowed pairwise SP, EO or OAE
 * violation on the training data (against the overall rate with `bound: 'to-overall'`). Binary labels, any number
 * of groups. The library function `exponentiatedGradient` also takes TPR, FPR, error-rate parity and group loss.
 * @example
 * const fitted = await createReduction({ maxIter: 30 }).fit(data, { measure: 'eo', knob: 0.02, learner, rng });
 */
export function createReduction(options: ReductionOptions = {}): Intervention {
  return {
    method: 'reduction',
    knobName: 'eps',
    stage: 'in-processing',
    defaultKnobs: REDUCTION_DEFAULT_KNOBS,
    supportedMeasures: ['sp', 'eo', 'oae'],
    requiresBinaryLabel: true,
    requiresTwoGroups: false,
    maxGroups: PAIRWISE_MAX_GROUPS,
    async fit(data, context) {
      if (context.measure !== 'sp' && context.measure !== 'eo' && context.measure !== 'oae')
        throw new InputError(
          'E_BAD_OPTION',
          `reduction supports the measures sp, eo and oae, not ${String(context.measure)}`,
          { option: 'measure' },
        );
      if (data.nClasses !== 2)
        throw new InputError(
          'E_TOO_MANY_CLASSES',
          `reduction needs binary labels, the data has ${data.nClasses} classes`,
        );
      const result = await exponentiatedGradient(
        {
          x: data.x,
          group: data.group,
          label: data.label,
          nGroups: data.nGroups,
          ...(data.weight ? { weight: data.weight } : {}),
        },
        {
          ...options,
          measure: context.measure,
          eps: context.knob ?? DEFAULT_EPS,
          learner: context.learner,
          rng: context.rng,
        },
      );
      return {
        method: 'reduction',
        knob: context.knob,
        predictDistribution(input) {
          const p1 = mixtureProbabilityOfOne(result, input.x);
          const out = new Float64Array(p1.length * 2);
          for (let i = 0; i < p1.length; i++) {
            out[2 * i] = 1 - p1[i];
            out[2 * i + 1] = p1[i];
          }
          return out;
        },
        diagnostics: {
          bound: options.bound ?? 'pairwise',
          iterations: result.iterations,
          bestIteration: result.bestIteration,
          bestGap: result.bestGap,
          nu: result.nu,
          oracleCalls: result.oracleCalls,
          classifiers: result.weights.filter((w) => w > 0).length,
          trainingError: result.trainingError,
          trainingViolation: result.trainingViolation,
        },
      };
    },
  };
}

/** Reduction with fairlearn's defaults (max_iter 50, eta0 2, automatic nu, LP step on). */
export const reduction: Intervention = createReduction();
