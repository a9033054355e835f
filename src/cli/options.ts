import type { EncodedTable } from '../data/table.js';
import { extname } from 'node:path';
import { type Command, Option } from 'commander';
import {
  type CsvOptions,
  type TableSpec,
  isReferenceDatasetName,
  loadReferenceDataset,
  readCsvTable,
  REFERENCE_DATASET_NAMES,
} from '../data/index.js';
import { InputError } from '../errors.js';
import { type Algorithm, isAlgorithm } from '../limits/index.js';
import { MEASURES, type Measure } from '../metrics/index.js';
import {
  type FrontierReportInput,
  type GivenModelPoint,
  type ReportFormat,
  type ReportV1,
  formatReport,
  isReportFormat,
} from '../report/index.js';
import { htmlReport, renderSvg, reportSpec, svgToPng } from '../plot/index.js';
import { type Io, terminalText } from './io.js';
import { type OutputRequest, planOutputs, writeOutputs } from './write-outputs.js';

/** Collects a repeatable option into a list. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Splits "a,b,c" (trimmed, empties refused). */
export function splitList(text: string, option: string): string[] {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.some((p) => p === ''))
    throw new InputError('E_BAD_OPTION', `"${text}" has an empty item`, { option });
  return parts;
}

/** Significant digits kept for alphas built from start:stop:step (removes 0.30000000000000004). */
const GRID_DIGITS = 12;

/**
 * Parses an alpha list: one number, a list "a,b,c", or a range "start:stop:step" (stop included when it lies on
 * the grid). Each alpha must be in [0, 1].
 * @throws InputError E_BAD_ALPHA naming the option
 */
export function parseAlphas(text: string, option: string): number[] {
  const bad = (why: string) =>
    new InputError('E_BAD_ALPHA', `${why} (got "${text}"; use 0.05, 0,0.01,0.05 or 0:0.1:0.01)`, { option });
  const toNumber = (t: string) => {
    const v = Number(t.trim());
    if (t.trim() === '' || !Number.isFinite(v)) throw bad(`"${t}" is not a number`);
    return v;
  };
  let values: number[];
  if (text.includes(':')) {
    const parts = text.split(':');
    if (parts.length !== 3) throw bad('a range is start:stop:step');
    const [start, stop, step] = parts.map(toNumber);
    if (!(step > 0)) throw bad('the step must be positive');
    if (stop < start) throw bad('stop must not be below start');
    const count = Math.floor((stop - start) / step + 1e-9) + 1;
    if (count > 10_000) throw bad(`the range has ${count} points; at most 10000`);
    values = Array.from({ length: count }, (_, i) => Number((start + i * step).toPrecision(GRID_DIGITS)));
  } else values = text.split(',').map(toNumber);
  for (const a of values) if (a < 0 || a > 1) throw bad(`alpha ${a} is outside [0, 1]`);
  return values;
}

/**
 * Parses a value map "FROM=TO,FROM=TO" (one column) into a record.
 * @throws InputError E_BAD_OPTION
 */
export function parseValueMap(text: string, option: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq < 0)
      throw new InputError('E_BAD_OPTION', `a value map is FROM=TO,FROM=TO, got "${text}"`, { option });
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

/** The CSV and column-role options, shared by every command that reads data. */
export function addDataOptions(cmd: Command): Command {
  return cmd
    .option(
      '--dataset <name>',
      `a reference data set instead of a file (${REFERENCE_DATASET_NAMES.join(', ')}; read from $FAIRLIMIT_DATA)`,
    )
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
    .option('--map <COL:FROM=TO,...>', 'rename or merge values of a column before use (repeatable)', collect)
    .option('--label-map <FROM=TO,...>', 'value map for the label column')
    .option('--group-map <FROM=TO,...>', 'value map for every group column')
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
      '--predictions <cols>',
      "columns holding a classifier's predicted labels: placed against the frontier",
    )
    .option('--drop-missing', 'drop rows with a missing value in a used column (default: refuse them)')
    .option('--delimiter <text>', 'field separator (default ","; "tab" for tabs)')
    .option('--no-header', 'the first line is data, not column names')
    .option(
      '--columns <names>',
      'column names, comma-separated (replace the header, or name headerless columns)',
    )
    .option('--na-values <values>', 'texts that mean "missing", comma-separated (default: empty and NA)')
    .option('--skip-rows <n>', 'lines to skip before the header')
    .option('--no-trim', 'keep spaces around fields');
}

