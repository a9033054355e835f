import { InputError } from '../../errors.js';
import { type Bounds, completeBounds } from '../../metrics/index.js';
import { createRng } from '../../rng.js';
import { openFrontierModel } from '../frontier-model.js';
import { criteriaOf } from './held-out-frontier.js';
import { frontierInterval, type IntervalCombine } from './frontier-interval.js';
import type { FinitePopulation } from './ground-truth.js';

export interface IntervalCoverageOptions {
  readonly population: FinitePopulation;
  /** Rows per simulated sample. */
  readonly nRows: number;
  /** Simulated samples (>= 1). */
  readonly replicates: number;
  /** Bounds of any criteria of docs/constraints.md (absent = vacuous). */
  readonly alphas: readonly Partial<Bounds>[];
  /** Seed of the samples and the folds; replicate r uses createRng(seed).fork(r). */
  readonly seed: number;
  /**
   * Index of the first replicate (default 0): replicates firstReplicate .. firstReplicate + replicates - 1 are
   * drawn, so a run split into chunks draws exactly the samples of one long run.
   */
  readonly firstReplicate?: number;
  readonly level?: number;
  readonly folds?: number;
  readonly combine?: IntervalCombine;
  /** Called after each simulated sample with the number done and the covered count per alpha so far. */
  readonly onReplicate?: (done: number, covered: readonly number[]) => void;
}

/** Empirical coverage of the interval at one alpha over the simulated samples. */
export interface IntervalCoveragePoint {
  readonly alpha: Bounds;
  /** The population FairFront (exact LP on the population pmf). */
  readonly truth: number;
  /** Share of samples whose interval contains the truth. */
  readonly coverage: number;
  /** Share of samples whose lower end lies above the truth / upper end below it. */
  readonly missLow: number;
  readonly missHigh: number;
  readonly meanWidth: number;
  /** Mean in-sample FairFront minus the truth (the plug-in's bias, positive = optimistic). */
  readonly inSampleBias: number;
  /**
   * Standard deviation of the in-sample FairFront over the samples: 2 * 1.96 * it is the width of the oracle
   * interval (+-1.96 SD around each sample's estimate, knowing the spread) the bench compares widths with.
   */
  readonly inSampleSd: number;
}

export interface IntervalCoverage {
  readonly nRows: number;
  readonly replicates: number;
  /** Population cells / rows per sample. */
  readonly cellsPerRow: number;
  readonly points: readonly IntervalCoveragePoint[];
}

/**
 * Measures the coverage of `frontierInterval` by simulation (docs/estimation.md): draws `replicates` samples of
 * `nRows` rows from a population whose FairFront is known exactly, builds the interval on each, and counts how
 * often it contains the population value.
 * @throws InputError E_BAD_OPTION
 */
export async function intervalCoverage(options: IntervalCoverageOptions): Promise<IntervalCoverage> {
  const { population, nRows, replicates } = options;
  if (!Number.isInteger(replicates) || replicates < 1)
    throw new InputError('E_BAD_OPTION', `replicates must be a positive integer, got ${replicates}`);
  const alphas = options.alphas.map((a) => completeBounds(a));
  const model = await openFrontierModel(population.distribution, { criteria: criteriaOf(alphas, {}) });
  let truth: number[];
  try {
    truth = alphas.map((a) => model.solve(a).accuracy);
  } finally {
    model.dispose();
  }
  const covered = alphas.map(() => 0);
  const low = alphas.map(() => 0);
  const high = alphas.map(() => 0);
  const width = alphas.map(() => 0);
  const bias = alphas.map(() => 0);
  const biasSq = alphas.map(() => 0);
  const root = createRng(options.seed);
  const first = options.firstReplicate ?? 0;
  if (!Number.isInteger(first) || first < 0)
    throw new InputError('E_BAD_OPTION', `firstReplicate must be a non-negative integer, got ${first}`);
  for (let r = first; r < first + replicates; r++) {
    const table = population.sample(nRows, root.fork(r));
    const interval = await frontierInterval(table, {
      alphas,
      seed: options.seed + r,
      isGroupAware: population.distribution.isGroupAware,
      ...(options.level !== undefined ? { level: options.level } : {}),
      ...(options.folds !== undefined ? { folds: options.folds } : {}),
      ...(options.combine !== undefined ? { combine: options.combine } : {}),
    });
    interval.points.forEach((p, a) => {
      if (p.lower > truth[a]) low[a]++;
      else if (p.upper < truth[a]) high[a]++;
      else covered[a]++;
      width[a] += p.upper - p.lower;
      bias[a] += p.inSample - truth[a];
      biasSq[a] += (p.inSample - truth[a]) ** 2;
    });
    options.onReplicate?.(r - first + 1, covered);
  }
  return {
    nRows,
    replicates,
    cellsPerRow: population.distribution.nCells / nRows,
    points: alphas.map((alpha, a) => ({
      alpha,
      truth: truth[a],
      coverage: covered[a] / replicates,
      missLow: low[a] / replicates,
      missHigh: high[a] / replicates,
      meanWidth: width[a] / replicates,
      inSampleBias: bias[a] / replicates,
      inSampleSd: Math.sqrt(
        Math.max(0, (biasSq[a] - bias[a] ** 2 / replicates) / Math.max(1, replicates - 1)),
      ),
    })),
  };
}
