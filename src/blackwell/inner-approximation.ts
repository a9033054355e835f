import type { Model } from 'highs';
import { SolverError } from '../errors.js';
import { highsRuntime } from '../lp/highs-runtime.js';
import type { Bounds } from '../metrics/criterion.js';
import { violationsFromConditional } from '../metrics/violations.js';
import { Accumulator } from '../numeric.js';
import { addFairnessRows, jointCriterionValues, missedBound } from '../lp/fairness-rows.js';
import { addRow, createModel, emptyLp, type SparseLp } from '../lp/sparse-lp.js';
import { runChecked } from '../lp/checked-solve.js';
import { configureModel } from '../lp/solver-options.js';
import { innerProduct } from './support-function.js';
import { ALPHA_TOL } from './tolerances.js';

/**
 * The inner approximation of Algorithm 1 (column generation, Dantzig-Wolfe on the achievable set K): the
 * restricted master LP over the convex hull of achievable joint matrices found so far (best responses of the cuts,
 * nearest achievable points of the separator),
 *   maximize <C, Z>  over  Z = sum_i lambda_i Q_i + r+ - r-,  lambda in the simplex,
 *   fairness rows of docs/design.md (Fairness measures) on Z, and (slack eps > 0) ||r||_1 <= eps, rows of r
 * sum to 0, 0 <= Z <= mu.
 * Its value is achievable (a mixture of garblings, moved by at most eps), so it is a lower bound on the
 * (slack-relaxed) frontier. Its row duals give the Lagrangian direction y = C - sum_r pi_r F_r (F_r the
 * coefficients of row r on Z): the column of largest reduced cost is the best response to y (DW pricing), and
 * the cut <y, Z> <= sigma(y) + eps * (half the widest row range of y) bounds the outer master by the Lagrangian
 * value at pi. At the exact optimum no column prices out, the Lagrangian value equals the inner value, and that cut
 * closes the gap: the upper and lower bounds meet.
 */
export interface InnerMaster {
  /** Adds an achievable joint matrix (nStates x nClasses) as a column; false when it is already there. */
  addPoint(Q: Float64Array): boolean;
  /** Solves the restricted master (warm-started from the previous basis). */
  solve(): InnerSolution;
  readonly nColumns: () => number;
  dispose(): void;
}

export interface InnerSolution {
  /** <C, Z> recomputed from the cleaned Z. */
  readonly value: number;
  /** The best fair joint matrix within eps of conv(points): lambda clipped and renormalized, r clipped. */
  readonly Z: Float64Array;
  /** The Lagrangian direction y (nStates x nClasses): price columns and cut with it. */
  readonly direction: Float64Array;
}

/** Points are compared after rounding to this absolute precision (entries are probabilities of mass <= 1). */
const POINT_KEY_SCALE = 1e13;

export interface InnerMasterInput {
  readonly mu: Float64Array;
  readonly nGroups: number;
  readonly nClasses: number;
  readonly alpha: Bounds;
  readonly slack: number;
  readonly timeLimitSeconds: number;
}

/**
 * Opens the restricted master with no column (add at least one fair point, e.g. a constant classifier, before
 * `solve`).
 * @throws SolverError E_SOLVER_STATUS, E_SELF_CHECK from `solve`
 */
