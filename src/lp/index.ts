/** The HiGHS layer: runtime, sparse model builder, named statuses, checked solve, certified dual bound. */
export * from './highs-runtime.js';
export * from './sparse-lp.js';
export * from './fairness-rows.js';
export * from './tolerances.js';
