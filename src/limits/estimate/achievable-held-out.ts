import {
  type Bounds,
  CRITERIA,
  CRITERION_KIND,
  type Criterion,
  completeBounds,
  criterionValues,
  isVacuousBound,
  meetsBound,
} from '../../metrics/index.js';
import type { RowEvaluation } from './held-out.js';

/** Training-side tightening factors: the rule fitted at t * alpha is a candidate for alpha (docs/estimation.md). */
export const TIGHTENING_FACTORS: readonly number[] = [1, 0.75, 0.5, 0.25, 0];

/**
 * The bounds tightened by t in [0, 1] (t = 1 unchanged, t = 0 exact parity): a difference's alpha becomes
 * t alpha, a ratio's R becomes 1 - t (1 - R) (its distance from parity shrinks the same way). Vacuous bounds stay
 * vacuous. Group loss Z is kept: a smaller Z can leave no classifier at all on the training rows, and it is
 * not a parity that the constant rule restores.
 */
export function tightenAlphas<B extends Partial<Bounds>>(alpha: B, t: number): B {
  const out: Record<string, number> = { ...(alpha as Record<string, number>) };
  for (const c of CRITERIA) {
    const b = alpha[c];
    if (b === undefined || isVacuousBound(c, b) || c === 'groupLoss') continue;
    out[c] = CRITERION_KIND[c] === 'ratio' ? 1 - t * (1 - b) : b * t;
  }
  return out as B;
}

/** The best held-out rule at one alpha: which candidate, how much of the constant rule mixed in. */
export interface AchievableHeldOut {
  /** Held-out accuracy of the chosen (possibly mixed) rule. */
  readonly accuracy: number;
  /** Its held-out violations, each <= alpha. */
  readonly violations: Readonly<Record<Criterion, number>>;
  /** The training alpha of the chosen rule is tightening * alpha. */
  readonly tightening: number;
  /** Probability of predicting the training majority class instead (0 = the rule alone). */
  readonly constantShare: number;
}

const FEASIBILITY_SLACK = 1e-12;

function feasible(v: Readonly<Record<Criterion, number>>, alpha: Bounds): boolean {
  return CRITERIA.every((c) => meetsBound(c, v[c], alpha[c], FEASIBILITY_SLACK));
}

/**
 * The achievable held-out point at alpha: the best held-out accuracy among the training-optimal rules at
 * tightened alphas, each mixed with the constant rule (which has zero SP, EO, TPR and FPR difference and ratio 1
 * on any rows) as little as needed to bring its held-out values within every bound. Held-out P is linear in the
 * mixture, and every criterion's constraint is a set of linear inequalities in P (docs/constraints.md), so the
 * shares that meet them form an interval containing 1 and bisection finds its end. Values are measured by the
 * metric engine. Returns null when no candidate and no mixture meets alpha on the held-out rows (e.g. OAE = 0
 * with unequal group base rates).
 */
export function achievableHeldOut(
  candidates: readonly { readonly tightening: number; readonly evaluation: RowEvaluation }[],
  constant: RowEvaluation,
  alphaIn: Partial<Bounds>,
): AchievableHeldOut | null {
  const alpha = completeBounds(alphaIn);
  const C = constant.P.length / constant.mu.length;
  const nGroups = constant.mu.length / C;
  let best: AchievableHeldOut | null = null;
  const consider = (x: AchievableHeldOut) => {
    if (best === null || x.accuracy > best.accuracy + 1e-15) best = x;
  };
  const constantFeasible = feasible(constant.violations, alpha);
  for (const { tightening, evaluation: e } of candidates) {
    if (feasible(e.violations, alpha)) {
      consider({ accuracy: e.accuracy, violations: e.violations, tightening, constantShare: 0 });
      continue;
    }
    if (!constantFeasible) continue;
    const mixed = (share: number) => {
      const P = Float64Array.from(e.P, (v, i) => (1 - share) * v + share * constant.P[i]);
      return criterionValues(P, e.mu, nGroups, C);
    };
    let lo = 0; // infeasible rule share 1 - lo
    let hi = 1; // feasible
    for (let it = 0; it < 50; it++) {
      const mid = (lo + hi) / 2;
      if (feasible(mixed(mid), alpha)) hi = mid;
      else lo = mid;
    }
    consider({
      accuracy: (1 - hi) * e.accuracy + hi * constant.accuracy,
      violations: mixed(hi),
      tightening,
      constantShare: hi,
    });
  }
  if (constantFeasible)
    consider({
      accuracy: constant.accuracy,
      violations: constant.violations,
      tightening: 0,
      constantShare: 1,
    });
  return best;
}
