import { rowWeight, type EncodedTable } from '../../data/table.js';
import { locateCells, rowCellKey, type Distribution } from '../../distribution/index.js';
import { InputError } from '../../errors.js';
import { MEASURES, type Alphas, type Measure } from '../../metrics/measure.js';

/**
 * The Lagrangian of the FairFront LP evaluated on held-out rows (see docs/design.md, Inference).
 *
 * FairFront(alpha; p) = max_h acc(h) subject to L_r <= R_r(h) <= U_r for the fairness rows r, where each R_r is
 * a signed sum of group rates: EO rates P(yHat | s, y), SP rates P(yHat | s) and OAE rates P(yHat = Y | s).
 * For any multipliers y_r (of either sign) and any classifier h,
 *
 *   L(h, y; p) = acc(h) - sum_r y_r R_r(h) + sum_r max(y_r L_r, y_r U_r),   D(y; p) = max_h L(h, y; p),
 *
 * satisfy FairFront(alpha; p) <= D(y; p) for every y (weak duality), and FairFront(alpha; p) = D(y*; p) >=
 * L(h, y*; p) for every h at the optimal multipliers y* (Lagrangian duality of a linear programme). Both are
 * linear in the group rates once the rule is fixed, so on rows they are ratio estimates with a plain
 * influence-function standard error.
 */

/** Which fairness rows of the LP exist, in the order of `FairFrontPoint.fairnessDuals`. */
export interface FairnessRowLayout {
  readonly nGroups: number;
  readonly nClasses: number;
  /** Number of rows of each measure (two classes: the yHat = 1 rows of SP and EO are left out). */
  readonly count: Readonly<Record<Measure, number>>;
}

/** Multiplier weights per group rate, summed over the rows that use that rate. */
interface RateWeights {
  /** EO: weight of P(yHat | s, y), index (s * C + y) * C + yHat. */
  readonly eo: Float64Array;
  /** SP: weight of P(yHat | s), index s * C + yHat. */
  readonly sp: Float64Array;
  /** OAE: weight of P(yHat = Y | s), index s. */
  readonly oae: Float64Array;
  /** sum_r max(y_r L_r, y_r U_r) = sum_r alpha_r |y_r| for the symmetric rows -alpha <= R_r <= alpha. */
  readonly constant: number;
}

/** The pairs s1 < s2 in the LP's order. */
function pairs(nGroups: number): [number, number][] {
  const out: [number, number][] = [];
  for (let s1 = 0; s1 < nGroups; s1++) for (let s2 = s1 + 1; s2 < nGroups; s2++) out.push([s1, s2]);
  return out;
}

/** The fairness-row layout the exact LP builds for these shapes. */
export function fairnessRowLayout(nGroups: number, nClasses: number): FairnessRowLayout {
  const nPairs = (nGroups * (nGroups - 1)) / 2;
  const yHatRange = nClasses === 2 ? 1 : nClasses;
  return {
    nGroups,
    nClasses,
    count: { sp: nPairs * yHatRange, eo: nPairs * nClasses * yHatRange, oae: nPairs },
  };
}

/** One fairness row of the LP: rate(s1) - rate(s2) of one measure, with its index among that measure's rows. */
interface FairnessRow {
  readonly measure: Measure;
  readonly index: number;
  readonly s1: number;
  readonly s2: number;
  /** EO: the label y of P(yHat | s, y); -1 otherwise. */
  readonly label: number;
  /** SP, EO: the predicted class; -1 for OAE. */
  readonly yHat: number;
}

/**
 * The fairness rows in the order of the exact LP built with `fairnessRowForm: 'pairwise'` (docs/design.md,
 * Fairness rows): rate-major (SP: yHat; EO: y, then yHat; OAE: one rate), then the pairs s1 < s2. With two
 * classes only yHat = 0 has rows.
 */
