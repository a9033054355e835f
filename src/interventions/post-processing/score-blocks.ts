import type { CheckedScores } from './validate.js';

/**
 * One group's rows of a binary problem, merged by their score of class 1 and sorted from the highest score down.
 * Masses are fractions of the total weight of the fitting data, so that summing `positive` of the blocks a
 * classifier predicts 1 on over every group gives P(Yhat = 1, Y = 1).
 */
export interface ScoreBlocks {
  /** Distinct scores of class 1 in this group, strictly decreasing. */
  readonly values: Float64Array;
  /** Mass of label-1 rows at each value. */
  readonly positive: Float64Array;
  /** Mass of label-0 rows at each value. */
  readonly negative: Float64Array;
  /** Plug-in masses sum w * score and sum w * (1 - score) at each value (no labels: Chzhen et al.'s estimate). */
  readonly plugInPositive: Float64Array;
  readonly plugInNegative: Float64Array;
  /** Totals of the four mass arrays. */
  readonly totalPositive: number;
  readonly totalNegative: number;
  readonly totalPlugInPositive: number;
  readonly totalPlugInNegative: number;
}

/** Builds the score blocks of every group (binary labels; the score is column 1 of `scores`). */
export function scoreBlocks(data: CheckedScores): ScoreBlocks[] {
  const { nRows, nGroups, scores, group, label, weight } = data;
  let totalWeight = 0;
  for (let i = 0; i < nRows; i++) totalWeight += weight[i];
  const rowsOf: number[][] = Array.from({ length: nGroups }, () => []);
  for (let i = 0; i < nRows; i++) rowsOf[group[i]].push(i);
  return rowsOf.map((rows) => {
    const order = Int32Array.from(rows).sort((a, b) => scores[2 * b + 1] - scores[2 * a + 1]);
    const values: number[] = [];
    const positive: number[] = [];
    const negative: number[] = [];
    const plugInPositive: number[] = [];
    const plugInNegative: number[] = [];
    for (const i of order) {
      const v = scores[2 * i + 1];
      const w = weight[i] / totalWeight;
      if (values.length === 0 || values[values.length - 1] !== v) {
        values.push(v);
        positive.push(0);
        negative.push(0);
        plugInPositive.push(0);
        plugInNegative.push(0);
      }
      const b = values.length - 1;
      if (label[i] === 1) positive[b] += w;
      else negative[b] += w;
      plugInPositive[b] += w * v;
      plugInNegative[b] += w * (1 - v);
    }
    const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
    return {
      values: Float64Array.from(values),
      positive: Float64Array.from(positive),
      negative: Float64Array.from(negative),
      plugInPositive: Float64Array.from(plugInPositive),
      plugInNegative: Float64Array.from(plugInNegative),
      totalPositive: sum(positive),
      totalNegative: sum(negative),
      totalPlugInPositive: sum(plugInPositive),
      totalPlugInNegative: sum(plugInNegative),
    };
  });
}

/** Cumulative sums with a leading 0: out[j] = a[0] + ... + a[j-1] (the mass of the top j blocks). */
export function cumulative(a: Float64Array): Float64Array {
  const out = new Float64Array(a.length + 1);
  for (let j = 0; j < a.length; j++) out[j + 1] = out[j] + a[j];
  return out;
}
