import type { EncodedTable } from '../data/table.js';
import { extname } from 'node:path';
import { type Command, Option } from 'commander';
import {
  isReferenceDatasetName,
  loadReferenceDataset,
  REFERENCE_DATASET_NAMES,
} from '../data/reference/reference-datasets.js';
import { InputError } from '../errors.js';
import { didYouMean } from '../data/nearest-names.js';
import { readCostMatrix } from './cost-matrix.js';
import { expandGlobs } from './expand-globs.js';
// Modules, not folder barrels, and the CSV reader and the charts on first use: a command loads only what its
// run needs (docs/performance.md, Start-up).
import type { FrontierReportInput } from '../report/frontier-report.js';
import type { ReportV1 } from '../report/report-types.js';
import { type ReportFormat, formatReport, isReportFormat } from '../report/format-report.js';
import { type Io, terminalText } from './io.js';
import { type InputFile, type OutputRequest, planOutputs, writeOutputs } from './write-outputs.js';
import {
  type ConstraintOptionValues,
  type DataOptionValues,
  collect,
  constraintsOf as constraintsOfValues,
  tableSpecOf,
} from './option-values.js';

// The option syntax lives in a Node-free module (the in-browser analyzer uses it); re-exported for the commands.
export * from './option-values.js';

/** `constraintsOf` with the file reader for `--cost-matrix`. */
export const constraintsOf = (o: ConstraintOptionValues) => constraintsOfValues(o, { readCostMatrix });

/** The CSV and column-role options, shared by every command that reads data. */
export function addDataOptions(cmd: Command, options: { readonly dataset?: boolean } = {}): Command {
  if (options.dataset ?? true)
    cmd.option(
      '--dataset <name>',
      `a reference data set instead of a file (${REFERENCE_DATASET_NAMES.join(', ')}; read from $FAIRLIMIT_DATA)`,
    );
  return cmd
    .option(
      '--group <cols>',
      'sensitive attribute column(s), comma-separated; several columns = intersectional groups',
    )
    .option('--label <col>', 'label column')
    .option('--features <cols>', 'feature columns, comma-separated (default: every other column)')
    .option('--weights <col>', 'non-negative row weights')
    .option(
      '--bins <COL=SPEC>',
      'discretize a column: COL=edges:a,b,... | COL=quantile:k | COL=uniform:k | COL=categorical (repeatable)',
      collect,
    )
    .option(
      '--derive <NAME=EXPR>',
      'add a column computed per row by a mathjs expression, e.g. "stay=days(c_jail_in, c_jail_out)" (repeatable)',
      collect,
    )
    .option(
      '--filter <EXPR>',
      'keep rows where the mathjs expression is true, e.g. "is_recid != -1" (repeatable)',
      collect,
    )
    .option(
      '--map <COL:FROM=TO,...>',
      'rename or merge values of a column before use; quote values holding , = or : ("<=50K."="<=50K") (repeatable)',
      collect,
    )
    .option('--label-map <FROM=TO,...>', 'value map for the label column (same quoting)')
    .option('--group-map <FROM=TO,...>', 'value map for every group column (same quoting)')
    .option(
      '--group-values <values>',
      'keep only these groups, in this order (comma-separated; intersectional names join with " & ")',
    )
    .option(
      '--label-values <values>',
      'declare the label classes, in this order; any other label value is an error',
    )
    .option('--classes <n>', 'declare the number of label classes; more is an error')
    .option(
      '--positive <label>',
      'the positive class of two labels (group tables, TPR/FPR, score columns); default the second in value order',
    )
    .option(
      '--predictions <cols>',
      "columns holding a classifier's predicted labels: placed against the frontier",
    )
    .option(
      '--scores <cols>',
      "a model's score column(s): threshold curve and fairlearn-style group thresholds against the frontier; COL, a comma list of models, or per-class P0+P1 (repeatable)",
      collect,
    )
    .option('--drop-missing', 'drop rows with a missing value in a used column (default: refuse them)')
    .option(
      '--delimiter <text>',
      'field separator (default ","; "tab" for tabs; "whitespace" for runs of spaces and tabs, as in UCI files)',
    )
    .option('--no-header', 'the first line is data, not column names')
    .option(
      '--columns <names>',
      'column names, comma-separated (replace the header, or name headerless columns)',
    )
    .option('--na-values <values>', 'texts that mean "missing", comma-separated (default: empty and NA)')
    .option('--skip-rows <n>', 'lines to skip before the header')
    .option('--no-trim', 'keep spaces around fields');
}

