import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { FairlimitError, InputError } from '../../errors.js';

/** A SQL string literal for DuckDB. */
export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/**
 * Runs `work` on a fresh in-memory DuckDB connection and closes it. DuckDB's own errors (unreadable file,
 * malformed CSV or Parquet) become InputError E_CSV_PARSE naming the file.
 */
export async function withDuckDb<T>(
  work: (connection: DuckDBConnection) => Promise<T>,
  file?: string,
): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return await work(connection);
  } catch (e) {
    if (!(e instanceof FairlimitError))
      throw new InputError(
        'E_CSV_PARSE',
        `DuckDB could not read the data: ${(e as Error).message.split('\n')[0]}`,
        file ? { file } : {},
        { cause: e },
      );
    throw e;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
