/**
 * fairlimit's browser core: everything the in-browser analyzer computes, as one ES module with no Node built-in
 * and HiGHS inlined. Embed it in another web tool (a model-card editor, a notebook front end) to compute an
 * exact fairness frontier from a CSV the user picked, without a server:
 *
 * ```js
 * import { analyzeCsv, modelCard } from './fairlimit-core.js';
 * const { report, json } = await analyzeCsv(file, { group: 'race', label: 'two_year_recid', eo: '0:0.1:0.01' });
 * console.log(report.frontier.map((p) => p.accuracy), modelCard(report, 'md'));
 * ```
 *
 * The options are the CLI's flags as text (camel-cased, as `fairlimit frontier` takes them), parsed by the CLI's
 * own functions, so a page and `fairlimit frontier` give the same report for the same file and flags (the JSON
 * text is byte-identical).
 */
import {
  type ConstraintOptionValues,
  type DataOptionValues,
  type EstimationOptionValues,
  constraintsOf,
  estimationOf,
  parseAlphas,
  tableSpecOf,
} from '../../src/cli/option-values.js';
import type { CsvFrame, CsvOptions } from '../../src/data/csv/read-csv.js';
import {
  type ReportV1,
  FairlimitError,
  configureHighs,
  encodeTable,
  formatReport,
  frontierReport,
} from '../../src/browser.js';
import highsWasm from 'highs-wasm';
import { type CsvStreamSource, type ReadProgress, readCsvStream } from './read-csv-stream.js';

export { readCsvStream, type CsvStreamSource, type ReadProgress } from './read-csv-stream.js';
export {
  type CardFormat,
  type ReportFormat,
  constraintText,
  estimationColumns,
  estimationRowText,
  formatReport,
  htmlReport,
  modelCard,
  reportSpec,
  rowAlphas,
} from '../../src/browser.js';
export { groupTableCaption, groupTableColumns } from '../../src/report/group-table.js';
// Bins are accepted as `COL=SPEC` strings (the CLI's form) or a record by column (the library's form).
export { binTexts } from '../../src/data/bins.js';
export { scoreColumns, scoreNotes } from '../../src/report/format-scores.js';
export { parseAlphas };
export type { ReportV1 };
export type { CsvFrame };

let isHighsConfigured = false;
/**
 * HiGHS from the bytes inlined in this bundle (a page opened over file:// can fetch no file, and a static host
 * need serve no second file), set once before the first solve.
 */
function useInlinedHighs(): void {
  if (isHighsConfigured) return;
  isHighsConfigured = true;
  try {
    // highs.mjs (1.15.3) ignores `wasmBinary` and `wasmModule` (it never reads them) and always fetches the
    // located file: hand it a Blob URL of the inlined bytes, which any page may fetch, even from file://.
    const url = URL.createObjectURL(new Blob([highsWasm as BlobPart], { type: 'application/wasm' }));
    configureHighs({ locateFile: () => url });
  } catch (e) {
    // An embedding page already loaded HiGHS its own way: keep that runtime.
    if (!(e instanceof FairlimitError && e.code === 'E_BAD_OPTION')) throw e;
  }
}

/** `fairlimit frontier FILE.csv` flags as text: data options, constraints, estimation (no output options). */
export type AnalyzeOptions = DataOptionValues & ConstraintOptionValues & EstimationOptionValues;

/** What a run produced: the report object and its JSON text (the CLI's `--json` output, byte for byte). */
export interface AnalyzeResult {
  readonly report: ReportV1;
  readonly json: string;
}

/** Phase and count of a long step: bytes while reading, solved LPs while solving. */
export type AnalyzeProgress = (phase: 'read' | 'solve', done: number, total: number | undefined) => void;

/**
 * Checks the flags before any data is read (the CLI does the same): bad alphas, bins or options fail at once.
 * @throws InputError E_USAGE, E_BAD_ALPHA, E_BAD_BINS, E_BAD_OPTION
 */
export function checkOptions(options: AnalyzeOptions): void {
  tableSpecOf(options);
  constraintsOf(options);
  estimationOf(options);
}

/**
 * The CSV options of the flags (delimiter, header, columns, missing markers, skipped lines, trimming), for
 * reading a file before the roles are chosen.
 */
export function csvOptionsOf(options: Omit<DataOptionValues, 'group' | 'label'>): CsvOptions {
  // Placeholder roles (two distinct names: the CLI refuses a column in two roles); only the CSV part is used.
  return tableSpecOf({ ...options, group: '_group', label: '_label' }).csv;
}

/**
 * The frontier report of a parsed frame under the flags: `encodeTable` with the roles, then `frontierReport`.
 * @throws InputError for bad options or data (the CLI's codes and messages); SolverError as `frontierReport`
 */
export async function frontierFromFrame(
  frame: CsvFrame,
  options: AnalyzeOptions,
  onProgress?: AnalyzeProgress,
): Promise<AnalyzeResult> {
  const { spec } = tableSpecOf(options);
  const constraints = constraintsOf(options);
  const estimation = estimationOf(options);
  const { table, summary, predictions, scores } = encodeTable(frame, spec);
  useInlinedHighs();
  const report = await frontierReport(
    {
      table,
      tableSummary: summary,
      predictions,
      ...(scores ? { scores } : {}),
      source: { kind: 'file', name: frame.name, sha256: frame.sha256, bytes: frame.bytes },
    },
    {
      ...constraints,
      estimation,
      ...(onProgress
        ? { onProgress: (done: number, total: number) => onProgress('solve', done, total) }
        : {}),
    },
  );
  return { report, json: formatReport(report, 'json') };
}

/**
 * Reads a CSV (a `File`, a `Blob`, or a byte stream with a name) and computes its frontier report.
 * @example
 * const { report } = await analyzeCsv(file, { group: 'sex', label: 'income', eo: '0,0.02,0.04' });
 */
export async function analyzeCsv(
  input: Blob | CsvStreamSource,
  options: AnalyzeOptions,
  onProgress?: AnalyzeProgress,
): Promise<AnalyzeResult> {
  checkOptions(options);
  const { csv } = tableSpecOf(options);
  const source: CsvStreamSource =
    input instanceof Blob
      ? { stream: input.stream(), name: (input as File).name ?? 'data.csv', size: input.size }
      : input;
  const frame = await readCsvStream(
    source,
    csv,
    onProgress ? (done, total) => onProgress('read', done, total) : undefined,
  );
  return frontierFromFrame(frame, options, onProgress);
}

/** "fairlimit: E_CODE: message", as the CLI prints a coded error; other errors keep their message. */
export function errorText(e: unknown): string {
  if (e instanceof FairlimitError) return `fairlimit: ${e.code}: ${e.message}`;
  return `fairlimit: ${e instanceof Error ? e.message : String(e)}`;
}
