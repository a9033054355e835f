import { rowWeight, type EncodedTable } from '../../data/table.js';
import { locateCells, rowCellKey, type Distribution } from '../../distribution/index.js';
import { InputError } from '../../errors.js';
import {
  type Bounds,
  CRITERIA,
  CRITERION_KIND,
  type Criterion,
  completeBounds,
  groupRates,
} from '../../metrics/index.js';

/**
 * The Lagrangian of the FairFront LP evaluated on held-out rows (see docs/design.md, Inference, and
 * docs/estimation.md).
 *
 * FairFront(alpha; p) = max_h acc(h) subject to L_r <= R_r(h) <= U_r for the fairness rows r of every bound
 * criterion (docs/constraints.md), where each R_r is a signed sum of group rates. Every group rate of every
 * family is a stratum mean: r_s = P(Yhat = j(Y) | S = s, Y in T) for a set of labels T and a predicted class
 * j(y) per label (SP: T all labels, j = yHat; EO, TPR: T = {y}; FPR: T = the negatives; OAE, error rate, group
 * loss: T all labels, j(y) = y). Differences give rows -alpha <= r_s - r_s' <= alpha, ratios r_s - R r_s' >= 0,
 * group loss acc_s >= 1 - Z. For any multipliers y_r of the sign each row allows (either sign for a two-sided
 * row, y_r <= 0 for a row R_r >= L_r in this convention) and any classifier h,
 *
 *   L(h, y; p) = acc(h) - sum_r y_r R_r(h) + sum_r max(y_r L_r, y_r U_r),   D(y; p) = max_h L(h, y; p),
 *
 * satisfy FairFront(alpha; p) <= D(y; p) (weak duality), and FairFront(alpha; p) = D(y*; p) >= L(h, y*; p) for
 * every h at the optimal multipliers y* (Lagrangian duality of a linear programme). Both are linear in the
 * stratum means once the rule is fixed, so on rows they are ratio estimates with a plain influence-function
 * standard error. A multiplier of the wrong sign for a one-sided row (solver noise, or the other sign
 * convention) is set to 0, which keeps weak duality.
 */

/** Which fairness rows of the LP exist: per criterion, in the order of `FairFrontPoint.fairnessDuals`. */
export interface FairnessRowLayout {
  readonly nGroups: number;
  readonly nClasses: number;
  /** Number of pairwise rows of each criterion (two classes: the yHat = 1 rows of SP and EO are left out). */
  readonly count: Readonly<Record<Criterion, number>>;
}

/** One group rate as a stratum mean: group s, and the predicted class counted for each label (-1: not in T). */
interface RateUnit {
  readonly s: number;
  /** classOf[y] = j(y) for y in T, -1 otherwise. */
  readonly classOf: Int32Array;
}

/** One pairwise fairness row: sum of coefficient * unit rate, with its bounds, of one criterion. */
interface FairnessRow {
  readonly criterion: Criterion;
  readonly index: number;
  readonly terms: readonly (readonly [unit: number, coefficient: number])[];
  readonly lower: number;
  readonly upper: number;
}

interface RowStructure {
  readonly units: readonly RateUnit[];
  readonly rows: readonly FairnessRow[];
  readonly count: Record<Criterion, number>;
}

/**
 * The rows of the exact LP built with `fairnessRowForm: 'pairwise'` (src/lp/criterion-rows.ts), criterion by
 * criterion in the order of CRITERIA, each rate of `groupRates` in turn: a difference's pairs i < j, a ratio's
 * ordered pairs (s, s'), group loss each group. Rates come from `groupRates` with every (s, y) present (the
 * interval requires it), read back as stratum means, so the rows match the LP's whatever the training masses.
 * Criteria at a vacuous bound still get their rows (the LP builds sp, eo, oae always; their multipliers are 0).
 */
