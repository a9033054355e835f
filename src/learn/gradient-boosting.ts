import type { Rng } from '../rng.js';
import { binFeatures } from './binning.js';
import { compressForTrees } from './compress.js';
import { countPositiveByGroup, predictDistinct, sumByGroup } from './row-groups.js';
import { growTree, leafOf, type TreeModel } from './tree.js';
import { checkOption, checkTreeLimits, resolveMaxFeatures, type MaxFeatures } from './tree-options.js';
import type { FeatureMatrix, FittedClassifier, Learner, TrainingSet } from './types.js';
import { validateFeatureMatrix, validateTrainingSet } from './validate-training-set.js';

/** Options of gradient-boosted trees; defaults are scikit-learn's GradientBoostingClassifier's. */
export interface GradientBoostingOptions {
  /** Boosting stages. Default 100. */
  readonly nEstimators?: number;
  /** Shrinkage of every stage. Default 0.1. */
  readonly learningRate?: number;
  /** Depth of each regression tree. Default 3. */
  readonly maxDepth?: number;
  /** Default 2. */
  readonly minSamplesSplit?: number;
  /** Default 1. */
  readonly minSamplesLeaf?: number;
  /** Share of rows (without replacement) each stage is fitted on; < 1 is stochastic boosting. Default 1. */
  readonly subsample?: number;
  /** Default 'all'. */
  readonly maxFeatures?: MaxFeatures;
  /** Default 255. */
  readonly maxBins?: number;
}

export interface FittedGradientBoosting extends FittedClassifier {
  readonly kind: 'gbm';
  readonly nFeatures: number;
  /** Initial raw scores: binary one log-odds value; multi-class log priors, one per class. */
  readonly init: Float64Array;
  /** Stage m, tree k (k = 0 only for binary labels) is trees[m * treesPerStage + k]; leaves hold Newton steps. */
  readonly trees: readonly TreeModel[];
  readonly treesPerStage: number;
  readonly learningRate: number;
  /** Weighted mean deviance on the training rows after each stage (for monitoring; decreasing). */
  readonly trainLoss: Float64Array;
}

/** Class priors are clipped away from 0 and 1 before taking logs, as scikit-learn does (float32 epsilon). */
const PRIOR_CLIP = 1.1920928955078125e-7;
/** A leaf whose Newton denominator is below this gets step 0 (scikit-learn's guard, 1e-150). */
const NEWTON_DENOMINATOR_FLOOR = 1e-150;
/** Probabilities are clipped here inside the monitored deviance only. */
const LOSS_CLIP = 1e-15;

function softmaxInPlace(raw: Float64Array, offset: number, C: number, out: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < C; c++) max = Math.max(max, raw[offset + c]);
  let total = 0;
  for (let c = 0; c < C; c++) total += out[offset + c] = Math.exp(raw[offset + c] - max);
  for (let c = 0; c < C; c++) out[offset + c] /= total;
}

/** Raw scores (nRows x C) to probabilities; binary raw scores live in column 1 with column 0 fixed at 0. */
function probabilities(raw: Float64Array, nRows: number, C: number): Float64Array {
  const out = new Float64Array(nRows * C);
  for (let i = 0; i < nRows; i++) softmaxInPlace(raw, i * C, C, out);
  return out;
}

/**
 * Gradient-boosted regression trees for classification (Friedman 2001), as scikit-learn's
 * GradientBoostingClassifier: binomial deviance with one tree per stage for two classes, multinomial deviance
 * with one tree per class per stage otherwise. Each tree is a squared-error regression tree fitted to the
 * residuals y_k - p_k with the sample weights; each leaf then takes one Newton step,
 * sum w r / sum w p (1 - p) (binary) or (K-1)/K sum w r / sum w |r| (1 - |r|) (multi-class), shrunk by the
 * learning rate. Initial scores: log-odds / log priors of the weighted class shares. (scikit-learn's default
 * split criterion 'friedman_mse' scores a split by w_L w_R / (w_L + w_R) (mean_L - mean_R)^2, which equals the
 * squared-error decrease used here, so the splits are the same.)
 */
