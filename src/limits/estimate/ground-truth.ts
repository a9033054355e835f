import type { EncodedTable } from '../../data/table.js';
import { normalizeDistribution, type Distribution } from '../../distribution/index.js';
import { InputError } from '../../errors.js';
import { createRng, randomNormal, type Rng } from '../../rng.js';

/**
 * Synthetic populations whose frontier is known (docs/design.md, Blackwell, cuts and continuous features):
 * sample n rows from them, estimate, and compare with the population value.
 */

/** A sample of a population with one feature `x`, as the encoded table the estimators take. */
function oneFeatureTable(
  name: string,
  x: Float64Array,
  group: Int32Array,
  label: Int32Array,
  groupNames: readonly string[],
  classNames: readonly string[],
): EncodedTable {
  return { name, nRows: x.length, featureNames: ['x'], features: [x], group, groupNames, label, classNames };
}

/** A finite population: X takes `nLevels` values, p(x, s, y) known exactly. */
export interface FinitePopulation {
  /** The population pmf as a distribution: its FairFront is the population frontier. Cells match the
   *  keys of sampled tables (feature `x`, plus the group when group-aware). */
  readonly distribution: Distribution;
  /** n rows drawn i.i.d. from the pmf: feature `x` (the level), group, label. */
  sample(nRows: number, rng: Rng): EncodedTable;
}

export interface FinitePopulationOptions {
  readonly seed: number;
  /** Values of X (default 6). */
  readonly nLevels?: number;
  readonly nGroups?: number;
  readonly nClasses?: number;
  /** Cells include the group (default true). */
  readonly isGroupAware?: boolean;
  /**
   * A given pmf instead of the seeded one: p(x, s, y) at index (x * nGroups + s) * nClasses + y, non-negative
   * with a positive sum (normalized here). Lets the coverage bench place alpha at a known kink.
   */
  readonly pmf?: ArrayLike<number>;
}

/**
 * A seeded random finite population: p(s) uniform-ish, p(x | s) and p(y | x, s) drawn from the seed (every entry
 * positive), so every cell has positive mass and the sampled in-sample frontier converges to the population's.
 */
export function finitePopulation(options: FinitePopulationOptions): FinitePopulation {
  const L = options.nLevels ?? 6;
  const A = options.nGroups ?? 2;
  const C = options.nClasses ?? 2;
  const isGroupAware = options.isGroupAware ?? true;
  if (!Number.isInteger(options.seed))
    throw new InputError('E_BAD_OPTION', 'seed must be an integer', { option: 'seed' });
  if (!(L >= 1 && A >= 2 && C >= 2))
    throw new InputError('E_BAD_OPTION', 'need nLevels >= 1, nGroups >= 2, nClasses >= 2');
  const rng = createRng(options.seed);
  // pmf[(x * A + s) * C + y]
  const pmf = new Float64Array(L * A * C);
  if (options.pmf !== undefined) {
    const given = options.pmf;
    if (given.length !== pmf.length || !Array.from(given).every((p) => p >= 0 && Number.isFinite(p)))
      throw new InputError(
        'E_BAD_OPTION',
        `pmf must hold ${pmf.length} non-negative finite numbers (nLevels x nGroups x nClasses)`,
        { option: 'pmf' },
      );
    pmf.set(given);
  } else
    for (let s = 0; s < A; s++) {
      const ps = 0.5 + rng.next();
      const px = Array.from({ length: L }, () => 0.2 + rng.next());
      const sx = px.reduce((a, b) => a + b, 0);
      for (let x = 0; x < L; x++) {
        // Label tilt depends on x and on the group, so the Bayes rule differs across groups (fairness binds).
        const logits = Array.from(
          { length: C },
          (_, y) =>
            (y - (C - 1) / 2) * (1.6 * (x / Math.max(1, L - 1) - 0.5) + (s === 0 ? 0.4 : -0.4)) +
            0.6 * (rng.next() - 0.5),
        );
        const ex = logits.map(Math.exp);
        const se = ex.reduce((a, b) => a + b, 0);
        for (let y = 0; y < C; y++) pmf[(x * A + s) * C + y] = ps * (px[x] / sx) * (ex[y] / se);
      }
    }
  const total = pmf.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new InputError('E_BAD_OPTION', 'pmf must have a positive sum', { option: 'pmf' });
  for (let i = 0; i < pmf.length; i++) pmf[i] /= total;
  const groupNames = Array.from({ length: A }, (_, s) => `g${s}`);
  const classNames = Array.from({ length: C }, (_, y) => String(y));
  // Population cells in the order distributionFromTable would give (x, then group when group-aware).
  const cellKeys: string[] = [];
  let weights: Float64Array;
  if (isGroupAware) {
    weights = new Float64Array(L * A * A * C);
    for (let x = 0; x < L; x++)
      for (let s = 0; s < A; s++) {
        const k = x * A + s;
        cellKeys.push(`x=${x}|group=${s}`);
        for (let y = 0; y < C; y++) weights[(k * A + s) * C + y] = pmf[(x * A + s) * C + y];
      }
  } else {
    weights = Float64Array.from(pmf);
    for (let x = 0; x < L; x++) cellKeys.push(`x=${x}`);
  }
  const distribution = normalizeDistribution(
    { cellKeys, groupNames, classNames, isGroupAware },
    weights,
    new Float64Array(0),
    Infinity,
  );
  const cumulative = new Float64Array(pmf.length);
  pmf.reduce((acc, p, i) => (cumulative[i] = acc + p), 0);
  return {
    distribution,
    sample(nRows, sampleRng) {
      const x = new Float64Array(nRows);
      const group = new Int32Array(nRows);
      const label = new Int32Array(nRows);
      for (let i = 0; i < nRows; i++) {
        const u = sampleRng.next() * cumulative[cumulative.length - 1];
        let lo = 0;
        let hi = cumulative.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (cumulative[mid] > u) hi = mid;
          else lo = mid + 1;
        }
        x[i] = Math.floor(lo / (A * C));
        group[i] = Math.floor(lo / C) % A;
        label[i] = lo % C;
      }
      return oneFeatureTable(
        `finite population (seed ${options.seed})`,
        x,
        group,
        label,
        groupNames,
        classNames,
      );
    },
  };
}

