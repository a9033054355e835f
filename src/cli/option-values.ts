/**
 * The CLI's option syntax as plain functions (alpha lists, bins, value maps, column roles, criteria): no commander
 * and no Node built-in, so the in-browser analyzer parses what a user types exactly as the CLI does.
 */
import type { CsvOptions, TableSpec } from '../data/index.js';
import { binTexts } from '../data/bins.js';
import { DEFAULT_SEED } from '../defaults.js';
import { InputError } from '../errors.js';
import { type Algorithm, isAlgorithm } from '../limits/frontier-model.js';
import { CRITERIA, CRITERION_FLAGS, type Criterion, MEASURES, type Measure } from '../metrics/index.js';
import { type Objective, parseObjective } from '../lp/objective.js';
import type { GivenModelPoint } from '../report/frontier-report.js';
import { OPTION_LIMITS, integerInRange, numberOption } from './number-options.js';
import { parseColumnValueMap, parseValueMap } from './value-map-option.js';

/** Collects a repeatable option into a list. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Splits "a,b,c" (trimmed, empties refused). */
/**
 * `--scores` (repeatable): each value a comma list of models; a model is one column (the positive class's
 * score) or one column per class joined with "+" in class order (`--scores p_no+p_yes`). docs/scores.md.
 * @throws InputError E_BAD_OPTION (an empty name, a model given twice)
 */
export function parseScoresOption(values: readonly string[]): string[][] {
  const models = values.flatMap((v) =>
    splitList(v, '--scores').map((model) => {
      const columns = model.split('+').map((c) => c.trim());
      if (columns.some((c) => c === ''))
        throw new InputError('E_BAD_OPTION', `--scores "${model}" has an empty column name`, {
          option: '--scores',
        });
      return columns;
    }),
  );
  const names = models.map((m) => m.join('+'));
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined)
    throw new InputError('E_BAD_OPTION', `--scores names "${twice}" twice`, { option: '--scores' });
  return models;
}

