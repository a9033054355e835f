import type { Model, OptionValue } from 'highs';
import { SOLVER_FEASIBILITY_TOL } from './tolerances.js';

/** The two HiGHS LP algorithms fairlimit uses. */
export type LpAlgorithm = 'simplex' | 'ipm';

/**
 * The one HiGHS option preset for every LP of fairlimit (see docs/design.md, Solving and checking):
 * - feasibility tolerances of 1e-9, tighter than HiGHS's 1e-7, so that the self-checks (1e-6) have margin;
 * - coefficients kept down to 1e-12 (HiGHS drops those below 1e-9 by default): masses p(x,s,y)/mu(s,y) and
 *   w_k g_k(theta) are tiny for many cells;
 * - interior point to 1e-10 with crossover, so its answer is a basis that later solves warm-start from;
 * - no output.
 */
export function highsOptions(
  algorithm: LpAlgorithm,
  timeLimitSeconds: number,
): Readonly<Record<string, OptionValue>> {
  return {
    output_flag: false,
    solver: algorithm,
    time_limit: timeLimitSeconds,
    primal_feasibility_tolerance: SOLVER_FEASIBILITY_TOL,
    dual_feasibility_tolerance: SOLVER_FEASIBILITY_TOL,
    small_matrix_value: 1e-12,
    ipm_optimality_tolerance: 1e-10,
    run_crossover: 'on',
  };
}

/** Applies the preset to a model. */
export function configureModel(model: Model, algorithm: LpAlgorithm, timeLimitSeconds: number): void {
  model.options.set(highsOptions(algorithm, timeLimitSeconds));
}
