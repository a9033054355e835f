import { checkMassTable } from '../check-masses.js';
import { type Distribution, groupLabelMass } from '../distribution/index.js';
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
 * Counts the rows, columns and nonzeros of the LP of DESIGN §4 (the layout of frontier-model.ts): per LP cell C
 * simplex entries; per (s, y) and yHat one linking row with an entry for every cell with mass at (s, y) plus the
 * P column; the fairness rows on P (a handful, independent of the number of cells). Costs one pass over the
 * masses and the cell merge, none of the LP's memory: use it to decide whether the exact LP fits.
 */
export function frontierLpSize(
  d: Distribution,
  options: { readonly mergeCells?: boolean } = {},
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
  const mu = groupLabelMass(lp);
  const nPairs = (A * (A - 1)) / 2;
  const yHatRange = C === 2 ? 1 : C;
  // A fairness row's entries: the P columns whose coefficient is nonzero (as buildLayout drops exact zeros).
  let spEntries = 0; // per pair and yHat: every (s, y) with mu > 0 on either side
  let oaeEntries = 0;
  for (let s1 = 0; s1 < A; s1++)
    for (let s2 = s1 + 1; s2 < A; s2++)
      for (let y = 0; y < C; y++) {
        const n = (mu[s1 * C + y] > 0 ? 1 : 0) + (mu[s2 * C + y] > 0 ? 1 : 0);
        spEntries += n;
        oaeEntries += n;
      }
  nNonzeros += spEntries * yHatRange + nPairs * C * yHatRange * 2 + oaeEntries;
  nRows += nPairs * yHatRange + nPairs * C * yHatRange + nPairs;
  return { nLpCells: K, nColumns: K * C + A * C * C, nRows, nNonzeros };
}
