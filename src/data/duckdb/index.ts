export {
  aggregateWithDuckDb,
  duckDbSource,
  type DuckDbOptions,
  type DuckDbAggregation,
} from './aggregate-with-duckdb.js';
export { isDuckDbAvailable, DUCKDB_PACKAGE } from './connection.js';