function rowStructure(nGroups: number, nClasses: number, alpha: Bounds): RowStructure {
  const A = nGroups;
  const C = nClasses;
  const ones = new Float64Array(A * C).fill(1);
  const units: RateUnit[] = [];
  const rows: FairnessRow[] = [];
  const count = Object.fromEntries(CRITERIA.map((c) => [c, 0])) as Record<Criterion, number>;
  for (const c of CRITERIA) {
    const t = alpha[c];
    const kind = CRITERION_KIND[c];
    for (const rate of groupRates(c, ones, A, C)) {
      const unitOf = rate.forms.map((form, s) => {
        if (form === null) return -1;
        const classOf = new Int32Array(C).fill(-1);
        for (const [index] of form) classOf[Math.floor(index / C) % C] = index % C;
        units.push({ s, classOf });
        return units.length - 1;
      });
      const present = unitOf.flatMap((u, s) => (u < 0 ? [] : [s]));
      const push = (terms: [number, number][], lower: number, upper: number) =>
        rows.push({ criterion: c, index: count[c]++, terms, lower, upper });
      if (kind === 'groupLoss') {
        for (const s of present) push([[unitOf[s], 1]], 1 - t, Infinity);
        continue;
      }
      if (present.length < 2) continue;
      if (kind === 'difference') {
        for (let i = 0; i < present.length; i++)
          for (let j = i + 1; j < present.length; j++)
            push(
              [
                [unitOf[present[i]], 1],
                [unitOf[present[j]], -1],
              ],
              -t,
              t,
            );
      } else
        for (const s of present)
          for (const other of present)
            if (other !== s)
              push(
                [
                  [unitOf[s], 1],
                  [unitOf[other], -t],
                ],
                0,
                Infinity,
              );
    }
  }
  return { units, rows, count };
}

/** The fairness-row layout the exact LP builds (pairwise form) for these shapes and bounds. */
export function fairnessRowLayout(
  nGroups: number,
  nClasses: number,
  alpha: Partial<Bounds> = {},
): FairnessRowLayout {
  return { nGroups, nClasses, count: rowStructure(nGroups, nClasses, completeBounds(alpha)).count };
}

/** Multiplier weights per rate unit, summed over the rows that use it. */
interface RateWeights {
  readonly units: readonly RateUnit[];
  /** Weight of each unit's rate in sum_r y_r R_r. */
  readonly weight: Float64Array;
  /** sum_r max(y_r L_r, y_r U_r) over the rows kept. */
  readonly constant: number;
}

type Duals = Readonly<Partial<Record<Criterion, ArrayLike<number>>>>;

/** A row's multiplier times `sign`, set to 0 where its sign is not allowed (an infinite side it would price). */
function multiplier(row: FairnessRow, duals: Duals, sign: number): number {
  const y = sign * (duals[row.criterion]?.[row.index] ?? 0);
  if ((y > 0 && row.upper === Infinity) || (y < 0 && row.lower === -Infinity)) return 0;
  return y;
}

/** sum_r max(y L, y U) for one row (finite: `multiplier` zeroes the infinite side). */
const rowConstant = (row: FairnessRow, y: number): number =>
  y > 0 ? y * row.upper : y < 0 ? y * row.lower : 0;

/**
 * Collapses row multipliers (times `sign`) into one weight per rate unit. `keep` selects rows (default all):
 * the lower side keeps only the rows whose Lagrangian term penalizes the rule.
 */
function rateWeights(
  structure: RowStructure,
  duals: Duals,
  sign: number,
  keep: (row: FairnessRow, y: number) => boolean = () => true,
): RateWeights {
  const weight = new Float64Array(structure.units.length);
  let constant = 0;
  for (const row of structure.rows) {
    const y = multiplier(row, duals, sign);
    if (y === 0 || !keep(row, y)) continue;
    for (const [u, a] of row.terms) weight[u] += y * a;
    constant += rowConstant(row, y);
  }
  return { units: structure.units, weight, constant };
}

/** Checks that the multipliers match the rows (a criterion without rows in the model gives none). */
function checkDuals(structure: RowStructure, duals: Duals, nGroups: number, nClasses: number): void {
  for (const c of CRITERIA) {
    const given = duals[c]?.length ?? 0;
    if (given !== 0 && given !== structure.count[c])
      throw new InputError(
        'E_BAD_OPTION',
        `expected ${structure.count[c]} ${c} multipliers for ${nGroups} groups and ${nClasses} classes, got ${given}`,
      );
  }
}

/** A Lagrangian value on rows with its influence-function standard error. */
export interface RowEstimate {
  /** Plug-in value on the rows. */
  readonly value: number;
  /** sqrt(sum_i (IF_i - mean IF)^2) / n: delta-method standard error of the ratio estimate. */
  readonly standardError: number;
  /**
   * (IF_i - mean IF) / n for each row, in row order: the estimate's linear error terms, so the covariance of two
   * estimates on the same rows is the sum of their products (the interval's max-type critical value).
   */
  readonly centeredInfluence?: Float64Array;
}

interface Strata {
  readonly n: number;
  /** Rows in each rate unit's stratum (group s, label in T). */
  readonly nUnit: Float64Array;
  /** The units whose stratum holds (s, y), by s * C + y. */
  readonly unitsOf: readonly (readonly number[])[];
}

