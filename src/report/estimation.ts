import { certifiedBracket, cuttingPlaneFrontier, experimentFromMasses } from '../blackwell/index.js';
import type { EncodedTable } from '../data/table.js';
import type { Distribution } from '../distribution/index.js';
import { InputError } from '../errors.js';
import { type Algorithm, bootstrapFrontier, frontierInterval, heldOutFrontier } from '../limits/index.js';
import { type Bounds, CRITERIA, type Criterion, MEASURES, isVacuousBound } from '../metrics/index.js';
import type { BracketPointV1, EstimationSectionV1 } from './report-types.js';
import type { EstimationOptions } from './estimation-options.js';

export {
  FrontierMethod,
  isFrontierMethod,
  wantsEstimation,
  type EstimationOptions,
} from './estimation-options.js';

/** What the bootstrap band is, in plain words (it is not an interval for the population frontier). */
export const BOOTSTRAP_NOTE =
  'the spread of the in-sample FairFront over resamples of the rows; resampling makes the in-sample value even ' +
  'more optimistic, so the band sits above the estimate and is not a confidence interval for the population ' +
  'frontier (use --interval for that)';

/**
 * How the estimation section writes a bound or value record: sp, eo, oae always (as reports always had), and
 * each other criterion bound at one of the alpha sets, in the order of CRITERIA (same input, same bytes).
 */
function recordWriter(alphaSets: readonly Bounds[]) {
  const shown = CRITERIA.filter(
    (c) => MEASURES.includes(c as never) || alphaSets.some((a) => !isVacuousBound(c, a[c])),
  );
  return (a: Readonly<Partial<Record<Criterion, number>>>) =>
    Object.fromEntries(shown.map((c) => [c, a[c]])) as Record<'sp' | 'eo' | 'oae', number> &
      Partial<Record<Criterion, number>>;
}

/**
 * The report's estimation section at the same alphas as its frontier: Algorithm 1's certified upper bound or the
 * certified bracket (on the same cells: both must meet the exact value), the held-out frontier, and
 * bootstrap bands. Library calls only; the numbers come from src/limits and src/blackwell.
 * @throws InputError E_BAD_OPTION (a random protocol without a seed, holdout with folds)
 */
