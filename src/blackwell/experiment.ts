import { checkMassTable } from '../check-masses.js';
import { InputError } from '../errors.js';
import { Accumulator } from '../numeric.js';
import { POSTERIOR_SUM_TOL } from './tolerances.js';

/**
 * A statistical experiment in Blackwell's sense (docs/design.md, Blackwell, cuts and continuous features): a
 * finite set of posteriors g(x_k) over the states theta with weights w_k = P(x_k). For fairness the states
 * are the pairs (s, y), `theta = s * nClasses + y`.
 *
 * `weight[k] = w_k` (positive, sum 1); `posterior[k * nStates + theta] = g_k(theta) = P(theta | x_k)`
 * (rows sum to 1). The prior is `sum_k w_k g_k`.
 */
export interface Experiment {
  readonly nPoints: number;
  readonly nStates: number;
  readonly weight: Float64Array;
  readonly posterior: Float64Array;
}

/**
 * An experiment whose states are the (group, label) pairs of docs/design.md (Objects): nStates = nGroups *
 * nClasses.
 */
export interface FairnessExperiment extends Experiment {
  readonly nGroups: number;
  readonly nClasses: number;
}

/** The fields of a cell distribution that an experiment needs (a `Distribution` has them). */
export interface CellMasses {
  readonly nCells: number;
  readonly nGroups: number;
  readonly nClasses: number;
  /** p(x = k, s, y) at `(k * nGroups + s) * nClasses + y`. */
  readonly mass: Float64Array;
}

export interface ExperimentInput {
  readonly nStates: number;
  /** Non-negative, not all zero; normalized to sum 1. Points of zero weight are dropped. */
  readonly weight: ArrayLike<number>;
  /** Row-major nPoints x nStates, each row a probability vector (sum 1 within 1e-6; renormalized). */
  readonly posterior: ArrayLike<number>;
}

/**
 * Checks and normalizes an experiment given by weights and posteriors (the edge for user-supplied experiments).
 * @throws InputError E_BAD_OPTION (shape), E_NOT_FINITE, E_NEGATIVE_WEIGHT, E_EMPTY_INPUT
 * @example
 * const bsc = createExperiment({ nStates: 2, weight: [0.5, 0.5], posterior: [0.9, 0.1, 0.1, 0.9] });
 */
export function createExperiment(input: ExperimentInput): Experiment {
  const { nStates } = input;
  if (!Number.isInteger(nStates) || nStates < 1)
    throw new InputError('E_BAD_OPTION', `nStates must be a positive integer, got ${nStates}`, {
      option: 'nStates',
    });
  const nIn = input.weight.length;
  if (input.posterior.length !== nIn * nStates)
    throw new InputError(
      'E_BAD_OPTION',
      `posterior has ${input.posterior.length} entries; expected ${nIn} points x ${nStates} states`,
      { option: 'posterior' },
    );
  const total = new Accumulator();
  const keep: number[] = [];
  for (let k = 0; k < nIn; k++) {
    const w = input.weight[k];
    if (!Number.isFinite(w))
      throw new InputError('E_NOT_FINITE', `weight of point ${k} is ${w}`, { option: 'weight' });
    if (w < 0)
      throw new InputError('E_NEGATIVE_WEIGHT', `weight of point ${k} is negative (${w})`, {
        option: 'weight',
      });
    let sum = 0;
    for (let t = 0; t < nStates; t++) {
      const g = input.posterior[k * nStates + t];
      if (!Number.isFinite(g) || g < 0)
        throw new InputError(
          'E_NOT_FINITE',
          `posterior of point ${k}, state ${t} is ${g}; need a finite probability`,
          {
            option: 'posterior',
          },
        );
      sum += g;
    }
    if (Math.abs(sum - 1) > POSTERIOR_SUM_TOL)
      throw new InputError('E_BAD_OPTION', `posterior of point ${k} sums to ${sum}, not 1`, {
        option: 'posterior',
      });
    if (w > 0) {
      keep.push(k);
      total.add(w);
    }
  }
  const totalWeight = total.value();
  if (!(totalWeight > 0))
    throw new InputError('E_EMPTY_INPUT', 'the experiment has no point of positive weight');
  const nPoints = keep.length;
  const weight = new Float64Array(nPoints);
  const posterior = new Float64Array(nPoints * nStates);
  keep.forEach((k, i) => {
    weight[i] = input.weight[k] / totalWeight;
    let sum = 0;
    for (let t = 0; t < nStates; t++) sum += input.posterior[k * nStates + t];
    for (let t = 0; t < nStates; t++) posterior[i * nStates + t] = input.posterior[k * nStates + t] / sum;
  });
  return { nPoints, nStates, weight, posterior };
}