function unitsBySY(units: readonly RateUnit[], A: number, C: number): number[][] {
  const unitsOf: number[][] = Array.from({ length: A * C }, () => []);
  units.forEach((u, k) => {
    for (let y = 0; y < C; y++) if (u.classOf[y] >= 0) unitsOf[u.s * C + y].push(k);
  });
  return unitsOf;
}

function strataOf(table: EncodedTable, units: readonly RateUnit[], A: number, C: number): Strata {
  const nSY = new Float64Array(A * C);
  for (let i = 0; i < table.nRows; i++) nSY[table.group[i] * C + table.label[i]] += 1;
  for (let s = 0; s < A; s++)
    for (let y = 0; y < C; y++)
      if (nSY[s * C + y] === 0)
        throw new InputError(
          'E_EMPTY_GROUP_LABEL',
          `an evaluation split of "${table.name}" has no rows in group "${table.groupNames[s]}" with label "${table.classNames[y]}"; use more rows or fewer groups`,
        );
  const nUnit = Float64Array.from(units, (u) => {
    let n = 0;
    for (let y = 0; y < C; y++) if (u.classOf[y] >= 0) n += nSY[u.s * C + y];
    return n;
  });
  return { n: table.nRows, nUnit, unitsOf: unitsBySY(units, A, C) };
}

/** Each rate unit's rate for the rule `proba` on rows: the stratum mean of proba[i, j(y_i)]. */
function ruleRates(
  table: EncodedTable,
  proba: ArrayLike<number>,
  units: readonly RateUnit[],
  strata: Strata,
  C: number,
): Float64Array {
  const rate = new Float64Array(units.length);
  for (let i = 0; i < strata.n; i++) {
    const y = table.label[i];
    for (const u of strata.unitsOf[table.group[i] * C + y])
      rate[u] += proba[i * C + units[u].classOf[y]] / strata.nUnit[u];
  }
  return rate;
}

/**
 * L(h, y; p_rows) for the rule `proba` (nRows x C row-major prediction probabilities) and its standard error.
 * The rates use the rows' own stratum counts as denominators; the influence of row i is
 * f_i(y_i) - n * sum over its units of weight * (f_i(j(y_i)) - rate) / stratum size (delta method of a ratio).
 */
function lagrangianOnRows(
  table: EncodedTable,
  proba: ArrayLike<number>,
  w: RateWeights,
  strata: Strata,
  C: number,
): RowEstimate {
  const { n, nUnit, unitsOf } = strata;
  const { units, weight } = w;
  const rate = ruleRates(table, proba, units, strata, C);
  let correct = 0;
  for (let i = 0; i < n; i++) correct += proba[i * C + table.label[i]];
  let penalty = 0;
  for (let u = 0; u < units.length; u++) penalty += weight[u] * rate[u];
  const value = correct / n - penalty + w.constant;
  // Influence function of each row, then its sample variance.
  let sum = 0;
  let sumSq = 0;
  const centeredInfluence = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const y = table.label[i];
    let term = 0;
    for (const u of unitsOf[table.group[i] * C + y])
      term += (weight[u] * (proba[i * C + units[u].classOf[y]] - rate[u])) / nUnit[u];
    const influence = proba[i * C + y] - n * term;
    centeredInfluence[i] = influence;
    sum += influence;
    sumSq += influence * influence;
  }
  const variance = Math.max(0, sumSq - (sum * sum) / n);
  for (let i = 0; i < n; i++) centeredInfluence[i] = (centeredInfluence[i] - sum / n) / n;
  return { value, standardError: Math.sqrt(variance) / n, centeredInfluence };
}

/**
 * The best response to the multipliers on the rows' cells: each cell predicts the class with the largest
 * Lagrangian score sum_{i in cell} [1(yHat = y_i)/n - unit weights / stratum size]. Returns one-hot proba.
 */
function bestResponse(
  table: EncodedTable,
  w: RateWeights,
  strata: Strata,
  cells: RowCells,
  C: number,
): Float64Array {
  const { n, nUnit, unitsOf } = strata;
  const { cellOfRow } = cells;
  const score = new Float64Array(cells.nCells * C);
  for (let i = 0; i < n; i++) {
    const k = cellOfRow[i];
    const y = table.label[i];
    score[k * C + y] += 1 / n;
    for (const u of unitsOf[table.group[i] * C + y])
      score[k * C + w.units[u].classOf[y]] -= w.weight[u] / nUnit[u];
  }
  const proba = new Float64Array(n * C);
  for (let i = 0; i < n; i++) {
    const k = cellOfRow[i];
    let best = 0;
    for (let j = 1; j < C; j++) if (score[k * C + j] > score[k * C + best]) best = j;
    proba[i * C + best] = 1;
  }
  return proba;
}

