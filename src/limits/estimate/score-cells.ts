/**
 * Cells from learned posteriors (docs/estimation.md, The default estimate on a CSV): a row's cell is its group,
 * the class its posterior ranks first (multi-class only) and the quantile bin of that class's probability within
 * (group, class). Two classes use P(Y = 1 | x, s) itself, so the cells are the posterior's quantiles per group.
 * Any such cell is a function of (x, s), a garbling of the features (docs/design.md, Blackwell).
 */
export interface ScoreCells {
  readonly nGroups: number;
  readonly nClasses: number;
  /** Bins per (group, ranked-first class). */
  readonly nBins: number;
  /** Inner edges per stratum s * strata + c (nBins - 1 each, ascending): bin = number of edges <= value. */
  readonly edges: readonly Float64Array[];
}

/** Strata per group: one for two classes (the positive class's probability), else one per first class. */
const strataPerGroup = (nClasses: number) => (nClasses === 2 ? 1 : nClasses);

/** Total cells of a quantiser (every group, stratum and bin). */
export const scoreCellCount = (q: ScoreCells): number => q.nGroups * strataPerGroup(q.nClasses) * q.nBins;

/** The stratum and the quantised value of row i's posterior (proba row-major nRows x nClasses). */
function keyOf(proba: ArrayLike<number>, i: number, C: number): [number, number] {
  if (C === 2) return [0, proba[i * 2 + 1]];
  let best = 0;
  for (let c = 1; c < C; c++) if (proba[i * C + c] > proba[i * C + best]) best = c;
  return [best, proba[i * C + best]];
}

/**
 * Quantile edges of the rows `rows` (posteriors `proba`, groups `group`): nBins bins of equal row count per
 * (group, stratum); strata with no rows get no edges (one bin).
 */
export function fitScoreCells(
  proba: ArrayLike<number>,
  group: Int32Array,
  rows: ArrayLike<number>,
  nGroups: number,
  nClasses: number,
  nBins: number,
): ScoreCells {
  const strata = strataPerGroup(nClasses);
  const values: number[][] = Array.from({ length: nGroups * strata }, () => []);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    const [c, v] = keyOf(proba, i, nClasses);
    values[group[i] * strata + c].push(v);
  }
  const edges = values.map((list) => {
    if (list.length === 0) return new Float64Array(0);
    const sorted = Float64Array.from(list).sort();
    const out: number[] = [];
    for (let b = 1; b < nBins; b++) {
      const e = sorted[Math.min(sorted.length - 1, Math.floor((b * sorted.length) / nBins))];
      // Tied edges would make empty bins; keep distinct ones (a posterior with few values has few cells).
      if (out.length === 0 || e > out[out.length - 1]) out.push(e);
    }
    return Float64Array.from(out);
  });
  return { nGroups, nClasses, nBins, edges };
}

/** The cell of every row (0..scoreCellCount - 1), the group part of the id: group-aware cells. */
export function scoreCellsOf(q: ScoreCells, proba: ArrayLike<number>, group: Int32Array): Int32Array {
  const strata = strataPerGroup(q.nClasses);
  const out = new Int32Array(group.length);
  for (let i = 0; i < group.length; i++) {
    const [c, v] = keyOf(proba, i, q.nClasses);
    const stratum = group[i] * strata + c;
    const e = q.edges[stratum];
    let lo = 0;
    let hi = e.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (e[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    out[i] = stratum * q.nBins + lo;
  }
  return out;
}