/**
 * The experiment of a cell distribution: one point per cell of positive mass, w_k = p(x_k), g_k(s, y) =
 * p(x_k, s, y) / p(x_k). Its achievable set is the set of joint matrices of the exact LP (docs/design.md, The
 * exact LP). Returns the cell index of every point (cells of zero mass have none).
 */
export function experimentFromMasses(d: CellMasses): {
  experiment: FairnessExperiment;
  cellOfPoint: Int32Array;
} {
  checkMassTable(d);
  const { nCells, nGroups, nClasses, mass } = d;
  const nStates = nGroups * nClasses;
  const cells: number[] = [];
  const weights: number[] = [];
  for (let k = 0; k < nCells; k++) {
    const acc = new Accumulator();
    for (let t = 0; t < nStates; t++) acc.add(mass[k * nStates + t]);
    const w = acc.value();
    if (w > 0) {
      cells.push(k);
      weights.push(w);
    }
  }
  const nPoints = cells.length;
  const total = weights.reduce((a, b) => a + b, 0);
  const weight = new Float64Array(nPoints);
  const posterior = new Float64Array(nPoints * nStates);
  cells.forEach((k, i) => {
    weight[i] = weights[i] / total;
    for (let t = 0; t < nStates; t++) posterior[i * nStates + t] = mass[k * nStates + t] / weights[i];
  });
  return {
    experiment: { nPoints, nStates, nGroups, nClasses, weight, posterior },
    cellOfPoint: Int32Array.from(cells),
  };
}

/** The prior of the experiment, sum_k w_k g_k: for a fairness experiment mu(s, y) at `s * nClasses + y`. */
export function experimentPrior(e: Experiment): Float64Array {
  const acc = Array.from({ length: e.nStates }, () => new Accumulator());
  for (let k = 0; k < e.nPoints; k++)
    for (let t = 0; t < e.nStates; t++) acc[t].add(e.weight[k] * e.posterior[k * e.nStates + t]);
  return Float64Array.from(acc, (a) => a.value());
}

/**
 * The joint matrix a garbling produces: `Z[theta * nDecisions + j] = sum_k w_k g_k(theta) h[k * nDecisions +
 * j]`. For a fairness experiment with nDecisions = nClasses this is `mu(s,y) P[(s,y), yHat]` (docs/design.md,
 * Blackwell, cuts and continuous features).
 */
export function achievedJoint(e: Experiment, h: ArrayLike<number>, nDecisions: number): Float64Array {
  const { nPoints, nStates, weight, posterior } = e;
  const Z = new Float64Array(nStates * nDecisions);
  for (let k = 0; k < nPoints; k++)
    for (let t = 0; t < nStates; t++) {
      const p = weight[k] * posterior[k * nStates + t];
      if (p === 0) continue;
      for (let j = 0; j < nDecisions; j++) Z[t * nDecisions + j] += p * h[k * nDecisions + j];
    }
  return Z;
}

/** Merges points by a key (e.g. a quantized posterior): weights add, posteriors average by weight. */
export function mergePoints<E extends Experiment>(e: E, groupOfPoint: Int32Array, nMerged: number): E {
  const { nStates } = e;
  const weight = new Float64Array(nMerged);
  const joint = new Float64Array(nMerged * nStates);
  for (let k = 0; k < e.nPoints; k++) {
    const m = groupOfPoint[k];
    weight[m] += e.weight[k];
    for (let t = 0; t < nStates; t++) joint[m * nStates + t] += e.weight[k] * e.posterior[k * nStates + t];
  }
  const posterior = new Float64Array(nMerged * nStates);
  for (let m = 0; m < nMerged; m++)
    for (let t = 0; t < nStates; t++)
      posterior[m * nStates + t] = weight[m] > 0 ? joint[m * nStates + t] / weight[m] : 1 / nStates;
  return { ...e, nPoints: nMerged, weight, posterior };
}