export function splitList(text: string, option: string): string[] {
  if (text.trim() === '') throw new InputError('E_BAD_OPTION', `${option} is empty`, { option });
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

export { parseValueMap } from './value-map-option.js';

/** Parsed data options (commander's camel-cased names). */
export interface DataOptionValues {
  readonly dataset?: string;
  readonly group?: string;
  readonly label?: string;
  readonly features?: string;
  readonly weights?: string;
  /** `--bins` values (`COL=SPEC`), or a record by column as the library takes (`{ age: 'quantile:5' }`). */
  readonly bins?: string[] | Readonly<Record<string, string>>;
  readonly derive?: string[];
  readonly filter?: string[];
  readonly map?: string[];
  readonly labelMap?: string;
  readonly groupMap?: string;
  readonly groupValues?: string;
  readonly labelValues?: string;
  readonly classes?: string;
  /** `--positive LABEL`: the positive class of two. */
  readonly positive?: string;
  readonly predictions?: string;
  /** `--scores` values (repeatable): models by their scores, see `parseScoresOption`. */
  readonly scores?: string[];
  readonly dropMissing?: boolean;
  readonly delimiter?: string;
  readonly header?: boolean;
  readonly columns?: string;
  readonly naValues?: string;
  readonly skipRows?: string;
  readonly trim?: boolean;
}

function integerOption(
  text: string | undefined,
  option: string,
  range: { readonly min: number; readonly max: number },
): number | undefined {
  return text === undefined ? undefined : integerInRange(text, option, range.min, range.max);
}

/**
 * The column roles --group, --label and --weights: given, not empty, and each column in one role only (a label
 * that is also the group would make every classifier trivially fair and exact).
 * @throws InputError E_USAGE, E_BAD_OPTION
 */
export function rolesOf(o: DataOptionValues): { group: string[]; label: string; weights?: string } {
  if (o.group === undefined)
    throw new InputError('E_USAGE', 'name the sensitive attribute with --group COL', { option: '--group' });
  if (o.label === undefined)
    throw new InputError('E_USAGE', 'name the label with --label COL', { option: '--label' });
  const group = splitList(o.group, '--group');
  const label = o.label;
  if (label.trim() === '') throw new InputError('E_BAD_OPTION', '--label is empty', { option: '--label' });
  if (group.includes(label))
    throw new InputError('E_USAGE', `column "${label}" is both the label and a group column`, {
      option: '--label',
    });
  if (o.weights === undefined) return { group, label };
  const weights = o.weights;
  if (weights.trim() === '')
    throw new InputError('E_BAD_OPTION', '--weights is empty', { option: '--weights' });
  if (weights === label || group.includes(weights))
    throw new InputError('E_USAGE', `column "${weights}" is both the weights and the group or label`, {
      option: '--weights',
    });
  return { group, label, weights };
}

/** Turns data options into the library's TableSpec and CsvOptions (no defaults beyond the library's). */
export function tableSpecOf(o: DataOptionValues): { spec: TableSpec; csv: CsvOptions } {
  const { group, label, weights } = rolesOf(o);
  // Null-prototype records: a column named "__proto__" or "constructor" is an ordinary key.
  const bins = Object.create(null) as Record<string, string>;
  for (const b of binTexts(o.bins)) {
    const eq = b.indexOf('=');
    if (eq <= 0)
      throw new InputError('E_BAD_BINS', `a bin spec is COLUMN=SPEC, got "${b}"`, { option: '--bins' });
    const column = b.slice(0, eq).trim();
    if (Object.hasOwn(bins, column))
      throw new InputError('E_BAD_BINS', `bins for "${column}" are given twice`, { option: '--bins' });
    bins[column] = b.slice(eq + 1).trim();
  }
  const valueMaps = Object.create(null) as Record<string, Record<string, string>>;
  const addMap = (column: string, map: Record<string, string>) =>
    (valueMaps[column] = Object.assign(
      Object.create(null) as Record<string, string>,
      Object.hasOwn(valueMaps, column) ? valueMaps[column] : {},
      map,
    ));
  for (const m of o.map ?? []) {
    const { column, map } = parseColumnValueMap(m, '--map');
    addMap(column, map);
  }
  if (o.labelMap !== undefined) addMap(label, parseValueMap(o.labelMap, '--label-map'));
  if (o.groupMap !== undefined) for (const g of group) addMap(g, parseValueMap(o.groupMap, '--group-map'));
  const nClasses = integerOption(o.classes, '--classes', OPTION_LIMITS.classes);
  const skipRows = integerOption(o.skipRows, '--skip-rows', OPTION_LIMITS.skipRows);
  const spec: TableSpec = {
    group,
    label,
    ...(o.features !== undefined ? { features: splitList(o.features, '--features') } : {}),
    ...(weights !== undefined ? { weights } : {}),
    ...(Object.keys(bins).length > 0 ? { bins } : {}),
    ...(o.derive ? { derive: o.derive } : {}),
    ...(o.filter ? { filter: o.filter } : {}),
    ...(Object.keys(valueMaps).length > 0 ? { valueMaps } : {}),
    ...(o.groupValues !== undefined ? { groupValues: splitList(o.groupValues, '--group-values') } : {}),
    ...(o.labelValues !== undefined ? { labelValues: splitList(o.labelValues, '--label-values') } : {}),
    ...(nClasses !== undefined ? { nClasses } : {}),
    ...(o.positive !== undefined ? { positiveClass: o.positive } : {}),
    ...(o.predictions !== undefined ? { predictions: splitList(o.predictions, '--predictions') } : {}),
    ...(o.scores !== undefined ? { scores: parseScoresOption(o.scores) } : {}),
    ...(o.dropMissing ? { dropMissing: true } : {}),
  };
  const csv: CsvOptions = {
    ...(o.delimiter !== undefined ? { delimiter: o.delimiter } : {}),
    hasHeader: o.header !== false,
    ...(o.columns !== undefined ? { columns: splitList(o.columns, '--columns') } : {}),
    ...(o.naValues !== undefined ? { naValues: o.naValues.split(',').map((v) => v.trim()) } : {}),
    ...(skipRows !== undefined ? { skipRows } : {}),
    trim: o.trim !== false,
  };
  return { spec, csv };
}

export interface ConstraintOptionValues {
  readonly sp?: string;
  readonly eo?: string;
  readonly oae?: string;
  readonly tpr?: string;
  readonly fpr?: string;
  readonly errorRate?: string;
  readonly spRatio?: string;
  readonly tprRatio?: string;
  readonly fprRatio?: string;
  readonly groupLoss?: string;
  readonly objective?: string;
  readonly costMatrix?: string;
  readonly groupBlind?: boolean;
  readonly algorithm?: string;
  readonly timeLimit?: string;
  readonly model?: string[];
  /** `--reference-group NAME`: disparities of the placed models against this group. */
  readonly referenceGroup?: string;
  /** `--disparity-band R`: a ratio passes within [R, 1/R] (default 0.8, the four-fifths rule). */
  readonly disparityBand?: string;
}

/** Default sweep when no constraint is given: alpha_EO from 0 to 0.1 by 0.01. */
export const DEFAULT_SWEEP = { measure: 'eo' as Measure, alphas: '0:0.1:0.01' };

/**
 * The constraint flags as the report builder's options. `readCostMatrix` reads `--cost-matrix FILE` (the CLI passes
 * its file reader; without one, that flag is refused, e.g. in a browser).
 */
export function constraintsOf(
  o: ConstraintOptionValues,
  io: { readonly readCostMatrix?: (file: string) => number[][] } = {},
): {
  alphas: Partial<Record<Criterion, number[]>>;
  objective?: Objective;
  isGroupAware: boolean;
  algorithm: Algorithm;
  timeLimitSeconds?: number;
  models: GivenModelPoint[];
  referenceGroup?: string;
  disparityBand?: number;
} {
  const alphas: Partial<Record<Criterion, number[]>> = {};
  for (const m of CRITERIA) if (o[m] !== undefined) alphas[m] = parseAlphas(o[m]!, CRITERION_FLAGS[m]);
  if (o.costMatrix !== undefined && o.objective === undefined)
    throw new InputError('E_USAGE', '--cost-matrix needs --objective cost', { option: '--cost-matrix' });
  const readMatrix =
    io.readCostMatrix ??
    (() => {
      throw new InputError(
        'E_BAD_OPTION',
        '--cost-matrix needs a file system here; give cost:FP=c,FN=d instead',
        {
          option: '--cost-matrix',
        },
      );
    });
  const objective =
    o.objective !== undefined
      ? parseObjective(o.objective, o.costMatrix !== undefined ? readMatrix(o.costMatrix) : undefined)
      : undefined;
  if (Object.keys(alphas).length === 0)
    alphas[DEFAULT_SWEEP.measure] = parseAlphas(DEFAULT_SWEEP.alphas, `--${DEFAULT_SWEEP.measure}`);
  const algorithm = o.algorithm ?? 'auto';
  if (!isAlgorithm(algorithm))
    throw new InputError('E_BAD_OPTION', `unknown algorithm "${algorithm}"`, { option: '--algorithm' });
  let timeLimitSeconds: number | undefined;
  if (o.timeLimit !== undefined)
    timeLimitSeconds = numberOption(
      o.timeLimit,
      '--time-limit',
      (v) => v > 0 && v <= OPTION_LIMITS.timeLimitSeconds.max,
      `a positive number of seconds up to ${OPTION_LIMITS.timeLimitSeconds.max}`,
    );
  const swept = CRITERIA.filter((m) => (alphas[m]?.length ?? 0) > 1);
  const gapMeasure = swept[0] ?? CRITERIA.find((m) => alphas[m] !== undefined) ?? 'eo';
  const models = (o.model ?? []).map((text) => {
    const m = /^(.+)=([^:=]+):([^:=]+)$/.exec(text);
    const violation = m ? Number(m[2]) : Number.NaN;
    const accuracy = m ? Number(m[3]) : Number.NaN;
    const isShare = (v: number) => Number.isFinite(v) && v >= 0 && v <= 1;
    if (!m || m[1].trim() === '' || !isShare(violation) || !isShare(accuracy))
      throw new InputError(
        'E_BAD_OPTION',
        `a model is NAME=VIOLATION:ACCURACY with both in [0, 1], got "${text}"`,
        {
          option: '--model',
        },
      );
    return { name: m[1].trim(), measure: gapMeasure, violation, accuracy };
  });
  if (o.disparityBand !== undefined && o.referenceGroup === undefined)
    throw new InputError(
      'E_USAGE',
      '--disparity-band applies to --reference-group; add --reference-group NAME',
      {
        option: '--disparity-band',
      },
    );
  const disparityBand =
    o.disparityBand === undefined
      ? undefined
      : numberOption(
          o.disparityBand,
          '--disparity-band',
          (v) => v > 0 && v <= 1,
          'a ratio in (0, 1], e.g. 0.8',
        );
  if (o.referenceGroup !== undefined && o.referenceGroup.trim() === '')
    throw new InputError('E_BAD_OPTION', '--reference-group is empty', { option: '--reference-group' });
  return {
    alphas,
    ...(objective ? { objective } : {}),
    ...(o.referenceGroup !== undefined ? { referenceGroup: o.referenceGroup } : {}),
    ...(disparityBand !== undefined ? { disparityBand } : {}),
    isGroupAware: !o.groupBlind,
    algorithm,
    ...(timeLimitSeconds !== undefined ? { timeLimitSeconds } : {}),
    models,
  };
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
  const int = (text: string | undefined, option: string, range: { min: number; max: number }) =>
    text === undefined ? undefined : integerInRange(text, option, range.min, range.max);
  const fraction = (text: string | undefined, option: string, what: string) =>
    text === undefined ? undefined : numberOption(text, option, (v) => v > 0 && v < 1, what);
  const holdout = fraction(o.holdout, '--holdout', 'a fraction strictly between 0 and 1');
  const folds = int(o.folds, '--folds', OPTION_LIMITS.folds);
  const bootstrap = int(o.bootstrap, '--bootstrap', OPTION_LIMITS.bootstrap);
  const level = fraction(o.level, '--level', 'a level strictly between 0 and 1');
  if (level !== undefined && o.interval !== true)
    throw new InputError('E_USAGE', '--level applies to --interval; add --interval', { option: '--level' });
  const interval = o.interval === true;
  const givenSeed = int(o.seed, '--seed', OPTION_LIMITS.seed);
  if (holdout !== undefined && folds !== undefined)
    throw new InputError('E_USAGE', 'give --holdout or --folds, not both', { option: '--holdout' });
  // Without --seed a random protocol takes DEFAULT_SEED; the report records it and the command prints it.
  const s = givenSeed ?? seed ?? DEFAULT_SEED;
  const random = holdout !== undefined || folds !== undefined || bootstrap !== undefined || interval;
  const method = o.method as 'exact' | 'cutting-plane' | 'bracket' | undefined;
  return {
    ...(method ? { method } : {}),
    ...(holdout !== undefined ? { holdout } : {}),
    ...(folds !== undefined ? { folds } : {}),
    ...(bootstrap !== undefined ? { bootstrap } : {}),
    ...(interval ? { interval } : {}),
    ...(level !== undefined ? { level } : {}),
    ...(random ? { seed: s } : {}),
  };
}
