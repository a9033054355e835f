import { InputError } from '../errors.js';
import type { Measure } from './measure.js';

/** Probabilities may exceed 1 or fall below 0 by rounding in the solver's output, never by more. */
const PROBABILITY_SLACK = 1e-6;

/**
 * Refuses what would otherwise come back as a violation of 0: sizes that are not positive integers, a P or mu
 * shorter than the sizes say, NaN, P entries outside [0, 1], or negative masses.
 */
function checkConditionalInput(
  P: ArrayLike<number>,
  muSY: ArrayLike<number>,
  nGroups: number,
  nClasses: number,
): void {
  for (const [name, v] of [
    ['nGroups', nGroups],
    ['nClasses', nClasses],
  ] as const)
    if (!Number.isSafeInteger(v) || v < 1)
      throw new InputError('E_BAD_OPTION', `${name} must be a positive integer, got ${v}`, { option: name });
  const width = nGroups * nClasses;
  const lists: [string, ArrayLike<number> | undefined, number][] = [
    ['P', P, width * nClasses],
    ['muSY', muSY, width],
  ];
  for (const [name, list, n] of lists) {
    if (list === null || typeof list !== 'object' || list.length !== n)
      throw new InputError(
        'E_LENGTH_MISMATCH',
        `${name} has ${String(list?.length)} entries; expected ${n} for ${nGroups} groups and ${nClasses} classes`,
        { option: name },
      );
    // mu enters only through the ratios mu(s, y) / mu(s), so masses of any scale (counts, weights) are fine.
    const isMass = name === 'muSY';
    for (let j = 0; j < n; j++) {
      const v = list[j];
      const ok = isMass
        ? typeof v === 'number' && Number.isFinite(v) && v >= 0
        : typeof v === 'number' && v >= -PROBABILITY_SLACK && v <= 1 + PROBABILITY_SLACK;
      if (!ok)
        throw new InputError(
          'E_NOT_A_DISTRIBUTION',
          isMass
            ? `${name}[${j}] is ${v}, not a finite non-negative mass`
            : `${name}[${j}] is ${v}, not a probability in [0, 1]`,
          { option: name },
        );
    }
  }
}

/**
 * Violations of docs/design.md (Fairness measures) from the conditional matrix P[(s,y), yHat] = P(Yhat = yHat
 * | S = s, Y = y) (row-major, nGroups*nClasses rows of nClasses) and the joint masses mu(s, y). The violation
 * of a measure is the smallest alpha it satisfies: the largest gap over every pair of groups, which equals
 * max over groups minus min over groups of each constrained quantity. Pairs whose conditional rate is
 * undefined (mu(s,y) = 0) are skipped by EO; callers flag them.
 */
export function violationsFromConditional(
  P: ArrayLike<number>,
  muSY: ArrayLike<number>,
  nGroups: number,
  nClasses: number,
): Record<Measure, number> {
  checkConditionalInput(P, muSY, nGroups, nClasses);
  const C = nClasses;
  const muS = new Float64Array(nGroups);
  for (let s = 0; s < nGroups; s++) for (let y = 0; y < C; y++) muS[s] += muSY[s * C + y];
  const spread = (value: (s: number) => number, present: (s: number) => boolean): number => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let s = 0; s < nGroups; s++) {
      if (!present(s)) continue;
      const v = value(s);
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return hi >= lo ? hi - lo : 0;
  };
  const hasGroup = (s: number) => muS[s] > 0;
  let sp = 0;
  for (let yHat = 0; yHat < C; yHat++)
    sp = Math.max(
      sp,
      spread((s) => {
        let r = 0;
        for (let y = 0; y < C; y++) r += (muSY[s * C + y] / muS[s]) * P[(s * C + y) * C + yHat];
        return r;
      }, hasGroup),
    );
  let eo = 0;
  for (let y = 0; y < C; y++)
    for (let yHat = 0; yHat < C; yHat++)
      eo = Math.max(
        eo,
        spread(
          (s) => P[(s * C + y) * C + yHat],
          (s) => muSY[s * C + y] > 0,
        ),
      );
  const oae = spread((s) => {
    let r = 0;
    for (let y = 0; y < C; y++) r += (muSY[s * C + y] / muS[s]) * P[(s * C + y) * C + y];
    return r;
  }, hasGroup);
  return { sp, eo, oae };
}
