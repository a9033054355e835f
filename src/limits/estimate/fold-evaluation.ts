import type { EncodedTable } from '../../data/table.js';
import { CRITERIA, type Bounds } from '../../metrics/index.js';
import { openFrontierModel, type FrontierModelOptions } from '../frontier-model.js';
import { tightenAlphas, TIGHTENING_FACTORS } from './achievable-held-out.js';
import { foldDistribution } from './fold-distribution.js';
import { addRowsToSums, applyCellClassifier, type RowEvaluationSums } from './held-out.js';

/** The table's cells, computed once (distributionFromTable on all rows) and shared by every split. */
export interface TableCells {
  readonly cellOfRow: Int32Array;
  readonly cellKeys: readonly string[];
  readonly isGroupAware: boolean;
}

/**
 * One split of a held-out estimate (docs/estimation.md, held-out frontier): the exact FairFront rules of the
 * rows `trainRows` at each of `alphas` (rare training cells backed off with `minCellRows`), applied to the rows
 * `evalRows` (given again as the table `evalTable`) and added to `sums[c]`. Returns the training accuracy of
 * each rule.
 * @throws SolverError as fairFront
 */
export async function addSplitEvaluations(
  table: EncodedTable,
  cells: TableCells,
  trainRows: ArrayLike<number>,
  evalRows: ArrayLike<number>,
  evalTable: EncodedTable,
  minCellRows: number,
  alphas: readonly Bounds[],
  sums: readonly RowEvaluationSums[],
  options: FrontierModelOptions,
): Promise<number[]> {
  const { train, evalCells } = foldDistribution(
    table,
    cells.cellOfRow,
    cells.cellKeys,
    cells.isGroupAware,
    trainRows,
    evalRows,
    minCellRows,
  );
  const model = await openFrontierModel(train, options);
  try {
    return alphas.map((alpha, c) => {
      const point = model.solve(alpha);
      const { proba, isUnseen } = applyCellClassifier(train, point.h, evalTable, evalCells);
      addRowsToSums(sums[c], evalTable, proba, isUnseen);
      return point.accuracy;
    });
  } finally {
    model.dispose();
  }
}

/**
 * The rules a held-out estimate fits (see achievableHeldOut): each alpha tightened by every TIGHTENING_FACTORS
 * entry, duplicates solved once. `candidateOf[a][j]` is the candidate of alpha a at factor j.
 */
export function tightenedCandidates(alphas: readonly Bounds[]): {
  candidates: Bounds[];
  candidateOf: number[][];
} {
  const candidates: Bounds[] = [];
  const index = new Map<string, number>();
  const candidateOf = alphas.map((alpha) =>
    TIGHTENING_FACTORS.map((t) => {
      const a = tightenAlphas(alpha, t);
      const key = CRITERIA.map((c) => a[c]).join(',');
      let c = index.get(key);
      if (c === undefined) {
        c = candidates.length;
        index.set(key, c);
        candidates.push(a);
      }
      return c;
    }),
  );
  return { candidates, candidateOf };
}
