import type { Rng } from '../rng.js';
import { binFeatures } from './binning.js';
import { treeProba } from './decision-tree.js';
import { compressForTrees } from './compress.js';
import { countPositiveByGroup, predictDistinct, sumByGroup } from './row-groups.js';
import { SPLIT_CRITERIA, growTree, type SplitCriterion, type TreeModel } from './tree.js';
import {
  checkChoice,
  checkOption,
  checkTreeLimits,
  resolveMaxFeatures,
  type MaxFeatures,
} from './tree-options.js';
import type { FeatureMatrix, FittedClassifier, Learner, TrainingSet } from './types.js';
import { validateFeatureMatrix, validateTrainingSet } from './validate-training-set.js';

/** Options of the random forest; defaults are scikit-learn's RandomForestClassifier's. */
export interface RandomForestOptions {
  /** Trees. Default 100. */
  readonly nEstimators?: number;
  /** Default Infinity (fully grown trees). */
  readonly maxDepth?: number;
  /** Default 2. */
  readonly minSamplesSplit?: number;
  /** Default 1. */
  readonly minSamplesLeaf?: number;
  /** Features tried per split. Default 'sqrt'. */
  readonly maxFeatures?: MaxFeatures;
  /** Draw each tree's rows with replacement. Default true. */
  readonly bootstrap?: boolean;
  /** Default 255 (integer-coded cell features are split exactly). */
  readonly maxBins?: number;
  /** Impurity of the splits, as scikit-learn's `criterion`: 'gini' (default) or 'entropy'. */
  readonly criterion?: SplitCriterion;
}

export interface FittedRandomForest extends FittedClassifier {
  readonly kind: 'rf';
  readonly nFeatures: number;
  readonly trees: readonly TreeModel[];
}

/** Walker's alias table for drawing rows with probabilities proportional to their weights (Vose's construction). */
interface AliasTable {
  readonly probability: Float64Array;
  readonly alias: Int32Array;
}

function aliasTable(weight: Float64Array): AliasTable {
  const n = weight.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += weight[i];
  const probability = Float64Array.from(weight, (w) => (w * n) / total);
  const alias = Int32Array.from({ length: n }, (_, i) => i);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) (probability[i] < 1 ? small : large).push(i);
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large[large.length - 1];
    alias[s] = l;
    probability[l] -= 1 - probability[s];
    if (probability[l] < 1) {
      large.pop();
      small.push(l);
    }
  }
  // Left-overs are 1 up to rounding; a zero-weight row can never be left over with probability 1 because the
  // total is positive, but guard anyway so that it is never drawn.
  for (const i of [...small, ...large]) probability[i] = weight[i] > 0 ? 1 : 0;
  return { probability, alias };
}

/** How often each row is drawn in `nRows` draws with replacement from the alias table (one uniform per draw). */
function bootstrapCounts(table: AliasTable, rng: Rng): Float64Array {
  const n = table.probability.length;
  const counts = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const u = rng.next() * n;
    const i = Math.floor(u);
    counts[u - i < table.probability[i] ? i : table.alias[i]]++;
  }
  return counts;
}

/**
 * Random forest of weighted CART classifiers (Breiman 2001), with scikit-learn's defaults. Sample weights enter
 * twice, as in scikit-learn up to the bootstrap: each tree's rows are drawn with replacement with probability
 * proportional to the weights (so a weight of 2 acts like a duplicated row), and the draw counts are the tree's
 * row weights. Each tree uses `rng.fork(t)`, so the forest does not depend on the order of fitting.
 * predictProba averages the trees' leaf class proportions.
 */
export function randomForest(options: RandomForestOptions = {}): Learner {
  const kind = 'rf';
  const nEstimators = checkOption(kind, 'nEstimators', options.nEstimators ?? 100, 1, 1e6, true);
  const { maxDepth, minSamplesSplit, minSamplesLeaf, maxBins } = checkTreeLimits(kind, options, Infinity, 0);
  const criterion = checkChoice(kind, 'criterion', options.criterion ?? 'gini', SPLIT_CRITERIA);
  const bootstrap = options.bootstrap ?? true;
  return {
    kind,
    fit(data: TrainingSet, rng: Rng): FittedRandomForest {
      const weight = validateTrainingSet(data, kind);
      const { nClasses } = data;
      const nFeatures = data.x.nFeatures;
      const maxFeatures = resolveMaxFeatures(options.maxFeatures ?? 'sqrt', nFeatures, kind);
      const merged = compressForTrees(binFeatures(data.x, maxBins), data.x, data.y);
      const trees: TreeModel[] = [];
      const sampler = bootstrap ? aliasTable(weight) : null;
      for (let t = 0; t < nEstimators; t++) {
        const treeRng = rng.fork(t);
        const rowWeight = sampler ? bootstrapCounts(sampler, treeRng) : weight;
        const grown = growTree(
          merged.binned,
          { kind: 'classification', y: merged.y, nClasses },
          sumByGroup(merged.groups, rowWeight),
          { maxDepth, minSamplesSplit, minSamplesLeaf, maxFeatures, criterion },
          treeRng,
          countPositiveByGroup(merged.groups, rowWeight),
        );
        trees.push(grown.tree);
      }
      return {
        kind,
        nClasses,
        nFeatures,
        trees,
        predictProba(x: FeatureMatrix): Float64Array {
          validateFeatureMatrix(x, kind, nFeatures);
          return predictDistinct(x, nClasses, (distinct) => {
            const out = new Float64Array(distinct.nRows * nClasses);
            for (const tree of trees) treeProba(tree, distinct, out, 1 / trees.length);
            return out;
          });
        },
      };
    },
  };
}