/** The rows' own cells (feature values, plus the group when group-aware), numbered in order of appearance. */
export interface RowCells {
  readonly cellOfRow: Int32Array;
  readonly nCells: number;
}

/** Cells of the rows of one table: computed once per fold and reused at every alpha. */
export function rowCells(table: EncodedTable, isGroupAware: boolean): RowCells {
  const cellOfKey = new Map<string, number>();
  const cellOfRow = new Int32Array(table.nRows);
  for (let i = 0; i < table.nRows; i++) {
    const key = rowCellKey(table, i, isGroupAware);
    let k = cellOfKey.get(key);
    if (k === undefined) {
      k = cellOfKey.size;
      cellOfKey.set(key, k);
    }
    cellOfRow[i] = k;
  }
  return { cellOfRow, nCells: cellOfKey.size };
}

/** Lower and upper Lagrangian estimates of one fold: L(h_train, y_train; rows) and D(y_train; rows). */
export interface FoldBounds {
  readonly lower: RowEstimate;
  readonly upper: RowEstimate;
}

/**
 * Evaluates the training fold's optimal rule `proba` and multipliers `duals` (the pairwise LP's
 * `fairnessDuals`, any criteria) on evaluation rows. The sign convention of the solver's row duals is fixed by
 * `trainSign` (the sign whose dual function on the training cells equals their FairFront; see `dualSign`).
 * @throws InputError E_EMPTY_GROUP_LABEL when the rows miss a (group, label) pair; E_BAD_OPTION (weighted rows,
 *   multipliers that do not match the rows)
 */
export function foldBounds(
  table: EncodedTable,
  proba: ArrayLike<number>,
  duals: Duals,
  alphaIn: Partial<Bounds>,
  sign: number,
  isGroupAware: boolean,
  cells: RowCells = rowCells(table, isGroupAware),
): FoldBounds {
  const A = table.groupNames.length;
  const C = table.classNames.length;
  for (let i = 0; i < table.nRows; i++)
    if (rowWeight(table, i) !== 1)
      throw new InputError('E_BAD_OPTION', 'the interval needs unweighted rows (each row one draw)', {
        option: 'interval',
      });
  const structure = rowStructure(A, C, completeBounds(alphaIn));
  checkDuals(structure, duals, A, C);
  const w = rateWeights(structure, duals, sign);
  const strata = strataOf(table, structure.units, A, C);
  const lower = penalizedLower(table, proba, structure, duals, sign, strata, C);
  const upper = lagrangianOnRows(table, bestResponse(table, w, strata, cells, C), w, strata, C);
  return { lower, upper };
}

/**
 * Lower side: FairFront >= acc(h) - sum_r max(0, y*_r R_r(h) - max(y*_r L_r, y*_r U_r)), so rows on which the
 * rule is slack earn no bonus (a noisy multiplier times a slack rate would otherwise lift the bound). Each kept
 * row's term is the rule's priced violation on the held-out rows, measured with the same rates.
 */
function penalizedLower(
  table: EncodedTable,
  proba: ArrayLike<number>,
  structure: RowStructure,
  duals: Duals,
  sign: number,
  strata: Strata,
  C: number,
): RowEstimate {
  const rates = ruleRates(table, proba, structure.units, strata, C);
  const penalizing = rateWeights(structure, duals, sign, (row, y) => {
    let r = 0;
    for (const [u, a] of row.terms) r += a * rates[u];
    return y * r - rowConstant(row, y) > 0;
  });
  return lagrangianOnRows(table, proba, penalizing, strata, C);
}

/**
 * The lower side at a price floor instead of row multipliers (docs/estimation.md, kinks): for a criterion whose
 * optimum is concave and non-decreasing in its bound t (differences, group loss), a rule h whose violation on
 * the population is v > t gives FairFront(t) >= FairFront(v) - g (v - t) >= acc(h) - g (v - t) for any
 * supergradient g at t, and the price at any smaller bound t' < t is at least g. So with `floor[c]` >= g,
 * acc(h) - sum_c floor[c] * (largest excess of c's rows over their bounds) is a lower bound that needs no
 * estimate of the population's multipliers. The row with the largest held-out excess is priced, as a
 * Lagrangian with one multiplier per criterion, so its standard error is the same influence-function error as
 * `foldBounds`'. With `excessMargin` > 0 the excess is counted from the bound minus the margin (conservative:
 * a larger penalty). Ratio criteria are not priced here (their optimum need not be concave in R); a criterion
 * without a floor, or whose rows are all met on the rows, costs nothing.
 * @throws InputError E_EMPTY_GROUP_LABEL when the rows miss a (group, label) pair
 */
