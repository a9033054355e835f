import type { EncodedTable } from '../../data/table.js';
import { type Distribution, normalizeDistribution } from '../../distribution/index.js';
import { InputError } from '../../errors.js';
import { randomNormal, type Rng } from '../../rng.js';
import { normalCdf } from './ground-truth.js';

/**
 * Known-truth populations with continuous features for the posterior estimate's simulation
 * (bench/posterior-coverage.ts, docs/estimation.md): A groups, C classes, X | S = s, Y = y with two latent
 * coordinates z1, z2 independent N(m[s][y][axis], sd[y]^2). Two classes use z1 only (z2 is noise); three use
 * both. What the learner sees is a per-coordinate increasing transform of z (so the population's frontier is the
 * same) and noise columns. A grid on (z1, z2) is a quantisation of a sufficient statistic, with masses from the
 * normal CDF: its FairFront is a lower bound on the population's that increases to it as the grid refines.
 */
export interface MixturePopulationOptions {
  /** P(S = s), length A (2-4 in the simulation). */
  readonly groupShare: readonly number[];
  /** P(Y = y | S = s): A rows of C entries. */
  readonly classRate: readonly (readonly number[])[];
  /** Mean of (z1, z2) per group and class: A x C pairs. */
  readonly mean: readonly (readonly (readonly [number, number])[])[];
  /** Standard deviation of z per class (unequal: the posterior is not logistic in z). Default 1 each. */
  readonly sd?: readonly number[];
  /** How z appears as a feature: as is, exp(z) (log-normal), or z^3. Default identity. */
  readonly transform?: 'identity' | 'exp' | 'cube';
  /** Pure-noise numeric columns added to the features (default 2). */
  readonly noiseColumns?: number;
}

export interface MixturePopulation {
  readonly options: MixturePopulationOptions;
  /** n rows: features z1 (and z2 for three classes, as transformed), noise columns, group, label. */
  sample(nRows: number, rng: Rng): EncodedTable;
  /** The population on a grid of `gridSize` intervals per used axis over [-8, 8] around 0 (plus the tails). */
  gridDistribution(gridSize: number): Distribution;
}

const TRANSFORMS = { identity: (z: number) => z, exp: Math.exp, cube: (z: number) => z * z * z } as const;

export function mixturePopulation(options: MixturePopulationOptions): MixturePopulation {
  const A = options.groupShare.length;
  const C = options.classRate[0]?.length ?? 0;
  if (A < 2 || C < 2 || options.classRate.length !== A || options.mean.length !== A)
    throw new InputError('E_BAD_OPTION', 'need A >= 2 groups and C >= 2 classes with matching shapes');
  const sd = options.sd ?? Array.from({ length: C }, () => 1);
  const axes = C === 2 ? 1 : 2;
  const transform = TRANSFORMS[options.transform ?? 'identity'];
  const noise = options.noiseColumns ?? 2;
  const groupNames = Array.from({ length: A }, (_, s) => `g${s}`);
  const classNames = Array.from({ length: C }, (_, y) => `${y}`);
  const pick = (weights: readonly number[], u: number) => {
    let total = 0;
    for (const w of weights) total += w;
    let acc = 0;
    for (let i = 0; i < weights.length; i++) if (u < (acc += weights[i] / total)) return i;
    return weights.length - 1;
  };
  return {
    options,
    sample(nRows, rng) {
      const group = new Int32Array(nRows);
      const label = new Int32Array(nRows);
      const features = Array.from({ length: axes + noise }, () => new Float64Array(nRows));
      for (let i = 0; i < nRows; i++) {
        const s = pick(options.groupShare, rng.next());
        const y = pick(options.classRate[s], rng.next());
        group[i] = s;
        label[i] = y;
        for (let a = 0; a < axes; a++)
          features[a][i] = transform(options.mean[s][y][a] + sd[y] * randomNormal(rng));
        for (let j = 0; j < noise; j++) features[axes + j][i] = randomNormal(rng);
      }
      const featureNames = [
        ...Array.from({ length: axes }, (_, a) => `z${a + 1}`),
        ...Array.from({ length: noise }, (_, j) => `noise${j + 1}`),
      ];
      return { name: 'mixture', nRows, featureNames, features, group, groupNames, label, classNames };
    },
    gridDistribution(gridSize) {
      // Edges -inf, -8, ..., 8, +inf: gridSize + 2 intervals per axis.
      const edges = [
        -Infinity,
        ...Array.from({ length: gridSize + 1 }, (_, b) => -8 + (16 * b) / gridSize),
        Infinity,
      ];
      const nAxis = edges.length - 1;
      const interval = (s: number, y: number, a: number) =>
        Float64Array.from({ length: nAxis }, (_, b) => {
          const m = options.mean[s][y][a];
          const hi = edges[b + 1] === Infinity ? 1 : normalCdf((edges[b + 1] - m) / sd[y]);
          const lo = edges[b] === -Infinity ? 0 : normalCdf((edges[b] - m) / sd[y]);
          return Math.max(0, hi - lo);
        });
      const nCellsPerGroup = axes === 1 ? nAxis : nAxis * nAxis;
      const K = A * nCellsPerGroup;
      const weights = new Float64Array(K * A * C);
      const keys: string[] = [];
      for (let s = 0; s < A; s++) {
        let totalShare = 0;
        for (const w of options.groupShare) totalShare += w;
        let totalRate = 0;
        for (const w of options.classRate[s]) totalRate += w;
        const perClass = Array.from({ length: C }, (_, y) => ({
          p: (options.groupShare[s] / totalShare) * (options.classRate[s][y] / totalRate),
          z1: interval(s, y, 0),
          z2: axes === 2 ? interval(s, y, 1) : null,
        }));
        for (let c = 0; c < nCellsPerGroup; c++) {
          const k = s * nCellsPerGroup + c;
          keys.push(`grid=${c}|group=${s}`);
          for (let y = 0; y < C; y++) {
            const { p, z1, z2 } = perClass[y];
            const mass = z2 ? z1[Math.floor(c / nAxis)] * z2[c % nAxis] : z1[c];
            weights[(k * A + s) * C + y] = p * mass;
          }
        }
      }
      // Far-tail cells are left out: their masses (below 1e-13 each, 1e-9 together) change no digit the
      // simulation reports, and ratios of such masses make the LP badly scaled (HiGHS then fails).
      const kept: number[] = [];
      for (let k = 0; k < K; k++) {
        let m = 0;
        for (let j = 0; j < A * C; j++) m += weights[k * A * C + j];
        if (m > 1e-13) kept.push(k);
      }
      const packed = new Float64Array(kept.length * A * C);
      kept.forEach((k, i) => packed.set(weights.subarray(k * A * C, (k + 1) * A * C), i * A * C));
      return normalizeDistribution(
        { cellKeys: kept.map((k) => keys[k]), groupNames, classNames, isGroupAware: true },
        packed,
        new Float64Array(kept.length),
        0,
      );
    },
  };
}
