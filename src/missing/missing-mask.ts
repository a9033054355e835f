import { InputError } from '../errors.js';
import type { Rng } from '../rng.js';
import { type Mechanism, checkRates } from './mechanism.js';
import type { MissingSource } from './missing-source.js';
import { DEFAULT_LOGISTIC_STRENGTH, INTERCEPT_BRACKET, INTERCEPT_TOL } from './tolerances.js';

/** Which values went missing: one 0/1 array per source column (all zero for columns not selected). */
export interface MissingMask {
  readonly nRows: number;
  /** Source column names, in source order. */
  readonly columns: readonly string[];
  /** isMissing[j][i] = 1 when column j of row i is missing. */
  readonly isMissing: readonly Uint8Array[];
  /** The probability each value had of going missing (the mechanism's model), same shape. */
  readonly probability: readonly Float64Array[];
}

/** Realized missing share per (column, group): what the mask actually hit. */
export interface MaskRates {
  readonly columns: readonly string[];
  /** rate[j][s]: share of group s rows whose column j is missing. */
  readonly rate: readonly (readonly number[])[];
  /** Share of rows with at least one missing value, per group. */
  readonly anyMissing: readonly number[];
}

const sigmoid = (t: number): number => 1 / (1 + Math.exp(-t));

function standardize(values: Float64Array): Float64Array {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] / n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (values[i] - mean) ** 2 / n;
  const sd = Math.sqrt(variance);
  // A constant driver carries no information: every row gets z = 0 and the mechanism reduces to MCAR.
  return Float64Array.from(values, (v) => (sd > 0 ? (v - mean) / sd : 0));
}

/**
 * Per-row probabilities sigmoid(b_s + strength * z_i) with b_s found by bisection so that the mean over the
 * group's rows equals the target rate (the mean is increasing in b_s). Rates 0 and 1 are exact.
 */
function calibratedLogistic(
  z: Float64Array,
  group: Int32Array,
  rateByGroup: readonly number[],
  strength: number,
): Float64Array {
  const p = new Float64Array(z.length);
  rateByGroup.forEach((rate, s) => {
    const rows: number[] = [];
    for (let i = 0; i < z.length; i++) if (group[i] === s) rows.push(i);
    if (rate === 0 || rate === 1) {
      for (const i of rows) p[i] = rate;
      return;
    }
    const meanAt = (b: number) =>
      rows.reduce((acc, i) => acc + sigmoid(b + strength * z[i]), 0) / rows.length;
    let lo = -INTERCEPT_BRACKET - Math.abs(strength) * 10;
    let hi = -lo;
    while (hi - lo > INTERCEPT_TOL) {
      const mid = (lo + hi) / 2;
      if (meanAt(mid) < rate) lo = mid;
      else hi = mid;
    }
    const b = (lo + hi) / 2;
    for (const i of rows) p[i] = sigmoid(b + strength * z[i]);
  });
  return p;
}

/** The mechanism's probability that column j of each row goes missing. */
function columnProbability(source: MissingSource, j: number, mechanism: Mechanism): Float64Array {
  const { group, nRows } = source;
  if (mechanism.kind === 'mcar')
    return Float64Array.from({ length: nRows }, (_, i) => mechanism.rateByGroup[group[i]]);
  const strength = mechanism.strength ?? DEFAULT_LOGISTIC_STRENGTH;
  const driver =
    mechanism.kind === 'mnar'
      ? source.columns[j].values
      : source.columns.find((c) => c.name === mechanism.driver)!.values;
  return calibratedLogistic(standardize(driver), group, mechanism.rateByGroup, strength);
}

/**
 * Draws which values go missing. Each (row, column) gets one uniform u from the column's own stream
 * (`rng.fork(j)` for source column j) and is missing iff u < P(missing): the same seed gives nested masks
 * across rates (common random numbers), and selecting other columns never changes a column's draws.
 * @throws InputError E_BAD_OPTION (rates, strength, a MAR driver that is unknown or itself perturbed)
 * @example
 * const mask = drawMissingMask(source, [0, 3], { kind: 'mcar', rateByGroup: [0.5, 0.1] }, createRng(1));
 */
export function drawMissingMask(
  source: MissingSource,
  columns: readonly number[],
  mechanism: Mechanism,
  rng: Rng,
): MissingMask {
  checkRates(mechanism.rateByGroup, source.groupNames.length);
  if (mechanism.kind !== 'mcar' && mechanism.strength !== undefined && !Number.isFinite(mechanism.strength))
    throw new InputError(
      'E_BAD_OPTION',
      `the logistic strength must be a finite number, got ${mechanism.strength}`,
      { option: 'strength' },
    );
  if (mechanism.kind === 'mar') {
    const d = source.columns.findIndex((c) => c.name === mechanism.driver);
    if (d < 0)
      throw new InputError(
        'E_MISSING_COLUMN',
        `MAR driver "${mechanism.driver}" is not a column of ${source.name}`,
        { option: 'driver', column: mechanism.driver },
      );
    if (columns.includes(d))
      throw new InputError(
        'E_BAD_OPTION',
        `MAR driver "${mechanism.driver}" must stay observed: do not perturb it`,
        { option: 'driver', column: mechanism.driver },
      );
  }
  const n = source.nRows;
  const isMissing: Uint8Array[] = [];
  const probability: Float64Array[] = [];
  source.columns.forEach((_, j) => {
    if (!columns.includes(j)) {
      isMissing.push(new Uint8Array(n));
      probability.push(new Float64Array(n));
      return;
    }
    const p = columnProbability(source, j, mechanism);
    const stream = rng.fork(j);
    const m = new Uint8Array(n);
    for (let i = 0; i < n; i++) m[i] = stream.next() < p[i] ? 1 : 0;
    isMissing.push(m);
    probability.push(p);
  });
  return { nRows: n, columns: source.columns.map((c) => c.name), isMissing, probability };
}

/** Rows where at least one column is missing. */
export function rowHasMissing(mask: MissingMask): Uint8Array {
  const out = new Uint8Array(mask.nRows);
  for (const m of mask.isMissing) for (let i = 0; i < mask.nRows; i++) out[i] |= m[i];
  return out;
}

/** The realized missing shares per column and group. */
export function maskRates(mask: MissingMask, group: Int32Array, nGroups: number): MaskRates {
  const rows = new Float64Array(nGroups);
  for (let i = 0; i < mask.nRows; i++) rows[group[i]] += 1;
  const rate = mask.isMissing.map((m) => {
    const hits = new Float64Array(nGroups);
    for (let i = 0; i < mask.nRows; i++) hits[group[i]] += m[i];
    return Array.from(hits, (h, s) => (rows[s] > 0 ? h / rows[s] : 0));
  });
  const any = rowHasMissing(mask);
  const anyHits = new Float64Array(nGroups);
  for (let i = 0; i < mask.nRows; i++) anyHits[group[i]] += any[i];
  return {
    columns: mask.columns,
    rate,
    anyMissing: Array.from(anyHits, (h, s) => (rows[s] > 0 ? h / rows[s] : 0)),
  };
}

/** Column values with NaN where the mask says missing (for export or inspection; analyses keep the mask). */
export function withMissingAsNaN(values: Float64Array, isMissing: Uint8Array): Float64Array {
  return Float64Array.from(values, (v, i) => (isMissing[i] ? Number.NaN : v));
}
