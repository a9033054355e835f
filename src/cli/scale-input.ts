import { basename, extname } from 'node:path';
import type { CsvOptions, TableSpec } from '../data/index.js';
import { readCsvTable } from '../data/index.js';
import {
  type CellCounts,
  type CountsFileOptions,
  type CountsSpec,
  readCountsTable,
} from '../data/counts/index.js';
import { aggregateWithDuckDb, isDuckDbAvailable } from '../data/duckdb/index.js';
import {
  type Distribution,
  distributionFromCellCounts,
  distributionFromTable,
} from '../distribution/index.js';
import { InputError } from '../errors.js';
import { checkInputFile } from '../file-access.js';
import { AUTO_DUCKDB_BYTES, type Engine } from './engine.js';

export { AUTO_DUCKDB_BYTES, Engine, isEngine } from './engine.js';

export interface DistributionInputOptions {
  /** A data file (CSV or Parquet), read with `spec` and `csv`. */
  readonly file?: string;
  /** Counts tables (`--counts`), read with `countsSpec` and summed by key. */
  readonly counts?: string | readonly string[];
  readonly spec?: TableSpec;
  readonly csv?: CsvOptions;
  readonly countsSpec?: CountsSpec;
  /** How the counts file is read (delimiter, missing markers). */
  readonly countsFile?: CountsFileOptions;
  readonly engine?: Engine;
  readonly isGroupAware?: boolean;
}

export interface DistributionInput {
  readonly distribution: Distribution;
  /** Which path produced it. */
  readonly engine: 'in-process' | 'duckdb' | 'counts';
  /** The coded counts (DuckDB and counts input). */
  readonly counts?: CellCounts;
  readonly source: { readonly name: string; readonly bytes: number };
}

/**
 * The distribution behind `--counts FILE` and `--engine in-process|duckdb|auto` (docs/scale.md), for every
 * command
 * that needs only the distribution. The in-process path is `readCsvTable` + `distributionFromTable`.
 * @throws InputError E_USAGE (no input, or both), E_BAD_OPTION (Parquet in process), and the readers' errors
 */
export async function loadDistributionForCli(o: DistributionInputOptions): Promise<DistributionInput> {
  const isGroupAware = o.isGroupAware ?? true;
  if (o.counts !== undefined) {
    if (o.file !== undefined)
      throw new InputError('E_USAGE', 'give either a data file or --counts, not both', {
        option: '--counts',
      });
    if (!o.countsSpec)
      throw new InputError('E_USAGE', '--counts needs --group and --label', { option: '--counts' });
    const counts = await readCountsTable(o.counts, { ...o.countsSpec, isGroupAware }, o.countsFile);
    return {
      distribution: distributionFromCellCounts(counts),
      engine: 'counts',
      counts,
      source: await sourcesOf(typeof o.counts === 'string' ? [o.counts] : o.counts),
    };
  }
  if (o.file === undefined || !o.spec)
    throw new InputError('E_USAGE', 'give a data file (or --counts FILE)', {});
  const source = await sourceOf(o.file);
  const isParquet = /^\.(parquet|pq)$/i.test(extname(o.file));
  const engine = o.engine ?? 'auto';
  // auto falls back to the in-process reader when the optional DuckDB package is not installed (CSV only).
  const useDuckDb =
    engine === 'duckdb' ||
    (engine === 'auto' && (isParquet || (source.bytes > AUTO_DUCKDB_BYTES && (await isDuckDbAvailable()))));
  if (!useDuckDb) {
    if (isParquet)
      throw new InputError(
        'E_BAD_OPTION',
        'Parquet files are read with DuckDB: use --engine duckdb or auto',
        { option: '--engine' },
      );
    const { table } = await readCsvTable(o.file, o.spec, o.csv);
    return {
      distribution: distributionFromTable(table, { isGroupAware }).distribution,
      engine: 'in-process',
      source,
    };
  }
  const { counts } = await aggregateWithDuckDb(o.file, o.spec, { ...o.csv, isGroupAware });
  return { distribution: distributionFromCellCounts(counts), engine: 'duckdb', counts, source };
}

async function sourcesOf(files: readonly string[]) {
  let bytes = 0;
  for (const f of files) bytes += await checkInputFile(f);
  return {
    name: files.length === 1 ? basename(files[0]) : `${basename(files[0])} and ${files.length - 1} more`,
    bytes,
  };
}

async function sourceOf(file: string) {
  return { name: basename(file), bytes: await checkInputFile(file) };
}
