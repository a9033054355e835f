import type { FeatureMatrix, Learner } from '../learn/types.js';
import type { Measure } from '../metrics/measure.js';
import type { Rng } from '../rng.js';

/**
 * What a fairness intervention sees when it is fitted. In-processing methods (Reduction) use `x` and a base
 * learner; post-processing methods (EqOdds, CalEqOdds, LevEqOpp, FairProjection) use the base model's scores.
 */
export interface InterventionData {
  readonly x: FeatureMatrix;
  /** Base classifier probabilities, row-major nRows x nClasses (for post-processors). */
  readonly scores: Float64Array;
  readonly group: Int32Array;
  readonly label: Int32Array;
  readonly nGroups: number;
  readonly nClasses: number;
  readonly weight?: Float64Array;
}

/** What a fitted intervention predicts from: the same fields, without labels. */
export interface InterventionInput {
  readonly x: FeatureMatrix;
  readonly scores: Float64Array;
  readonly group: Int32Array;
}

/**
 * A fitted intervention returns a randomized classifier as a distribution over predicted classes for each row
 * (row-major nRows x nClasses, rows sum to 1); the metric engine counts predictions by these probabilities.
 */
export interface FittedIntervention {
  readonly method: string;
  /** The knob value it was fitted with (eps, tolerance, ...). */
  readonly knob: number;
  predictDistribution(input: InterventionInput): Float64Array;
  /** Method-specific diagnostics (iterations, achieved gap, ...), JSON-serializable. */
  readonly diagnostics?: Readonly<Record<string, number | string | boolean>>;
}

export interface InterventionContext {
  /** The fairness measure the method targets (each method documents which it supports). */
  readonly measure: Measure;
  /** The knob value for this fit. */
  readonly knob: number;
  readonly learner: Learner;
  readonly rng: Rng;
}

/** A fairness intervention: a name, its knob's meaning and default sweep, and a fit function. */
export interface Intervention {
  readonly method: string;
  readonly knobName: string;
  /** Default knob values traced by a sweep, from least to most constrained or vice versa (documented). */
  readonly defaultKnobs: readonly number[];
  readonly supportedMeasures: readonly Measure[];
  /**
   * In-processing methods train on the rows and features themselves (Reduction, the FairFront rule);
   * post-processing methods adjust a fitted base model's scores. The benchmark fits them on different rows
   * (docs/design.md, Interventions). Default 'post-processing'.
   */
  readonly stage?: 'in-processing' | 'post-processing';
  /** Whether the fit uses `context.learner` (default true); the FairFront rule does not, so it runs once, not per model. */
  readonly usesLearner?: boolean;
  /** Whether it needs binary labels / two groups. */
  readonly requiresBinaryLabel: boolean;
  readonly requiresTwoGroups: boolean;
  /**
   * The most groups the method takes: its constraints are written per pair of groups, so they grow as A^2 and
   * exhaust the solver's memory long before the frontier's O(A) rows do. Above it the benchmark skips the method
   * with the count and the limit.
   */
  readonly maxGroups?: number;
  /** Synchronous or asynchronous (an LP-backed method); callers always `await` the result. */
  fit(data: InterventionData, context: InterventionContext): FittedIntervention | Promise<FittedIntervention>;
}
