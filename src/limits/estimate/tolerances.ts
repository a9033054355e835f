/**
 * Thresholds and defaults of the finite-sample estimation layer (docs/design.md, Inference, "Finite
 * samples").
 */

/** Cells per row up to which bench/coverage.ts showed coverage >= 0.93 at nominal 0.95. */
export const INTERVAL_CELLS_PER_ROW_LIMIT = 0.05;

/**
 * What bench/coverage.ts measured above INTERVAL_CELLS_PER_ROW_LIMIT (docs/estimation.md): at 0.2 cells per row
 * (EO 0, EO 0.05, SP 0.02) every interval covered: N = 1e3, 1e4 and 1e5, 200 samples each, at mean widths
 * 0.30-0.41 before the Clopper-Pearson cap of the upper end; with it, N = 1e3, 100 samples, 0.23-0.25.
 */
export const MEASURED_INTERVAL_COVERAGE = {
  cellsPerRow: 0.2,
  coverage: '1.00 (N = 1e3, 1e4 and 1e5)',
  meanWidth: '0.23-0.25 at N = 1e3 (0.30-0.41 at 1e3-1e5 before the Bayes-accuracy cap)',
} as const;

/**
 * Back-off sizes of the interval's lower-side rules (docs/estimation.md, The interval): each size's rule gives a
 * lower bound and the interval keeps the largest, at a max-type critical value. 1 wins on populations with a few
 * well-filled cells, 3 on COMPAS; 10 covers coarser data such as German and HSLS.
 */
export const INTERVAL_BACK_OFF_SIZES: readonly number[] = [1, 3, 10];

/**
 * Width of the window below alpha at which the interval's lower side reads its price floor, in standard errors
 * of a rate difference in the smallest training (group, label) stratum (docs/estimation.md, kinks).
 */
export const INTERVAL_PRICE_WINDOW_SE = 1;

/**
 * Default back-off of the held-out frontier: chosen per split by inner cross-validation on its training rows
 * (chooseMinCellRows; docs/estimation.md, rare and unseen cells).
 */
export const DEFAULT_HELD_OUT_MIN_CELL_ROWS: number | 'auto' = 'auto';

// Defaults and warning thresholds live in src/defaults.ts; re-exported under the names this folder used.
export {
  CELLS_PER_ROW_WARNING,
  SINGLE_ROW_CELL_SHARE_WARNING,
  UNSEEN_ROW_SHARE_WARNING,
  DEFAULT_BOOTSTRAP_LEVEL,
  DEFAULT_INTERVAL_LEVEL,
  DEFAULT_INTERVAL_FOLDS,
  DEFAULT_MIN_CELL_ROWS,
} from '../../defaults.js';
