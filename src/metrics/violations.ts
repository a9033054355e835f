import type { Measure } from './measure.js';

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
