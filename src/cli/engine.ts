// Apart from scale-input.ts so that a run that reads rows in process does not load the counts and DuckDB
// readers (docs/performance.md, Start-up).

/** How rows are counted into cells: in process (csv-parse), with embedded DuckDB, or chosen by file size. */
export const Engine = { 'in-process': 'in-process', duckdb: 'duckdb', auto: 'auto' } as const;
export type Engine = keyof typeof Engine;
export const isEngine = (e: string): e is Engine => Object.hasOwn(Engine, e);

/**
 * Files above this size go to DuckDB under `--engine auto` (and Parquet always does): the in-process reader
 * holds every field as a JS value (about 40 bytes each), so a 256 MB CSV already needs several GB of heap,
 * while DuckDB streams it (docs/scale.md).
 */
export const AUTO_DUCKDB_BYTES = 64 * 1024 * 1024;