function fairnessRows(layout: FairnessRowLayout): FairnessRow[] {
  const { nGroups: A, nClasses: C } = layout;
  const yHatRange = C === 2 ? 1 : C;
  const rows: FairnessRow[] = [];
  let r = 0;
  for (let yHat = 0; yHat < yHatRange; yHat++)
    for (const [s1, s2] of pairs(A)) rows.push({ measure: 'sp', index: r++, s1, s2, label: -1, yHat });
  r = 0;
  for (let label = 0; label < C; label++)
    for (let yHat = 0; yHat < yHatRange; yHat++)
      for (const [s1, s2] of pairs(A)) rows.push({ measure: 'eo', index: r++, s1, s2, label, yHat });
  r = 0;
  for (const [s1, s2] of pairs(A)) rows.push({ measure: 'oae', index: r++, s1, s2, label: -1, yHat: -1 });
  return rows;
}

/**
 * Collapses row multipliers (times `sign`) into one weight per group rate. `keep` selects rows (default all):
 * the lower side keeps only the rows whose Lagrangian term penalizes the rule.
 */
function rateWeights(
  layout: FairnessRowLayout,
  duals: Readonly<Record<Measure, ArrayLike<number>>>,
  alpha: Alphas,
  sign: number,
  keep: (row: FairnessRow, y: number) => boolean = () => true,
): RateWeights {
  const { nGroups: A, nClasses: C } = layout;
  const eo = new Float64Array(A * C * C);
  const sp = new Float64Array(A * C);
  const oae = new Float64Array(A);
  let constant = 0;
  // A vacuous measure has no rows (no multipliers): its rows count as zero.
  for (const m of MEASURES)
    if (duals[m].length !== 0 && duals[m].length !== layout.count[m])
      throw new InputError(
        'E_BAD_OPTION',
        `expected ${layout.count[m]} ${m} multipliers for ${A} groups and ${C} classes, got ${duals[m].length}`,
      );
  for (const row of fairnessRows(layout)) {
    const y = sign * (duals[row.measure][row.index] ?? 0);
    if (y === 0 || !keep(row, y)) continue;
    const { s1, s2 } = row;
    if (row.measure === 'sp') {
      sp[s1 * C + row.yHat] += y;
      sp[s2 * C + row.yHat] -= y;
    } else if (row.measure === 'eo') {
      eo[(s1 * C + row.label) * C + row.yHat] += y;
      eo[(s2 * C + row.label) * C + row.yHat] -= y;
    } else {
      oae[s1] += y;
      oae[s2] -= y;
    }
    constant += alpha[row.measure] * Math.abs(y);
  }
  return { eo, sp, oae, constant };
}

/** A Lagrangian value on rows with its influence-function standard error. */
export interface RowEstimate {
  /** Plug-in value on the rows. */
  readonly value: number;
  /** sqrt(sum_i (IF_i - mean IF)^2) / n: delta-method standard error of the ratio estimate. */
  readonly standardError: number;
}

interface Strata {
  readonly n: number;
  readonly nSY: Float64Array;
  readonly nS: Float64Array;
}

function strataOf(table: EncodedTable, A: number, C: number): Strata {
  const nSY = new Float64Array(A * C);
  const nS = new Float64Array(A);
  for (let i = 0; i < table.nRows; i++) {
    nSY[table.group[i] * C + table.label[i]] += 1;
    nS[table.group[i]] += 1;
  }
  for (let s = 0; s < A; s++)
    for (let y = 0; y < C; y++)
      if (nSY[s * C + y] === 0)
        throw new InputError(
          'E_EMPTY_GROUP_LABEL',
          `an evaluation split of "${table.name}" has no rows in group "${table.groupNames[s]}" with label "${table.classNames[y]}"; use more rows or fewer groups`,
        );
  return { n: table.nRows, nSY, nS };
}

/** Group rates of a rule on rows: P(yHat | s, y), P(yHat | s) and P(yHat = Y | s). */
function ruleRates(
  table: EncodedTable,
  proba: ArrayLike<number>,
  strata: Strata,
  A: number,
  C: number,
): { sy: Float64Array; s: Float64Array; oae: Float64Array } {
  const sy = new Float64Array(A * C * C);
  const s = new Float64Array(A * C);
  const oae = new Float64Array(A);
  for (let i = 0; i < strata.n; i++) {
    const g = table.group[i];
    const y = table.label[i];
    for (let j = 0; j < C; j++) {
      const f = proba[i * C + j];
      sy[(g * C + y) * C + j] += f / strata.nSY[g * C + y];
      s[g * C + j] += f / strata.nS[g];
    }
    oae[g] += proba[i * C + y] / strata.nS[g];
  }
  return { sy, s, oae };
}

