import type { Model } from 'highs';
import { SolverError } from '../errors.js';
import { type StatusContext, checkOptimal } from './lp-status.js';
import type { LpAlgorithm } from './solver-options.js';

/** What a checked solve returns: HiGHS's solution of an optimal model. */
export interface CheckedSolution {
  readonly colValue: Float64Array;
  readonly rowDual: Float64Array;
  /** Simplex plus interior-point iterations. */
  readonly iterations: number;
  readonly objective: number;
  readonly elapsedMs: number;
}

/**
 * Runs the model and returns its solution, or throws a coded error naming the LP and the status (an LP's result
 * is never a silent number).
 * @throws SolverError E_SOLVER_TIME_LIMIT, E_INFEASIBLE, E_SOLVER_STATUS
 */
export function runChecked(model: Model, context: StatusContext): CheckedSolution {
  const started = performance.now();
  model.run();
  const elapsedMs = performance.now() - started;
  checkOptimal(model.getModelStatus() as number, context);
  const solution = model.getSolution();
  const iterations =
    Number(model.info.get('simplex_iteration_count') ?? 0) +
    Number(model.info.get('ipm_iteration_count') ?? 0);
  return {
    colValue: Float64Array.from(solution.colValue),
    rowDual: Float64Array.from(solution.rowDual),
    iterations,
    objective: model.getObjectiveValue(),
    elapsedMs,
  };
}

/**
 * Solves with `algorithm`; when that fails (a status or a self-check, not a time limit), calls `reset` (e.g. a
 * fresh model: a basis left by a failed solve is not trusted) and solves once more with the other algorithm,
 * then fails loudly with both reasons (see docs/design.md, Solving and checking).
 * @throws SolverError from the second attempt, its message holding both failures
 */
export function solveWithRetry<T>(
  algorithm: LpAlgorithm,
  attempt: (algorithm: LpAlgorithm, retried: boolean) => T,
  reset: () => void,
  what: string,
): T {
  try {
    return attempt(algorithm, false);
  } catch (first) {
    if (!(first instanceof SolverError) || first.code === 'E_SOLVER_TIME_LIMIT') throw first;
    reset();
    const other: LpAlgorithm = algorithm === 'simplex' ? 'ipm' : 'simplex';
    try {
      return attempt(other, true);
    } catch (second) {
      throw new SolverError(
        second instanceof SolverError ? second.code : 'E_SOLVER_STATUS',
        second instanceof SolverError && second.code === 'E_INFEASIBLE' && first.code === 'E_INFEASIBLE'
          ? second.message
          : `${what} failed with ${algorithm} (${first.message}) and with ${other} (${(second as Error).message})`,
        undefined,
        { cause: second },
      );
    }
  }
}
