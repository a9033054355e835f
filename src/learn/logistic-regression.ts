import { InputError } from '../errors.js';
import type { Rng } from '../rng.js';
import { lbfgs } from './lbfgs.js';
import { groupRows, predictDistinct, rowKey, selectMatrixRows, sumByGroup } from './row-groups.js';
import { checkOption } from './tree-options.js';
import type { FeatureMatrix, FittedClassifier, Learner, TrainingSet } from './types.js';
import { validateFeatureMatrix, validateTrainingSet } from './validate-training-set.js';

/** How logistic regression turns a feature column into model inputs. */
export const FeatureEncoding = { auto: 'auto', onehot: 'onehot', numeric: 'numeric' } as const;
export type FeatureEncoding = keyof typeof FeatureEncoding;

/** Options of multinomial logistic regression; modeled on scikit-learn's LogisticRegression (lbfgs, multinomial). */
export interface LogisticRegressionOptions {
  /**
   * Inverse L2 strength: minimizes sum_i w_i (-log p(y_i | x_i)) + ||W||^2 / (2 C) (intercepts unpenalized),
   * scikit-learn's objective. Default 1.
   */
  readonly C?: number;
  /**
   * 'auto' (default): a column whose training values are all integers with at most `maxCategories` distinct
   * values is one-hot encoded (one indicator per value seen in training; unseen values give all zeros); any other
   * column is standardized (weighted mean 0, standard deviation 1). 'onehot' / 'numeric' force one treatment for
   * every column.
   */
  readonly encoding?: FeatureEncoding;
  /** Default 64. */
  readonly maxCategories?: number;
  /** L-BFGS stops when max |gradient of the objective divided by the total weight| <= this. Default 1e-7. */
  readonly gradientTolerance?: number;
  /** Default 1000. */
  readonly maxIterations?: number;
}

/** How one input column became model inputs. */
export type ColumnEncoding =
  | { readonly kind: 'onehot'; readonly offset: number; readonly levels: readonly number[] }
  | { readonly kind: 'numeric'; readonly offset: number; readonly mean: number; readonly scale: number };

export interface FittedLogisticRegression extends FittedClassifier {
  readonly kind: 'logit';
  readonly nFeatures: number;
  readonly columns: readonly ColumnEncoding[];
  /** Model inputs after encoding. */
  readonly nInputs: number;
  /** nInputs x nClasses, row-major. */
  readonly coefficients: Float64Array;
  readonly intercepts: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** max |gradient| of the objective / total weight at the solution. */
  readonly gradientMaxAbs: number;
  /** (sum_i w_i (-log p(y_i|x_i)) + ||W||^2 / (2C)) / sum_i w_i at the solution. */
  readonly objective: number;
}

/** Sparse design: every row has one entry per input column (index -1 = unseen category, contributes nothing). */
interface Design {
  readonly index: Int32Array;
  readonly value: Float64Array;
  readonly perRow: number;
}

function encodeRows(x: FeatureMatrix, columns: readonly ColumnEncoding[]): Design {
  const m = columns.length;
  const index = new Int32Array(x.nRows * m);
  const value = new Float64Array(x.nRows * m);
  const lookups = columns.map((col) =>
    col.kind === 'onehot' ? new Map(col.levels.map((v, l) => [v, l])) : null,
  );
  for (let i = 0; i < x.nRows; i++)
    for (let j = 0; j < m; j++) {
      const v = x.values[i * x.nFeatures + j];
      const col = columns[j];
      const e = i * m + j;
      if (col.kind === 'onehot') {
        const level = lookups[j]!.get(v);
        index[e] = level === undefined ? -1 : col.offset + level;
        value[e] = 1;
      } else {
        index[e] = col.offset;
        value[e] = (v - col.mean) / col.scale;
      }
    }
  return { index, value, perRow: m };
}

