import { selectRows, type EncodedTable } from '../../data/table.js';
import { distributionFromTable } from '../../distribution/index.js';
import { InputError } from '../../errors.js';
import { type Bounds, completeBounds } from '../../metrics/index.js';
import { bootstrapRows, createRng } from '../../rng.js';
import { openFrontierModel, type FrontierModelOptions } from '../frontier-model.js';
import { criteriaOf } from './held-out-frontier.js';
import { DEFAULT_BOOTSTRAP_LEVEL } from './tolerances.js';
import { checkEncodedTable } from '../../data/table.js';
import { checkOptionsObject } from '../../check-masses.js';

export interface BootstrapOptions extends FrontierModelOptions {
  /** Bounds of any criteria of docs/constraints.md (absent = vacuous). */
  readonly alphas: readonly Partial<Bounds>[];
  /** Number of bootstrap replicates B >= 2. */
  readonly replicates: number;
  /** Required seed; replicate b draws from `createRng(seed).fork(b)`. */
  readonly seed: number;
  /** Two-sided level of the percentile interval, in (0, 1). Default 0.95. */
  readonly level?: number;
  readonly isGroupAware?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface BootstrapBand {
  readonly alpha: Bounds;
  /** In-sample FairFront on all rows. */
  readonly estimate: number;
  readonly mean: number;
  readonly standardDeviation: number;
  /** Percentile interval of the replicates at `level`. */
  readonly lower: number;
  readonly upper: number;
  /** Replicate values in replicate order. */
  readonly replicates: readonly number[];
}

export interface BootstrapFrontier {
  readonly seed: number;
  readonly level: number;
  readonly nReplicates: number;
  readonly bands: readonly BootstrapBand[];
  readonly elapsedMs: number;
}

/** Linear-interpolation quantile of sorted values (type 7, as R's and numpy's default). */
function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Seeded bootstrap bands for the in-sample frontier: B resamples of the rows with replacement (one forked
 * stream per replicate, so results do not depend on loop order), FairFront at each alpha on each resample,
 * percentile intervals at `level`. The bands describe the sampling variability of the *in-sample* frontier and
 * are not a confidence interval for the population frontier: resampling duplicates rows, which makes the
 * in-sample value even more optimistic, so the band sits above the estimate (see docs/estimation.md). For an
 * interval with measured coverage use frontierInterval.
 * @throws InputError E_BAD_OPTION, E_BAD_ALPHA, E_EMPTY_GROUP_LABEL (a resample lacks a (group, label) pair)
 * @example
 * const { bands } = await bootstrapFrontier(table, { alphas: [{ eo: 0.02 }], replicates: 50, seed: 7 });
 */
export async function bootstrapFrontier(
  table: EncodedTable,
  options: BootstrapOptions,
): Promise<BootstrapFrontier> {
  checkEncodedTable(table);
  checkOptionsObject(options, 'options');
  const started = performance.now();
  const B = options.replicates;
  if (!Number.isInteger(B) || B < 2)
    throw new InputError('E_BAD_OPTION', `replicates must be an integer >= 2, got ${B}`, {
      option: 'bootstrap',
    });
  if (!Number.isInteger(options.seed))
    throw new InputError('E_BAD_OPTION', 'seed must be an integer', { option: 'seed' });
  const level = options.level ?? DEFAULT_BOOTSTRAP_LEVEL;
  if (typeof level !== 'number' || !(level > 0 && level < 1))
    throw new InputError('E_BAD_OPTION', `level must be strictly between 0 and 1, got ${level}`, {
      option: 'level',
    });
  if (options.alphas.length === 0)
    throw new InputError('E_BAD_ALPHA', 'the alpha list is empty', { option: 'alphas' });
  const alphas = options.alphas.map((a) => completeBounds(a));
  const isGroupAware = options.isGroupAware ?? true;
  const solveOn = async (t: EncodedTable): Promise<number[]> => {
    const model = await openFrontierModel(distributionFromTable(t, { isGroupAware }).distribution, {
      ...options,
      criteria: criteriaOf(alphas, options),
    });
    try {
      return alphas.map((alpha) => model.solve(alpha).accuracy);
    } finally {
      model.dispose();
    }
  };
  const estimate = await solveOn(table);
  const root = createRng(options.seed);
  const values: number[][] = alphas.map(() => []);
  for (let b = 0; b < B; b++) {
    const rows = bootstrapRows(table.nRows, table.nRows, root.fork(b));
    const v = await solveOn(selectRows(table, rows, `${table.name} (bootstrap ${b + 1})`));
    v.forEach((x, a) => values[a].push(x));
    options.onProgress?.(b + 1, B);
  }
  const bands = alphas.map((alpha, a) => {
    const xs = values[a];
    const mean = xs.reduce((s, x) => s + x, 0) / B;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (B - 1));
    const sorted = [...xs].sort((p, q) => p - q);
    return {
      alpha,
      estimate: estimate[a],
      mean,
      standardDeviation: sd,
      lower: quantile(sorted, (1 - level) / 2),
      upper: quantile(sorted, 1 - (1 - level) / 2),
      replicates: xs,
    };
  });
  return { seed: options.seed, level, nReplicates: B, bands, elapsedMs: performance.now() - started };
}
