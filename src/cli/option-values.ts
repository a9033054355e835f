/**
 * The CLI's option syntax as plain functions (alpha lists, bins, value maps, column roles): no commander and no
 * Node built-in, so the in-browser analyzer parses what a user types exactly as the CLI does.
 */
import type { CsvOptions, TableSpec } from '../data/index.js';
import { InputError } from '../errors.js';
import { type Algorithm, isAlgorithm } from '../limits/index.js';
import { MEASURES, type Measure } from '../metrics/index.js';
import type { GivenModelPoint } from '../report/index.js';
import { parseColumnValueMap, parseValueMap } from './value-map-option.js';

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

export { parseValueMap } from './value-map-option.js';

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
  // Null-prototype records: a column named "__proto__" or "constructor" is an ordinary key.
  const bins = Object.create(null) as Record<string, string>;
  for (const b of o.bins ?? []) {
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
