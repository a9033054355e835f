/**
 * scikit-learn as an independent truth for the learners: Debian's python3-sklearn runs test/learn/sklearn/forest.py
 * on the same rows. Shared by test/learn/sklearn-crosscheck.test.ts and bench/sklearn-forest-check.ts.
 */
import { spawnSync } from 'node:child_process';
import type { FeatureMatrix, Learner } from '../../src/learn/index.js';
import { createRng } from '../../src/rng.js';

/** The Python with scikit-learn: $FAIRLIMIT_SKLEARN_PYTHON or Debian's. */
export const SKLEARN_PYTHON = process.env.FAIRLIMIT_SKLEARN_PYTHON ?? '/usr/bin/python3';
const script = new URL('../learn/sklearn/forest.py', import.meta.url).pathname;

export interface SklearnAnswer {
  /** In-sample accuracy per seed. */
  readonly accuracy: number[];
  /** P(y = 1) per row of the first seed. */
  readonly proba: number[];
  readonly version: string;
}

/** Fits scikit-learn's forest (or single tree) with `params` once per seed on (x, y). */
export function sklearnFit(
  x: FeatureMatrix,
  y: Int32Array,
  params: Record<string, unknown>,
  seeds: readonly number[],
  kind: 'forest' | 'tree' = 'forest',
): SklearnAnswer {
  const rows = Array.from({ length: x.nRows }, (_, i) =>
    Array.from(x.values.subarray(i * x.nFeatures, (i + 1) * x.nFeatures)),
  );
  const out = spawnSync(SKLEARN_PYTHON, [script], {
    input: JSON.stringify({ x: rows, y: Array.from(y), params, seeds, kind }),
    maxBuffer: 1 << 28,
  });
  if (out.status !== 0) throw new Error(`scikit-learn failed: ${out.stderr.toString()}`);
  return JSON.parse(out.stdout.toString()) as SklearnAnswer;
}

/** Every column one-hot (one indicator per value): the encoding in which the feature sampling rule matters. */
export function oneHot(x: FeatureMatrix): FeatureMatrix {
  const levels: number[][] = [];
  for (let j = 0; j < x.nFeatures; j++) {
    const set = new Set<number>();
    for (let i = 0; i < x.nRows; i++) set.add(x.values[i * x.nFeatures + j]);
    levels.push([...set].sort((a, b) => a - b));
  }
  const width = levels.reduce((a, l) => a + l.length, 0);
  const values = new Float64Array(x.nRows * width);
  for (let i = 0; i < x.nRows; i++) {
    let offset = 0;
    for (let j = 0; j < x.nFeatures; j++) {
      values[i * width + offset + levels[j].indexOf(x.values[i * x.nFeatures + j])] = 1;
      offset += levels[j].length;
    }
  }
  return { nRows: x.nRows, nFeatures: width, values };
}

/** Share of rows whose argmax prediction (binary labels) equals the label, after fitting on the same rows. */
export function inSampleAccuracy(learner: Learner, x: FeatureMatrix, y: Int32Array, seed: number): number {
  const p = learner.fit({ x, y, nClasses: 2 }, createRng(seed)).predictProba(x);
  let hit = 0;
  for (let i = 0; i < x.nRows; i++) hit += (p[2 * i + 1] > p[2 * i] ? 1 : 0) === y[i] ? 1 : 0;
  return hit / x.nRows;
}
