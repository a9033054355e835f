import type { CsvOptions, DataInput, EncodedTable, PredictionColumn, TableSpec } from './data/index.js';
import {
  isReferenceDatasetName,
  loadReferenceDataset,
  REFERENCE_DATASET_NAMES,
  type ReferenceDatasetName,
} from './data/reference/index.js';
import { didYouMean } from './data/nearest-names.js';
import { DEFAULT_SEED } from './defaults.js';
import { InputError } from './errors.js';
import { checkOptionsObject } from './check-masses.js';
import type { Algorithm, ProgressCallback } from './limits/index.js';
import { CRITERIA, CRITERION_FLAGS, type Criterion } from './metrics/criterion.js';
import { type Objective, parseObjective } from './lp/objective.js';
import type { FrontierMethod } from './report/estimation.js';
import { type Displayable, withDisplay } from './display/mime-bundle.js';
import type { DataSourceV1, FrontierReportInput, GivenModelPoint, ReportV1 } from './report/index.js';

/**
 * What `analyze` reads: a reference data set by name (`'compas'`, `'adult'`, `'german'`, `'hsls'`), a CSV file
 * path, in-memory data (row objects, column arrays, an Apache Arrow table, a danfo.js DataFrame), or an
 * already encoded table (`loadReferenceDataset`, `syntheticTable`, `readCsvTable(...).table`).
 */
export type AnalyzeData = ReferenceDatasetName | string | DataInput | EncodedTable;

/** Alphas of one measure: one value, or a list (more than one value sweeps the measure). */
export type AlphaList = number | readonly number[];

/** Options of `analyze`: the data's column roles, the constraints, classifiers to place, and estimates. */
export interface AnalyzeOptions extends Partial<Omit<TableSpec, 'predictions'>> {
  /** Statistical parity tolerance(s). */
  readonly sp?: AlphaList;
  /** Equalized odds tolerance(s). Default, when no measure is given: 0, 0.01, ..., 0.1. */
  readonly eo?: AlphaList;
  /** Overall accuracy equality tolerance(s). */
  readonly oae?: AlphaList;
  /** Equal opportunity (true-positive-rate parity) tolerance(s), the CLI's `--tpr`. */
  readonly tpr?: AlphaList;
  /** False-positive-rate parity tolerance(s), `--fpr`. */
  readonly fpr?: AlphaList;
  /** Error-rate parity tolerance(s), `--error-rate`. */
  readonly errorRate?: AlphaList;
  /**
   * Selection-rate ratio bound(s) R (the four-fifths rule at 0.8), `--sp-ratio`. Ratios read the other way: R = 1
   * is the tightest, R = 0 vacuous, and FairFront falls as R rises.
   */
  readonly spRatio?: AlphaList;
  /** True-positive-rate ratio bound(s) R, `--tpr-ratio`. */
  readonly tprRatio?: AlphaList;
  /** False-positive-rate ratio bound(s) R, `--fpr-ratio`. */
  readonly fprRatio?: AlphaList;
  /** Bounded group loss Z (every group's error rate at most Z), `--group-loss`. */
  readonly groupLoss?: AlphaList;
  /**
   * What the frontier optimizes (docs/constraints.md, Objectives): an `Objective` or the CLI's text form,
   * `'accuracy'` (default), `'balanced-accuracy'` or `'cost:FP=c,FN=d'`.
   */
  readonly objective?: Objective | string;
  /**
   * Classifiers to place against the frontier, by their hard predictions on the same rows: column names of the
   * data (CSV or in-memory), or per-row arrays by model name: numbers are class indices 0..C-1 (what
   * `learners` predict), strings are class names.
   */
  readonly predictions?:
    string | readonly string[] | Readonly<Record<string, ArrayLike<number> | readonly (number | string)[]>>;
  /**
   * Disparities of the placed models' group rates against this group (Aequitas' ratio and difference per group,
   * the CLI's `--reference-group`), passing within [disparityBand, 1 / disparityBand].
   */
  readonly referenceGroup?: string;
  /** Lower end R of the pass band [R, 1/R]; default 0.8 (the four-fifths rule). */
  readonly disparityBand?: number;
  /** Classifiers given by their numbers (measured elsewhere), on the swept measure. */
  readonly models?: readonly GivenModelPoint[];
  /** Group-aware cells (the paper's default); false makes the classifier group-blind. Default true. */
  readonly isGroupAware?: boolean;
  /** `exact` (default), `cutting-plane` (Algorithm 1) or `bracket` (certified bounds for fine cells). */
  readonly method?: FrontierMethod;
  /** Held-out share in (0, 1) for the held-out frontier (seed: `seed`, default 0). */
  readonly holdout?: number;
  /** K-fold cross-fitting for the held-out frontier (seed: `seed`, default 0). */
  readonly folds?: number;
  /** Bootstrap replicates for bands (seed: `seed`, default 0). */
  readonly bootstrap?: number;
  /** Seed of every random choice (splits, bootstrap); recorded in the report. Default 0 (`DEFAULT_SEED`). */
  readonly seed?: number;
  readonly algorithm?: Algorithm;
  readonly timeLimitSeconds?: number;
  /** CSV reading options, for a file path. */
  readonly csv?: CsvOptions;
  /** Reference data folder, for a data set name (default `$FAIRLIMIT_DATA`). */
  readonly dataDir?: string;
  readonly onProgress?: ProgressCallback;
  /**
   * Render the chart to SVG for the rich display (loads vega). Default: only inside a tslab notebook kernel;
   * elsewhere the display carries the tables and the vega-lite spec.
   */
  readonly chart?: boolean;
}

