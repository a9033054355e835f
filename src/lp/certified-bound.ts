import { assertInvariant } from '../errors.js';
import { Accumulator } from '../numeric.js';
import type { LpData } from './sparse-lp.js';

/** A certified bound and the sign of the multipliers that gave it. */
export interface CertifiedBound {
  readonly bound: number;
  /** +1 when HiGHS's row duals, -1 when their negatives, gave the smaller bound. */
  readonly sign: 1 | -1;
}

/**
 * Weak duality for max c'x, L <= Ax <= U, l <= x <= u (see docs/design.md, Certified dual bound): for any row
 * multipliers y, c'x <= sum_i max(y_i L_i, y_i U_i) + sum_j max(z_j l_j, z_j u_j) with z = c - A'y. Re-computed in
 * TypeScript from HiGHS's duals, so it is valid whatever the solver's accuracy or sign convention: both signs are
 * tried and the smaller bound kept. A multiplier of the wrong sign for a one-sided row is replaced by 0 (still a
 * valid bound); an infinite column bound with a reduced cost pointing at it makes the bound infinite.
 *
 * The first `simplexRows` rows may be kept as constraints instead (the Lagrangian dual function): each must read
 * sum_{j in J_i} x_j = 1 with coefficients 1, x_j >= 0 and disjoint J_i, and contributes max_{j in J_i} z_j
 * exactly. The FairFront LP keeps its cell rows this way, so no dual slack accumulates over many cells.
 * For a minimization pass the negated costs.
 */
export function certifiedBound(lp: LpData, rowDual: ArrayLike<number>, simplexRows = 0): CertifiedBound {
  const nRows = lp.rowLower.length;
  const inSimplex = new Uint8Array(lp.numCols);
  for (let i = 0; i < simplexRows; i++) {
    assertInvariant(
      lp.rowLower[i] === 1 && lp.rowUpper[i] === 1,
      `simplex row ${i} must be an equality to 1`,
    );
    for (let e = lp.starts[i]; e < lp.starts[i + 1]; e++) {
      const j = lp.indices[e];
      assertInvariant(
        lp.values[e] === 1 && lp.colLower[j] === 0 && inSimplex[j] === 0,
        `simplex row ${i} must have unit coefficients on distinct nonnegative columns`,
      );
      inSimplex[j] = 1;
    }
  }
  const term = (coef: number, lo: number, hi: number): number => {
    if (coef === 0) return 0;
    return coef > 0 ? coef * hi : coef * lo; // +Infinity when the bound it points at is infinite
  };
  const bound = (sign: number): number => {
    const z = Float64Array.from(lp.colCost);
    const acc = new Accumulator();
    for (let i = simplexRows; i < nRows; i++) {
      const y = sign * rowDual[i];
      if (y === 0) continue;
      const t = term(y, lp.rowLower[i], lp.rowUpper[i]);
      if (!Number.isFinite(t)) continue; // wrong-sign multiplier on a one-sided row: use 0 instead
      for (let e = lp.starts[i]; e < lp.starts[i + 1]; e++) z[lp.indices[e]] -= y * lp.values[e];
      acc.add(t);
    }
    for (let i = 0; i < simplexRows; i++) {
      let best = -Infinity;
      for (let e = lp.starts[i]; e < lp.starts[i + 1]; e++) best = Math.max(best, z[lp.indices[e]]);
      acc.add(best);
    }
    let infinite = false;
    for (let j = 0; j < z.length; j++) {
      if (inSimplex[j]) continue;
      const t = term(z[j], lp.colLower[j], lp.colUpper[j]);
      if (!Number.isFinite(t)) infinite = true;
      else acc.add(t);
    }
    return infinite ? Infinity : acc.value();
  };
  const plus = bound(1);
  const minus = bound(-1);
  return plus <= minus ? { bound: plus, sign: 1 } : { bound: minus, sign: -1 };
}

/** The certified bound alone (see `certifiedBound`). */
export function certifiedMaxBound(lp: LpData, rowDual: ArrayLike<number>, simplexRows = 0): number {
  return certifiedBound(lp, rowDual, simplexRows).bound;
}
