import {
  FAIR_PROJECTION_CHECK_EVERY,
  FAIR_PROJECTION_FEASIBILITY_TOL,
  FAIR_PROJECTION_GAP_TOL,
  INNER_MAX_ITER,
  INNER_TOL,
  QP_MAX_SWEEPS,
  RESIDUAL_BALANCE,
  RHO_ADAPT_ITER,
  RHO_FACTOR,
} from './tolerances.js';
import {
  constraintGram,
  constraintProducts,
  multiplierTable,
  rowMultiplier,
  type Divergence,
  type ProjectionConstraint,
  type ProjectionRows,
} from './projection-problem.js';

export interface AdmmOptions {
  readonly divergence: Divergence;
  /** Initial penalty; default 1 / mean diagonal of the constraint Gram matrix (scale-aware). */
  readonly rho?: number;
  readonly maxIter: number;
  /**
   * The scores q(i, u) inside the constraint matrices G_i (the base model's P(Y = u | x) standing in for the
   * label); default y, the projected scores themselves (the authors' construction).
   */
  readonly surrogate?: Float64Array;
}

export interface AdmmResult {
  /** Optimal dual multipliers, one per constraint (>= 0). */
  readonly lambda: Float64Array;
  /** The projected classifier h(lambda) on the fitting rows (n x C). */
  readonly h: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** max_j g_j(h): the largest constraint value (<= 0 when feasible). */
  readonly maxViolation: number;
  /** Primal objective sum_i w_i D(h_i, y_i) and the dual value at lambda (primal >= dual when h is feasible). */
  readonly primalObjective: number;
  readonly dualObjective: number;
  /** The penalty at the end (residual balancing changes it by factors of RHO_FACTOR). */
  readonly rho: number;
}

/**
 * The per-row minimizer of D(h, y) + z'h over the simplex (the "predict" step of Alghamdi et al.):
 * KL, D = KL(h || y): h = softmax(log y - z). Cross-entropy, D = KL(y || h): h_c = y_c / (nu + z_c) with nu
 * the root of sum_c h_c = 1 on nu > -min z (convex decreasing: Newton from the left converges monotonically).
 * Writes h into `out` at `offset` and returns D(h, y) + z'h (the row's dual value).
 */
export function projectRow(
  divergence: Divergence,
  y: Float64Array,
  offset: number,
  z: Float64Array,
  nClasses: number,
  out: Float64Array,
): number {
  const C = nClasses;
  if (divergence === 'kl') {
    let max = -Infinity;
    for (let c = 0; c < C; c++) max = Math.max(max, Math.log(y[offset + c]) - z[c]);
    let sum = 0;
    for (let c = 0; c < C; c++) {
      const e = Math.exp(Math.log(y[offset + c]) - z[c] - max);
      out[offset + c] = e;
      sum += e;
    }
    for (let c = 0; c < C; c++) out[offset + c] /= sum;
    // min_h KL(h||y) + z'h = -log sum_c y_c exp(-z_c)
    return -(max + Math.log(sum));
  }
  let cMin = 0;
  for (let c = 1; c < C; c++) if (z[c] < z[cMin]) cMin = c;
  // Start where the term of cMin alone is 2 (sum > 1), left of the root.
  let nu = -z[cMin] + y[offset + cMin] / 2;
  for (let it = 0; it < INNER_MAX_ITER; it++) {
    let f = -1;
    let df = 0;
    for (let c = 0; c < C; c++) {
      const d = nu + z[c];
      f += y[offset + c] / d;
      df -= y[offset + c] / (d * d);
    }
    const step = f / df;
    nu -= step;
    if (Math.abs(step) <= INNER_TOL * (1 + Math.abs(nu))) break;
  }
  let sum = 0;
  for (let c = 0; c < C; c++) sum += out[offset + c] = y[offset + c] / (nu + z[c]);
  let value = 0;
  for (let c = 0; c < C; c++) {
    const h = (out[offset + c] /= sum);
    value += y[offset + c] * Math.log(y[offset + c] / h) + z[c] * h;
  }
  return value;
}

/** D(h, y) of one row: KL(h || y) or KL(y || h). */
function rowDivergence(
  divergence: Divergence,
  y: Float64Array,
  h: Float64Array,
  offset: number,
  C: number,
): number {
  let v = 0;
  for (let c = 0; c < C; c++) {
    const a = h[offset + c];
    const b = y[offset + c];
    if (divergence === 'kl') v += a > 0 ? a * Math.log(a / b) : 0;
    else v += b * Math.log(b / a);
  }
  return v;
}

