import { InputError, assertInvariant } from '../errors.js';
import { checkMassTable } from '../check-masses.js';
import { Accumulator } from '../numeric.js';

/**
 * A finite joint distribution p(x, s, y) over cells x (docs/design.md, The exact LP), groups s and labels y.
 * `mass[(k * nGroups + s) * nClasses + y] = p(x = k, S = s, Y = y)`; masses are non-negative and sum to 1.
 */
export interface Distribution {
  readonly nCells: number;
  readonly nGroups: number;
  readonly nClasses: number;
  readonly mass: Float64Array;
  /** Unweighted number of rows that fell in each cell (all groups and labels); empty for counts input. */
  readonly rowsPerCell: Float64Array;
  /** Human-readable key of each cell ("age=2|sex=1|..."), unique. */
  readonly cellKeys: readonly string[];
  readonly groupNames: readonly string[];
  readonly classNames: readonly string[];
  /** Whether the group is part of each cell key (the paper's default) or the classifier is group-blind. */
  readonly isGroupAware: boolean;
  /** Number of rows (or total count) the distribution was built from. */
  readonly nRows: number;
  /** Sum of row weights before normalization. */
  readonly totalWeight: number;
}

/** Index of p(x=k, s, y) in `mass`. */
export const massIndex = (
  d: Pick<Distribution, 'nGroups' | 'nClasses'>,
  k: number,
  s: number,
  y: number,
): number => (k * d.nGroups + s) * d.nClasses + y;

/** mu(s, y) = P(S = s, Y = y), row-major nGroups x nClasses. */
export function groupLabelMass(d: Distribution): Float64Array {
  checkMassTable(d);
  const { nGroups, nClasses, nCells, mass } = d;
  const acc = Array.from({ length: nGroups * nClasses }, () => new Accumulator());
  for (let k = 0; k < nCells; k++)
    for (let sy = 0; sy < nGroups * nClasses; sy++) acc[sy].add(mass[k * nGroups * nClasses + sy]);
  return Float64Array.from(acc, (a) => a.value());
}

/** mu(s) = P(S = s). */
export function groupMass(d: Distribution): Float64Array {
  const mu = groupLabelMass(d);
  const out = new Float64Array(d.nGroups);
  for (let s = 0; s < d.nGroups; s++) for (let y = 0; y < d.nClasses; y++) out[s] += mu[s * d.nClasses + y];
  return out;
}

/** p(x = k, y) summed over groups, nCells x nClasses. */
export function cellLabelMass(d: Distribution): Float64Array {
  checkMassTable(d);
  const out = new Float64Array(d.nCells * d.nClasses);
  for (let k = 0; k < d.nCells; k++)
    for (let s = 0; s < d.nGroups; s++)
      for (let y = 0; y < d.nClasses; y++) out[k * d.nClasses + y] += d.mass[massIndex(d, k, s, y)];
  return out;
}

/**
 * Bayes accuracy sum_x max_y p(x, y): FairFront when every alpha is 1 (docs/design.md, The exact LP).
 * @throws InputError E_NOT_A_DISTRIBUTION, E_NOT_FINITE, E_NEGATIVE_WEIGHT for an invalid distribution
 */
export function bayesAccuracy(d: Distribution): number {
  const pxy = cellLabelMass(d);
  const acc = new Accumulator();
  for (let k = 0; k < d.nCells; k++) {
    let best = 0;
    for (let y = 0; y < d.nClasses; y++) best = Math.max(best, pxy[k * d.nClasses + y]);
    acc.add(best);
  }
  return acc.value();
}

/** Accuracy of the best constant prediction, max_y P(Y = y): a floor for FairFront at alpha = 0. */
export function constantAccuracy(d: Distribution): number {
  const mu = groupLabelMass(d);
  let best = 0;
  for (let y = 0; y < d.nClasses; y++) {
    let py = 0;
    for (let s = 0; s < d.nGroups; s++) py += mu[s * d.nClasses + y];
    best = Math.max(best, py);
  }
  return best;
}

/**
 * Fraction of cells that hold a single row, and cells per row: the finite-sample warning of docs/design.md
 * (Blackwell, cuts and continuous features).
 */
export function supportSummary(d: Distribution): { cellsPerRow: number; singleRowCellShare: number } {
  let single = 0;
  for (let k = 0; k < d.rowsPerCell.length; k++) if (d.rowsPerCell[k] === 1) single++;
  return {
    cellsPerRow: d.nRows > 0 ? d.nCells / d.nRows : 0,
    singleRowCellShare: d.rowsPerCell.length > 0 ? single / d.rowsPerCell.length : 0,
  };
}

export interface DistributionShape {
  readonly cellKeys: readonly string[];
  readonly groupNames: readonly string[];
  readonly classNames: readonly string[];
  readonly isGroupAware: boolean;
}

/**
 * Normalizes raw weights w(x, s, y) into a Distribution after checking the shape the LP needs: at least two
 * groups and two classes, and every (group, label) pair present (EO conditions on it).
 */
export function normalizeDistribution(
  shape: DistributionShape,
  weights: Float64Array,
  rowsPerCell: Float64Array,
  nRows: number,
): Distribution {
  const nCells = shape.cellKeys.length;
  const nGroups = shape.groupNames.length;
  const nClasses = shape.classNames.length;
  assertInvariant(weights.length === nCells * nGroups * nClasses, 'weights length matches the shape');
  if (nGroups < 2)
    throw new InputError(
      'E_TOO_FEW_GROUPS',
      `need at least 2 groups, found ${nGroups} (${shape.groupNames.join(', ')})`,
    );
  if (nClasses < 2)
    throw new InputError(
      'E_TOO_FEW_CLASSES',
      `need at least 2 label classes, found ${nClasses} (${shape.classNames.join(', ')})`,
    );
  const total = new Accumulator();
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!Number.isFinite(w) || w < 0)
      throw new InputError(
        'E_NOT_FINITE',
        w === Infinity
          ? `the weights of one (cell, group, label) sum to more than ${Number.MAX_VALUE} (the sum overflowed): rescale the weight or count column`
          : `cell weight must be finite and non-negative, got ${w}`,
      );
    total.add(w);
  }
  const totalWeight = total.value();
  if (totalWeight === Infinity)
    throw new InputError(
      'E_NOT_FINITE',
      `the weights sum to more than ${Number.MAX_VALUE} (the sum overflowed): rescale the weight or count column`,
    );
  if (!(totalWeight > 0)) throw new InputError('E_EMPTY_INPUT', 'the data has no rows (total weight is 0)');
  const mass = new Float64Array(weights.length);
  for (let i = 0; i < weights.length; i++) mass[i] = weights[i] / totalWeight;
  const d: Distribution = { ...shape, nCells, nGroups, nClasses, mass, rowsPerCell, nRows, totalWeight };
  const mu = groupLabelMass(d);
  for (let s = 0; s < nGroups; s++) {
    let ms = 0;
    for (let y = 0; y < nClasses; y++) ms += mu[s * nClasses + y];
    if (!(ms > 0)) throw new InputError('E_EMPTY_GROUP', `group "${shape.groupNames[s]}" has no rows`);
  }
  for (let s = 0; s < nGroups; s++)
    for (let y = 0; y < nClasses; y++)
      if (!(mu[s * nClasses + y] > 0))
        throw new InputError(
          'E_EMPTY_GROUP_LABEL',
          `group "${shape.groupNames[s]}" has no rows with label "${shape.classNames[y]}"; ` +
            'equalized odds conditions on every (group, label) pair, so each needs at least one row',
        );
  return d;
}