export async function openInnerMaster(input: InnerMasterInput): Promise<InnerMaster> {
  const { mu, nGroups: A, nClasses: C, alpha, slack, timeLimitSeconds } = input;
  const S = A * C;
  const nZ = S * C;
  const cost = new Float64Array(nZ);
  for (let t = 0; t < S; t++) cost[t * C + (t % C)] = 1;
  // Rows on Z ("Z-rows", each a linear function of Z and of the fairness rows' auxiliary columns at nZ..):
  // fairness, then with slack the bounds 0 <= Z <= mu.
  const zRows = emptyLp(nZ, cost, new Float64Array(nZ), new Float64Array(nZ));
  addFairnessRows(zRows, mu, A, C, alpha, 0);
  const nAux = zRows.numCols - nZ;
  const hasSlack = slack > 0;
  if (hasSlack) for (let i = 0; i < nZ; i++) addRow(zRows, [[i, 1]], 0, mu[Math.floor(i / C)]);
  const nZRows = zRows.rowLower.length;
  // The model: row 0 convexity, rows 1..nZRows the Z-rows, then (slack) S zero row sums of r and the budget.
  // Columns: (slack) r+ and r- first, then the auxiliary columns, then one lambda per point.
  const nR = hasSlack ? 2 * nZ : 0;
  const nFixed = nR + nAux;
  const rCost = new Float64Array(nFixed);
  for (let i = 0; i < nZ && hasSlack; i++) {
    rCost[i] = cost[i];
    rCost[nZ + i] = -cost[i];
  }
  const fixedLower = new Float64Array(nFixed);
  const fixedUpper = new Float64Array(nFixed).fill(slack);
  fixedLower.set(zRows.colLower.subarray(nZ), nR);
  fixedUpper.set(zRows.colUpper.subarray(nZ), nR);
  const lp: SparseLp = emptyLp(nFixed, rCost, fixedLower, fixedUpper);
  addRow(lp, [], 1, 1);
  for (let r = 0; r < nZRows; r++) {
    const entries: [number, number][] = [];
    for (let q = zRows.starts[r]; q < zRows.starts[r + 1]; q++) {
      const i = zRows.indices[q];
      if (i >= nZ) entries.push([nR + i - nZ, zRows.values[q]]);
      else if (hasSlack) entries.push([i, zRows.values[q]], [nZ + i, -zRows.values[q]]);
    }
    addRow(lp, entries, zRows.rowLower[r], zRows.rowUpper[r]);
  }
  if (hasSlack) {
    for (let t = 0; t < S; t++)
      addRow(
        lp,
        Array.from({ length: C }, (_, j) => [
          [t * C + j, 1] as [number, number],
          [nZ + t * C + j, -1] as [number, number],
        ]).flat(),
        0,
        0,
      );
    addRow(
      lp,
      Array.from({ length: nR }, (_, i) => [i, 1] as [number, number]),
      -Infinity,
      slack,
    );
  }
  const nRows = lp.rowLower.length;
  const highs = await highsRuntime();
  const points: Float64Array[] = [];
  const keys = new Set<string>();
  const columnOf = (Q: Float64Array) => {
    const indices: number[] = [0];
    const values: number[] = [1];
    for (let r = 0; r < nZRows; r++) {
      const acc = new Accumulator();
      for (let q = zRows.starts[r]; q < zRows.starts[r + 1]; q++)
        if (zRows.indices[q] < nZ) acc.add(zRows.values[q] * Q[zRows.indices[q]]);
      const v = acc.value();
      if (v !== 0) {
        indices.push(1 + r);
        values.push(v);
      }
    }
    return { indices, values };
  };
  let model: Model | undefined;
  const build = () => {
    model?.dispose();
    model = createModel(highs, lp, 'maximize');
    configureModel(model, 'simplex', timeLimitSeconds);
    for (const Q of points) appendColumn(Q);
  };
  const appendColumn = (Q: Float64Array) => {
    const { indices, values } = columnOf(Q);
    model!.addCols({
      cost: Float64Array.of(innerProduct(cost, Q)),
      lower: Float64Array.of(0),
      upper: Float64Array.of(Infinity),
      matrix: {
        format: 'csc',
        numCols: 1,
        numRows: nRows,
        starts: Int32Array.of(0, indices.length),
        indices: Int32Array.from(indices),
        values: Float64Array.from(values),
      },
    });
  };
  build();

  const solveOnce = () =>
    runChecked(model!, { what: 'inner (column-generation) master LP', timeLimitSeconds });
  return {
    addPoint(Q) {
      let key = '';
      for (let i = 0; i < nZ; i++) key += `${Math.round(Q[i] * POINT_KEY_SCALE)},`;
      if (keys.has(key)) return false;
      keys.add(key);
      const copy = Float64Array.from(Q);
      points.push(copy);
      appendColumn(copy);
      return true;
    },
    nColumns: () => points.length,
    solve() {
      let solution;
      try {
        solution = solveOnce();
      } catch (error) {
        // HiGHS occasionally ends a warm-started, highly degenerate solve with status "unknown": retry from the
        // logical basis on a fresh model before giving up.
        if (!(error instanceof SolverError) || error.code === 'E_SOLVER_TIME_LIMIT') throw error;
        build();
        solution = solveOnce();
      }
      // Z from the columns: lambda clipped and renormalized (an exact mixture of achievable points), r clipped.
      const lambda = solution.colValue.subarray(nFixed);
      let total = 0;
      for (let i = 0; i < points.length; i++) total += Math.max(0, lambda[i]);
      const Z = new Float64Array(nZ);
      for (let i = 0; i < points.length; i++) {
        const l = Math.max(0, lambda[i]) / total;
        if (l > 0) for (let q = 0; q < nZ; q++) Z[q] += l * points[i][q];
      }
      if (hasSlack)
        for (let i = 0; i < nZ; i++) {
          const rPlus = Math.min(slack, Math.max(0, solution.colValue[i]));
          const rMinus = Math.min(slack, Math.max(0, solution.colValue[nZ + i]));
          Z[i] = Math.max(0, Z[i] + rPlus - rMinus);
        }
      checkInnerPoint(Z, mu, A, C, alpha);
      const direction = Float64Array.from(cost);
      for (let r = 0; r < nZRows; r++) {
        const pi = solution.rowDual[1 + r];
        if (pi !== 0)
          for (let q = zRows.starts[r]; q < zRows.starts[r + 1]; q++)
            if (zRows.indices[q] < nZ) direction[zRows.indices[q]] -= pi * zRows.values[q];
      }
      return { value: innerProduct(cost, Z), Z, direction };
    },
    dispose() {
      model?.dispose();
      model = undefined;
    },
  };
}

/** The inner point must meet every bound (re-measured by the metric engine, docs/constraints.md). */
function checkInnerPoint(Z: Float64Array, mu: Float64Array, A: number, C: number, alpha: Bounds): void {
  const { values } = jointCriterionValues(Z, mu, A, C);
  const missed = missedBound(values, alpha, ALPHA_TOL);
  if (missed)
    throw new SolverError(
      'E_SELF_CHECK',
      `inner master: re-measured ${missed} ${values[missed]} misses its bound ${alpha[missed]}`,
    );
}