/**
 * Non-negative least squares step of ADMM: argmin_{lambda >= 0} (rho/2) lambda'Q lambda + d'lambda, by cyclic
 * coordinate descent warm-started at `lambda` (updated in place). Q is the PSD Gram matrix of the constraints.
 */
function solveNonNegativeQp(Q: Float64Array, d: Float64Array, rho: number, lambda: Float64Array): void {
  const k = d.length;
  const Ql = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    if (lambda[j] === 0) continue;
    for (let l = 0; l < k; l++) Ql[l] += Q[l * k + j] * lambda[j];
  }
  for (let sweep = 0; sweep < QP_MAX_SWEEPS; sweep++) {
    let largest = 0;
    let scale = 0;
    for (let j = 0; j < k; j++) {
      const diag = Q[j * k + j];
      if (!(diag > 0)) {
        lambda[j] = 0;
        continue;
      }
      const next = Math.max(0, lambda[j] - (rho * Ql[j] + d[j]) / (rho * diag));
      const delta = next - lambda[j];
      if (delta !== 0) {
        lambda[j] = next;
        for (let l = 0; l < k; l++) Ql[l] += Q[l * k + j] * delta;
        largest = Math.max(largest, Math.abs(delta));
      }
      scale = Math.max(scale, lambda[j]);
    }
    if (largest <= INNER_TOL * (1 + scale)) return;
  }
}

/**
 * Solves softmax(x) + rho x + a = 0 for x (the KL v-step of ADMM, x = v + log y), in place at x[o..o+C),
 * warm-started. Newton's method on this strongly monotone system: the Jacobian rho I + diag(p) - p p' is inverted
 * by Sherman-Morrison in O(C). A step that does not shrink the residual is replaced by the authors' fixed-point
 * step x <- -(softmax(x) + a) / rho (a contraction with factor at most 1 / (2 rho)).
 */
function klProximalStep(
  x: Float64Array,
  o: number,
  a: Float64Array,
  rho: number,
  C: number,
  p: Float64Array,
  F: Float64Array,
  saved: Float64Array,
): void {
  // The residual cannot go below the rounding of its largest term.
  let scale = 1;
  for (let c = 0; c < C; c++) scale = Math.max(scale, Math.abs(a[c]));
  const tol = INNER_TOL * scale;
  let norm = klResidual(x, o, a, rho, C, p, F);
  for (let it = 0; it < INNER_MAX_ITER && norm > tol; it++) {
    // Newton direction -J^{-1} F with J = D - p p', D = diag(rho + p).
    let pDp = 0;
    let pDF = 0;
    for (let c = 0; c < C; c++) {
      pDp += (p[c] * p[c]) / (rho + p[c]);
      pDF += (p[c] * F[c]) / (rho + p[c]);
    }
    const factor = pDF / (1 - pDp);
    for (let c = 0; c < C; c++) {
      saved[c] = x[o + c];
      x[o + c] -= (F[c] + p[c] * factor) / (rho + p[c]);
    }
    const next = klResidual(x, o, a, rho, C, p, F);
    if (next < norm) {
      norm = next;
      continue;
    }
    // Fall back to the fixed-point step from the saved point; stop when neither step makes progress.
    for (let c = 0; c < C; c++) x[o + c] = saved[c];
    klResidual(x, o, a, rho, C, p, F);
    for (let c = 0; c < C; c++) x[o + c] = -(p[c] + a[c]) / rho;
    const fixed = klResidual(x, o, a, rho, C, p, F);
    if (!(fixed < norm)) {
      for (let c = 0; c < C; c++) x[o + c] = saved[c];
      klResidual(x, o, a, rho, C, p, F);
      return;
    }
    norm = fixed;
  }
}

/** p = softmax(x[o..o+C)), F = p + rho x + a; returns max |F|. */
function klResidual(
  x: Float64Array,
  o: number,
  a: Float64Array,
  rho: number,
  C: number,
  p: Float64Array,
  F: Float64Array,
): number {
  let max = -Infinity;
  for (let c = 0; c < C; c++) max = Math.max(max, x[o + c]);
  let sum = 0;
  for (let c = 0; c < C; c++) sum += p[c] = Math.exp(x[o + c] - max);
  let norm = 0;
  for (let c = 0; c < C; c++) {
    p[c] /= sum;
    F[c] = p[c] + rho * x[o + c] + a[c];
    norm = Math.max(norm, Math.abs(F[c]));
  }
  return norm;
}

