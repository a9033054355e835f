import { rowWeight, selectRows, type EncodedTable } from '../data/table.js';
import { InputError } from '../errors.js';
import type { FeatureMatrix, Learner } from '../learn/types.js';
import { createRng, permutation } from '../rng.js';
import { createExperiment, type FairnessExperiment } from './experiment.js';

/**
 * Where g(x) comes from: a probabilistic classifier to fit (any `Learner`, e.g. logisticRegression()), or a
 * function that returns the probabilities for a table's rows (a known model, or a fitted one).
 * Group-aware: the probabilities are P(Y = y | X = x, S = s), nRows x nClasses. Group-blind: they are
 * P(S = s, Y = y | X = x), nRows x (nGroups * nClasses), column s * nClasses + y.
 */
export type PosteriorSource = Learner | ((table: EncodedTable) => Float64Array);

export interface PosteriorExperimentOptions {
  readonly posterior: PosteriorSource;
  /** Does the classifier see the group (default true)? */
  readonly isGroupAware?: boolean;
  /** Seed for the learner and the folds (required even for a function source, for a uniform signature). */
  readonly seed: number;
  /**
   * Cross-fitting: with K >= 2 folds each row's posterior comes from a learner fitted on the other folds, so
   * g(x_i) is not fitted to y_i. Default 1 (fit and predict on all rows). Ignored for a function source.
   */
  readonly folds?: number;
}

export interface PosteriorExperiment {
  /** One point per row: w_i = row weight / total, g_i = the estimated P(S, Y | X = x_i). */
  readonly experiment: FairnessExperiment;
  readonly isGroupAware: boolean;
}

/** Feature columns (plus the group code as the last column when group-aware) as a row-major matrix. */
function featureMatrix(table: EncodedTable, includeGroup: boolean): FeatureMatrix {
  const columns: ArrayLike<number>[] = includeGroup ? [...table.features, table.group] : [...table.features];
  const nFeatures = columns.length;
  const values = new Float64Array(table.nRows * nFeatures);
  for (let j = 0; j < nFeatures; j++)
    for (let i = 0; i < table.nRows; i++) values[i * nFeatures + j] = columns[j][i];
  return {
    nRows: table.nRows,
    nFeatures,
    values,
    featureNames: includeGroup ? [...table.featureNames, 'group'] : [...table.featureNames],
  };
}

function predictWithLearner(
  learner: Learner,
  train: EncodedTable,
  target: EncodedTable,
  isGroupAware: boolean,
  seed: number,
): Float64Array {
  const C = train.classNames.length;
  const A = train.groupNames.length;
  const y = isGroupAware
    ? train.label
    : Int32Array.from(train.label, (label, i) => train.group[i] * C + label);
  const fitted = learner.fit(
    {
      x: featureMatrix(train, isGroupAware),
      y,
      nClasses: isGroupAware ? C : A * C,
      ...(train.weight ? { weight: train.weight } : {}),
    },
    createRng(seed),
  );
  return fitted.predictProba(featureMatrix(target, isGroupAware));
}

/**
 * The experiment of docs/design.md (Blackwell, cuts and continuous features) for continuous (or any)
 * features: one point per row with weight w_i and posterior g(x_i) = P(S, Y | X = x_i) estimated by
 * `posterior`. Its frontier (slackFrontier with slack 0, cuttingPlaneFrontier, or certifiedBracket) is the
 * plug-in estimate of the population frontier.
 * @throws InputError E_BAD_OPTION (shape of the probabilities, folds), E_NOT_FINITE
 * @example
 * const { experiment } = posteriorExperiment(table, { posterior: logisticRegression(), seed: 1 });
 */
export function posteriorExperiment(
  table: EncodedTable,
  options: PosteriorExperimentOptions,
): PosteriorExperiment {
  const isGroupAware = options.isGroupAware ?? true;
  const A = table.groupNames.length;
  const C = table.classNames.length;
  const width = isGroupAware ? C : A * C;
  const folds = options.folds ?? 1;
  if (!Number.isInteger(options.seed))
    throw new InputError('E_BAD_OPTION', 'seed must be an integer', { option: 'seed' });
  if (!Number.isInteger(folds) || folds < 1)
    throw new InputError('E_BAD_OPTION', `folds must be an integer >= 1, got ${folds}`, { option: 'folds' });
  let proba: Float64Array;
  const source = options.posterior;
  if (typeof source === 'function') proba = source(table);
  else if (folds === 1) proba = predictWithLearner(source, table, table, isGroupAware, options.seed);
  else {
    proba = new Float64Array(table.nRows * width);
    const order = permutation(createRng(options.seed), table.nRows);
    for (let f = 0; f < folds; f++) {
      const held: number[] = [];
      const train: number[] = [];
      order.forEach((row, i) => (i % folds === f ? held : train).push(row));
      const p = predictWithLearner(
        source,
        selectRows(table, train),
        selectRows(table, held),
        isGroupAware,
        options.seed + f + 1,
      );
      held.forEach((row, i) => proba.set(p.subarray(i * width, (i + 1) * width), row * width));
    }
  }
  if (proba.length !== table.nRows * width)
    throw new InputError(
      'E_BAD_OPTION',
      `the posterior gave ${proba.length} probabilities; expected ${table.nRows} rows x ${width} (${isGroupAware ? 'P(Y | X, S)' : 'P(S, Y | X)'})`,
      { option: 'posterior' },
    );
  const S = A * C;
  const posterior = new Float64Array(table.nRows * S);
  const weight = new Float64Array(table.nRows);
  for (let i = 0; i < table.nRows; i++) {
    weight[i] = rowWeight(table, i);
    if (isGroupAware)
      for (let y = 0; y < C; y++) posterior[i * S + table.group[i] * C + y] = proba[i * C + y];
    else posterior.set(proba.subarray(i * S, (i + 1) * S), i * S);
  }
  const e = createExperiment({ nStates: S, weight, posterior });
  return { experiment: { ...e, nGroups: A, nClasses: C }, isGroupAware };
}
