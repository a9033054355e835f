import { CRITERIA, CRITERION_KIND, type Criterion, type CriterionKind } from './criterion.js';
import { violationsFromConditional } from './violations.js';

/** One term of a per-group rate: `coefficient * P[index]`, index = (s*C + y)*C + yHat into P. */
export type RateTerm = readonly [index: number, coefficient: number];

/**
 * A per-group rate r_s that a criterion compares across groups (e.g. the true-positive rate of class c), as a
 * linear form over P for each group, or null for a group where the rate is undefined (its conditioning event
 * has no mass; such groups are skipped, as the metric engine skips empty (group, label) pairs).
 */
export interface GroupRate {
  /** Readable name, e.g. "yHat=1" or "y=1,yHat=0" or "class 2". */
  readonly label: string;
  readonly forms: readonly (readonly RateTerm[] | null)[];
}

/** The class whose rates the binary criteria use (tpr, fpr, the ratios): class 1, as fairlearn's pos_label. */
export const POSITIVE_CLASS = 1;

/**
 * The per-group rates a criterion bounds (docs/constraints.md), from mu(s, y) (length A*C):
 * - sp: P(Yhat = yHat | s) for each yHat (one with two classes: the other is its complement);
 * - eo: P(Yhat = yHat | s, y) for each (y, yHat) (one yHat with two classes);
 * - oae, errorRate, groupLoss: the group's accuracy P(Yhat = Y | s) (error-rate parity is OAE: e_s = 1 - acc_s);
 * - tpr, tprRatio: P(Yhat = 1 | s, Y = 1); for C > 2 one-vs-rest per class c, P(Yhat = c | s, Y = c);
 * - fpr, fprRatio: P(Yhat = 1 | s, Y = 0); for C > 2 per class c, P(Yhat = c | s, Y != c), whose mixture over
 *   the labels y != c is the group's own (mu(s, y) / (mu(s) - mu(s, c))), so it differs between groups;
 * - spRatio: P(Yhat = 1 | s); for C > 2 per class c, P(Yhat = c | s).
 */
export function groupRates(
  criterion: Criterion,
  muSY: ArrayLike<number>,
  nGroups: number,
  nClasses: number,
): GroupRate[] {
  const A = nGroups;
  const C = nClasses;
  const at = (s: number, y: number, yHat: number) => (s * C + y) * C + yHat;
  const muS = new Float64Array(A);
  for (let s = 0; s < A; s++) for (let y = 0; y < C; y++) muS[s] += muSY[s * C + y];
  const perGroup = (label: string, form: (s: number) => RateTerm[] | null): GroupRate => ({
    label,
    forms: Array.from({ length: A }, (_, s) => form(s)),
  });
  const selection = (yHat: number) => (s: number) => {
    if (!(muS[s] > 0)) return null;
    const terms: RateTerm[] = [];
    for (let y = 0; y < C; y++)
      if (muSY[s * C + y] > 0) terms.push([at(s, y, yHat), muSY[s * C + y] / muS[s]]);
    return terms;
  };
  const accuracy = (s: number) => {
    if (!(muS[s] > 0)) return null;
    const terms: RateTerm[] = [];
    for (let y = 0; y < C; y++) if (muSY[s * C + y] > 0) terms.push([at(s, y, y), muSY[s * C + y] / muS[s]]);
    return terms;
  };
  const conditional = (y: number, yHat: number) => (s: number) =>
    muSY[s * C + y] > 0 ? [[at(s, y, yHat), 1] as RateTerm] : null;
  // P(Yhat = c | s, Y != c): the group's own mixture of the other labels.
  const falsePositive = (c: number) => (s: number) => {
    const negatives = muS[s] - muSY[s * C + c];
    if (!(negatives > 0)) return null;
    const terms: RateTerm[] = [];
    for (let y = 0; y < C; y++)
      if (y !== c && muSY[s * C + y] > 0) terms.push([at(s, y, c), muSY[s * C + y] / negatives]);
    return terms;
  };
  const classes = C === 2 ? [POSITIVE_CLASS] : Array.from({ length: C }, (_, c) => c);
  const yHats = C === 2 ? [0] : Array.from({ length: C }, (_, c) => c);
  switch (criterion) {
    case 'sp':
      return yHats.map((yHat) => perGroup(`yHat=${yHat}`, selection(yHat)));
    case 'eo':
      return Array.from({ length: C }, (_, y) =>
        yHats.map((yHat) => perGroup(`y=${y},yHat=${yHat}`, conditional(y, yHat))),
      ).flat();
    case 'oae':
    case 'errorRate':
    case 'groupLoss':
      return [perGroup('accuracy', accuracy)];
    case 'tpr':
    case 'tprRatio':
      return classes.map((c) => perGroup(`class ${c}`, conditional(c, c)));
    case 'fpr':
    case 'fprRatio':
      return classes.map((c) =>
        perGroup(`class ${c}`, C === 2 ? conditional(1 - POSITIVE_CLASS, POSITIVE_CLASS) : falsePositive(c)),
      );
    case 'spRatio':
      return classes.map((c) => perGroup(`class ${c}`, selection(c)));
  }
}

/** r_s of one form. */
export function evaluateRate(form: readonly RateTerm[], P: ArrayLike<number>): number {
  let r = 0;
  for (const [index, coefficient] of form) r += coefficient * P[index];
  return r;
}

/**
 * A criterion's measured value from its per-group rates (see `criterionValues`): a difference is the largest
 * max_s r_s - min_s r_s, a ratio the smallest min_s r_s / max_s r_s, group loss the largest 1 - r_s.
 */
export function reduceRates(kind: CriterionKind, rates: readonly GroupRate[], P: ArrayLike<number>): number {
  let value = kind === 'ratio' ? 1 : 0;
  for (const rate of rates) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const form of rate.forms) {
      if (form === null) continue;
      const r = evaluateRate(form, P);
      lo = Math.min(lo, r);
      hi = Math.max(hi, r);
    }
    if (!(hi >= lo)) continue;
    if (kind === 'difference') value = Math.max(value, hi - lo);
    else if (kind === 'ratio') value = Math.min(value, hi > 0 ? lo / hi : 1);
    else value = Math.max(value, 1 - lo);
  }
  return value;
}

/**
 * The measured value of every criterion for a classifier with conditional matrix P (row-major
 * (nGroups*nClasses) x nClasses) on joint masses mu(s, y): the tightest bound it satisfies.
 * - a difference: the largest gap max_s r_s - min_s r_s over its rates (sp, eo, oae through
 *   `violationsFromConditional`, the one definition of the paper's measures);
 * - a ratio: the smallest min_s r_s / max_s r_s over its rates (1 when every group's rate is 0);
 * - groupLoss: the largest group error rate 1 - P(Yhat = Y | s).
 * Groups where a rate is undefined (no mass) are skipped.
 */
export function criterionValues(
  P: ArrayLike<number>,
  muSY: ArrayLike<number>,
  nGroups: number,
  nClasses: number,
): Record<Criterion, number> {
  const paper = violationsFromConditional(P, muSY, nGroups, nClasses);
  const out = { ...paper } as Record<Criterion, number>;
  for (const c of CRITERIA) {
    if (c === 'sp' || c === 'eo' || c === 'oae') continue;
    out[c] = reduceRates(CRITERION_KIND[c], groupRates(c, muSY, nGroups, nClasses), P);
  }
  return out;
}