/**
 * The report of `analyze`: the plain `ReportV1` (`JSON.stringify` gives exactly the report), which also shows
 * itself in a notebook (the Jupyter display protocol: text, HTML with the chart, SVG, vega-lite) and prints its
 * text tables with `console.log`.
 */
export type Analysis = ReportV1 & Displayable;

/** The default sweep when no constraint is given, as the command line's `--eo 0:0.1:0.01`. */
const DEFAULT_EO_ALPHAS: readonly number[] = Array.from({ length: 11 }, (_, i) => i / 100);

const isEncodedTable = (x: unknown): x is EncodedTable =>
  typeof x === 'object' &&
  x !== null &&
  (x as EncodedTable).group instanceof Int32Array &&
  (x as EncodedTable).label instanceof Int32Array &&
  Array.isArray((x as EncodedTable).features);

function alphasOf(options: AnalyzeOptions): Partial<Record<Criterion, number[]>> {
  const alphas: Partial<Record<Criterion, number[]>> = {};
  for (const m of CRITERIA) {
    const given: unknown = options[m];
    if (given === undefined) continue;
    if (typeof given !== 'number' && !Array.isArray(given))
      throw new InputError(
        'E_BAD_ALPHA',
        `${m} (${CRITERION_FLAGS[m]}) must be a number or a list of numbers, got ${JSON.stringify(given)}`,
        { option: m },
      );
    const list = typeof given === 'number' ? [given] : [...(given as number[])];
    if (list.length === 0)
      throw new InputError('E_BAD_OPTION', `${m} needs at least one bound`, { option: m });
    alphas[m] = list;
  }
  if (Object.keys(alphas).length === 0) alphas.eo = [...DEFAULT_EO_ALPHAS];
  return alphas;
}

/** The objective from its object or CLI text form (absent = accuracy). */
function objectiveOf(given: AnalyzeOptions['objective']): Objective | undefined {
  if (given === undefined) return undefined;
  if (typeof given === 'string') return parseObjective(given);
  if (given === null || typeof given !== 'object')
    throw new InputError(
      'E_BAD_OPTION',
      `objective must be 'accuracy', 'balanced-accuracy', 'cost:FP=c,FN=d' or an objective object, got ${String(given)}`,
      { option: 'objective' },
    );
  return given;
}

function predictionColumnNames(options: AnalyzeOptions): string[] | undefined {
  const p = options.predictions;
  if (p === undefined) return undefined;
  if (typeof p === 'string') return [p];
  if (Array.isArray(p)) return [...(p as readonly string[])];
  return undefined;
}