/** Parsed data options (commander's camel-cased names). */
export interface DataOptionValues {
  readonly dataset?: string;
  readonly group?: string;
  readonly label?: string;
  readonly features?: string;
  readonly weights?: string;
  readonly bins?: string[];
  readonly derive?: string[];
  readonly filter?: string[];
  readonly map?: string[];
  readonly labelMap?: string;
  readonly groupMap?: string;
  readonly groupValues?: string;
  readonly labelValues?: string;
  readonly classes?: string;
  readonly predictions?: string;
  readonly dropMissing?: boolean;
  readonly delimiter?: string;
  readonly header?: boolean;
  readonly columns?: string;
  readonly naValues?: string;
  readonly skipRows?: string;
  readonly trim?: boolean;
}

function integerOption(text: string | undefined, option: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!/^\d+$/.test(text.trim()) || v < min)
    throw new InputError('E_BAD_OPTION', `${option} must be an integer >= ${min}, got "${text}"`, { option });
  return v;
}

/** Turns data options into the library's TableSpec and CsvOptions (no defaults beyond the library's). */
export function tableSpecOf(o: DataOptionValues): { spec: TableSpec; csv: CsvOptions } {
  if (!o.group)
    throw new InputError('E_USAGE', 'name the sensitive attribute with --group COL', { option: '--group' });
  if (!o.label) throw new InputError('E_USAGE', 'name the label with --label COL', { option: '--label' });
  const group = splitList(o.group, '--group');
  const bins: Record<string, string> = {};
  for (const b of o.bins ?? []) {
    const eq = b.indexOf('=');
    if (eq <= 0)
      throw new InputError('E_BAD_BINS', `a bin spec is COLUMN=SPEC, got "${b}"`, { option: '--bins' });
    bins[b.slice(0, eq).trim()] = b.slice(eq + 1).trim();
  }
  const valueMaps: Record<string, Record<string, string>> = {};
  const addMap = (column: string, map: Record<string, string>) =>
    (valueMaps[column] = { ...valueMaps[column], ...map });
  for (const m of o.map ?? []) {
    const colon = m.indexOf(':');
    if (colon <= 0)
      throw new InputError('E_BAD_OPTION', `a value map is COL:FROM=TO,..., got "${m}"`, { option: '--map' });
    addMap(m.slice(0, colon).trim(), parseValueMap(m.slice(colon + 1), '--map'));
  }
  if (o.labelMap) addMap(o.label, parseValueMap(o.labelMap, '--label-map'));
  if (o.groupMap) for (const g of group) addMap(g, parseValueMap(o.groupMap, '--group-map'));
  const nClasses = integerOption(o.classes, '--classes', 2);
  const skipRows = integerOption(o.skipRows, '--skip-rows', 0);
  const spec: TableSpec = {
    group,
    label: o.label,
    ...(o.features ? { features: splitList(o.features, '--features') } : {}),
    ...(o.weights ? { weights: o.weights } : {}),
    ...(Object.keys(bins).length > 0 ? { bins } : {}),
    ...(o.derive ? { derive: o.derive } : {}),
    ...(o.filter ? { filter: o.filter } : {}),
    ...(Object.keys(valueMaps).length > 0 ? { valueMaps } : {}),
    ...(o.groupValues ? { groupValues: splitList(o.groupValues, '--group-values') } : {}),
    ...(o.labelValues ? { labelValues: splitList(o.labelValues, '--label-values') } : {}),
    ...(nClasses !== undefined ? { nClasses } : {}),
    ...(o.predictions ? { predictions: splitList(o.predictions, '--predictions') } : {}),
    ...(o.dropMissing ? { dropMissing: true } : {}),
  };
  const csv: CsvOptions = {
    ...(o.delimiter !== undefined ? { delimiter: o.delimiter } : {}),
    hasHeader: o.header !== false,
    ...(o.columns ? { columns: splitList(o.columns, '--columns') } : {}),
    ...(o.naValues !== undefined ? { naValues: o.naValues.split(',').map((v) => v.trim()) } : {}),
    ...(skipRows !== undefined ? { skipRows } : {}),
    trim: o.trim !== false,
  };
  return { spec, csv };
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
  'predictions',
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
    const extra = CSV_ONLY.filter((k) => o[k] !== undefined);
    if (extra.length > 0 || o.header === false || o.trim === false)
      throw new InputError(
        'E_USAGE',
        `--dataset takes the paper's preprocessing; CSV options do not apply (${extra.join(', ')})`,
        { option: '--dataset' },
      );
    if (!isReferenceDatasetName(o.dataset))
      throw new InputError(
        'E_BAD_OPTION',
        `unknown data set "${o.dataset}" (use ${REFERENCE_DATASET_NAMES.join(', ')})`,
        { option: '--dataset' },
      );
    const table = loadReferenceDataset(o.dataset);
    return { table, source: { kind: 'dataset', name: o.dataset } };
  }
  if (file === undefined) throw new InputError('E_USAGE', 'give a CSV file or --dataset NAME', {});
  const { spec, csv } = tableSpecOf(o);
  const r = await readCsvTable(file, spec, csv);
  return {
    table: r.table,
    tableSummary: r.summary,
    predictions: r.predictions,
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
    );
}

