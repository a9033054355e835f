import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { FairlimitError, InputError } from '../../errors.js';

/** A SQL string literal for DuckDB. */
export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** The optional dependency that provides DuckDB (70 MB of native code: not every install wants it). */
export const DUCKDB_PACKAGE = '@duckdb/node-api';

/** Whether `@duckdb/node-api` can be loaded (it is an optional dependency). */
export async function isDuckDbAvailable(): Promise<boolean> {
  try {
    await import('@duckdb/node-api');
    return true;
  } catch {
    return false;
  }
}

/**
 * DuckDB's instance class, loaded on first use (start-up cost, and the package is optional).
 * @throws InputError E_DEPENDENCY_MISSING when `@duckdb/node-api` is not installed
 */
async function duckDbInstanceClass(): Promise<typeof DuckDBInstance> {
  try {
    return (await import('@duckdb/node-api')).DuckDBInstance;
  } catch (cause) {
    throw new InputError(
      'E_DEPENDENCY_MISSING',
      `DuckDB is not installed: the DuckDB engine (Parquet files, --engine duckdb) needs the optional package ` +
        `${DUCKDB_PACKAGE}; install it with "npm install ${DUCKDB_PACKAGE}", or use --engine in-process for CSV`,
      { option: '--engine' },
      { cause },
    );
  }
}

/**
 * Runs `work` on a fresh in-memory DuckDB connection and closes it. DuckDB's own errors (unreadable file,
 * malformed CSV or Parquet) become InputError E_CSV_PARSE naming the file.
 */
export async function withDuckDb<T>(
  work: (connection: DuckDBConnection) => Promise<T>,
  file?: string,
): Promise<T> {
  const instance = await (await duckDbInstanceClass()).create(':memory:');
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