/**
 * L(h, y; p_rows) for the rule `proba` (nRows x C row-major prediction probabilities) and its standard error.
 * The rates use the rows' own (s, y) and s counts as denominators; the influence of row i is
 * f_i(y_i) - n * sum over its strata of weight * (f_i - rate) / stratum size (delta method of a ratio).
 */
function lagrangianOnRows(
  table: EncodedTable,
  proba: ArrayLike<number>,
  w: RateWeights,
  strata: Strata,
  A: number,
  C: number,
): RowEstimate {
  const { n, nSY, nS } = strata;
  // Rates of the rule in each stratum.
  const rateSY = new Float64Array(A * C * C);
  const rateS = new Float64Array(A * C);
  const rateOae = new Float64Array(A);
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const s = table.group[i];
    const y = table.label[i];
    for (let j = 0; j < C; j++) {
      const f = proba[i * C + j];
      rateSY[(s * C + y) * C + j] += f / nSY[s * C + y];
      rateS[s * C + j] += f / nS[s];
    }
    rateOae[s] += proba[i * C + y] / nS[s];
    correct += proba[i * C + y];
  }
  let penalty = 0;
  for (let k = 0; k < rateSY.length; k++) penalty += w.eo[k] * rateSY[k];
  for (let k = 0; k < rateS.length; k++) penalty += w.sp[k] * rateS[k];
  for (let s = 0; s < A; s++) penalty += w.oae[s] * rateOae[s];
  const value = correct / n - penalty + w.constant;
  // Influence function of each row, then its sample variance.
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const s = table.group[i];
    const y = table.label[i];
    let eoTerm = 0;
    let spTerm = 0;
    for (let j = 0; j < C; j++) {
      const f = proba[i * C + j];
      eoTerm += w.eo[(s * C + y) * C + j] * (f - rateSY[(s * C + y) * C + j]);
      spTerm += w.sp[s * C + j] * (f - rateS[s * C + j]);
    }
    const oaeTerm = w.oae[s] * (proba[i * C + y] - rateOae[s]);
    const influence = proba[i * C + y] - n * (eoTerm / nSY[s * C + y] + (spTerm + oaeTerm) / nS[s]);
    sum += influence;
    sumSq += influence * influence;
  }
  const variance = Math.max(0, sumSq - (sum * sum) / n);
  return { value, standardError: Math.sqrt(variance) / n };
}

/**
 * The best response to the multipliers on the rows' cells: each cell predicts the class with the largest
 * Lagrangian score sum_{i in cell} [1(yHat = y_i)/n - rate weights / stratum size]. Returns one-hot proba.
 */