export interface ConstraintOptionValues {
  readonly sp?: string;
  readonly eo?: string;
  readonly oae?: string;
  readonly groupBlind?: boolean;
  readonly algorithm?: string;
  readonly timeLimit?: string;
  readonly model?: string[];
}

/** Default sweep when no constraint is given: alpha_EO from 0 to 0.1 by 0.01. */
export const DEFAULT_SWEEP = { measure: 'eo' as Measure, alphas: '0:0.1:0.01' };

export function constraintsOf(o: ConstraintOptionValues): {
  alphas: Partial<Record<Measure, number[]>>;
  isGroupAware: boolean;
  algorithm: Algorithm;
  timeLimitSeconds?: number;
  models: GivenModelPoint[];
} {
  const alphas: Partial<Record<Measure, number[]>> = {};
  for (const m of MEASURES) if (o[m] !== undefined) alphas[m] = parseAlphas(o[m]!, `--${m}`);
  if (Object.keys(alphas).length === 0)
    alphas[DEFAULT_SWEEP.measure] = parseAlphas(DEFAULT_SWEEP.alphas, `--${DEFAULT_SWEEP.measure}`);
  const algorithm = o.algorithm ?? 'auto';
  if (!isAlgorithm(algorithm))
    throw new InputError('E_BAD_OPTION', `unknown algorithm "${algorithm}"`, { option: '--algorithm' });
  let timeLimitSeconds: number | undefined;
  if (o.timeLimit !== undefined) {
    timeLimitSeconds = Number(o.timeLimit);
    if (!(timeLimitSeconds > 0))
      throw new InputError(
        'E_BAD_OPTION',
        `--time-limit must be a positive number of seconds, got "${o.timeLimit}"`,
        { option: '--time-limit' },
      );
  }
  const swept = MEASURES.filter((m) => (alphas[m]?.length ?? 0) > 1);
  const gapMeasure = swept[0] ?? MEASURES.find((m) => alphas[m] !== undefined) ?? 'eo';
  const models = (o.model ?? []).map((text) => {
    const m = /^(.+)=([^:=]+):([^:=]+)$/.exec(text);
    const violation = m ? Number(m[2]) : Number.NaN;
    const accuracy = m ? Number(m[3]) : Number.NaN;
    if (!m || !Number.isFinite(violation) || !Number.isFinite(accuracy))
      throw new InputError('E_BAD_OPTION', `a model is NAME=VIOLATION:ACCURACY, got "${text}"`, {
        option: '--model',
      });
    return { name: m[1].trim(), measure: gapMeasure, violation, accuracy };
  });
  return {
    alphas,
    isGroupAware: !o.groupBlind,
    algorithm,
    ...(timeLimitSeconds !== undefined ? { timeLimitSeconds } : {}),
    models,
  };
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
      'confidence interval for the population FairFront at each alpha (cross-fitted Lagrangian bracket; needs --seed)',
    )
    .option('--level <p>', 'two-sided level of --interval (default 0.95)');
  if (options.withSeed)
    cmd.option(
      '--seed <n>',
      'seed of the split or the resamples (required with --holdout, --folds, --bootstrap, --interval)',
    );
  return cmd;
}