/** The flag of each data option (commander's camel-cased key -> the flag the user typed). */
const DATA_FLAGS: Readonly<Record<keyof DataOptionValues, string>> = {
  dataset: '--dataset',
  group: '--group',
  label: '--label',
  features: '--features',
  weights: '--weights',
  bins: '--bins',
  derive: '--derive',
  filter: '--filter',
  map: '--map',
  labelMap: '--label-map',
  groupMap: '--group-map',
  groupValues: '--group-values',
  labelValues: '--label-values',
  classes: '--classes',
  positive: '--positive',
  predictions: '--predictions',
  scores: '--scores',
  dropMissing: '--drop-missing',
  delimiter: '--delimiter',
  header: '--no-header',
  columns: '--columns',
  naValues: '--na-values',
  skipRows: '--skip-rows',
  trim: '--no-trim',
};

/** Options that prepare rows (roles beyond group and label, transformations, row parsing). */
export const ROW_OPTIONS: readonly (keyof DataOptionValues)[] = [
  'features',
  'positive',
  'weights',
  'bins',
  'derive',
  'filter',
  'map',
  'labelMap',
  'groupMap',
  'predictions',
  'scores',
  'dropMissing',
  'columns',
  'skipRows',
  'header',
  'trim',
];

/** Options that tell how a file's text is read (they need a file). */
export const FILE_READING_OPTIONS: readonly (keyof DataOptionValues)[] = [
  'delimiter',
  'header',
  'skipRows',
  'trim',
];

/** The flags among `keys` that were given (`--no-header` and `--no-trim` count when used). */
export function givenFlags(o: DataOptionValues, keys: readonly (keyof DataOptionValues)[]): string[] {
  return keys
    .filter((k) => (k === 'header' || k === 'trim' ? o[k] === false : o[k] !== undefined))
    .map((k) => DATA_FLAGS[k]);
}

/**
 * Refuses options that do not apply to this input (a usage error naming them), so that none is silently ignored.
 * @throws InputError E_USAGE
 */
export function refuseInapplicable(
  o: DataOptionValues,
  keys: readonly (keyof DataOptionValues)[],
  why: string,
  option: string,
): void {
  const given = givenFlags(o, keys);
  if (given.length > 0)
    throw new InputError(
      'E_USAGE',
      `${given.join(', ')} ${given.length === 1 ? 'does' : 'do'} not apply: ${why}`,
      {
        option,
      },
    );
}

/** Options that only make sense with a CSV file. */
const CSV_ONLY: readonly (keyof DataOptionValues)[] = [
  'group',
  'label',
  'features',
  'weights',
  'bins',
  'derive',
  'filter',
  'map',
  'labelMap',
  'groupMap',
  'groupValues',
  'labelValues',
  'classes',
  'positive',
  'predictions',
  'scores',
  'dropMissing',
  'delimiter',
  'columns',
  'naValues',
  'skipRows',
];

/**
 * The report input of a data command: FILE.csv with its options, or --dataset NAME.
 * @throws InputError E_USAGE (neither or both; file options with --dataset), data errors from the readers
 */