/**
 * FairProjection's ADMM (Alghamdi et al. 2022, Algorithm 1; the authors' `coreMP.admm`): the dual of
 *   min_h sum_i w_i D(h_i, y_i)  s.t.  sum_i w_i G_i' h_i <= 0
 * is min_{lambda >= 0} sum_i w_i psi_i(-G_i lambda) with psi_i the conjugate of D(., y_i) on the simplex. ADMM
 * splits v_i = -G_i lambda: (1) v-step, one small proximal problem per row (KL: the fixed point
 * x = -(softmax(x) + a) / rho with x = v + log y; cross-entropy: a quadratic per class and a scalar Newton solve
 * for the simplex multiplier); (2) lambda-step, a non-negative quadratic program in the k multipliers with the
 * fixed Gram matrix Q = sum_i w_i G_i'G_i; (3) scaled dual update mu_i += rho (v_i + G_i lambda).
 * Every FAIR_PROJECTION_CHECK_EVERY iterations the primal classifier h(lambda) is rebuilt; the loop stops when
 * it is feasible to FAIR_PROJECTION_FEASIBILITY_TOL and complementary slackness |lambda' g(h)| (the
 * primal-dual gap) is below FAIR_PROJECTION_GAP_TOL.
 */
export function fairProjectionAdmm(
  rows: ProjectionRows,
  y: Float64Array,
  constraints: readonly ProjectionConstraint[],
  moments: Float64Array,
  options: AdmmOptions,
): AdmmResult {
  const { nRows: n, nGroups, nClasses: C, group, weight } = rows;
  const { divergence, maxIter } = options;
  const q = options.surrogate ?? y;
  const k = constraints.length;
  const Q = constraintGram(constraints, moments, nGroups, C);
  // Initial penalty: the authors fix rho = 2 whatever the scale of G; 1 / mean diag(Q) makes rho G'G of order 1,
  // which took 2-8x fewer iterations (then residual balancing adapts it).
  let meanDiagonal = 0;
  for (let j = 0; j < k; j++) meanDiagonal += Q[j * k + j] / k;
  let rho = options.rho ?? (meanDiagonal > 0 ? 1 / meanDiagonal : 1);
  const lambda = new Float64Array(k);
  const mu = new Float64Array(n * C);
  const v = new Float64Array(n * C);
  const x = new Float64Array(n * C); // KL: warm start of the fixed point; CE: unused
  const zWarm = new Float64Array(n); // CE: warm start of the simplex multiplier
  const Gl = new Float64Array(n * C); // G_i lambda per row
  const previousGl = new Float64Array(n * C);
  const logY = new Float64Array(n * C);
  for (let t = 0; t < n * C; t++) {
    logY[t] = Math.log(y[t]);
    x[t] = logY[t];
  }
  const U = new Float64Array(n * C);
  const soft = new Float64Array(C);
  const residual = new Float64Array(C);
  const shift = new Float64Array(C);
  const saved = new Float64Array(C);
  const cv = new Float64Array(C);
  const h = new Float64Array(n * C);
  const zRow = new Float64Array(C);

  const refreshGl = () => {
    const { table, beta } = multiplierTable(constraints, lambda, nGroups, C);
    for (let i = 0; i < n; i++) {
      rowMultiplier(table, beta, group[i], q, i * C, C, zRow);
      for (let c = 0; c < C; c++) Gl[i * C + c] = zRow[c];
    }
  };

  const primal = (): {
    maxViolation: number;
    gap: number;
    primalObjective: number;
    dualObjective: number;
  } => {
    let dual = 0;
    let prim = 0;
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < C; c++) zRow[c] = Gl[i * C + c];
      dual += weight[i] * projectRow(divergence, y, i * C, zRow, C, h);
      prim += weight[i] * rowDivergence(divergence, y, h, i * C, C);
    }
    const g = constraintProducts(constraints, rows, q, h);
    let maxViolation = -Infinity;
    let slack = 0;
    for (let j = 0; j < k; j++) {
      maxViolation = Math.max(maxViolation, g[j]);
      slack += lambda[j] * g[j];
    }
    return {
      maxViolation: k > 0 ? maxViolation : 0,
      gap: Math.abs(slack),
      primalObjective: prim,
      dualObjective: dual,
    };
  };

  let iterations = 0;
  let converged = false;
  let status = primal();
  for (let it = 1; it <= maxIter; it++) {
    iterations = it;
    // (1) v-step, row by row.
    for (let i = 0; i < n; i++) {
      const o = i * C;
      for (let c = 0; c < C; c++) cv[c] = mu[o + c] + rho * Gl[o + c];
      if (divergence === 'kl') {
        for (let c = 0; c < C; c++) shift[c] = cv[c] - rho * logY[o + c];
        klProximalStep(x, o, shift, rho, C, soft, residual, saved);
        for (let c = 0; c < C; c++) v[o + c] = x[o + c] - logY[o + c];
      } else {
        // x_c(z) = (-(cv_c + z) + sqrt((cv_c + z)^2 + 4 rho y_c)) / 2, sum_c x_c(z) = 1 (decreasing, convex in z).
        let z = zWarm[i];
        for (let inner = 0; inner < INNER_MAX_ITER; inner++) {
          let g = -1;
          let dg = 0;
          for (let c = 0; c < C; c++) {
            const w = cv[c] + z;
            const r = Math.sqrt(w * w + 4 * rho * y[o + c]);
            const xc = w > 0 ? (2 * rho * y[o + c]) / (w + r) : (r - w) / 2;
            g += xc;
            dg -= xc / r;
          }
          const step = g / dg;
          z -= step;
          if (Math.abs(step) <= INNER_TOL * (1 + Math.abs(z))) break;
        }
        zWarm[i] = z;
        for (let c = 0; c < C; c++) {
          const w = cv[c] + z;
          const r = Math.sqrt(w * w + 4 * rho * y[o + c]);
          const xc = w > 0 ? (2 * rho * y[o + c]) / (w + r) : (r - w) / 2;
          v[o + c] = -(xc + cv[c]) / rho;
        }
      }
      for (let c = 0; c < C; c++) U[o + c] = mu[o + c] + rho * v[o + c];
    }
    // (2) lambda-step.
    const d = constraintProducts(constraints, rows, q, U);
    solveNonNegativeQp(Q, d, rho, lambda);
    previousGl.set(Gl);
    refreshGl();
    // (3) dual update, with the primal residual v + G lambda and the dual residual rho G (lambda - lambda_old).
    let primalResidual = 0;
    let dualResidual = 0;
    for (let i = 0; i < n; i++)
      for (let c = 0; c < C; c++) {
        const t = i * C + c;
        const r = v[t] + Gl[t];
        mu[t] += rho * r;
        primalResidual += weight[i] * r * r;
        const sd = Gl[t] - previousGl[t];
        dualResidual += weight[i] * sd * sd;
      }
    primalResidual = Math.sqrt(primalResidual);
    dualResidual = rho * Math.sqrt(dualResidual);
    // Residual balancing (Boyd et al. 2011, section 3.4.1): the authors' fixed rho = 2 took 4-10x more
    // iterations on Adult-like problems than a balanced one. mu is the unscaled multiplier: no rescaling. Rho is
    // frozen after RHO_ADAPT_ITER iterations so that the usual convergence guarantee of ADMM applies.
    if (it <= RHO_ADAPT_ITER && it % FAIR_PROJECTION_CHECK_EVERY === 0) {
      if (primalResidual > RESIDUAL_BALANCE * dualResidual) rho *= RHO_FACTOR;
      else if (dualResidual > RESIDUAL_BALANCE * primalResidual) rho /= RHO_FACTOR;
    }
    if (it % FAIR_PROJECTION_CHECK_EVERY === 0 || it === maxIter) {
      status = primal();
      if (status.maxViolation <= FAIR_PROJECTION_FEASIBILITY_TOL && status.gap <= FAIR_PROJECTION_GAP_TOL) {
        converged = true;
        break;
      }
    }
  }
  if (iterations === 0) status = primal();
  return {
    lambda,
    h,
    iterations,
    converged,
    maxViolation: status.maxViolation,
    primalObjective: status.primalObjective,
    dualObjective: status.dualObjective,
    rho,
  };
}
