import { InputError } from '../errors.js';
import { MAX_BINS_LIMIT } from './binning.js';

/** How many features each split considers, as in scikit-learn: 'sqrt', 'log2', 'all', a count, or a fraction in (0, 1). */
export type MaxFeatures = 'sqrt' | 'log2' | 'all' | number;

export function resolveMaxFeatures(maxFeatures: MaxFeatures, nFeatures: number, kind: string): number {
  if (maxFeatures === 'all') return nFeatures;
  if (maxFeatures === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(nFeatures)));
  if (maxFeatures === 'log2') return Math.max(1, Math.floor(Math.log2(nFeatures)));
  if (Number.isInteger(maxFeatures) && maxFeatures >= 1) return Math.min(nFeatures, maxFeatures);
  if (maxFeatures > 0 && maxFeatures < 1) return Math.max(1, Math.floor(maxFeatures * nFeatures));
  throw new InputError(
    'E_BAD_OPTION',
    `${kind}: maxFeatures must be 'sqrt', 'log2', 'all', a count >= 1 or a fraction in (0, 1), got ${maxFeatures}`,
    {
      option: 'maxFeatures',
    },
  );
}

/** Refuses an option outside [min, max] or not an integer when `isInteger`. */
export function checkOption(
  kind: string,
  option: string,
  value: number,
  min: number,
  max: number,
  isInteger: boolean,
): number {
  if (!(value >= min && value <= max) || (isInteger && !Number.isInteger(value) && value !== Infinity))
    throw new InputError(
      'E_BAD_OPTION',
      `${kind}: ${option} must be ${isInteger ? 'an integer ' : ''}in [${min}, ${max}], got ${value}`,
      { option },
    );
  return value;
}

/** Refuses a value that is not one of `choices`. */
export function checkChoice<T extends string>(
  kind: string,
  option: string,
  value: string,
  choices: readonly T[],
): T {
  if (!(choices as readonly string[]).includes(value))
    throw new InputError(
      'E_BAD_OPTION',
      `${kind}: ${option} must be one of ${choices.join(', ')}, got "${value}"`,
      {
        option,
      },
    );
  return value as T;
}

/** Default number of histogram bins per feature (scikit-learn's HistGradientBoosting uses 255 too). */
export const DEFAULT_MAX_BINS = 255;

/** The growth limits every tree learner takes, with scikit-learn's names. */
export interface TreeLimitOptions {
  readonly maxDepth?: number;
  readonly minSamplesSplit?: number;
  readonly minSamplesLeaf?: number;
  readonly maxBins?: number;
}

/**
 * Checks the growth limits shared by the tree, the forest and boosting, once. `defaultMaxDepth` and `minDepth`
 * differ: boosting grows shallow trees (default 3) and needs at least one split.
 */
export function checkTreeLimits(
  kind: string,
  options: TreeLimitOptions,
  defaultMaxDepth: number,
  minDepth: number,
): Required<TreeLimitOptions> {
  return {
    maxDepth: checkOption(kind, 'maxDepth', options.maxDepth ?? defaultMaxDepth, minDepth, Infinity, true),
    minSamplesSplit: checkOption(kind, 'minSamplesSplit', options.minSamplesSplit ?? 2, 2, Infinity, true),
    minSamplesLeaf: checkOption(kind, 'minSamplesLeaf', options.minSamplesLeaf ?? 1, 1, Infinity, true),
    maxBins: checkOption(kind, 'maxBins', options.maxBins ?? DEFAULT_MAX_BINS, 2, MAX_BINS_LIMIT, true),
  };
}