export function foldPriceFloorLowerBound(
  table: EncodedTable,
  proba: ArrayLike<number>,
  floor: Readonly<Partial<Record<Criterion, number>>>,
  alphaIn: Partial<Bounds>,
  excessMargin = 0,
): RowEstimate {
  const A = table.groupNames.length;
  const C = table.classNames.length;
  // The margin charges excess from alpha - margin: a held-out violation a little below alpha by noise must not
  // drop the price (the population's excess is positive at a kink).
  const bounds = { ...completeBounds(alphaIn) };
  for (const c of CRITERIA)
    if ((floor[c] ?? 0) > 0 && CRITERION_KIND[c] !== 'ratio')
      bounds[c] = Math.max(0, bounds[c] - excessMargin);
  const structure = rowStructure(A, C, bounds);
  const strata = strataOf(table, structure.units, A, C);
  const rates = ruleRates(table, proba, structure.units, strata, C);
  const duals: Partial<Record<Criterion, Float64Array>> = {};
  for (const c of CRITERIA) {
    const price = floor[c] ?? 0;
    if (!(price > 0) || CRITERION_KIND[c] === 'ratio') continue;
    let best = 0;
    let bestRow: FairnessRow | undefined;
    let bestSign = 0;
    for (const row of structure.rows) {
      if (row.criterion !== c) continue;
      let r = 0;
      for (const [u, a] of row.terms) r += a * rates[u];
      if (r - row.upper > best) [best, bestRow, bestSign] = [r - row.upper, row, 1];
      if (row.lower - r > best) [best, bestRow, bestSign] = [row.lower - r, row, -1];
    }
    if (!bestRow) continue;
    const y = new Float64Array(structure.count[c]);
    y[bestRow.index] = bestSign * price;
    duals[c] = y;
  }
  return penalizedLower(table, proba, structure, duals, 1, strata, C);
}

/**
 * D(y; p) on the cells of a distribution for both sign conventions of the row duals; returns the sign whose
 * value is the smaller (weak duality makes both upper bounds, and the right convention gives FairFront).
 */
export function dualSign(d: Distribution, duals: Duals, alphaIn: Partial<Bounds>): number {
  const { nCells: K, nGroups: A, nClasses: C, mass } = d;
  const structure = rowStructure(A, C, completeBounds(alphaIn));
  checkDuals(structure, duals, A, C);
  const unitsOf = unitsBySY(structure.units, A, C);
  const muSY = new Float64Array(A * C);
  for (let k = 0; k < K; k++) for (let sy = 0; sy < A * C; sy++) muSY[sy] += mass[k * A * C + sy];
  const muUnit = Float64Array.from(structure.units, (u) => {
    let m = 0;
    for (let y = 0; y < C; y++) if (u.classOf[y] >= 0) m += muSY[u.s * C + y];
    return m;
  });
  const value = (sign: number): number => {
    const w = rateWeights(structure, duals, sign);
    let total = w.constant;
    const score = new Float64Array(C);
    for (let k = 0; k < K; k++) {
      score.fill(0);
      for (let s = 0; s < A; s++)
        for (let y = 0; y < C; y++) {
          const p = mass[(k * A + s) * C + y];
          if (p === 0) continue;
          score[y] += p;
          for (const u of unitsOf[s * C + y])
            score[structure.units[u].classOf[y]] -= (p * w.weight[u]) / muUnit[u];
        }
      total += Math.max(...score);
    }
    return total;
  };
  return value(1) <= value(-1) ? 1 : -1;
}

/** Rows of `table` whose cell `d` has never seen (for reporting), weighted by row count. */
export function unseenShare(d: Distribution, table: EncodedTable): number {
  const cells = locateCells(d, table);
  let unseen = 0;
  for (let i = 0; i < cells.length; i++) if (cells[i] < 0) unseen++;
  return table.nRows > 0 ? unseen / table.nRows : 0;
}

/**
 * The lower side of `foldBounds` alone (the interval scores several backed-off rules against one upper side).
 * @throws InputError E_EMPTY_GROUP_LABEL when the rows miss a (group, label) pair
 */
export function foldLowerBound(
  table: EncodedTable,
  proba: ArrayLike<number>,
  duals: Duals,
  alphaIn: Partial<Bounds>,
  sign: number,
  isGroupAware: boolean,
  cells?: RowCells,
): RowEstimate {
  return foldBounds(table, proba, duals, alphaIn, sign, isGroupAware, cells).lower;
}
