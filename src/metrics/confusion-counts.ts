import type { PredictionInput } from './prediction-types.js';
import { LOG_LOSS_CLIP } from './tolerances.js';

/** Weighted confusion counts of every (group, label) pair and the row-level losses, in one pass over the rows. */
export interface ConfusionCounts {
  /** conf[(s*C + y)*C + yHat]: weight of rows of group s and label y predicted yHat (randomized: by probability). */
  readonly conf: Float64Array;
  /** Rows with positive weight per (s, y), index s*C + y. */
  readonly rows: Int32Array;
  readonly totalWeight: number;
  /** Weight of correct predictions (expected, for randomized predictions). */
  readonly correct: number;
  /** Weighted sums of the Brier score and the log loss; 0 for hard predictions. */
  readonly brier: number;
  readonly logLoss: number;
}

/**
 * Stage 1 of the metric engine: counts the checked rows. Rows of weight 0 are skipped entirely, so they count
 * neither as rows nor as weight. A randomized prediction adds w * p(yHat) to each cell (the expectation over the
 * classifier's randomness).
 */
export function countConfusion(input: PredictionInput): ConfusionCounts {
  const { group, label, prediction, distribution, weight, nGroups: A, nClasses: C } = input;
  const conf = new Float64Array(A * C * C);
  const rows = new Int32Array(A * C);
  let totalWeight = 0;
  let correct = 0;
  let brier = 0;
  let logLoss = 0;
  for (let i = 0; i < group.length; i++) {
    const w = weight ? weight[i] : 1;
    if (w === 0) continue;
    const sy = group[i] * C + label[i];
    rows[sy]++;
    totalWeight += w;
    if (prediction) {
      conf[sy * C + prediction[i]] += w;
      if (prediction[i] === label[i]) correct += w;
    } else {
      const d = distribution!;
      let squared = 0;
      for (let yHat = 0; yHat < C; yHat++) {
        const p = Math.max(0, d[i * C + yHat]);
        conf[sy * C + yHat] += w * p;
        const target = yHat === label[i] ? 1 : 0;
        squared += (p - target) ** 2;
      }
      const pTrue = Math.max(0, d[i * C + label[i]]);
      correct += w * pTrue;
      brier += w * squared;
      logLoss -= w * Math.log(Math.max(LOG_LOSS_CLIP, Math.min(1, pTrue)));
    }
  }
  return { conf, rows, totalWeight, correct, brier, logLoss };
}

/** mu(s, y) and the conditional matrix P of docs/design.md (Fairness measures), with the weight of each pair. */
export interface ConditionalMatrix {
  readonly pairWeight: Float64Array;
  readonly muSY: Float64Array;
  readonly P: Float64Array;
}

/** Stage 2: P[(s,y), yHat] = conf / pair weight; rows of zero-weight pairs stay 0. */
export function conditionalMatrix(
  conf: Float64Array,
  totalWeight: number,
  nGroups: number,
  nClasses: number,
): ConditionalMatrix {
  const C = nClasses;
  const nPairs = nGroups * C;
  const pairWeight = new Float64Array(nPairs);
  for (let sy = 0; sy < nPairs; sy++)
    for (let yHat = 0; yHat < C; yHat++) pairWeight[sy] += conf[sy * C + yHat];
  const muSY = Float64Array.from(pairWeight, (w) => w / totalWeight);
  const P = new Float64Array(nPairs * C);
  for (let sy = 0; sy < nPairs; sy++)
    if (pairWeight[sy] > 0)
      for (let yHat = 0; yHat < C; yHat++) P[sy * C + yHat] = conf[sy * C + yHat] / pairWeight[sy];
  return { pairWeight, muSY, P };
}