/** Parameters of the two-Gaussian population: binary S and Y, X | S=s, Y=y ~ N(mean[s][y], sd^2). */
export interface TwoGaussianOptions {
  /** P(S = 1). Default 0.3. */
  readonly minorityShare?: number;
  /** P(Y = 1 | S = s). Default [0.5, 0.3]. */
  readonly positiveRate?: readonly [number, number];
  /** Means of X for (s, y): default [[-1, 1], [-0.5, 1.5]]. */
  readonly means?: readonly [readonly [number, number], readonly [number, number]];
  /** Common standard deviation. Default 1. */
  readonly sd?: number;
}

export interface TwoGaussianPopulation {
  readonly options: Required<TwoGaussianOptions>;
  /** n rows: continuous feature `x`, group, label. */
  sample(nRows: number, rng: Rng): EncodedTable;
  /** True P(Y = y | X = x, S = s) for every row: n x 2 row-major (the group-aware posterior). */
  labelPosterior(table: EncodedTable): Float64Array;
  /** True P(S = s, Y = y | X = x) for every row: n x 4 row-major (the group-blind posterior). */
  jointPosterior(table: EncodedTable): Float64Array;
  /**
   * The population as a distribution on a fine grid of X (`gridSize` intervals on mean +- 8 sd, plus the two
   * tails), masses from the normal CDF. Its FairFront is a lower bound on the population frontier that
   * increases to it as the grid refines (a classifier constant on each interval is a real classifier); at the
   * default 4000 intervals the grid error is below 1e-6 (test/limits/estimate-truth).
   */
  populationDistribution(options?: { gridSize?: number; isGroupAware?: boolean }): Distribution;
}

/** Standard normal CDF via the Chebyshev erfc of Numerical Recipes (3rd ed., class Erf); tested against reference values. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

function erfc(x: number): number {
  // Numerical Recipes' erfc based on Chebyshev fitting (fractional error < 1.2e-16 over the real line).
  const z = Math.abs(x);
  const t = 2 / (2 + z);
  const ty = 4 * t - 2;
  const cof = [
    -1.3026537197817094, 6.4196979235649026e-1, 1.9476473204185836e-2, -9.561514786808631e-3,
    -9.46595344482036e-4, 3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5, -1.624290004647e-6,
    1.30365583558e-6, 1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9, 5.059343495e-9, -9.91364156e-10,
    -2.27365122e-10, 9.6467911e-11, 2.394038e-12, -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13,
    3.81e-16, 7.106e-15, -1.523e-15, -9.4e-17, 1.21e-16, -2.8e-17,
  ];
  let d = 0;
  let dd = 0;
  for (let j = cof.length - 1; j > 0; j--) {
    const tmp = d;
    d = ty * d - dd + cof[j];
    dd = tmp;
  }
  const r = t * Math.exp(-z * z + 0.5 * (cof[0] + ty * d) - dd);
  return x >= 0 ? r : 2 - r;
}

function normalPdfRatio(x: number, m: number, sd: number): number {
  return Math.exp(-0.5 * ((x - m) / sd) ** 2);
}

/**
 * The two-Gaussian example (in the spirit of the paper's synthetic Gaussian example): in each group the two
 * label classes are unit-variance Gaussians with different means, and groups differ in base rate and means,
 * so the Bayes rule has unequal error rates across groups and the fairness constraints bind.
 */