export function gradientBoosting(options: GradientBoostingOptions = {}): Learner {
  const kind = 'gbm';
  const nEstimators = checkOption(kind, 'nEstimators', options.nEstimators ?? 100, 1, 1e6, true);
  const learningRate = checkOption(
    kind,
    'learningRate',
    options.learningRate ?? 0.1,
    Number.MIN_VALUE,
    Infinity,
    false,
  );
  const { maxDepth, minSamplesSplit, minSamplesLeaf, maxBins } = checkTreeLimits(kind, options, 3, 1);
  const subsample = checkOption(kind, 'subsample', options.subsample ?? 1, Number.MIN_VALUE, 1, false);
  return {
    kind,
    fit(data: TrainingSet, rng: Rng): FittedGradientBoosting {
      const rowWeight = validateTrainingSet(data, kind);
      const { nClasses: C } = data;
      const nFeatures = data.x.nFeatures;
      const maxFeatures = resolveMaxFeatures(options.maxFeatures ?? 'all', nFeatures, kind);
      // Raw scores are a function of the bin tuple, so rows with equal (bins, label) share residuals: fit on groups.
      const merged = compressForTrees(binFeatures(data.x, maxBins), data.x, data.y);
      const { y, x, binned } = merged;
      const n = merged.groups.nGroups;
      const weight = sumByGroup(merged.groups, rowWeight);
      const count = countPositiveByGroup(merged.groups, rowWeight);
      const isBinary = C === 2;
      const treesPerStage = isBinary ? 1 : C;

      // Initial raw scores from the weighted class shares.
      const share = new Float64Array(C);
      let totalWeight = 0;
      for (let i = 0; i < n; i++) {
        share[y[i]] += weight[i];
        totalWeight += weight[i];
      }
      for (let c = 0; c < C; c++)
        share[c] = Math.min(1 - PRIOR_CLIP, Math.max(PRIOR_CLIP, share[c] / totalWeight));
      const init = isBinary
        ? Float64Array.of(Math.log(share[1] / share[0]))
        : Float64Array.from(share, Math.log);
      // raw[i*C + c]: for binary, column 0 stays 0 and column 1 holds the log-odds.
      const raw = new Float64Array(n * C);
      for (let i = 0; i < n; i++)
        if (isBinary) raw[i * C + 1] = init[0];
        else for (let c = 0; c < C; c++) raw[i * C + c] = init[c];

      const trees: TreeModel[] = [];
      const trainLoss = new Float64Array(nEstimators);
      const residual = new Float64Array(n);
      let stageWeight = weight;
      let stageCount = count;
      const p = new Float64Array(n * C);
      const growth = { maxDepth, minSamplesSplit, minSamplesLeaf, maxFeatures };
      const nRows = data.x.nRows;
      for (let m = 0; m < nEstimators; m++) {
        const stageRng = rng.fork(m);
        for (let i = 0; i < n; i++) softmaxInPlace(raw, i * C, C, p);
        // Stochastic boosting: a subsample of the original rows without replacement.
        if (subsample < 1) {
          const sampled = new Float64Array(nRows);
          const size = Math.max(1, Math.round(subsample * nRows));
          const order = Int32Array.from({ length: nRows }, (_, i) => i);
          for (let a = 0; a < size; a++) {
            const b = a + Math.floor(stageRng.next() * (nRows - a));
            const t = order[a];
            order[a] = order[b];
            order[b] = t;
            sampled[order[a]] = rowWeight[order[a]];
          }
          stageWeight = sumByGroup(merged.groups, sampled);
          stageCount = countPositiveByGroup(merged.groups, sampled);
        }
        for (let k = 0; k < treesPerStage; k++) {
          const c = isBinary ? 1 : k;
          for (let i = 0; i < n; i++) residual[i] = (y[i] === c ? 1 : 0) - p[i * C + c];
          const { tree, leafOfRow } = growTree(
            binned,
            { kind: 'regression', r: residual },
            stageWeight,
            growth,
            stageRng.fork(k),
            stageCount,
          );
          // Newton step per leaf from the rows that grew it.
          const numerator = new Float64Array(tree.feature.length);
          const denominator = new Float64Array(tree.feature.length);
          for (let i = 0; i < n; i++) {
            const leaf = leafOfRow[i];
            if (leaf < 0) continue;
            const w = stageWeight[i];
            const r = residual[i];
            numerator[leaf] += w * r;
            denominator[leaf] += isBinary
              ? w * p[i * C + 1] * (1 - p[i * C + 1])
              : w * Math.abs(r) * (1 - Math.abs(r));
          }
          const value = new Float64Array(tree.value.length);
          const factor = isBinary ? 1 : (C - 1) / C;
          for (let node = 0; node < tree.feature.length; node++)
            if (tree.feature[node] < 0)
              value[node] =
                denominator[node] < NEWTON_DENOMINATOR_FLOOR
                  ? 0
                  : (factor * numerator[node]) / denominator[node];
          const stepped: TreeModel = { ...tree, value };
          trees.push(stepped);
          for (let i = 0; i < n; i++) {
            const leaf = leafOfRow[i] >= 0 ? leafOfRow[i] : leafOf(stepped, x, i);
            raw[i * C + c] += learningRate * value[leaf];
          }
        }
        // Monitored training deviance (weighted mean of -log p_y).
        let loss = 0;
        for (let i = 0; i < n; i++) {
          softmaxInPlace(raw, i * C, C, p);
          loss -= weight[i] * Math.log(Math.max(LOSS_CLIP, p[i * C + y[i]]));
        }
        trainLoss[m] = loss / totalWeight;
      }
      const predictRaw = (xNew: FeatureMatrix): Float64Array => {
        const rawNew = new Float64Array(xNew.nRows * C);
        for (let i = 0; i < xNew.nRows; i++)
          if (isBinary) rawNew[i * C + 1] = init[0];
          else for (let c = 0; c < C; c++) rawNew[i * C + c] = init[c];
        for (let t = 0; t < trees.length; t++) {
          const tree = trees[t];
          const c = isBinary ? 1 : t % treesPerStage;
          for (let i = 0; i < xNew.nRows; i++)
            rawNew[i * C + c] += learningRate * tree.value[leafOf(tree, xNew, i)];
        }
        return probabilities(rawNew, xNew.nRows, C);
      };
      return {
        kind,
        nClasses: C,
        nFeatures,
        init,
        trees,
        treesPerStage,
        learningRate,
        trainLoss,
        predictProba(xNew: FeatureMatrix): Float64Array {
          validateFeatureMatrix(xNew, kind, nFeatures);
          return predictDistinct(xNew, C, predictRaw);
        },
      };
    },
  };
}
