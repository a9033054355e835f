import type { Rng } from '../rng.js';

/**
 * Row-major feature matrix: `values[i * nFeatures + j]` is feature j of row i. Features are numeric; categorical
 * columns arrive as codes and each learner documents how it treats them (e.g. one-hot in logistic regression).
 */
export interface FeatureMatrix {
  readonly nRows: number;
  readonly nFeatures: number;
  readonly values: Float64Array;
  readonly featureNames?: readonly string[];
}

/** Training data for a probabilistic classifier. Weights are non-negative; absent = 1. */
export interface TrainingSet {
  readonly x: FeatureMatrix;
  /** Class index 0..nClasses-1 per row. */
  readonly y: Int32Array;
  readonly nClasses: number;
  readonly weight?: Float64Array;
}

/** A fitted probabilistic classifier: plain data plus a pure predict function. */
export interface FittedClassifier {
  readonly kind: string;
  readonly nClasses: number;
  /** Class probabilities, row-major nRows x nClasses, rows sum to 1. */
  predictProba(x: FeatureMatrix): Float64Array;
}

/** A base learner: fits on weighted data with an explicit random source (no hidden seed). */
export interface Learner {
  readonly kind: string;
  fit(data: TrainingSet, rng: Rng): FittedClassifier;
}