export function twoGaussianPopulation(input: TwoGaussianOptions = {}): TwoGaussianPopulation {
  const o: Required<TwoGaussianOptions> = {
    minorityShare: input.minorityShare ?? 0.3,
    positiveRate: input.positiveRate ?? [0.5, 0.3],
    means: input.means ?? [
      [-1, 1],
      [-0.5, 1.5],
    ],
    sd: input.sd ?? 1,
  };
  if (
    !(o.minorityShare > 0 && o.minorityShare < 1) ||
    !(o.sd > 0) ||
    o.positiveRate.some((r) => !(r > 0 && r < 1))
  )
    throw new InputError(
      'E_BAD_OPTION',
      'two-Gaussian population needs minorityShare and positiveRate in (0, 1) and sd > 0',
    );
  const prior = (s: number, y: number) =>
    (s === 1 ? o.minorityShare : 1 - o.minorityShare) * (y === 1 ? o.positiveRate[s] : 1 - o.positiveRate[s]);
  const groupNames = ['majority', 'minority'];
  const classNames = ['0', '1'];
  const joint = (x: number): number[] => {
    const w = [0, 1].flatMap((s) => [0, 1].map((y) => prior(s, y) * normalPdfRatio(x, o.means[s][y], o.sd)));
    const total = w.reduce((a, b) => a + b, 0);
    return w.map((v) => v / total);
  };
  return {
    options: o,
    sample(nRows, rng) {
      const x = new Float64Array(nRows);
      const group = new Int32Array(nRows);
      const label = new Int32Array(nRows);
      for (let i = 0; i < nRows; i++) {
        const s = rng.next() < o.minorityShare ? 1 : 0;
        const y = rng.next() < o.positiveRate[s] ? 1 : 0;
        group[i] = s;
        label[i] = y;
        x[i] = o.means[s][y] + o.sd * randomNormal(rng);
      }
      return oneFeatureTable('two-Gaussian population', x, group, label, groupNames, classNames);
    },
    labelPosterior(table) {
      const out = new Float64Array(table.nRows * 2);
      for (let i = 0; i < table.nRows; i++) {
        const s = table.group[i];
        const x = table.features[0][i];
        const w0 = prior(s, 0) * normalPdfRatio(x, o.means[s][0], o.sd);
        const w1 = prior(s, 1) * normalPdfRatio(x, o.means[s][1], o.sd);
        out[2 * i] = w0 / (w0 + w1);
        out[2 * i + 1] = w1 / (w0 + w1);
      }
      return out;
    },
    jointPosterior(table) {
      const out = new Float64Array(table.nRows * 4);
      for (let i = 0; i < table.nRows; i++) out.set(joint(table.features[0][i]), 4 * i);
      return out;
    },
    populationDistribution({ gridSize = 4000, isGroupAware = true } = {}) {
      const allMeans = o.means.flat();
      const lo = Math.min(...allMeans) - 8 * o.sd;
      const hi = Math.max(...allMeans) + 8 * o.sd;
      const edges = [
        -Infinity,
        ...Array.from({ length: gridSize + 1 }, (_, i) => lo + ((hi - lo) * i) / gridSize),
        Infinity,
      ];
      const nBins = edges.length - 1;
      const cellKeys: string[] = [];
      const nCells = isGroupAware ? 2 * nBins : nBins;
      const weights = new Float64Array(nCells * 4);
      for (let b = 0; b < nBins; b++)
        for (let s = 0; s < 2; s++) {
          const k = isGroupAware ? 2 * b + s : b;
          for (let y = 0; y < 2; y++) {
            const m = o.means[s][y];
            const p = normalCdf((edges[b + 1] - m) / o.sd) - normalCdf((edges[b] - m) / o.sd);
            weights[(k * 2 + s) * 2 + y] = prior(s, y) * Math.max(0, p);
          }
        }
      for (let b = 0; b < nBins; b++) {
        if (isGroupAware) cellKeys.push(`bin=${b}|group=0`, `bin=${b}|group=1`);
        else cellKeys.push(`bin=${b}`);
      }
      return normalizeDistribution(
        { cellKeys, groupNames, classNames, isGroupAware },
        weights,
        new Float64Array(0),
        Infinity,
      );
    },
  };
}
