import { MEASURES, type Alphas, type Measure } from '../../metrics/measure.js';
import { violationsFromConditional } from '../../metrics/violations.js';
import type { RowEvaluation } from './held-out.js';

/** Training-side tightening factors: the rule fitted at t * alpha is a candidate for alpha (docs/estimation.md). */
export const TIGHTENING_FACTORS: readonly number[] = [1, 0.75, 0.5, 0.25, 0];

/** alpha with every constrained measure multiplied by t (vacuous measures stay 1). */
export function tightenAlphas(alpha: Alphas, t: number): Alphas {
  const out = { ...alpha };
  for (const m of MEASURES) if (alpha[m] < 1) out[m] = alpha[m] * t;
  return out;
}

/** The best held-out rule at one alpha: which candidate, how much of the constant rule mixed in. */
export interface AchievableHeldOut {
  /** Held-out accuracy of the chosen (possibly mixed) rule. */
  readonly accuracy: number;
  /** Its held-out violations, each <= alpha. */
  readonly violations: Readonly<Record<Measure, number>>;
  /** The training alpha of the chosen rule is tightening * alpha. */
  readonly tightening: number;
  /** Probability of predicting the training majority class instead (0 = the rule alone). */
  readonly constantShare: number;
}

const FEASIBILITY_SLACK = 1e-12;

function feasible(v: Readonly<Record<Measure, number>>, alpha: Alphas): boolean {
  return MEASURES.every((m) => v[m] <= alpha[m] + FEASIBILITY_SLACK);
}

/**
 * The achievable held-out point at alpha: the best held-out accuracy among the training-optimal rules at
 * tightened alphas, each mixed with the constant rule (which has zero SP and EO violation on any rows) as
 * little as needed to bring its held-out violations within alpha. Held-out P is linear in the mixture, so the
 * mixture's violations are measured exactly (bisection on the share; they are convex in it). Returns null when
 * no candidate and no mixture meets alpha on the held-out rows (e.g. OAE = 0 with unequal group base rates).
 */
export function achievableHeldOut(
  candidates: readonly { readonly tightening: number; readonly evaluation: RowEvaluation }[],
  constant: RowEvaluation,
  alpha: Alphas,
): AchievableHeldOut | null {
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
      return violationsFromConditional(P, e.mu, nGroups, C);
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
