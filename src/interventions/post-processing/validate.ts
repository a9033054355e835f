import { InputError } from '../../errors.js';
import type { Measure } from '../../metrics/index.js';
import type { InterventionData, InterventionInput } from '../types.js';
import { SCORE_RANGE_TOL, SCORE_ROW_SUM_TOL } from './tolerances.js';

/** What a post-processor needs from its fitting data, checked once at the entry. */
export interface CheckedScores {
  readonly nRows: number;
  readonly nGroups: number;
  readonly nClasses: number;
  /** Row-major nRows x nClasses, clipped to [0, 1]. */
  readonly scores: Float64Array;
  readonly group: Int32Array;
  readonly label: Int32Array;
  /** Row weights (1 when absent). */
  readonly weight: Float64Array;
}

export interface Requirements {
  readonly method: string;
  readonly measure: Measure;
  readonly supportedMeasures: readonly Measure[];
  readonly knob: number;
  readonly knobName: string;
  /** Inclusive range of the knob. */
  readonly knobRange: readonly [number, number];
  readonly binary: boolean;
}

/**
 * The edge of every post-processor: the measure is supported, the knob is in range, shapes agree, codes are in
 * range, scores are probability rows, weights are finite and non-negative, every group has weight.
 * @throws InputError E_BAD_OPTION, E_BAD_ALPHA, E_LENGTH_MISMATCH, E_CODE_OUT_OF_RANGE, E_NOT_FINITE,
 *   E_NOT_A_DISTRIBUTION, E_NEGATIVE_WEIGHT, E_EMPTY_INPUT, E_EMPTY_GROUP, E_TOO_FEW_GROUPS, E_TOO_FEW_CLASSES,
 *   E_TOO_MANY_CLASSES
 */
export function checkFittingData(data: InterventionData, req: Requirements): CheckedScores {
  const { method } = req;
  if (!req.supportedMeasures.includes(req.measure))
    throw new InputError(
      'E_BAD_OPTION',
      `${method} supports the measures ${req.supportedMeasures.join(', ')}, not ${req.measure}`,
      {
        option: 'measure',
      },
    );
  const [lo, hi] = req.knobRange;
  if (typeof req.knob !== 'number' || !Number.isFinite(req.knob) || req.knob < lo || req.knob > hi)
    throw new InputError(
      'E_BAD_ALPHA',
      `${method}: ${req.knobName} must be a number in [${lo}, ${hi}], got ${req.knob}`,
      {
        option: req.knobName,
      },
    );
  const { nGroups, nClasses, group, label } = data;
  if (!Number.isInteger(nGroups) || nGroups < 2)
    throw new InputError('E_TOO_FEW_GROUPS', `${method} needs at least two groups, got ${nGroups}`, {
      option: 'nGroups',
    });
  if (!Number.isInteger(nClasses) || nClasses < 2)
    throw new InputError('E_TOO_FEW_CLASSES', `${method} needs at least two classes, got ${nClasses}`, {
      option: 'nClasses',
    });
  if (req.binary && nClasses !== 2)
    throw new InputError(
      'E_TOO_MANY_CLASSES',
      `${method} needs binary labels, the data has ${nClasses} classes`,
      { option: 'nClasses' },
    );
  const nRows = group.length;
  if (nRows === 0) throw new InputError('E_EMPTY_INPUT', `${method}: no rows to fit on`, { option: 'group' });
  if (label.length !== nRows)
    throw new InputError('E_LENGTH_MISMATCH', `label has length ${label.length}, expected ${nRows}`, {
      option: 'label',
    });
  for (let i = 0; i < nRows; i++)
    if (!(label[i] >= 0 && label[i] < nClasses))
      throw new InputError('E_CODE_OUT_OF_RANGE', `label ${label[i]} is outside 0..${nClasses - 1}`, {
        option: 'label',
        detail: `row ${i}`,
      });
  const weight = new Float64Array(nRows).fill(1);
  if (data.weight !== undefined) {
    if (data.weight.length !== nRows)
      throw new InputError(
        'E_LENGTH_MISMATCH',
        `weight has length ${data.weight.length}, expected ${nRows}`,
        { option: 'weight' },
      );
    for (let i = 0; i < nRows; i++) {
      const w = data.weight[i];
      if (!Number.isFinite(w))
        throw new InputError('E_NOT_FINITE', `weight ${w} is not finite`, {
          option: 'weight',
          detail: `row ${i}`,
        });
      if (w < 0)
        throw new InputError('E_NEGATIVE_WEIGHT', `weight ${w} is negative`, {
          option: 'weight',
          detail: `row ${i}`,
        });
      weight[i] = w;
    }
  }
  const scores = checkScores(data.scores, group, nGroups, nClasses);
  const groupWeight = new Float64Array(nGroups);
  for (let i = 0; i < nRows; i++) groupWeight[group[i]] += weight[i];
  for (let s = 0; s < nGroups; s++)
    if (!(groupWeight[s] > 0))
      throw new InputError(
        'E_EMPTY_GROUP',
        `${method}: group ${s} has no rows (or zero weight) in the fitting data`,
        { option: 'group' },
      );
  return { nRows, nGroups, nClasses, scores, group, label, weight };
}