function predictionArrays(options: AnalyzeOptions, table: EncodedTable): PredictionColumn[] {
  const p = options.predictions;
  if (p === undefined || typeof p === 'string' || Array.isArray(p)) return [];
  const classIndex = new Map(table.classNames.map((c, y) => [c, y]));
  return Object.entries(p as Readonly<Record<string, ArrayLike<number | string>>>).map(([name, values]) => {
    if (values.length !== table.nRows)
      throw new InputError(
        'E_BAD_OPTION',
        `predictions "${name}" has ${values.length} values for ${table.nRows} rows (rows dropped by filters or ` +
          'group selection shift arrays: give a column name instead)',
        { option: 'predictions' },
      );
    const prediction = new Int32Array(table.nRows);
    for (let i = 0; i < table.nRows; i++) {
      const v = values[i];
      const y = typeof v === 'string' ? classIndex.get(v) : v;
      if (y === undefined || !Number.isInteger(y) || y < 0 || y >= table.classNames.length)
        throw new InputError(
          'E_BAD_OPTION',
          `predictions "${name}": ${JSON.stringify(v)} is not a class ` +
            `(class indices 0..${table.classNames.length - 1} or names ${table.classNames.join(', ')})`,
          { option: 'predictions', detail: `row ${i + 1}` },
        );
      prediction[i] = y;
    }
    return { name, prediction };
  });
}

function tableSpecOf(options: AnalyzeOptions, where: string): TableSpec {
  if (options.group === undefined || options.label === undefined)
    throw new InputError('E_USAGE', `analyze(${where}, ...) needs the columns: { group, label }`, {
      option: options.group === undefined ? 'group' : 'label',
    });
  const { predictions, models, isGroupAware, method, holdout, folds, bootstrap, seed, objective, ...rest } =
    options;
  void [predictions, models, isGroupAware, method, holdout, folds, bootstrap, seed, objective];
  const columns = predictionColumnNames(options);
  return {
    ...(rest.name !== undefined ? { name: rest.name } : {}),
    group: options.group,
    label: options.label,
    ...(rest.features ? { features: rest.features } : {}),
    ...(rest.weights ? { weights: rest.weights } : {}),
    ...(rest.bins ? { bins: rest.bins } : {}),
    ...(rest.derive ? { derive: rest.derive } : {}),
    ...(rest.filter ? { filter: rest.filter } : {}),
    ...(rest.valueMaps ? { valueMaps: rest.valueMaps } : {}),
    ...(rest.groupValues ? { groupValues: rest.groupValues } : {}),
    ...(rest.labelValues ? { labelValues: rest.labelValues } : {}),
    ...(rest.nClasses !== undefined ? { nClasses: rest.nClasses } : {}),
    ...(rest.positiveClass !== undefined ? { positiveClass: rest.positiveClass } : {}),
    ...(rest.dropMissing !== undefined ? { dropMissing: rest.dropMissing } : {}),
    ...(rest.exclude ? { exclude: rest.exclude } : {}),
    ...(columns ? { predictions: columns } : {}),
    ...(rest.scores ? { scores: rest.scores } : {}),
  };
}

/**
 * A string that is neither a data set's name nor a path (no directory, no extension) and names no file is a
 * mistyped data set, not a CSV file whose columns are missing: say so, with the nearest name.
 * @throws InputError E_BAD_OPTION
 */
async function refuseUnknownDataset(data: string): Promise<void> {
  if (/[./\\]/.test(data)) return;
  const { existsSync } = await import('node:fs');
  if (existsSync(data)) return;
  throw new InputError(
    'E_BAD_OPTION',
    `unknown data set "${data}"${didYouMean(data, REFERENCE_DATASET_NAMES)} (data sets: ${REFERENCE_DATASET_NAMES.join(', ')}; a CSV file is given by its path)`,
    { option: 'data' },
  );
}

