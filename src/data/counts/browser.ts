/** The browser-safe part of the counts area: encoding counts records (docs/design.md, Code layout). */
export {
  encodeCounts,
  type CellCounts,
  type CountsFeature,
  type CountsRecord,
  type CountsEncoding,
} from './cell-counts.js';