/**
 * Checks prediction-time input: group codes in range and probability rows; returns the clipped scores.
 * @throws InputError E_LENGTH_MISMATCH, E_CODE_OUT_OF_RANGE, E_NOT_FINITE, E_NOT_A_DISTRIBUTION
 */
export function checkPredictionInput(
  input: InterventionInput,
  nGroups: number,
  nClasses: number,
): Float64Array {
  return checkScores(input.scores, input.group, nGroups, nClasses);
}

function checkScores(raw: Float64Array, group: Int32Array, nGroups: number, nClasses: number): Float64Array {
  const nRows = group.length;
  if (raw.length !== nRows * nClasses)
    throw new InputError(
      'E_LENGTH_MISMATCH',
      `scores has length ${raw.length}, expected ${nRows} rows x ${nClasses} classes`,
      {
        option: 'scores',
      },
    );
  const scores = new Float64Array(raw.length);
  for (let i = 0; i < nRows; i++) {
    if (!(group[i] >= 0 && group[i] < nGroups))
      throw new InputError('E_CODE_OUT_OF_RANGE', `group ${group[i]} is outside 0..${nGroups - 1}`, {
        option: 'group',
        detail: `row ${i}`,
      });
    let sum = 0;
    for (let c = 0; c < nClasses; c++) {
      const v = raw[i * nClasses + c];
      if (!Number.isFinite(v))
        throw new InputError('E_NOT_FINITE', `score ${v} is not finite`, {
          option: 'scores',
          detail: `row ${i}`,
        });
      if (v < -SCORE_RANGE_TOL || v > 1 + SCORE_RANGE_TOL)
        throw new InputError('E_NOT_A_DISTRIBUTION', `score ${v} is outside [0, 1]`, {
          option: 'scores',
          detail: `row ${i}, class ${c}`,
        });
      const clipped = Math.min(1, Math.max(0, v));
      scores[i * nClasses + c] = clipped;
      sum += clipped;
    }
    if (Math.abs(sum - 1) > SCORE_ROW_SUM_TOL)
      throw new InputError('E_NOT_A_DISTRIBUTION', `scores of a row sum to ${sum}, not 1`, {
        option: 'scores',
        detail: `row ${i}`,
      });
  }
  return scores;
}

/** P(Yhat = 1) per row -> the n x 2 distribution the interface returns. */
export function binaryDistribution(probabilityOfOne: Float64Array): Float64Array {
  const out = new Float64Array(probabilityOfOne.length * 2);
  for (let i = 0; i < probabilityOfOne.length; i++) {
    const p = Math.min(1, Math.max(0, probabilityOfOne[i]));
    out[2 * i] = 1 - p;
    out[2 * i + 1] = p;
  }
  return out;
}

/**
 * The prediction of a binary post-processor: P(Yhat = 1) of each row from its group and its positive-class score
 * (`rule(s, score)`), after the input is checked, as the two-column distribution.
 */
export function predictFromPositiveScore(
  input: InterventionInput,
  nGroups: number,
  rule: (s: number, score: number) => number,
): Float64Array {
  const scores = checkPredictionInput(input, nGroups, 2);
  const p = new Float64Array(input.group.length);
  for (let i = 0; i < p.length; i++) p[i] = rule(input.group[i], scores[2 * i + 1]);
  return binaryDistribution(p);
}
