import { createRng, randomNormal } from '../../../src/rng.js';
import type { InterventionData } from '../../../src/interventions/types.js';

export interface ScoredSample extends InterventionData {
  readonly nRows: number;
}

/**
 * Binary scored data with calibrated scores: group s has score = sigmoid(shift_s + spread_s * z), z ~ N(0,1),
 * and the label is drawn as Bernoulli(score), so P(Y = 1 | score) = score exactly in the population.
 * `levels` > 0 rounds scores to that many distinct values (ties, as tree models produce).
 */
export function calibratedBinarySample(options: {
  seed: number;
  nRows: number;
  groupShares: readonly number[];
  shifts: readonly number[];
  spreads: readonly number[];
  levels?: number;
  weighted?: boolean;
}): ScoredSample {
  const rng = createRng(options.seed);
  const { nRows, groupShares } = options;
  const nGroups = groupShares.length;
  const group = new Int32Array(nRows);
  const label = new Int32Array(nRows);
  const scores = new Float64Array(nRows * 2);
  const weight = options.weighted ? new Float64Array(nRows) : undefined;
  const total = groupShares.reduce((a, b) => a + b, 0);
  for (let i = 0; i < nRows; i++) {
    let u = rng.next() * total;
    let s = 0;
    while (s < nGroups - 1 && u >= groupShares[s]) u -= groupShares[s++];
    group[i] = s;
    let p = 1 / (1 + Math.exp(-(options.shifts[s] + options.spreads[s] * randomNormal(rng))));
    if (options.levels) p = Math.min(1, Math.max(0, Math.round(p * options.levels) / options.levels));
    scores[2 * i] = 1 - p;
    scores[2 * i + 1] = p;
    label[i] = rng.next() < p ? 1 : 0;
    if (weight) weight[i] = 0.5 + rng.next();
  }
  return {
    nRows,
    x: { nRows, nFeatures: 0, values: new Float64Array(0) },
    scores,
    group,
    label,
    nGroups,
    nClasses: 2,
    ...(weight ? { weight } : {}),
  };
}

/**
 * Multi-class calibrated data: logits = shift[s][c] + spread * z_c, scores = softmax, label ~ Categorical(scores).
 */
export function calibratedMultiClassSample(options: {
  seed: number;
  nRows: number;
  nGroups: number;
  nClasses: number;
  spread: number;
  groupShift: number;
}): ScoredSample {
  const rng = createRng(options.seed);
  const { nRows, nGroups, nClasses: C } = options;
  const group = new Int32Array(nRows);
  const label = new Int32Array(nRows);
  const scores = new Float64Array(nRows * C);
  const logits = new Float64Array(C);
  for (let i = 0; i < nRows; i++) {
    const s = Math.floor(rng.next() * nGroups);
    group[i] = s;
    let max = -Infinity;
    for (let c = 0; c < C; c++) {
      logits[c] = options.groupShift * (c === s % C ? 1 : 0) + options.spread * randomNormal(rng);
      max = Math.max(max, logits[c]);
    }
    let sum = 0;
    for (let c = 0; c < C; c++) sum += logits[c] = Math.exp(logits[c] - max);
    const u = rng.next();
    let y = -1;
    let cumulative = 0;
    for (let c = 0; c < C; c++) {
      const p = logits[c] / sum;
      scores[i * C + c] = p;
      cumulative += p;
      if (y < 0 && u < cumulative) y = c;
    }
    if (y < 0) y = C - 1;
    label[i] = y;
  }
  return {
    nRows,
    x: { nRows, nFeatures: 0, values: new Float64Array(0) },
    scores,
    group,
    label,
    nGroups,
    nClasses: C,
  };
}

/** P[(s,y), yHat] and mu(s,y) (fractions of total weight) of a randomized prediction, from labels. */
export function conditionalFromLabels(
  data: InterventionData,
  distribution: Float64Array,
): { P: Float64Array; mu: Float64Array } {
  const { nGroups: A, nClasses: C, group, label } = data;
  const P = new Float64Array(A * C * C);
  const mu = new Float64Array(A * C);
  let total = 0;
  for (let i = 0; i < group.length; i++) {
    const w = data.weight ? data.weight[i] : 1;
    const sy = group[i] * C + label[i];
    mu[sy] += w;
    total += w;
    for (let c = 0; c < C; c++) P[sy * C + c] += w * distribution[i * C + c];
  }
  for (let sy = 0; sy < A * C; sy++) for (let c = 0; c < C; c++) P[sy * C + c] /= mu[sy] || 1;
  for (let sy = 0; sy < A * C; sy++) mu[sy] /= total;
  return { P, mu };
}

/** Weighted accuracy of a randomized prediction. */
export function accuracyOf(data: InterventionData, distribution: Float64Array): number {
  let hit = 0;
  let total = 0;
  for (let i = 0; i < data.group.length; i++) {
    const w = data.weight ? data.weight[i] : 1;
    hit += w * distribution[i * data.nClasses + data.label[i]];
    total += w;
  }
  return hit / total;
}
