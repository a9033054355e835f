import { InputError } from '../errors.js';
import type { FeatureMatrix, TrainingSet } from './types.js';

/**
 * The edge of every learner: shapes, finite features, class codes in range, finite non-negative weights with a
 * positive total. Returns the weights (ones when absent).
 * @throws InputError E_EMPTY_INPUT, E_LENGTH_MISMATCH, E_NOT_FINITE, E_CODE_OUT_OF_RANGE, E_NEGATIVE_WEIGHT, E_BAD_OPTION
 */
export function validateTrainingSet(data: TrainingSet, kind: string): Float64Array {
  const { x, y, nClasses, weight } = data;
  if (!Number.isInteger(nClasses) || nClasses < 2)
    throw new InputError('E_BAD_OPTION', `${kind}: nClasses must be an integer >= 2, got ${nClasses}`, {
      option: 'nClasses',
    });
  validateFeatureMatrix(x, kind);
  if (x.nRows === 0) throw new InputError('E_EMPTY_INPUT', `${kind}: no training rows`, { option: 'x' });
  if (y.length !== x.nRows)
    throw new InputError('E_LENGTH_MISMATCH', `${kind}: y has length ${y.length}, expected ${x.nRows}`, {
      option: 'y',
    });
  for (let i = 0; i < y.length; i++)
    if (!(y[i] >= 0 && y[i] < nClasses))
      throw new InputError('E_CODE_OUT_OF_RANGE', `${kind}: class ${y[i]} is outside 0..${nClasses - 1}`, {
        option: 'y',
        detail: `row ${i}`,
      });
  if (weight === undefined) return new Float64Array(x.nRows).fill(1);
  if (weight.length !== x.nRows)
    throw new InputError(
      'E_LENGTH_MISMATCH',
      `${kind}: weight has length ${weight.length}, expected ${x.nRows}`,
      { option: 'weight' },
    );
  let total = 0;
  for (let i = 0; i < weight.length; i++) {
    const w = weight[i];
    if (!Number.isFinite(w))
      throw new InputError('E_NOT_FINITE', `${kind}: weight is ${w}`, {
        option: 'weight',
        detail: `row ${i}`,
      });
    if (w < 0)
      throw new InputError('E_NEGATIVE_WEIGHT', `${kind}: weight is negative (${w})`, {
        option: 'weight',
        detail: `row ${i}`,
      });
    total += w;
  }
  if (!(total > 0)) throw new InputError('E_EMPTY_INPUT', `${kind}: every weight is 0`, { option: 'weight' });
  return weight;
}

/** Shape and finiteness of a feature matrix (used by fit and by predictProba). */
export function validateFeatureMatrix(x: FeatureMatrix, kind: string, expectedFeatures?: number): void {
  if (!Number.isInteger(x.nRows) || x.nRows < 0 || !Number.isInteger(x.nFeatures) || x.nFeatures < 0)
    throw new InputError('E_BAD_OPTION', `${kind}: bad feature matrix shape ${x.nRows} x ${x.nFeatures}`, {
      option: 'x',
    });
  if (x.values.length !== x.nRows * x.nFeatures)
    throw new InputError(
      'E_LENGTH_MISMATCH',
      `${kind}: feature values have length ${x.values.length}, expected ${x.nRows} x ${x.nFeatures}`,
      { option: 'x' },
    );
  if (expectedFeatures !== undefined && x.nFeatures !== expectedFeatures)
    throw new InputError(
      'E_LENGTH_MISMATCH',
      `${kind}: ${x.nFeatures} features, the model was fitted on ${expectedFeatures}`,
      { option: 'x' },
    );
  for (let i = 0; i < x.values.length; i++)
    if (!Number.isFinite(x.values[i]))
      throw new InputError('E_NOT_FINITE', `${kind}: feature ${i % x.nFeatures} is ${x.values[i]}`, {
        option: 'x',
        column: x.featureNames?.[i % x.nFeatures] ?? i % x.nFeatures,
        detail: `row ${Math.floor(i / x.nFeatures)}`,
      });
}
