/**
 * The LP layer, the only code that knows HiGHS: the runtime, the sparse model builder, named statuses, the one
 * option preset, checked solve with retry, the certified dual bound, and the fairness-row builders.
 */
export { highsRuntime, configureHighs, type HighsLoadOptions } from './highs-runtime.js';
export { LpStatus, HIGHS_STATUS_NAMES, statusName, checkOptimal, type StatusContext } from './lp-status.js';
export { highsOptions, configureModel, type LpAlgorithm } from './solver-options.js';
export { emptyLp, addRow, createModel, type LpData, type SparseLp } from './sparse-lp.js';
export { runChecked, solveWithRetry, type CheckedSolution } from './checked-solve.js';
export { certifiedBound, certifiedMaxBound, type CertifiedBound } from './certified-bound.js';
export { addFairnessRows, checkFairnessPrior, checkAlphas } from './fairness-rows.js';
export * from './criterion-rows.js';
export * from './objective.js';
export { SOLVER_FEASIBILITY_TOL } from './tolerances.js';
