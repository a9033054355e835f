import { SolverError } from '../errors.js';

/** HiGHS model status codes (highs.constants.modelStatus) that fairlimit acts on, by name. */
export const LpStatus = {
  optimal: 7,
  infeasible: 8,
  unboundedOrInfeasible: 9,
  unbounded: 10,
  timeLimit: 13,
} as const;

/** HiGHS model status codes as words, for error messages. */
export const HIGHS_STATUS_NAMES: Readonly<Record<number, string>> = {
  0: 'not set',
  1: 'load error',
  2: 'model error',
  3: 'presolve error',
  4: 'solve error',
  5: 'postsolve error',
  6: 'empty',
  7: 'optimal',
  8: 'infeasible',
  9: 'unbounded or infeasible',
  10: 'unbounded',
  11: 'objective bound',
  12: 'objective target',
  13: 'time limit',
  14: 'iteration limit',
  15: 'unknown',
  16: 'solution limit',
  17: 'interrupted',
};

/** The word for a HiGHS model status. */
export const statusName = (status: number): string => HIGHS_STATUS_NAMES[status] ?? `status ${status}`;

/** How to word a failed solve. */
export interface StatusContext {
  /** The LP, e.g. "FairFront LP", "garbling-distance LP". */
  readonly what: string;
  /** Where in a sweep, e.g. "at eo=0.02"; appended to every message. */
  readonly where?: string;
  readonly timeLimitSeconds: number;
  /** The message for an infeasible status, when the caller knows why (default: HiGHS's word for it). */
  readonly infeasible?: (statusName: string) => string;
}

/**
 * Throws unless `status` is optimal: anything else is a coded error, never a number.
 * @throws SolverError E_SOLVER_TIME_LIMIT, E_INFEASIBLE (infeasible, or unbounded-or-infeasible), E_SOLVER_STATUS
 */
export function checkOptimal(status: number, context: StatusContext): void {
  if (status === LpStatus.optimal) return;
  const name = statusName(status);
  const at = context.where ? ` ${context.where}` : '';
  if (status === LpStatus.timeLimit)
    throw new SolverError(
      'E_SOLVER_TIME_LIMIT',
      `the ${context.what} hit its time limit of ${context.timeLimitSeconds} s${at}; raise timeLimitSeconds`,
    );
  if (status === LpStatus.infeasible || status === LpStatus.unboundedOrInfeasible)
    throw new SolverError(
      'E_INFEASIBLE',
      context.infeasible ? context.infeasible(name) : `HiGHS reports the ${context.what} ${name}${at}`,
    );
  throw new SolverError('E_SOLVER_STATUS', `HiGHS ended the ${context.what} with status "${name}"${at}`);
}
