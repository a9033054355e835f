/**
 * Limited-memory BFGS (Nocedal and Wright, Numerical Optimization, Alg. 7.4 and 7.5) with a backtracking
 * Armijo line search, for smooth convex objectives. Stops when the largest gradient entry is at most
 * `gradientTolerance`, or after `maxIterations`.
 */
export interface LbfgsOptions {
  readonly maxIterations: number;
  readonly gradientTolerance: number;
  /** Correction pairs kept. */
  readonly memory: number;
}

export interface LbfgsResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly gradient: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** max_j |gradient_j| at x. */
  readonly gradientMaxAbs: number;
}

/** Sufficient decrease constant of the Armijo rule. */
const ARMIJO_C1 = 1e-4;
/** Step halvings before the line search gives up (the iterate is then as good as it gets in double precision). */
const MAX_BACKTRACKS = 60;

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
const maxAbs = (a: Float64Array): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
};

/** `evaluate(x, gradientOut)` returns f(x) and writes the gradient. */
export function lbfgs(
  evaluate: (x: Float64Array, gradient: Float64Array) => number,
  x0: Float64Array,
  options: LbfgsOptions,
): LbfgsResult {
  const d = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(d);
  let f = evaluate(x, g);
  const sHistory: Float64Array[] = [];
  const yHistory: Float64Array[] = [];
  const rhoHistory: number[] = [];
  const direction = new Float64Array(d);
  const alpha = new Float64Array(options.memory);
  let iterations = 0;
  let converged = maxAbs(g) <= options.gradientTolerance;
  let xNew = new Float64Array(d);
  let gNew = new Float64Array(d);
  while (!converged && iterations < options.maxIterations) {
    // Two-loop recursion: direction = -H g.
    direction.set(g);
    for (let k = sHistory.length - 1; k >= 0; k--) {
      alpha[k] = rhoHistory[k] * dot(sHistory[k], direction);
      const yk = yHistory[k];
      for (let j = 0; j < d; j++) direction[j] -= alpha[k] * yk[j];
    }
    const last = sHistory.length - 1;
    const gamma =
      last >= 0
        ? dot(sHistory[last], yHistory[last]) / dot(yHistory[last], yHistory[last])
        : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let j = 0; j < d; j++) direction[j] *= gamma;
    for (let k = 0; k < sHistory.length; k++) {
      const beta = rhoHistory[k] * dot(yHistory[k], direction);
      const sk = sHistory[k];
      for (let j = 0; j < d; j++) direction[j] += (alpha[k] - beta) * sk[j];
    }
    for (let j = 0; j < d; j++) direction[j] = -direction[j];
    let slope = dot(g, direction);
    if (!(slope < 0)) {
      // Not a descent direction (lost curvature information): restart with steepest descent.
      sHistory.length = yHistory.length = rhoHistory.length = 0;
      const scale = 1 / Math.max(1, Math.sqrt(dot(g, g)));
      for (let j = 0; j < d; j++) direction[j] = -g[j] * scale;
      slope = dot(g, direction);
    }
    let step = 1;
    let fNew = Infinity;
    let accepted = false;
    for (let b = 0; b < MAX_BACKTRACKS; b++) {
      for (let j = 0; j < d; j++) xNew[j] = x[j] + step * direction[j];
      fNew = evaluate(xNew, gNew);
      if (fNew <= f + ARMIJO_C1 * step * slope) {
        accepted = true;
        break;
      }
      step /= 2;
    }
    iterations++;
    if (!accepted) break;
    const s = new Float64Array(d);
    const yv = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      s[j] = xNew[j] - x[j];
      yv[j] = gNew[j] - g[j];
    }
    const sy = dot(s, yv);
    if (sy > 1e-300) {
      if (sHistory.length === options.memory) {
        sHistory.shift();
        yHistory.shift();
        rhoHistory.shift();
      }
      sHistory.push(s);
      yHistory.push(yv);
      rhoHistory.push(1 / sy);
    }
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    f = fNew;
    converged = maxAbs(g) <= options.gradientTolerance;
  }
  return { x, value: f, gradient: g, iterations, converged, gradientMaxAbs: maxAbs(g) };
}
