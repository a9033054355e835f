import { midpoint } from '../numeric.js';
import { randomInt, type Rng } from '../rng.js';
import type { BinnedFeatures } from './binning.js';
import type { FeatureMatrix } from './types.js';

/**
 * A fitted binary decision tree as plain arrays. Node 0 is the root; an internal node sends row x left when
 * x[feature] <= threshold. Leaves have feature -1 and carry `valueSize` numbers (class probabilities for a
 * classification tree, one value for a regression tree).
 */
export interface TreeModel {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** nNodes x valueSize, row-major; meaningful at leaves. */
  readonly value: Float64Array;
  readonly valueSize: number;
  readonly nLeaves: number;
  readonly depth: number;
}

/** What a tree is grown on: class labels (Gini or entropy) or a real target (squared error). */
export type TreeTarget =
  | { readonly kind: 'classification'; readonly y: Int32Array; readonly nClasses: number }
  | { readonly kind: 'regression'; readonly r: Float64Array };

/** Growth limits, named as in scikit-learn's DecisionTreeClassifier. */
export interface TreeGrowth {
  /** Infinity = grow until leaves are pure or too small. */
  readonly maxDepth: number;
  /** A node needs this many rows (with positive weight) to be split. */
  readonly minSamplesSplit: number;
  /** Each child keeps at least this many rows. */
  readonly minSamplesLeaf: number;
  /** Features drawn (without replacement) per node; = nFeatures for plain CART. */
  readonly maxFeatures: number;
  /** Impurity of a classification tree, as scikit-learn's `criterion`. Default 'gini'; ignored for regression. */
  readonly criterion?: SplitCriterion;
}

/** Impurity measures of classification trees, named as scikit-learn's `criterion` values ('log_loss' = 'entropy'). */
export const SPLIT_CRITERIA = ['gini', 'entropy', 'log_loss'] as const;
export type SplitCriterion = (typeof SPLIT_CRITERIA)[number];

export interface GrownTree {
  readonly tree: TreeModel;
  /** Leaf node of every training row with positive weight; -1 for rows not used. */
  readonly leafOfRow: Int32Array;
}

/**
 * Proxy improvements within this distance of the best are ties: the first (feature order, then bin order) wins,
 * so that ties are broken the same way whatever the rounding of the running sums.
 */
const GAIN_TIE_TOL = 1e-12;

/**
 * Weighted CART on binned features (histogram split search). Classification maximizes the weighted Gini
 * decrease, i.e. sum_c L_c^2 / W_L + sum_c R_c^2 / W_R, or the entropy decrease, i.e.
 * sum_c L_c ln(L_c / W_L) + sum_c R_c ln(R_c / W_R); regression maximizes the squared-error decrease
 * S_L^2 / W_L + S_R^2 / W_R (S = sum of w r). Rows with zero weight take no part.
 * Feature sampling follows scikit-learn's best splitter: features are visited in a random order and every visited
 * feature counts, constant ones (one occupied bin in the node) included; the search stops after `maxFeatures`
 * visits once at least one visited feature was not constant, even if no visited feature has a split that leaves
 * `minSamplesLeaf` rows on each side; the node is then a leaf. Only while every visited feature was constant does
 * the search go on past `maxFeatures` (see docs/reproduction.md, Base models).
 * Leaf values: weighted class proportions (classification) or the weighted mean of r (regression).
 * `rowCount[i]` (default 1) is how many original rows row i stands for, when identical rows were merged: the
 * minimum sample counts refer to original rows.
 */