function chooseEncodings(
  x: FeatureMatrix,
  weight: Float64Array,
  encoding: FeatureEncoding,
  maxCategories: number,
): ColumnEncoding[] {
  const columns: ColumnEncoding[] = [];
  let offset = 0;
  for (let j = 0; j < x.nFeatures; j++) {
    const distinct = new Set<number>();
    let isInteger = true;
    for (let i = 0; i < x.nRows; i++) {
      const v = x.values[i * x.nFeatures + j];
      if (!Number.isInteger(v)) isInteger = false;
      if (distinct.size <= maxCategories || encoding === 'onehot') distinct.add(v);
    }
    const isOneHot =
      encoding === 'onehot' || (encoding === 'auto' && isInteger && distinct.size <= maxCategories);
    if (isOneHot) {
      const levels = [...distinct].sort((a, b) => a - b);
      columns.push({ kind: 'onehot', offset, levels });
      offset += levels.length;
    } else {
      let total = 0;
      let sum = 0;
      for (let i = 0; i < x.nRows; i++) {
        total += weight[i];
        sum += weight[i] * x.values[i * x.nFeatures + j];
      }
      const mean = sum / total;
      let squares = 0;
      for (let i = 0; i < x.nRows; i++) squares += weight[i] * (x.values[i * x.nFeatures + j] - mean) ** 2;
      const sd = Math.sqrt(squares / total);
      columns.push({ kind: 'numeric', offset, mean, scale: sd > 0 ? sd : 1 });
      offset += 1;
    }
  }
  return columns;
}

/**
 * Mean objective and gradient over parameters theta = [W (nInputs x C, row-major), b (C)]:
 * (sum_i w_i (logsumexp(z_i) - z_{i, y_i}) + ||W||^2 / (2C)) / sum_i w_i with z_i = x_i W + b.
 */
function objective(
  theta: Float64Array,
  gradient: Float64Array,
  design: Design,
  y: Int32Array,
  weight: Float64Array,
  nInputs: number,
  C: number,
  inverseStrength: number,
  totalWeight: number,
): number {
  const n = y.length;
  const m = design.perRow;
  const bOffset = nInputs * C;
  gradient.fill(0);
  const z = new Float64Array(C);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const w = weight[i];
    if (w === 0) continue;
    for (let c = 0; c < C; c++) z[c] = theta[bOffset + c];
    for (let e = i * m; e < (i + 1) * m; e++) {
      const j = design.index[e];
      if (j < 0) continue;
      const v = design.value[e];
      for (let c = 0; c < C; c++) z[c] += v * theta[j * C + c];
    }
    let max = -Infinity;
    for (let c = 0; c < C; c++) max = Math.max(max, z[c]);
    const shiftedTrue = z[y[i]] - max;
    let total = 0;
    for (let c = 0; c < C; c++) total += z[c] = Math.exp(z[c] - max);
    // z now holds exp(z - max); loss_i = log(total) - (z_y - max).
    loss += w * (Math.log(total) - shiftedTrue);
    for (let c = 0; c < C; c++) {
      const g = w * (z[c] / total - (c === y[i] ? 1 : 0));
      gradient[bOffset + c] += g;
      for (let e = i * m; e < (i + 1) * m; e++) {
        const j = design.index[e];
        if (j >= 0) gradient[j * C + c] += g * design.value[e];
      }
    }
  }
  let penalty = 0;
  for (let k = 0; k < bOffset; k++) {
    penalty += theta[k] * theta[k];
    gradient[k] += theta[k] / inverseStrength;
  }
  for (let k = 0; k < gradient.length; k++) gradient[k] /= totalWeight;
  return (loss + penalty / (2 * inverseStrength)) / totalWeight;
}

/**
 * Multinomial (softmax) logistic regression with L2 regularization and sample weights, fitted by L-BFGS to a
 * gradient tolerance. Handles many classes (e.g. the A*C classes of g(x) = P(S, Y | X = x), docs/design.md,
 * Blackwell, cuts and continuous features) and mixed discrete/continuous features (see `encoding`).
 * Deterministic: the Rng is not used.
 */