export async function loadInput(
  file: string | undefined,
  o: DataOptionValues,
): Promise<FrontierReportInput & { readonly table: EncodedTable }> {
  if (o.dataset !== undefined) {
    if (file !== undefined)
      throw new InputError('E_USAGE', 'give either FILE.csv or --dataset, not both', { option: '--dataset' });
    const modelFlags = givenFlags(o, ['predictions', 'scores']);
    if (modelFlags.length > 0)
      throw new InputError(
        'E_USAGE',
        `${modelFlags.join(', ')} ${modelFlags.length === 1 ? 'does' : 'do'} not apply: --dataset holds the paper's columns only; to place a model, run the raw CSV with the options that reproduce the data set and your prediction column (docs/data-input.md, Place a model on a reference data set)`,
        { option: modelFlags[0] },
      );
    refuseInapplicable(
      o,
      [...CSV_ONLY, 'header', 'trim'],
      "--dataset takes the paper's preprocessing and columns",
      '--dataset',
    );
    if (!isReferenceDatasetName(o.dataset))
      throw new InputError(
        'E_BAD_OPTION',
        `unknown data set "${o.dataset}"${didYouMean(o.dataset, REFERENCE_DATASET_NAMES)} (use ${REFERENCE_DATASET_NAMES.join(', ')})`,
        { option: '--dataset' },
      );
    const table = loadReferenceDataset(o.dataset);
    return { table, source: { kind: 'dataset', name: o.dataset } };
  }
  if (file === undefined) throw new InputError('E_USAGE', 'give a CSV file or --dataset NAME', {});
  const { spec, csv } = tableSpecOf(o);
  const { readCsvTable } = await import('../data/csv/index.js');
  const r = await readCsvTable(file, spec, csv);
  return {
    table: r.table,
    tableSummary: r.summary,
    predictions: r.predictions,
    ...(r.scores ? { scores: r.scores } : {}),
    source: { kind: 'file', name: r.file.name, sha256: r.file.sha256, bytes: r.file.bytes },
  };
}

/** The constraint and solver options of frontier-like commands. */
export function addConstraintOptions(cmd: Command): Command {
  return cmd
    .option('--sp <alphas>', 'statistical parity tolerance: a number, a list a,b,c or start:stop:step')
    .option('--eo <alphas>', 'equalized odds tolerance (default when no constraint is given: 0:0.1:0.01)')
    .option('--oae <alphas>', 'overall accuracy equality tolerance')
    .option('--group-blind', 'cells without the group: the classifier may not see the sensitive attribute')
    .addOption(
      new Option('--algorithm <name>', 'HiGHS algorithm').choices(['auto', 'simplex', 'ipm']).default('auto'),
    )
    .option('--time-limit <seconds>', 'time limit of one LP solve in seconds')
    .option(
      '--model <NAME=VIOLATION:ACCURACY>',
      'place a classifier with this violation (of the swept measure) and accuracy against the frontier (repeatable)',
      collect,
    )
    .option(
      '--reference-group <name>',
      "disparities of the placed models' group rates against this group: ratio and difference per group (as Aequitas)",
    )
    .option(
      '--disparity-band <R>',
      'a disparity ratio passes within [R, 1/R] (default 0.8: the four-fifths rule)',
    );
}

/**
 * The criteria beyond the paper's three and the objective (docs/constraints.md), for `frontier` and `demo`.
 */
export function addCriteriaOptions(cmd: Command): Command {
  return cmd
    .option(
      '--tpr <alphas>',
      "equal opportunity: |TPR_s - TPR_s'| <= A (per class one-vs-rest for > 2 classes)",
    )
    .option('--fpr <alphas>', "false-positive-rate parity: |FPR_s - FPR_s'| <= A")
    .option('--error-rate <alphas>', "error-rate parity: |err_s - err_s'| <= A (the same rows as --oae)")
    .option(
      '--sp-ratio <R>',
      "selection-rate ratio: P(yhat=1|s) >= R P(yhat=1|s') for all pairs (four-fifths rule: 0.8)",
    )
    .option('--tpr-ratio <R>', "true-positive-rate ratio: TPR_s >= R TPR_s' for all pairs")
    .option('--fpr-ratio <R>', "false-positive-rate ratio: FPR_s >= R FPR_s' for all pairs")
    .option('--group-loss <Z>', "bounded group loss: every group's error rate <= Z")
    .option(
      '--objective <objective>',
      'what the frontier optimizes: accuracy (default), balanced-accuracy, cost:FP=c,FN=d, or cost (with --cost-matrix)',
    )
    .option(
      '--cost-matrix <file>',
      'C x C cost matrix (CSV, row = label, column = prediction) for --objective cost',
    );
}