export async function estimationSection(
  table: EncodedTable,
  distribution: Distribution,
  alphaSets: readonly Bounds[],
  options: EstimationOptions & {
    readonly isGroupAware: boolean;
    readonly algorithm?: Algorithm;
    readonly timeLimitSeconds?: number;
    /** Progress of the bootstrap replicates (done, total): the long part of a large --bootstrap. */
    readonly onProgress?: (done: number, total: number) => void;
  },
): Promise<EstimationSectionV1> {
  const method = options.method ?? 'exact';
  const random =
    options.holdout !== undefined ||
    options.folds !== undefined ||
    options.bootstrap !== undefined ||
    options.interval === true;
  if (random && (options.seed === undefined || !Number.isInteger(options.seed)))
    throw new InputError(
      'E_BAD_OPTION',
      '--holdout, --folds, --bootstrap and --interval need an integer --seed',
      {
        option: '--seed',
      },
    );
  const solver = {
    ...(options.algorithm ? { algorithm: options.algorithm } : {}),
    ...(options.timeLimitSeconds !== undefined ? { timeLimitSeconds: options.timeLimitSeconds } : {}),
  };
  const triple = recordWriter(alphaSets);
  const section: Record<string, unknown> = { method };
  if (method !== 'exact') {
    if (method === 'cutting-plane') {
      const { experiment } = experimentFromMasses(distribution);
      const points = [];
      for (const alpha of alphaSets) {
        const r = await cuttingPlaneFrontier(experiment, {
          alpha,
          ...(options.timeLimitSeconds ? { timeLimitSeconds: options.timeLimitSeconds } : {}),
        });
        points.push({
          alpha: triple(r.alpha),
          upperBound: r.upperBound,
          converged: r.converged,
          iterations: r.iterations.length,
          cuts: r.cuts.length,
        });
      }
      section.cuttingPlane = points;
    } else
      section.bracket = await bracketPoints(distribution, alphaSets, {
        ...(options.timeLimitSeconds ? { timeLimitSeconds: options.timeLimitSeconds } : {}),
      });
  }
  if (options.holdout !== undefined || options.folds !== undefined) {
    const heldOut = await heldOutFrontier(table, {
      ...solver,
      alphas: alphaSets,
      ...(options.holdout !== undefined ? { holdout: options.holdout } : {}),
      ...(options.folds !== undefined ? { folds: options.folds } : {}),
      seed: options.seed!,
      isGroupAware: options.isGroupAware,
    });
    section.honest = {
      protocol: heldOut.protocol,
      seed: heldOut.seed,
      points: heldOut.points.map((p) => ({
        alpha: triple(p.alpha),
        inSample: p.inSample.accuracy,
        train: p.train.accuracy,
        heldOut: {
          accuracy: p.heldOut.accuracy,
          violations: triple(p.heldOut.violations),
          unseenRowShare: p.heldOut.unseenRowShare,
          rows: p.heldOut.nRows,
        },
        achievable: p.achievable
          ? {
              accuracy: p.achievable.accuracy,
              violations: triple(p.achievable.violations),
              tightening: p.achievable.tightening,
              constantShare: p.achievable.constantShare,
            }
          : null,
      })),
      constantAccuracy: heldOut.constant.accuracy,
      minCellRows: heldOut.minCellRows,
      backOff: heldOut.backOff,
      warnings: heldOut.warnings,
    };
  }
  if (options.bootstrap !== undefined) {
    const boot = await bootstrapFrontier(table, {
      ...solver,
      alphas: alphaSets,
      replicates: options.bootstrap,
      seed: options.seed!,
      isGroupAware: options.isGroupAware,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    section.bootstrap = {
      seed: boot.seed,
      level: boot.level,
      replicates: boot.nReplicates,
      bands: boot.bands.map((b) => ({
        alpha: triple(b.alpha),
        estimate: b.estimate,
        mean: b.mean,
        standardDeviation: b.standardDeviation,
        lower: b.lower,
        upper: b.upper,
      })),
      note: BOOTSTRAP_NOTE,
    };
  }
  if (options.interval === true) {
    const interval = await frontierInterval(table, {
      ...solver,
      alphas: alphaSets,
      seed: options.seed!,
      isGroupAware: options.isGroupAware,
      ...(options.level !== undefined ? { level: options.level } : {}),
    });
    section.interval = interval.points.map((p) => ({
      alpha: triple(p.alpha),
      estimate: p.inSample,
      lower: p.lower,
      upper: p.upper,
      level: p.level,
      method: p.method,
      inSample: p.inSample,
      lowerMinCellRows: p.lowerMinCellRows,
    }));
    section.intervalInfo = {
      method: interval.method,
      level: interval.level,
      folds: interval.folds,
      seed: interval.seed,
      cellsPerRow: interval.cellsPerRow,
      covers: interval.covers,
      warnings: interval.warnings,
      backOffSizes: interval.backOffSizes,
    };
  }
  return section as unknown as EstimationSectionV1;
}

/**
 * The certified bracket (docs/design.md, Blackwell, cuts and continuous features, `certifiedBracket` with its
 * default levels) of the distribution's cells at each alpha set: lower <= FairFront <= upper without building
 * the exact LP on every cell.
 */
export async function bracketPoints(
  distribution: Distribution,
  alphaSets: readonly Bounds[],
  options: { readonly timeLimitSeconds?: number; readonly onPoint?: (done: number) => void } = {},
): Promise<BracketPointV1[]> {
  const triple = recordWriter(alphaSets);
  const { experiment } = experimentFromMasses(distribution);
  const points: BracketPointV1[] = [];
  for (const alpha of alphaSets) {
    const b = await certifiedBracket(experiment, {
      alpha,
      ...(options.timeLimitSeconds ? { timeLimitSeconds: options.timeLimitSeconds } : {}),
    });
    points.push({
      alpha: triple(b.alpha),
      lower: b.lower,
      upper: b.upper,
      gap: b.gap,
      levels: b.levels.length,
    });
    options.onPoint?.(points.length);
  }
  return points;
}
