export {
  type Distribution,
  massIndex,
  groupLabelMass,
  groupMass,
  cellLabelMass,
  bayesAccuracy,
  constantAccuracy,
  supportSummary,
  normalizeDistribution,
} from './distribution.js';
export {
  distributionFromTable,
  locateCells,
  rowCellKey,
  type CellOptions,
  type CellAssignment,
} from './from-table.js';
export { distributionFromCounts, type CountRecord, type CountsOptions } from './from-counts.js';
export { distributionFromCellCounts } from './from-cell-counts.js';
