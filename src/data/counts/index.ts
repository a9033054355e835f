export {
  encodeCounts,
  type CellCounts,
  type CountsFeature,
  type CountRecord,
  type CountsRecord,
  type CountsEncoding,
} from './cell-counts.js';
export { readCountsTable, type CountsSpec, type CountsFileOptions } from './read-counts.js';
