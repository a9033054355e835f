import { InputError } from '../../errors.js';
import { bootstrapRows, permutation, type Rng } from '../../rng.js';
import type { HoldoutShares, PaperShares, Protocol } from './types.js';

export const DEFAULT_PAPER_SHARES: PaperShares = { evaluation: 0.3, postFit: 0.15 };
export const DEFAULT_HOLDOUT_SHARES: HoldoutShares = { train: 0.6, validation: 0.2 };

/** The rows each stage of one replicate uses (indices may repeat in bootstrap resamples). */
export interface Replicate {
  /** Base models and in-processing methods train here (paper: every row, shared by all replicates). */
  readonly trainRows: Int32Array;
  /** Post-processors fit here. */
  readonly postFitRows: Int32Array;
  /** Points are measured here. */
  readonly evaluationRows: Int32Array;
}

const allRows = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

function checkShare(value: number, option: string): void {
  if (!(Number.isFinite(value) && value > 0 && value <= 1))
    throw new InputError('E_BAD_OPTION', `${option} must be a share in (0, 1], got ${value}`, { option });
}

/**
 * Paper protocol (docs/design.md, Interventions): train on all rows; replicate b evaluates on a bootstrap
 * resample of `evaluation * n` rows and fits post-processors on an independent bootstrap of `postFit * n`
 * rows. With `postFitOnAllRows`, post-processors fit on every row instead. One forked stream per replicate
 * and per use, so replicates do not depend on each other.
 */
export function paperReplicates(nRows: number, seeds: number, shares: PaperShares, rng: Rng): Replicate[] {
  checkShare(shares.evaluation, 'evaluation share');
  checkShare(shares.postFit, 'post-fit share');
  const all = allRows(nRows);
  return Array.from({ length: seeds }, (_, b) => ({
    trainRows: all,
    postFitRows: shares.postFitOnAllRows
      ? all
      : bootstrapRows(nRows, Math.max(1, Math.round(shares.postFit * nRows)), rng.fork(2).fork(b)),
    evaluationRows: bootstrapRows(
      nRows,
      Math.max(1, Math.round(shares.evaluation * nRows)),
      rng.fork(1).fork(b),
    ),
  }));
}

/** Holdout protocol: a fresh random train / validation / test split per replicate. */
export function holdoutReplicates(
  nRows: number,
  seeds: number,
  shares: HoldoutShares,
  rng: Rng,
): Replicate[] {
  checkShare(shares.train, 'train share');
  checkShare(shares.validation, 'validation share');
  if (shares.train + shares.validation >= 1)
    throw new InputError(
      'E_BAD_OPTION',
      `train + validation shares must leave rows for the test split, got ${shares.train} + ${shares.validation}`,
      {
        option: 'holdout shares',
      },
    );
  const nTrain = Math.round(shares.train * nRows);
  const nValidation = Math.round(shares.validation * nRows);
  if (nTrain < 1 || nValidation < 1 || nRows - nTrain - nValidation < 1)
    throw new InputError('E_BAD_OPTION', `${nRows} rows are too few for a train / validation / test split`, {
      option: 'holdout shares',
    });
  return Array.from({ length: seeds }, (_, b) => {
    const p = permutation(rng.fork(3).fork(b), nRows);
    return {
      trainRows: p.slice(0, nTrain),
      postFitRows: p.slice(nTrain, nTrain + nValidation),
      evaluationRows: p.slice(nTrain + nValidation),
    };
  });
}

export function replicatesFor(
  protocol: Protocol,
  nRows: number,
  seeds: number,
  shares: PaperShares | HoldoutShares,
  rng: Rng,
): Replicate[] {
  return protocol === 'paper'
    ? paperReplicates(nRows, seeds, shares as PaperShares, rng)
    : holdoutReplicates(nRows, seeds, shares as HoldoutShares, rng);
}