export function logisticRegression(options: LogisticRegressionOptions = {}): Learner {
  const kind = 'logit';
  const inverseStrength = checkOption(kind, 'C', options.C ?? 1, Number.MIN_VALUE, Infinity, false);
  const encoding = options.encoding ?? 'auto';
  if (!Object.hasOwn(FeatureEncoding, encoding))
    throw new InputError(
      'E_BAD_OPTION',
      `${kind}: encoding must be auto, onehot or numeric, got ${encoding}`,
      { option: 'encoding' },
    );
  const maxCategories = checkOption(kind, 'maxCategories', options.maxCategories ?? 64, 1, Infinity, true);
  const gradientTolerance = checkOption(
    kind,
    'gradientTolerance',
    options.gradientTolerance ?? 1e-7,
    0,
    Infinity,
    false,
  );
  const maxIterations = checkOption(kind, 'maxIterations', options.maxIterations ?? 1000, 1, Infinity, true);
  return {
    kind,
    fit(data: TrainingSet, _rng: Rng): FittedLogisticRegression {
      const rowWeight = validateTrainingSet(data, kind);
      const { nClasses: C } = data;
      const columns = chooseEncodings(data.x, rowWeight, encoding, maxCategories);
      const nInputs = columns.reduce(
        (total, col) => total + (col.kind === 'onehot' ? col.levels.length : 1),
        0,
      );
      // The objective is a weighted sum over rows: merge identical (features, label) rows (row-groups.ts).
      const groups = groupRows(data.x.nRows, (i) => `${rowKey(data.x, i)}${data.y[i]}`);
      const x = selectMatrixRows(data.x, groups.representative);
      const y = Int32Array.from(groups.representative, (i) => data.y[i]);
      const weight = sumByGroup(groups, rowWeight);
      const design = encodeRows(x, columns);
      let totalWeight = 0;
      for (let i = 0; i < weight.length; i++) totalWeight += weight[i];
      const result = lbfgs(
        (theta, gradient) =>
          objective(theta, gradient, design, y, weight, nInputs, C, inverseStrength, totalWeight),
        new Float64Array((nInputs + 1) * C),
        { maxIterations, gradientTolerance, memory: 10 },
      );
      const nFeatures = data.x.nFeatures;
      const coefficients = result.x.slice(0, nInputs * C);
      const intercepts = result.x.slice(nInputs * C);
      const predictEncoded = (xNew: FeatureMatrix): Float64Array => {
        const d = encodeRows(xNew, columns);
        const out = new Float64Array(xNew.nRows * C);
        const z = new Float64Array(C);
        for (let i = 0; i < xNew.nRows; i++) {
          for (let c = 0; c < C; c++) z[c] = intercepts[c];
          for (let e = i * d.perRow; e < (i + 1) * d.perRow; e++) {
            const j = d.index[e];
            if (j < 0) continue;
            for (let c = 0; c < C; c++) z[c] += d.value[e] * coefficients[j * C + c];
          }
          let max = -Infinity;
          for (let c = 0; c < C; c++) max = Math.max(max, z[c]);
          let total = 0;
          for (let c = 0; c < C; c++) total += out[i * C + c] = Math.exp(z[c] - max);
          for (let c = 0; c < C; c++) out[i * C + c] /= total;
        }
        return out;
      };
      return {
        kind,
        nClasses: C,
        nFeatures,
        columns,
        nInputs,
        coefficients,
        intercepts,
        iterations: result.iterations,
        converged: result.converged,
        gradientMaxAbs: result.gradientMaxAbs,
        objective: result.value,
        predictProba(xNew: FeatureMatrix): Float64Array {
          validateFeatureMatrix(xNew, kind, nFeatures);
          return predictDistinct(xNew, C, predictEncoded);
        },
      };
    },
  };
}
