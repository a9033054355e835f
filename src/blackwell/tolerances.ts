/**
 * Tolerances of the Blackwell module (docs/design.md, Blackwell, cuts and continuous features). The LP-wide
 * ones are defined once in src/lp/tolerances.ts, the defaults in src/defaults.ts; both are re-exported here
 * under the names this folder uses.
 */

export {
  SOLVER_FEASIBILITY_TOL,
  CLASSIFIER_FEASIBILITY_TOL as GARBLING_FEASIBILITY_TOL,
  ALPHA_TOL,
  /** Largest gap between the two certified sides of the garbling distance (see lp/tolerances.ts). */
  DUALITY_GAP_TOL as CERTIFICATE_GAP_TOL,
} from '../lp/tolerances.js';
export { DEFAULT_SEPARATION_TOL, DEFAULT_MAX_ITERATIONS, DEFAULT_TIME_LIMIT_SECONDS } from '../defaults.js';

/**
 * A target is declared achievable when its l1 distance to the achievable set is at most this. The distance LP
 * works on matrices whose entries sum to 1, so 1e-7 is a hundred times the solver's feasibility tolerance.
 */
export const ACHIEVABLE_TOL = 1e-7;

/** Posterior rows must sum to 1 within this before renormalization (probabilistic classifiers round). */
export const POSTERIOR_SUM_TOL = 1e-6;