export interface EstimationOptionValues {
  readonly method?: string;
  readonly holdout?: string;
  readonly folds?: string;
  readonly bootstrap?: string;
  readonly interval?: boolean;
  readonly level?: string;
  readonly seed?: string;
}

/** The report builder's estimation options from the CLI's (numbers checked here, semantics in the library). */
export function estimationOf(
  o: EstimationOptionValues,
  seed?: number,
): {
  method?: 'exact' | 'cutting-plane' | 'bracket';
  holdout?: number;
  folds?: number;
  bootstrap?: number;
  interval?: boolean;
  level?: number;
  seed?: number;
} {
  const num = (text: string | undefined, option: string, check: (v: number) => boolean, what: string) => {
    if (text === undefined) return undefined;
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v) || !check(v))
      throw new InputError('E_BAD_OPTION', `${option} must be ${what}, got "${text}"`, { option });
    return v;
  };
  const holdout = num(o.holdout, '--holdout', (v) => v > 0 && v < 1, 'a fraction strictly between 0 and 1');
  const folds = num(o.folds, '--folds', (v) => Number.isInteger(v) && v >= 2, 'an integer >= 2');
  const bootstrap = num(o.bootstrap, '--bootstrap', (v) => Number.isInteger(v) && v >= 2, 'an integer >= 2');
  const level = num(o.level, '--level', (v) => v > 0 && v < 1, 'a level strictly between 0 and 1');
  if (level !== undefined && o.interval !== true)
    throw new InputError('E_USAGE', '--level applies to --interval; add --interval', { option: '--level' });
  const interval = o.interval === true;
  const givenSeed = num(o.seed, '--seed', (v) => Number.isInteger(v) && v >= 0, 'a non-negative integer');
  if (holdout !== undefined && folds !== undefined)
    throw new InputError('E_USAGE', 'give --holdout or --folds, not both', { option: '--holdout' });
  const s = givenSeed ?? seed;
  const random = holdout !== undefined || folds !== undefined || bootstrap !== undefined || interval;
  if (random && s === undefined)
    throw new InputError(
      'E_USAGE',
      '--holdout, --folds, --bootstrap and --interval need --seed N (no default seed)',
      {
        option: '--seed',
      },
    );
  const method = o.method as 'exact' | 'cutting-plane' | 'bracket' | undefined;
  return {
    ...(method ? { method } : {}),
    ...(holdout !== undefined ? { holdout } : {}),
    ...(folds !== undefined ? { folds } : {}),
    ...(bootstrap !== undefined ? { bootstrap } : {}),
    ...(interval ? { interval } : {}),
    ...(level !== undefined ? { level } : {}),
    ...(s !== undefined && random ? { seed: s } : {}),
  };
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
export async function checkOutputOptions(o: OutputOptionValues): Promise<void> {
  formatOf(o);
  if (o.plot !== undefined) plotFormatOf(o.plot);
  await planOutputs(outputRequests(o), { stdoutTaken: o.out === undefined });
}

/**
 * Produces every requested output in memory, then writes the files (all regular files or none, see
 * writeOutputs) and prints the result on stdout last (unless --out names a file). Nothing is written when any
 * output fails.
 */
export async function emitReport(report: ReportV1, o: OutputOptionValues, io: Io): Promise<void> {
  const format = formatOf(o);
  const targets = await planOutputs(outputRequests(o), { stdoutTaken: o.out === undefined });
  const text = formatReport(report, format);
  const contents: (string | Uint8Array)[] = [];
  for (const t of targets) {
    if (t.option === '--out') contents.push(text);
    else if (t.option === '--plot') {
      const svg = await renderSvg(reportSpec(report));
      contents.push(plotFormatOf(t.path) === 'svg' ? svg : await svgToPng(svg));
    } else contents.push(await htmlReport(report));
  }
  const outputs = targets.map((target, i) => ({ target, content: contents[i] }));
  await writeOutputs(outputs);
  for (const { target, content } of outputs)
    if (target.kind === 'stdout' && typeof content === 'string')
      io.stdout.write(terminalText(io.stdout, content, target.option === '--out' ? format : undefined));
  if (o.out === undefined) io.stdout.write(terminalText(io.stdout, text, format));
  if (!o.quiet)
    for (const { target } of outputs)
      if (target.kind !== 'stdout') io.stderr.write(`fairlimit: wrote ${terminalText(null, target.path)}\n`);
}
