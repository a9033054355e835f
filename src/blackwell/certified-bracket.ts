import { InputError } from '../errors.js';
import type { Bounds } from '../metrics/criterion.js';
import { mergePoints, type Experiment, type FairnessExperiment } from './experiment.js';
import { checkAlphas } from '../lp/fairness-rows.js';
import { cuttingPlaneFrontier, type Separator } from './cutting-plane.js';
import { openDistanceModel, type Cut } from './garbling-test.js';
import { slackFrontier } from './slack-frontier.js';
import { innerProduct, supportFunction } from './support-function.js';
import { DEFAULT_SEPARATION_TOL } from './tolerances.js';

/**
 * Merges points whose posteriors fall in the same cell of a grid of width 1 / binsPerUnit on every state
 * (key = floor(g(theta) * binsPerUnit) per state). Doubling binsPerUnit refines the partition (nested cells).
 * The merged experiment is a garbling of the original: whatever it achieves, the original achieves.
 */
export function quantizeExperiment<E extends Experiment>(
  e: E,
  binsPerUnit: number,
): { merged: E; cellOfPoint: Int32Array } {
  if (!Number.isInteger(binsPerUnit) || binsPerUnit < 1)
    throw new InputError('E_BAD_OPTION', `binsPerUnit must be a positive integer, got ${binsPerUnit}`, {
      option: 'levels',
    });
  const { nPoints, nStates, posterior } = e;
  const index = new Map<string, number>();
  const cellOfPoint = new Int32Array(nPoints);
  const key = new Array<number>(nStates);
  for (let k = 0; k < nPoints; k++) {
    for (let t = 0; t < nStates; t++)
      key[t] = Math.min(binsPerUnit - 1, Math.floor(posterior[k * nStates + t] * binsPerUnit));
    const s = key.join(',');
    let c = index.get(s);
    if (c === undefined) {
      c = index.size;
      index.set(s, c);
    }
    cellOfPoint[k] = c;
  }
  return { merged: mergePoints(e, cellOfPoint, index.size), cellOfPoint };
}

/** One quantization level of the bracket. */
export interface BracketLevel {
  readonly binsPerUnit: number;
  /** Cells of the merged experiment. */
  readonly nCells: number;
  /** Exact LP value on the merged experiment: achievable by a classifier that sees only the merged cell. */
  readonly lowerBound: number;
  /** Cutting-plane upper bound after this level's cuts (cuts of earlier levels kept). */
  readonly upperBound: number;
  /** Best bounds so far: max of lowers, min of uppers. */
  readonly lower: number;
  readonly upper: number;
  readonly gap: number;
  readonly cuttingPlaneIterations: number;
  readonly elapsedMs: number;
}

export interface CertifiedBracket {
  /** Every criterion's bound (vacuous where none was given). */
  readonly alpha: Bounds;
  /** lower <= FairFront of the experiment <= upper. */
  readonly lower: number;
  readonly upper: number;
  readonly gap: number;
  readonly levels: readonly BracketLevel[];
  /** Every cut found (valid for the full experiment: right-hand sides are its exact support function). */
  readonly cuts: readonly Cut[];
  readonly elapsedMs: number;
}

export interface BracketOptions {
  /**
   * Bounds of any criteria of docs/constraints.md (absent = vacuous). Both ends hold for every criterion linear
   * in P: a classifier of the quantized cells is one of the full experiment with the same P (lower), and cuts
   * with exact right-hand sides are valid for the full experiment whatever the fairness rows (upper).
   */
  readonly alpha: Partial<Bounds>;
  /** Quantization levels, coarse to fine; doubling keeps cells nested. Default [4, 8, 16, 32, 64]. */
  readonly levels?: readonly number[];
  /** Stop refining once the gap is at most this. Default 0 (run every level). */
  readonly targetGap?: number;
  /** Cutting-plane iterations per level. Default 100. */
  readonly maxIterationsPerLevel?: number;
  readonly tolerance?: number;
  readonly timeLimitSeconds?: number;
  readonly onLevel?: (level: BracketLevel) => void;
}

/**
 * The certified bracket of docs/design.md (Blackwell, cuts and continuous features) for experiments too large
 * for the direct LP (many samples with estimated posteriors). At each quantization level: the lower bound is
 * the exact LP on the merged (quantized-posterior) experiment, a real classifier's value; the upper bound is
 * Algorithm 1 on the full experiment with cuts found by the exact separation LP on the merged experiment and
 * right-hand sides sigma(A) computed exactly on every sample (so each cut is valid for the full experiment).
 * Cuts carry over between levels, so the upper bound never rises; with nested (doubling) levels the lower
 * bound never falls. Both are reported with the gap.
 * @throws InputError E_BAD_ALPHA, E_BAD_OPTION; SolverError as slackFrontier and cuttingPlaneFrontier
 * @example
 * const b = await certifiedBracket(experiment, { alpha: { eo: 0.02 }, levels: [8, 16, 32] });
 * console.log(b.lower, b.upper, b.gap);
 */
export async function certifiedBracket(
  e: FairnessExperiment,
  options: BracketOptions,
): Promise<CertifiedBracket> {
  const started = performance.now();
  const alpha = checkAlphas(options.alpha);
  const levels = options.levels ?? [4, 8, 16, 32, 64];
  if (levels.length === 0)
    throw new InputError('E_BAD_OPTION', 'the list of quantization levels is empty', { option: 'levels' });
  const C = e.nClasses;
  const cuts: Cut[] = [];
  const out: BracketLevel[] = [];
  let lower = -Infinity;
  let upper = Infinity;
  for (const binsPerUnit of levels) {
    const levelStart = performance.now();
    const { merged } = quantizeExperiment(e, binsPerUnit);
    const lowerBound = (
      await slackFrontier(merged, { alpha, slack: 0, timeLimitSeconds: options.timeLimitSeconds })
    ).value;
    const distance = await openDistanceModel(merged, C, { timeLimitSeconds: options.timeLimitSeconds });
    const separator: Separator = {
      separate(Z) {
        const cert = distance.test(Z);
        const sigma = supportFunction(e, cert.cut.A, C).value;
        return { separation: innerProduct(cert.cut.A, Z) - sigma, cut: { A: cert.cut.A, sigma } };
      },
      dispose: () => distance.dispose(),
    };
    let run;
    try {
      run = await cuttingPlaneFrontier(e, {
        alpha,
        separator,
        initialCuts: cuts,
        maxIterations: options.maxIterationsPerLevel ?? 100,
        tolerance: options.tolerance ?? DEFAULT_SEPARATION_TOL,
        timeLimitSeconds: options.timeLimitSeconds,
      });
    } finally {
      separator.dispose();
    }
    cuts.splice(0, cuts.length, ...run.cuts);
    lower = Math.max(lower, lowerBound);
    upper = Math.min(upper, run.upperBound);
    const level: BracketLevel = {
      binsPerUnit,
      nCells: merged.nPoints,
      lowerBound,
      upperBound: run.upperBound,
      lower,
      upper,
      gap: upper - lower,
      cuttingPlaneIterations: run.iterations.length,
      elapsedMs: performance.now() - levelStart,
    };
    out.push(level);
    options.onLevel?.(level);
    if (upper - lower <= (options.targetGap ?? 0)) break;
  }
  return {
    alpha,
    lower,
    upper,
    gap: upper - lower,
    levels: out,
    cuts,
    elapsedMs: performance.now() - started,
  };
}
