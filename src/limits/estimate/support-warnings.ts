import { supportSummary, type Distribution } from '../../distribution/index.js';
import { CELLS_PER_ROW_WARNING, SINGLE_ROW_CELL_SHARE_WARNING } from './tolerances.js';

/**
 * How well the rows cover the cells, and the warnings that follow (docs/design.md, Inference, "Finite
 * samples").
 */
export interface SupportReport {
  readonly nCells: number;
  readonly nRows: number;
  /** nCells / nRows. */
  readonly cellsPerRow: number;
  /** Share of cells that hold exactly one row. */
  readonly singleRowCellShare: number;
  /** Human-readable warnings (empty when the support is fine). */
  readonly warnings: readonly string[];
}

/**
 * Cells per row and the share of single-row cells, with a warning when the in-sample frontier is likely
 * optimistic: cells / N above CELLS_PER_ROW_WARNING (0.2) or single-row cells above
 * SINGLE_ROW_CELL_SHARE_WARNING (25%).
 * @example
 * const { warnings } = supportReport(distributionFromTable(table).distribution);
 */
export function supportReport(d: Distribution): SupportReport {
  const { cellsPerRow, singleRowCellShare } = supportSummary(d);
  const warnings: string[] = [];
  if (cellsPerRow > CELLS_PER_ROW_WARNING)
    warnings.push(
      `${d.nCells} cells for ${d.nRows} rows (${cellsPerRow.toFixed(3)} cells per row): the in-sample frontier is optimistic; ` +
        'report the held-out frontier (--holdout or --folds) or use coarser cells',
    );
  if (singleRowCellShare > SINGLE_ROW_CELL_SHARE_WARNING)
    warnings.push(
      `${(100 * singleRowCellShare).toFixed(1)}% of the cells hold a single row, which any classifier on these cells fits perfectly: ` +
        'the in-sample frontier overstates what is achievable on new data',
    );
  return { nCells: d.nCells, nRows: d.nRows, cellsPerRow, singleRowCellShare, warnings };
}
