/**
 * Data too large for rows in memory: counts tables (`readCountsTable`), the aggregation query for your own SQL
 * engine (`aggregationQuery`), embedded DuckDB (`aggregateWithDuckDb`, loads the optional `@duckdb/node-api` only
 * when called), and the distribution of such counts; `frontierLpSize` predicts the LP size before solving.
 */
export { readCountsTable, type CountsSpec, type CountsFileOptions } from '../data/counts/read-counts.js';
export { encodeCounts, type CellCounts, type CountsRecord } from '../data/counts/cell-counts.js';
export {
  aggregationQuery,
  type AggregationQuery,
  type AggregationQueryOptions,
} from '../data/sql/aggregation-query.js';
export { SQL_DIALECTS, isSqlDialect, type SqlDialect } from '../data/sql/dialect.js';
export {
  aggregateWithDuckDb,
  type DuckDbOptions,
  type DuckDbAggregation,
} from '../data/duckdb/aggregate-with-duckdb.js';
export { distributionFromCellCounts } from '../distribution/from-cell-counts.js';
export {
  distributionFromCounts,
  type CountRecord,
  type KeyedCountRecord,
  type CountsOptions,
} from '../distribution/from-counts.js';
export { frontierLpSize, type FrontierLpSize } from '../limits/lp-size.js';