export function growTree(
  binned: BinnedFeatures,
  target: TreeTarget,
  weight: Float64Array,
  growth: TreeGrowth,
  rng: Rng,
  rowCount?: Int32Array,
): GrownTree {
  const { nRows, nFeatures, bins, nBins, binMin, binMax } = binned;
  const isClass = target.kind === 'classification';
  const C = isClass ? target.nClasses : 1;
  const y = isClass ? target.y : undefined;
  const r = isClass ? undefined : target.r;
  const valueSize = C;
  const isEntropy = isClass && (growth.criterion === 'entropy' || growth.criterion === 'log_loss');

  let nActive = 0;
  for (let i = 0; i < nRows; i++) if (weight[i] > 0) nActive++;
  const rows = new Int32Array(nActive);
  for (let i = 0, k = 0; i < nRows; i++) if (weight[i] > 0) rows[k++] = i;
  const scratch = new Int32Array(nActive);

  let maxBinCount = 1;
  for (let j = 0; j < nFeatures; j++) maxBinCount = Math.max(maxBinCount, nBins[j]);
  // Histogram per bin: classification C class weights; regression (sum w, sum w r). Plus row counts.
  const statSize = isClass ? C : 2;
  const hist = new Float64Array(maxBinCount * statSize);
  const histCount = new Int32Array(maxBinCount);
  const leftStat = new Float64Array(statSize);
  const nodeStat = new Float64Array(statSize);
  const featureOrder = Int32Array.from({ length: nFeatures }, (_, j) => j);

  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const leafOfRow = new Int32Array(nRows).fill(-1);
  let nLeaves = 0;
  let maxDepthSeen = 0;

  const newNode = (): number => {
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    for (let c = 0; c < valueSize; c++) value.push(0);
    return feature.length - 1;
  };

  // Score of a side with statistics s: sum_c s_c^2 / W (Gini), sum_c s_c ln(s_c / W) = -W H (entropy) or
  // S^2 / W (regression). Maximizing the sum over both sides maximizes the impurity decrease.
  const score = (
    s: Float64Array | number[],
    offset: number,
    total: Float64Array | null,
    sign: number,
  ): number => {
    if (isEntropy) {
      let w = 0;
      let sum = 0;
      for (let c = 0; c < C; c++) {
        const v = total ? total[c] + sign * s[offset + c] : s[offset + c];
        if (v > 0) {
          w += v;
          sum += v * Math.log(v);
        }
      }
      return w > 0 ? sum - w * Math.log(w) : 0;
    }
    if (isClass) {
      let w = 0;
      let sq = 0;
      for (let c = 0; c < C; c++) {
        const v = total ? total[c] + sign * s[offset + c] : s[offset + c];
        w += v;
        sq += v * v;
      }
      return w > 0 ? sq / w : 0;
    }
    const w = total ? total[0] + sign * s[offset] : s[offset];
    const sum = total ? total[1] + sign * s[offset + 1] : s[offset + 1];
    return w > 0 ? (sum * sum) / w : 0;
  };

  type Task = { node: number; start: number; end: number; depth: number };
  const stack: Task[] = [{ node: newNode(), start: 0, end: nActive, depth: 0 }];
  while (stack.length > 0) {
    const { node, start, end, depth } = stack.pop()!;
    maxDepthSeen = Math.max(maxDepthSeen, depth);
    nodeStat.fill(0);
    for (let k = start; k < end; k++) {
      const i = rows[k];
      if (isClass) nodeStat[y![i]] += weight[i];
      else {
        nodeStat[0] += weight[i];
        nodeStat[1] += weight[i] * r![i];
      }
    }
    // Leaf value.
    if (isClass) {
      let w = 0;
      for (let c = 0; c < C; c++) w += nodeStat[c];
      for (let c = 0; c < C; c++) value[node * valueSize + c] = nodeStat[c] / w;
    } else value[node * valueSize] = nodeStat[1] / nodeStat[0];

    let count = end - start;
    if (rowCount) {
      count = 0;
      for (let k = start; k < end; k++) count += rowCount[rows[k]];
    }
    let isPure = false;
    if (isClass) {
      let nonZero = 0;
      for (let c = 0; c < C; c++) if (nodeStat[c] > 0) nonZero++;
      isPure = nonZero <= 1;
    } else {
      const mean = nodeStat[1] / nodeStat[0];
      isPure = true;
      for (let k = start; k < end && isPure; k++) if (r![rows[k]] !== mean) isPure = false;
    }
    let bestFeature = -1;
    let bestBin = -1;
    let bestNextBin = -1;
    let bestScore = -Infinity;
    if (
      !isPure &&
      depth < growth.maxDepth &&
      count >= growth.minSamplesSplit &&
      count >= 2 * growth.minSamplesLeaf
    ) {
      // Draw the order in which features are tried (partial Fisher-Yates when subsampling).
      const drawAll = growth.maxFeatures >= nFeatures;
      if (!drawAll)
        for (let a = 0; a < nFeatures - 1; a++) {
          const b = a + randomInt(rng, nFeatures - a);
          const t = featureOrder[a];
          featureOrder[a] = featureOrder[b];
          featureOrder[b] = t;
        }
      let nonConstantSeen = false;
      for (let q = 0; q < nFeatures; q++) {
        if (q >= growth.maxFeatures && nonConstantSeen) break;
        const j = drawAll ? q : featureOrder[q];
        const B = nBins[j];
        if (B < 2) continue;
        const code = bins[j];
        hist.fill(0, 0, B * statSize);
        histCount.fill(0, 0, B);
        for (let k = start; k < end; k++) {
          const i = rows[k];
          const b = code[i];
          histCount[b] += rowCount ? rowCount[i] : 1;
          if (isClass) hist[b * C + y![i]] += weight[i];
          else {
            hist[b * 2] += weight[i];
            hist[b * 2 + 1] += weight[i] * r![i];
          }
        }
        let occupied = 0;
        for (let b = 0; b < B && occupied < 2; b++) if (histCount[b] > 0) occupied++;
        if (occupied < 2) continue;
        nonConstantSeen = true;
        leftStat.fill(0);
        let leftCount = 0;
        let prev = -1;
        for (let b = 0; b < B; b++) {
          if (histCount[b] === 0) continue;
          if (prev >= 0 && leftCount >= growth.minSamplesLeaf && count - leftCount >= growth.minSamplesLeaf) {
            const s = score(leftStat, 0, null, 1) + score(leftStat, 0, nodeStat, -1);
            if (s > bestScore + GAIN_TIE_TOL) {
              bestScore = s;
              bestFeature = j;
              bestBin = prev;
              bestNextBin = b;
            }
          }
          for (let t = 0; t < statSize; t++) leftStat[t] += hist[b * statSize + t];
          leftCount += histCount[b];
          prev = b;
        }
      }
    }
    if (bestFeature < 0) {
      feature[node] = -1;
      nLeaves++;
      for (let k = start; k < end; k++) leafOfRow[rows[k]] = node;
      continue;
    }
    // Partition rows[start, end) stably: bins <= bestBin go left.
    const code = bins[bestFeature];
    let l = start;
    let rCount = 0;
    for (let k = start; k < end; k++) {
      const i = rows[k];
      if (code[i] <= bestBin) rows[l++] = i;
      else scratch[rCount++] = i;
    }
    for (let k = 0; k < rCount; k++) rows[l + k] = scratch[k];
    feature[node] = bestFeature;
    threshold[node] = midpoint(binMax[bestFeature][bestBin], binMin[bestFeature][bestNextBin]);
    const leftNode = newNode();
    const rightNode = newNode();
    left[node] = leftNode;
    right[node] = rightNode;
    // Right pushed first so the left subtree is built first (node order = depth-first, left to right).
    stack.push({ node: rightNode, start: l, end, depth: depth + 1 });
    stack.push({ node: leftNode, start, end: l, depth: depth + 1 });
  }
  return {
    tree: {
      feature: Int32Array.from(feature),
      threshold: Float64Array.from(threshold),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      value: Float64Array.from(value),
      valueSize,
      nLeaves,
      depth: maxDepthSeen,
    },
    leafOfRow,
  };
}

/** The leaf reached by row i of a row-major matrix. */
export function leafOf(tree: TreeModel, x: FeatureMatrix, i: number): number {
  const { feature, threshold, left, right } = tree;
  const base = i * x.nFeatures;
  let node = 0;
  while (feature[node] >= 0)
    node = x.values[base + feature[node]] <= threshold[node] ? left[node] : right[node];
  return node;
}