/**
 * Estimation options (docs/design.md, Blackwell, cuts and continuous features): how to compute the frontier
 * and how to judge its finite-sample optimism.
 */
export function addEstimationOptions(cmd: Command, options: { readonly withSeed: boolean }): Command {
  cmd
    .addOption(
      new Option(
        '--method <method>',
        'exact LP, cutting planes (Algorithm 1) or the certified bracket (default: exact, or the bracket alone when the exact LP would exceed 6 M nonzeros; give exact to force the LP)',
      ).choices(['exact', 'cutting-plane', 'bracket']),
    )
    .option(
      '--holdout <fraction>',
      'held-out frontier: solve on the rest, evaluate the optimal classifier on this held-out share',
    )
    .option('--folds <k>', 'held-out frontier by K-fold cross-fitting')
    .option(
      '--bootstrap <b>',
      'spread of the in-sample frontier over B resamples (not an interval for the population: see --interval)',
    )
    .option(
      '--interval',
      'confidence interval for the population FairFront at each alpha (cross-fitted Lagrangian bracket)',
    )
    .option('--level <p>', 'two-sided level of --interval (default 0.95)');
  if (options.withSeed)
    cmd.option(
      '--seed <n>',
      'seed of the split or the resamples of --holdout, --folds, --bootstrap and --interval (default 0, printed and recorded in the report)',
    );
  return cmd;
}

/** Output options of report-producing commands. */
export function addOutputOptions(cmd: Command): Command {
  return cmd
    .option('--json', 'print the JSON report on stdout (same as --format json)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv', 'md']))
    .option(
      '--out <file>',
      'write the output to FILE instead of stdout (format from --format, else from the extension)',
    )
    .option('--plot <file>', 'draw the frontier (or the 2-D heat map) to FILE.svg or FILE.png')
    .option('--html <file>', 'write a self-contained HTML report (works offline)')
    .option('-q, --quiet', 'no progress bar and no notes on stderr');
}

export interface OutputOptionValues {
  readonly json?: boolean;
  readonly format?: string;
  readonly out?: string;
  readonly plot?: string;
  readonly html?: string;
  readonly quiet?: boolean;
}

const FORMAT_OF_EXTENSION: Readonly<Record<string, ReportFormat>> = {
  '.json': 'json',
  '.csv': 'csv',
  '.md': 'md',
  '.txt': 'table',
};

/** Whether a progress bar may be shown (never with --json or --quiet; the bar itself checks for a TTY). */
export function wantsProgress(o: OutputOptionValues): boolean {
  return !o.json && o.format !== 'json' && !o.quiet;
}

/** The output files requested by --out, --plot and --html, in that order. */
function outputRequests(o: OutputOptionValues): OutputRequest[] {
  return [
    ...(o.out !== undefined ? [{ option: '--out', path: o.out }] : []),
    ...(o.plot !== undefined ? [{ option: '--plot', path: o.plot }] : []),
    ...(o.html !== undefined ? [{ option: '--html', path: o.html }] : []),
  ];
}

/** The report format: --json, else --format, else from the extension of --out, else a table. */
function formatOf(o: OutputOptionValues): ReportFormat {
  if (o.json && o.format !== undefined && o.format !== 'json')
    throw new InputError('E_USAGE', `--json conflicts with --format ${o.format}`, { option: '--json' });
  let format: ReportFormat = o.json ? 'json' : ((o.format as ReportFormat | undefined) ?? 'table');
  if (!o.json && o.format === undefined && o.out)
    format = FORMAT_OF_EXTENSION[extname(o.out).toLowerCase()] ?? 'table';
  if (!isReportFormat(format))
    throw new InputError('E_BAD_OPTION', `unknown format "${format}"`, { option: '--format' });
  return format;
}

