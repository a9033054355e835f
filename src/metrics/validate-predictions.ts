import { InputError } from '../errors.js';
import type { PredictionInput } from './prediction-types.js';
import { NEGATIVE_PROBABILITY_TOL, ROW_SUM_TOL } from './tolerances.js';

/**
 * The edge of the metric engine: checks shapes, codes, probabilities and weights once, naming the field and the
 * first bad row. Inside, the engine trusts its input.
 * @throws InputError E_BAD_OPTION, E_LENGTH_MISMATCH, E_CODE_OUT_OF_RANGE, E_NOT_FINITE, E_NOT_A_DISTRIBUTION,
 *   E_NEGATIVE_WEIGHT, E_EMPTY_INPUT
 */
export function validatePredictionInput(input: PredictionInput): void {
  const { group, label, prediction, distribution, weight, nGroups, nClasses } = input;
  if (!Number.isInteger(nGroups) || nGroups < 1)
    throw new InputError('E_BAD_OPTION', `nGroups must be a positive integer, got ${nGroups}`, {
      option: 'nGroups',
    });
  if (!Number.isInteger(nClasses) || nClasses < 2)
    throw new InputError('E_BAD_OPTION', `nClasses must be an integer >= 2, got ${nClasses}`, {
      option: 'nClasses',
    });
  if (input.groupNames !== undefined && input.groupNames.length !== nGroups)
    throw new InputError(
      'E_LENGTH_MISMATCH',
      `groupNames has ${input.groupNames.length} names for ${nGroups} groups`,
      { option: 'groupNames' },
    );
  if (input.classNames !== undefined && input.classNames.length !== nClasses)
    throw new InputError(
      'E_LENGTH_MISMATCH',
      `classNames has ${input.classNames.length} names for ${nClasses} classes`,
      { option: 'classNames' },
    );
  if (input.minCount !== undefined && !(Number.isFinite(input.minCount) && input.minCount >= 0))
    throw new InputError('E_BAD_OPTION', `minCount must be a finite number >= 0, got ${input.minCount}`, {
      option: 'minCount',
    });
  if (
    input.positiveClass !== undefined &&
    !(Number.isInteger(input.positiveClass) && input.positiveClass >= 0 && input.positiveClass < nClasses)
  )
    throw new InputError(
      'E_BAD_OPTION',
      `positiveClass must be a class index in 0..${nClasses - 1}, got ${input.positiveClass}`,
      { option: 'positiveClass' },
    );
  const n = group.length;
  if (n === 0) throw new InputError('E_EMPTY_INPUT', 'no rows to evaluate', { option: 'group' });
  const sameLength = (name: string, length: number, expected: number) => {
    if (length !== expected)
      throw new InputError(
        'E_LENGTH_MISMATCH',
        `${name} has length ${length}, expected ${expected} (from group's ${n} rows)`,
        { option: name },
      );
  };
  sameLength('label', label.length, n);
  if ((prediction === undefined) === (distribution === undefined))
    throw new InputError(
      'E_BAD_OPTION',
      'give exactly one of prediction (hard classes) or distribution (probabilities)',
      { option: 'prediction' },
    );
  if (weight !== undefined) sameLength('weight', weight.length, n);
  const codeInRange = (name: string, codes: Int32Array, size: number) => {
    for (let i = 0; i < n; i++)
      if (!(codes[i] >= 0 && codes[i] < size))
        throw new InputError('E_CODE_OUT_OF_RANGE', `${name} ${codes[i]} is outside 0..${size - 1}`, {
          option: name,
          detail: `row ${i}`,
        });
  };
  codeInRange('group', group, nGroups);
  codeInRange('label', label, nClasses);
  if (prediction !== undefined) {
    sameLength('prediction', prediction.length, n);
    codeInRange('prediction', prediction, nClasses);
  }
  if (distribution !== undefined) {
    sameLength('distribution', distribution.length, n * nClasses);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let c = 0; c < nClasses; c++) {
        const p = distribution[i * nClasses + c];
        if (!Number.isFinite(p))
          throw new InputError('E_NOT_FINITE', `probability of class ${c} is ${p}`, {
            option: 'distribution',
            detail: `row ${i}`,
          });
        if (p < -NEGATIVE_PROBABILITY_TOL)
          throw new InputError('E_NOT_A_DISTRIBUTION', `probability of class ${c} is negative (${p})`, {
            option: 'distribution',
            detail: `row ${i}`,
          });
        sum += p;
      }
      if (Math.abs(sum - 1) > ROW_SUM_TOL)
        throw new InputError(
          'E_NOT_A_DISTRIBUTION',
          `probabilities sum to ${sum}, not 1 (tolerance ${ROW_SUM_TOL})`,
          { option: 'distribution', detail: `row ${i}` },
        );
    }
  }
  if (weight !== undefined) checkRowWeights(weight, n);
}

/**
 * Row weights: each finite and non-negative, and not all 0; `undefined` stands for unit weights.
 * @throws InputError E_NOT_FINITE, E_NEGATIVE_WEIGHT, E_EMPTY_INPUT (naming the row)
 */
export function checkRowWeights(weight: ArrayLike<number> | undefined, n: number): void {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weight ? weight[i] : 1;
    if (!Number.isFinite(w))
      throw new InputError('E_NOT_FINITE', `weight is ${w}`, { option: 'weight', detail: `row ${i}` });
    if (w < 0)
      throw new InputError('E_NEGATIVE_WEIGHT', `weight is negative (${w})`, {
        option: 'weight',
        detail: `row ${i}`,
      });
    total += w;
  }
  if (!(total > 0)) throw new InputError('E_EMPTY_INPUT', 'every weight is 0', { option: 'weight' });
}
