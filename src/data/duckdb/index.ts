export {
  aggregateWithDuckDb,
  duckDbSource,
  type DuckDbOptions,
  type DuckDbAggregation,
} from './aggregate-with-duckdb.js';
