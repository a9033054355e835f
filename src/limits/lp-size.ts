import { checkMassTable } from '../check-masses.js';
import { type Distribution, groupLabelMass } from '../distribution/index.js';
import { type FairnessRowForm, criterionRowsSize } from '../lp/criterion-rows.js';
import { CRITERIA, type Criterion } from '../metrics/index.js';
import { mergeEquivalentCells } from './merge-cells.js';

/** Size of the FairFront LP that `openFrontierModel` would build, counted without building it. */
export interface FrontierLpSize {
  /** Cells in the LP (after merging cells with equal p(s, y | x) unless `mergeCells` is false). */
  readonly nLpCells: number;
  readonly nColumns: number;
  readonly nRows: number;
  /** Constraint-matrix nonzeros: equals `FrontierModel.nNonzeros` of the same distribution and options. */
  readonly nNonzeros: number;
}

/**
 * Counts the rows, columns and nonzeros of the LP of docs/design.md (The exact LP) (the layout of
 * frontier-model.ts): per LP cell C simplex entries; per (s, y) and yHat one linking row with an entry for
 * every cell with mass at (s, y) plus the P column; the fairness rows on P (O(A) per rate, independent of the
 * number of cells). Costs one pass over the masses and the cell merge, none of the LP's memory: use it to
 * decide whether the exact LP fits.
 */
export function frontierLpSize(
  d: Distribution,
  options: {
    readonly mergeCells?: boolean;
    readonly criteria?: readonly Criterion[];
    readonly fairnessRowForm?: FairnessRowForm;
  } = {},
): FrontierLpSize {
  checkMassTable(d);
  const lp = options.mergeCells === false ? d : mergeEquivalentCells(d).merged;
  const { nCells: K, nGroups: A, nClasses: C, mass } = lp;
  const width = A * C;
  let withMass = 0;
  for (let j = 0; j < K * width; j++) if (mass[j] > 0) withMass++;
  // Simplex rows (K*C) and linking rows (C per (s, y), each with its cells and one P entry).
  let nNonzeros = K * C + C * (withMass + width);
  let nRows = K + width * C;
  let nColumns = K * C + A * C * C;
  const mu = groupLabelMass(lp);
  const criteria = new Set<Criterion>(['sp', 'eo', 'oae', ...(options.criteria ?? [])]);
  for (const c of CRITERIA) {
    if (!criteria.has(c)) continue;
    const size = criterionRowsSize(c, mu, A, C, options.fairnessRowForm ?? 'compact');
    nRows += size.nRows;
    nColumns += size.nColumns;
    nNonzeros += size.nNonzeros;
  }
  return { nLpCells: K, nColumns, nRows, nNonzeros };
}
