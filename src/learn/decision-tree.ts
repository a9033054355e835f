import type { Rng } from '../rng.js';
import { binFeatures } from './binning.js';
import { compressForTrees } from './compress.js';
import { countPositiveByGroup, predictDistinct, sumByGroup } from './row-groups.js';
import { SPLIT_CRITERIA, growTree, type SplitCriterion, leafOf, type TreeModel } from './tree.js';
import { checkChoice, checkTreeLimits, resolveMaxFeatures, type MaxFeatures } from './tree-options.js';
import type { FeatureMatrix, FittedClassifier, Learner, TrainingSet } from './types.js';
import { validateFeatureMatrix, validateTrainingSet } from './validate-training-set.js';

/** Options of a single weighted CART classifier; defaults are scikit-learn's DecisionTreeClassifier's. */
export interface DecisionTreeOptions {
  /** Default Infinity (grow until pure or too small). */
  readonly maxDepth?: number;
  /** Default 2. */
  readonly minSamplesSplit?: number;
  /** Default 1. */
  readonly minSamplesLeaf?: number;
  /** Default 'all'. */
  readonly maxFeatures?: MaxFeatures;
  /** Histogram bins per feature; a column with at most this many distinct values is split exactly. Default 255. */
  readonly maxBins?: number;
  /** Impurity of the splits, as scikit-learn's `criterion`: 'gini' (default) or 'entropy'. */
  readonly criterion?: SplitCriterion;
}

export interface FittedDecisionTree extends FittedClassifier {
  readonly kind: 'tree';
  readonly nFeatures: number;
  readonly tree: TreeModel;
}

// Re-exported for callers that read the default from the tree.
export { DEFAULT_MAX_BINS } from './tree-options.js';

/** Class probabilities of a classification tree: the leaf's weighted class proportions. */
export function treeProba(tree: TreeModel, x: FeatureMatrix, out: Float64Array, scale: number): void {
  const C = tree.valueSize;
  for (let i = 0; i < x.nRows; i++) {
    const leaf = leafOf(tree, x, i);
    for (let c = 0; c < C; c++) out[i * C + c] += scale * tree.value[leaf * C + c];
  }
}

/** A single weighted CART (Gini or entropy) classifier: the building block of the forest, exposed for tests and baselines. */
export function decisionTree(options: DecisionTreeOptions = {}): Learner {
  const kind = 'tree';
  const { maxDepth, minSamplesSplit, minSamplesLeaf, maxBins } = checkTreeLimits(kind, options, Infinity, 0);
  const criterion = checkChoice(kind, 'criterion', options.criterion ?? 'gini', SPLIT_CRITERIA);
  return {
    kind,
    fit(data: TrainingSet, rng: Rng): FittedDecisionTree {
      const weight = validateTrainingSet(data, kind);
      const nFeatures = data.x.nFeatures;
      const maxFeatures = resolveMaxFeatures(options.maxFeatures ?? 'all', nFeatures, kind);
      const merged = compressForTrees(binFeatures(data.x, maxBins), data.x, data.y);
      const { tree } = growTree(
        merged.binned,
        { kind: 'classification', y: merged.y, nClasses: data.nClasses },
        sumByGroup(merged.groups, weight),
        { maxDepth, minSamplesSplit, minSamplesLeaf, maxFeatures, criterion },
        rng,
        countPositiveByGroup(merged.groups, weight),
      );
      return {
        kind,
        nClasses: data.nClasses,
        nFeatures,
        tree,
        predictProba(x: FeatureMatrix): Float64Array {
          validateFeatureMatrix(x, kind, nFeatures);
          return predictDistinct(x, data.nClasses, (distinct) => {
            const out = new Float64Array(distinct.nRows * data.nClasses);
            treeProba(tree, distinct, out, 1);
            return out;
          });
        },
      };
    },
  };
}
