export { SqlDialect, isSqlDialect, SQL_DIALECTS, doubleLiteral } from './dialect.js';
export {
  aggregationQuery,
  WEIGHT_COLUMN,
  ROWS_COLUMN,
  type AggregationQuery,
  type AggregationQueryOptions,
  type PlannedFeature,
} from './aggregation-query.js';