function bestResponse(
  table: EncodedTable,
  w: RateWeights,
  strata: Strata,
  cells: RowCells,
  A: number,
  C: number,
): Float64Array {
  const { n, nSY, nS } = strata;
  const { cellOfRow } = cells;
  const score = new Float64Array(cells.nCells * C);
  for (let i = 0; i < n; i++) {
    const k = cellOfRow[i];
    const s = table.group[i];
    const y = table.label[i];
    for (let j = 0; j < C; j++)
      score[k * C + j] +=
        (j === y ? 1 / n : 0) -
        w.eo[(s * C + y) * C + j] / nSY[s * C + y] -
        w.sp[s * C + j] / nS[s] -
        (j === y ? w.oae[s] / nS[s] : 0);
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
 * Evaluates the training fold's optimal rule `proba` and multipliers `duals` on evaluation rows. The sign
 * convention of the solver's row duals is fixed by `trainSign` (the sign whose dual function on the training
 * cells equals their FairFront; see `dualSign`).
 * @throws InputError E_EMPTY_GROUP_LABEL when the rows miss a (group, label) pair
 */
export function foldBounds(
  table: EncodedTable,
  proba: ArrayLike<number>,
  duals: Readonly<Record<Measure, ArrayLike<number>>>,
  alpha: Alphas,
  sign: number,
  isGroupAware: boolean,
  cells: RowCells = rowCells(table, isGroupAware),
): FoldBounds {
  const A = table.groupNames.length;
  const C = table.classNames.length;
  checkUnweighted(table);
  const layout = fairnessRowLayout(A, C);
  const w = rateWeights(layout, duals, alpha, sign);
  const strata = strataOf(table, A, C);
  const lower = lowerOnRows(table, proba, duals, alpha, sign, layout, strata);
  const upper = lagrangianOnRows(table, bestResponse(table, w, strata, cells, A, C), w, strata, A, C);
  return { lower, upper };
}

/**
 * The lower side of `foldBounds` alone (the interval scores several backed-off rules against one upper side).
 * @throws InputError E_EMPTY_GROUP_LABEL when the rows miss a (group, label) pair
 */
export function foldLowerBound(
  table: EncodedTable,
  proba: ArrayLike<number>,
  duals: Readonly<Record<Measure, ArrayLike<number>>>,
  alpha: Alphas,
  sign: number,
): RowEstimate {
  const A = table.groupNames.length;
  const C = table.classNames.length;
  checkUnweighted(table);
  return lowerOnRows(table, proba, duals, alpha, sign, fairnessRowLayout(A, C), strataOf(table, A, C));
}

function checkUnweighted(table: EncodedTable): void {
  if (table.weight)
    for (let i = 0; i < table.nRows; i++)
      if (rowWeight(table, i) !== 1)
        throw new InputError('E_BAD_OPTION', 'the interval needs unweighted rows (each row one draw)', {
          option: 'interval',
        });
}

/**
 * Lower side: FairFront >= acc(h) - sum_r max(0, y*_r (R_r(h) - bound_r)), so rows on which the rule is slack
 * earn no bonus (a noisy multiplier times a slack rate would otherwise lift the bound).
 */
function lowerOnRows(
  table: EncodedTable,
  proba: ArrayLike<number>,
  duals: Readonly<Record<Measure, ArrayLike<number>>>,
  alpha: Alphas,
  sign: number,
  layout: FairnessRowLayout,
  strata: Strata,
): RowEstimate {
  const { nGroups: A, nClasses: C } = layout;
  const rates = ruleRates(table, proba, strata, A, C);
  const penalizing = rateWeights(layout, duals, alpha, sign, (row, y) => {
    const rate = (s: number): number =>
      row.measure === 'eo'
        ? rates.sy[(s * C + row.label) * C + row.yHat]
        : row.measure === 'sp'
          ? rates.s[s * C + row.yHat]
          : rates.oae[s];
    return y * (rate(row.s1) - rate(row.s2)) - alpha[row.measure] * Math.abs(y) > 0;
  });
  return lagrangianOnRows(table, proba, penalizing, strata, A, C);
}

/**
 * D(y; p) on the cells of a distribution for both sign conventions of the row duals; returns the sign whose
 * value is the smaller (weak duality makes both upper bounds, and the right convention gives FairFront).
 */
export function dualSign(
  d: Distribution,
  duals: Readonly<Record<Measure, ArrayLike<number>>>,
  alpha: Alphas,
): number {
  const value = (sign: number): number => {
    const { nCells: K, nGroups: A, nClasses: C, mass } = d;
    const w = rateWeights(fairnessRowLayout(A, C), duals, alpha, sign);
    const muSY = new Float64Array(A * C);
    const muS = new Float64Array(A);
    for (let k = 0; k < K; k++)
      for (let s = 0; s < A; s++)
        for (let y = 0; y < C; y++) {
          muSY[s * C + y] += mass[(k * A + s) * C + y];
          muS[s] += mass[(k * A + s) * C + y];
        }
    let total = w.constant;
    for (let k = 0; k < K; k++) {
      let best = -Infinity;
      for (let j = 0; j < C; j++) {
        let sc = 0;
        for (let s = 0; s < A; s++)
          for (let y = 0; y < C; y++) {
            const p = mass[(k * A + s) * C + y];
            if (p === 0) continue;
            sc +=
              p *
              ((j === y ? 1 : 0) -
                w.eo[(s * C + y) * C + j] / muSY[s * C + y] -
                w.sp[s * C + j] / muS[s] -
                (j === y ? w.oae[s] / muS[s] : 0));
          }
        best = Math.max(best, sc);
      }
      total += best;
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