/** Reads the data into the report builder's input: rows, their account, and column predictions. */
async function loadInput(data: AnalyzeData, options: AnalyzeOptions): Promise<FrontierReportInput> {
  const columns = predictionColumnNames(options);
  if (options.scores && (isEncodedTable(data) || (typeof data === 'string' && isReferenceDatasetName(data))))
    throw new InputError('E_USAGE', 'scores are columns of the data: give a CSV file or in-memory rows', {
      option: 'scores',
    });
  if (typeof data === 'string' && isReferenceDatasetName(data)) {
    if (columns)
      throw new InputError(
        'E_USAGE',
        `a reference data set has no prediction columns: give predictions as arrays`,
        {
          option: 'predictions',
        },
      );
    const table = loadReferenceDataset(
      data,
      options.dataDir !== undefined ? { dataDir: options.dataDir } : {},
    );
    return { table, source: { kind: 'dataset', name: data }, predictions: predictionArrays(options, table) };
  }
  if (isEncodedTable(data)) {
    if (columns)
      throw new InputError(
        'E_USAGE',
        'an encoded table has no prediction columns: give predictions as arrays',
        {
          option: 'predictions',
        },
      );
    return {
      table: data,
      source: { kind: 'memory', name: data.name },
      predictions: predictionArrays(options, data),
    };
  }
  if (typeof data === 'string') {
    await refuseUnknownDataset(data);
    const { readCsvTable } = await import('./data/csv/index.js');
    const r = await readCsvTable(data, tableSpecOf(options, JSON.stringify(data)), options.csv ?? {});
    const source: DataSourceV1 = {
      kind: 'file',
      name: r.file.name,
      sha256: r.file.sha256,
      bytes: r.file.bytes,
    };
    return {
      table: r.table,
      tableSummary: r.summary,
      source,
      predictions: [...r.predictions, ...predictionArrays(options, r.table)],
      ...(r.scores ? { scores: r.scores } : {}),
    };
  }
  const { tableFromData } = await import('./data/from-data.js');
  const r = tableFromData(data, tableSpecOf(options, 'data'));
  return {
    table: r.table,
    tableSummary: r.summary,
    source: { kind: 'memory', name: r.table.name },
    predictions: [...r.predictions, ...predictionArrays(options, r.table)],
    ...(r.scores ? { scores: r.scores } : {}),
  };
}

/** Whether this process is a tslab notebook kernel (where the chart is rendered by default). */
async function inNotebook(): Promise<boolean> {
  const { isTslabKernelProcess } = await import('./display/tslab-kernel.js');
  return isTslabKernelProcess();
}

/**
 * The one call for notebooks and scripts: reads the data, solves the exact FairFront frontier over the given
 * tolerances (default alpha_EO = 0, 0.01, ..., 0.1), places the given classifiers against it (their epistemic
 * gap), adds the requested estimates (held-out frontier, bootstrap bands, cutting planes, bracket), and returns
 * the versioned report. The result is the plain report (`JSON.stringify(r)` is the report the CLI writes) and
 * also a rich output: as a notebook cell's last value it shows the chart and tables.
 * @example
 * import { analyze } from 'fairlimit';
 * const report = await analyze('compas', { eo: [0, 0.02, 0.05, 0.1] });
 * report.frontier.map((p) => p.accuracy);
 * @example
 * const r = await analyze(rows, { group: 'race', label: 'y', eo: [0, 0.05], predictions: ['yhat'] });
 * r.models?.[0].gap; // FairFront at the model's own violation minus its accuracy
 * @throws InputError E_USAGE (missing group or label, prediction columns on an encoded table), E_BAD_OPTION
 *   (bad alphas, predictions that are not classes), the readers' data errors; SolverError when a solve fails
 */
export async function analyze(data: AnalyzeData, options: AnalyzeOptions = {}): Promise<Analysis> {
  checkOptionsObject(options, 'options');
  const { frontierReport } = await import('./report/frontier-report.js');
  const alphas = alphasOf(options);
  const objective = objectiveOf(options.objective);
  const input = await loadInput(data, options);
  // A random protocol without a seed takes DEFAULT_SEED, as the command line does; the report records it.
  const isRandom =
    options.holdout !== undefined || options.folds !== undefined || options.bootstrap !== undefined;
  const seed = options.seed ?? (isRandom ? DEFAULT_SEED : undefined);
  const estimation = {
    ...(options.method !== undefined ? { method: options.method } : {}),
    ...(options.holdout !== undefined ? { holdout: options.holdout } : {}),
    ...(options.folds !== undefined ? { folds: options.folds } : {}),
    ...(options.bootstrap !== undefined ? { bootstrap: options.bootstrap } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
  const report = await frontierReport(input, {
    alphas,
    ...(objective ? { objective } : {}),
    ...(options.isGroupAware !== undefined ? { isGroupAware: options.isGroupAware } : {}),
    ...(options.algorithm !== undefined ? { algorithm: options.algorithm } : {}),
    ...(options.timeLimitSeconds !== undefined ? { timeLimitSeconds: options.timeLimitSeconds } : {}),
    ...(options.models ? { models: options.models } : {}),
    ...(options.referenceGroup !== undefined ? { referenceGroup: options.referenceGroup } : {}),
    ...(options.disparityBand !== undefined ? { disparityBand: options.disparityBand } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    estimation,
  });
  const { frontier } = await import('./display/display-frontier.js');
  const shown = await frontier(report, { chart: options.chart ?? (await inNotebook()) });
  return withDisplay(report, shown.bundle);
}
