// One Summary for every mean-and-spread over replicates or seeds: defined in src/numeric.ts.
export {
  summarize,
  /** @deprecated the one type is `Summary`. */
  type Summary as SeedSummary,
} from '../numeric.js';
