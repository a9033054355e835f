import { InputError, describeValue } from '../errors.js';
import { createRng, randomInt, randomNormal } from '../rng.js';
import type { EncodedTable } from './table.js';
import { checkOptionsObject } from '../check-masses.js';

export interface SyntheticOptions {
  /** Required: the same seed gives the same table. */
  readonly seed: number;
  /** Rows to draw. Default 5000. */
  readonly nRows?: number;
  /** Groups (>= 2). Default 2. */
  readonly nGroups?: number;
  /** Label classes (>= 2). Default 2. */
  readonly nClasses?: number;
  /** Discrete features, each with `levels` values. Default 4 features x 5 levels. */
  readonly nFeatures?: number;
  readonly levels?: number;
  /** How strongly the group shifts the features and the label (0 = identical groups). Default 0.8. */
  readonly groupShift?: number;
  /** Share of the largest group; the others split the rest equally. Default 0.6. */
  readonly majorityShare?: number;
}

/**
 * Largest sizes syntheticTable draws. Rows cost about 8 bytes per feature plus 8 (group and label), so 10 M
 * rows of 4 features take about 400 MB; the counts of groups, classes, features and levels keep the cell table
 * (levels^features x groups x classes) and the frontier LP (quadratic in groups) within what a laptop solves.
 */
export const SYNTHETIC_LIMITS = {
  nRows: 10_000_000,
  nGroups: 50,
  nClasses: 20,
  nFeatures: 12,
  levels: 100,
} as const;

/**
 * A seeded synthetic data set with a known generating process, for the demo and for tests that must not
 * depend on the data folder. Group s is drawn with P(S=0) = majorityShare. Each feature j is a latent normal
 * z_j ~ N(groupShift * s, 1) cut into `levels` equal-probability bins of N(0,1); the label is a multinomial
 * logit of the features' sum plus a group effect, so the Bayes classifier and the fairness constraints
 * genuinely conflict when groupShift > 0.
 */
export function syntheticTable(options: SyntheticOptions): EncodedTable {
  checkOptionsObject(options, 'options');
  const nRows = options.nRows ?? 5000;
  const nGroups = options.nGroups ?? 2;
  const nClasses = options.nClasses ?? 2;
  const nFeatures = options.nFeatures ?? 4;
  const levels = options.levels ?? 5;
  const shift = options.groupShift ?? 0.8;
  const majority = options.majorityShare ?? 0.6;
  if (!Number.isSafeInteger(options.seed) || options.seed < 0)
    throw new InputError(
      'E_BAD_OPTION',
      `seed must be a non-negative integer, got ${describeValue(options.seed)}`,
      {
        option: 'seed',
      },
    );
  const sizes = { nRows, nGroups, nClasses, nFeatures, levels };
  const minimum = { nRows: 1, nGroups: 2, nClasses: 2, nFeatures: 1, levels: 2 };
  for (const key of Object.keys(sizes) as (keyof typeof sizes)[]) {
    const v = sizes[key];
    if (!Number.isInteger(v) || v < minimum[key] || v > SYNTHETIC_LIMITS[key])
      throw new InputError(
        'E_BAD_OPTION',
        `${key} must be an integer from ${minimum[key]} to ${SYNTHETIC_LIMITS[key]}, got ${describeValue(v)}`,
        { option: key },
      );
  }
  if (!Number.isFinite(shift))
    throw new InputError('E_BAD_OPTION', `groupShift must be finite, got ${describeValue(shift)}`, {
      option: 'groupShift',
    });
  if (!(majority > 0 && majority < 1))
    throw new InputError('E_BAD_OPTION', `majorityShare must be in (0, 1), got ${describeValue(majority)}`, {
      option: 'majorityShare',
    });
  const rng = createRng(options.seed);
  // Bin edges at standard-normal quantiles i/levels (Acklam-free: bisection on erf is overkill; use a table).
  const edges = Array.from({ length: levels - 1 }, (_, i) => normalQuantile((i + 1) / levels));
  const features = Array.from({ length: nFeatures }, () => new Float64Array(nRows));
  const group = new Int32Array(nRows);
  const label = new Int32Array(nRows);
  for (let i = 0; i < nRows; i++) {
    const u = rng.next();
    const s =
      u < majority
        ? 0
        : 1 + Math.min(nGroups - 2, Math.floor(((u - majority) / (1 - majority)) * (nGroups - 1)));
    group[i] = s;
    let score = 0;
    for (let j = 0; j < nFeatures; j++) {
      const z = randomNormal(rng) + shift * (s === 0 ? 0 : 1) * (j % 2 === 0 ? 1 : -0.5);
      let level = 0;
      while (level < edges.length && z > edges[level]) level++;
      features[j][i] = level;
      score += (level - (levels - 1) / 2) * (j % 2 === 0 ? 1 : 0.5);
    }
    // Class logits: class c prefers score near c-th quantile; group adds a tilt toward higher classes.
    const logits = Array.from(
      { length: nClasses },
      (_, c) => (score + 0.7 * shift * (s === 0 ? 1 : -1)) * (c - (nClasses - 1) / 2) * 0.6,
    );
    const max = Math.max(...logits);
    const w = logits.map((l) => Math.exp(l - max));
    const total = w.reduce((a, b) => a + b, 0);
    let r = rng.next() * total;
    let y = 0;
    while (y < nClasses - 1 && r >= w[y]) {
      r -= w[y];
      y++;
    }
    label[i] = y;
  }
  // A tiny sample could miss a (group, label) pair; fill deterministically so the table stays valid.
  const seen = new Set<number>();
  for (let i = 0; i < nRows; i++) seen.add(group[i] * nClasses + label[i]);
  let next = 0;
  for (let s = 0; s < nGroups; s++)
    for (let y = 0; y < nClasses; y++)
      if (!seen.has(s * nClasses + y) && nRows >= nGroups * nClasses) {
        const i = (next++ * 7919 + randomInt(rng, nRows)) % nRows;
        group[i] = s;
        label[i] = y;
      }
  return {
    name: `synthetic(seed=${options.seed})`,
    nRows,
    featureNames: Array.from({ length: nFeatures }, (_, j) => `x${j + 1}`),
    features,
    group,
    groupNames: Array.from({ length: nGroups }, (_, s) =>
      s === 0 ? 'majority' : nGroups === 2 ? 'minority' : `minority${s}`,
    ),
    label,
    classNames: Array.from({ length: nClasses }, (_, y) => String(y)),
  };
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pLow = 0.02425;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - pLow) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}
