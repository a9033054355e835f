/** Messages between the page and the analyzer worker (structured-cloned; plain data only). */
import type { AnalyzeOptions } from './core.js';

/** A column as the page needs it to offer roles: its name, distinct values (capped) and whether all are numbers. */
export interface ColumnInfo {
  readonly name: string;
  /** Number of distinct non-missing values, counted up to `DISTINCT_CAP` + 1. */
  readonly distinct: number;
  readonly isNumeric: boolean;
  readonly missing: number;
}

export type ToWorker =
  | {
      readonly type: 'read';
      readonly file: File;
      /** Identifies the file and CSV options: the worker keeps the parsed frame under it. */
      readonly key: string;
      readonly options: AnalyzeOptions;
    }
  | {
      readonly type: 'run';
      readonly file: File;
      readonly key: string;
      readonly options: AnalyzeOptions;
    };

export type FromWorker =
  | {
      readonly type: 'progress';
      readonly phase: 'read' | 'solve';
      readonly done: number;
      readonly total?: number;
    }
  | {
      readonly type: 'columns';
      readonly key: string;
      readonly columns: readonly ColumnInfo[];
      readonly nRows: number;
      readonly bytes: number;
    }
  | {
      readonly type: 'result';
      readonly json: string;
      /** Reading and parsing the file (0 when the parsed frame was reused), then encoding and solving. */
      readonly readMs: number;
      readonly solveMs: number;
    }
  | { readonly type: 'error'; readonly text: string; readonly code?: string };