function plotFormatOf(plot: string): 'svg' | 'png' {
  const ext = extname(plot).toLowerCase();
  if (ext !== '.svg' && ext !== '.png')
    throw new InputError('E_BAD_OPTION', `--plot writes .svg or .png, got "${plot}"`, { option: '--plot' });
  return ext === '.svg' ? 'svg' : 'png';
}

/**
 * Checks the output options and every output path before any work is done (format conflicts, the plot's
 * extension, directories, missing parents, permissions), so that a run that cannot write its results fails at
 * once and changes nothing.
 * @throws InputError E_USAGE, E_BAD_OPTION, E_OUTPUT_PATH
 */
export async function checkOutputOptions(o: OutputOptionValues, files: RunFiles = {}): Promise<void> {
  formatOf(o);
  if (o.plot !== undefined) plotFormatOf(o.plot);
  await planOutputs([...outputRequests(o), ...(files.outputs ?? [])], {
    stdoutTaken: o.out === undefined,
    inputs: files.inputs ?? [],
  });
}

/**
 * The input files a run reads: the positional file, --counts files (globs expanded) and --cost-matrix, so that no
 * output replaces one of them. A glob that matches nothing is left to the reader's own error.
 */
export function runInputs(file: string | undefined, options: object): InputFile[] {
  const o = options as { readonly counts?: readonly string[]; readonly costMatrix?: string };
  const counts = (() => {
    try {
      return expandGlobs(o.counts ?? [], '--counts');
    } catch {
      return [];
    }
  })();
  return [
    ...(file !== undefined ? [{ what: `file "${file}"`, path: file }] : []),
    ...counts.map((path) => ({ what: `--counts file "${path}"`, path })),
    ...(o.costMatrix !== undefined
      ? [{ what: `--cost-matrix file "${o.costMatrix}"`, path: o.costMatrix }]
      : []),
  ];
}

/**
 * The files of a run beyond --out, --plot and --html: its inputs (never overwritten) and further outputs (e.g.
 * --export-classifier), planned and written together with the report's.
 */
export interface RunFiles {
  readonly inputs?: readonly InputFile[];
  readonly outputs?: readonly OutputRequest[];
}

/**
 * Produces every requested output in memory, then writes the files (all regular files or none, see
 * writeOutputs) and prints the result on stdout last (unless --out names a file). Nothing is written when any
 * output fails.
 */
export async function emitReport(
  report: ReportV1,
  o: OutputOptionValues,
  io: Io,
  files: RunFiles & { readonly contents?: Readonly<Record<string, string>> } = {},
): Promise<void> {
  const format = formatOf(o);
  const targets = await planOutputs([...outputRequests(o), ...(files.outputs ?? [])], {
    stdoutTaken: o.out === undefined,
    inputs: files.inputs ?? [],
  });
  const text = formatReport(report, format);
  const contents: (string | Uint8Array)[] = [];
  for (const t of targets) {
    if (files.contents && Object.hasOwn(files.contents, t.option)) contents.push(files.contents[t.option]);
    else if (t.option === '--out') contents.push(text);
    else if (t.option === '--plot') {
      const { renderSvg, reportSpec, svgToPng } = await import('../plot/index.js');
      const svg = await renderSvg(reportSpec(report));
      contents.push(plotFormatOf(t.path) === 'svg' ? svg : await svgToPng(svg));
    } else contents.push(await (await import('../plot/index.js')).htmlReport(report));
  }
  const outputs = targets.map((target, i) => ({ target, content: contents[i] }));
  await writeOutputs(outputs);
  for (const { target, content } of outputs)
    if (target.kind === 'stdout' && typeof content === 'string')
      io.stdout.write(
        terminalText(
          io.stdout,
          content,
          target.option === '--out' ? format : target.option === '--export-classifier' ? 'json' : undefined,
        ),
      );
  if (o.out === undefined) io.stdout.write(terminalText(io.stdout, text, format));
  if (!o.quiet)
    for (const { target } of outputs)
      if (target.kind !== 'stdout') io.stderr.write(`fairlimit: wrote ${terminalText(null, target.path)}\n`);
}
