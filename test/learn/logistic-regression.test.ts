import { test, expect } from 'vitest';
import {
  logisticRegression,
  type FeatureMatrix,
  type FittedLogisticRegression,
} from '../../src/learn/index.js';
import { createRng, randomNormal } from '../../src/rng.js';

const matrix = (rows: number[][]): FeatureMatrix => ({
  nRows: rows.length,
  nFeatures: rows[0].length,
  values: Float64Array.from(rows.flat()),
});

/**
 * Independent reference for one standardized feature z and binary y: Newton's method on
 * sum_i w_i log(1 + exp(-(2y_i - 1)(a + b z_i))) + b^2 / (4C). (The softmax model with two coefficient columns
 * and penalty (w0^2 + w1^2)/(2C) has its optimum at w1 = -w0 = b/2, hence b^2/(4C).)
 */
function newtonBinary(z: number[], y: number[], w: number[], C: number): { a: number; b: number } {
  let a = 0;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0,
      gb = b / (2 * C),
      haa = 0,
      hab = 0,
      hbb = 1 / (2 * C);
    for (let i = 0; i < z.length; i++) {
      const p = 1 / (1 + Math.exp(-(a + b * z[i])));
      ga += w[i] * (p - y[i]);
      gb += w[i] * (p - y[i]) * z[i];
      const h = w[i] * p * (1 - p);
      haa += h;
      hab += h * z[i];
      hbb += h * z[i] * z[i];
    }
    const det = haa * hbb - hab * hab;
    a -= (hbb * ga - hab * gb) / det;
    b -= (-hab * ga + haa * gb) / det;
  }
  return { a, b };
}

test('one numeric feature, binary labels: probabilities equal Newton on the closed-form binary objective', () => {
  const rng = createRng(3);
  const n = 300;
  const xs: number[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = 5 + 2 * randomNormal(rng);
    xs.push(x);
    ys.push(rng.next() < 1 / (1 + Math.exp(-(0.8 * (x - 5) - 0.3))) ? 1 : 0);
    ws.push(0.5 + rng.next());
  }
  const C = 0.05; // strong enough that the penalty matters
  const model = logisticRegression({ C, encoding: 'numeric' }).fit(
    { x: matrix(xs.map((v) => [v])), y: Int32Array.from(ys), nClasses: 2, weight: Float64Array.from(ws) },
    createRng(0),
  ) as FittedLogisticRegression;
  expect(model.converged).toBe(true);
  // Standardize as documented: weighted mean and weighted (population) standard deviation.
  const W = ws.reduce((s, w) => s + w, 0);
  const mean = xs.reduce((s, x, i) => s + ws[i] * x, 0) / W;
  const sd = Math.sqrt(xs.reduce((s, x, i) => s + ws[i] * (x - mean) ** 2, 0) / W);
  const z = xs.map((x) => (x - mean) / sd);
  const { a, b } = newtonBinary(z, ys, ws, C);
  const probe = [-3, 0, 4, 5, 6.5, 12];
  const proba = model.predictProba(matrix(probe.map((v) => [v])));
  probe.forEach((x, i) => {
    const expected = 1 / (1 + Math.exp(-(a + (b * (x - mean)) / sd)));
    expect(Math.abs(proba[2 * i + 1] - expected)).toBeLessThan(1e-6);
  });
});

test('a single categorical feature with weak regularization reaches the saturated optimum: per-level class frequencies', () => {
  // With one one-hot column the model is saturated: the MLE is p(y | level) = weighted share of y in the level.
  const levels = [0, 1, 2, 3];
  const counts = [
    [30, 10, 60],
    [5, 80, 15],
    [50, 25, 25],
    [1, 1, 8],
  ];
  const rows: number[][] = [];
  const y: number[] = [];
  counts.forEach((byClass, level) =>
    byClass.forEach((count, c) => {
      for (let k = 0; k < count; k++) {
        rows.push([levels[level]]);
        y.push(c);
      }
    }),
  );
  const model = logisticRegression({ C: 1e8, gradientTolerance: 1e-10, maxIterations: 5000 }).fit(
    { x: matrix(rows), y: Int32Array.from(y), nClasses: 3 },
    createRng(0),
  ) as FittedLogisticRegression;
  expect(model.columns[0].kind).toBe('onehot');
  const proba = model.predictProba(matrix(levels.map((v) => [v])));
  counts.forEach((byClass, level) => {
    const total = byClass.reduce((s, v) => s + v, 0);
    byClass.forEach((count, c) => expect(Math.abs(proba[level * 3 + c] - count / total)).toBeLessThan(1e-5));
  });
});

test('the stationarity conditions hold at the solution, checked from the predictions', () => {
  // d/d b_c: sum_i w_i (p_ic - [y_i = c]) = 0 (intercepts unpenalized);
  // d/d W_{l,c} for one-hot level l: sum_{i at level l} w_i (p_ic - [y_i = c]) + W_{l,c} / C = 0.
  const rng = createRng(8);
  const n = 2000;
  const nClasses = 4;
  const rows: number[][] = [];
  const y = new Int32Array(n);
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.floor(rng.next() * 5);
    const b = Math.floor(rng.next() * 3);
    rows.push([a, b]);
    y[i] = (a + b + (rng.next() < 0.4 ? 1 : 0)) % nClasses;
    weight[i] = rng.next() * 3;
  }
  const C = 0.7;
  const x = matrix(rows);
  const model = logisticRegression({ C }).fit(
    { x, y, nClasses, weight },
    createRng(0),
  ) as FittedLogisticRegression;
  expect(model.converged).toBe(true);
  const p = model.predictProba(x);
  const W = weight.reduce((s, w) => s + w, 0);
  for (let c = 0; c < nClasses; c++) {
    let g = 0;
    for (let i = 0; i < n; i++) g += weight[i] * (p[i * nClasses + c] - (y[i] === c ? 1 : 0));
    expect(Math.abs(g / W)).toBeLessThan(1e-6);
  }
  for (const [j, col] of model.columns.entries()) {
    if (col.kind !== 'onehot') throw new Error('expected one-hot columns');
    col.levels.forEach((level, l) => {
      for (let c = 0; c < nClasses; c++) {
        let g = model.coefficients[(col.offset + l) * nClasses + c] / C;
        for (let i = 0; i < n; i++)
          if (rows[i][j] === level) g += weight[i] * (p[i * nClasses + c] - (y[i] === c ? 1 : 0));
        expect(Math.abs(g / W)).toBeLessThan(1e-6);
      }
    });
  }
});

test('a weight of 2 fits the same model as the row written twice', () => {
  const rng = createRng(21);
  const rows = Array.from({ length: 60 }, () => [randomNormal(rng), randomNormal(rng)]);
  const y = Int32Array.from(rows, (r) => (r[0] + 0.5 * r[1] + randomNormal(rng) > 0 ? 1 : 0));
  const weight = new Float64Array(60).fill(1);
  weight[7] = 2;
  const learner = logisticRegression({ gradientTolerance: 1e-10 });
  const weighted = learner.fit({ x: matrix(rows), y, nClasses: 2, weight }, createRng(0));
  const duplicated = learner.fit(
    { x: matrix([...rows, rows[7]]), y: Int32Array.from([...y, y[7]]), nClasses: 2 },
    createRng(0),
  );
  const probe = matrix([
    [0, 0],
    [1, -1],
    [-2, 0.5],
  ]);
  const a = weighted.predictProba(probe);
  const b = duplicated.predictProba(probe);
  for (let k = 0; k < a.length; k++) expect(Math.abs(a[k] - b[k])).toBeLessThan(1e-8);
});

test('many classes and continuous features: 12 classes recovered from a known softmax model', () => {
  // g(x) = P(S, Y | X = x) in docs/design.md (Blackwell, cuts and continuous features) needs A*C classes;
  // true logits (c - 5.5) * x0 / 3 + (c % 3) * x1.
  const rng = createRng(4);
  const n = 6000;
  const K = 12;
  const values = new Float64Array(n * 2);
  const y = new Int32Array(n);
  const logits = (x0: number, x1: number) =>
    Array.from({ length: K }, (_, c) => ((c - 5.5) * x0) / 3 + (c % 3) * x1);
  for (let i = 0; i < n; i++) {
    const x0 = 10 * randomNormal(rng);
    const x1 = 100 + randomNormal(rng);
    values[2 * i] = x0;
    values[2 * i + 1] = x1;
    const l = logits(x0, x1);
    const max = Math.max(...l);
    const e = l.map((v) => Math.exp(v - max));
    let u = rng.next() * e.reduce((s, v) => s + v, 0);
    let c = 0;
    while (c < K - 1 && u >= e[c]) u -= e[c++];
    y[i] = c;
  }
  const model = logisticRegression({ C: 100 }).fit(
    { x: { nRows: n, nFeatures: 2, values }, y, nClasses: K },
    createRng(0),
  ) as FittedLogisticRegression;
  expect(model.columns.map((c) => c.kind)).toEqual(['numeric', 'numeric']);
  expect(model.converged).toBe(true);
  // Mean absolute error of the probabilities against the true model on fresh points.
  const probe = Array.from({ length: 200 }, () => [5 * randomNormal(rng), 100 + randomNormal(rng)]);
  const p = model.predictProba(matrix(probe));
  let error = 0;
  probe.forEach(([x0, x1], i) => {
    const l = logits(x0, x1);
    const max = Math.max(...l);
    const e = l.map((v) => Math.exp(v - max));
    const total = e.reduce((s, v) => s + v, 0);
    let rowSum = 0;
    for (let c = 0; c < K; c++) {
      error += Math.abs(p[i * K + c] - e[c] / total);
      rowSum += p[i * K + c];
    }
    expect(Math.abs(rowSum - 1)).toBeLessThan(1e-12);
  });
  expect(error / (probe.length * K)).toBeLessThan(0.01);
});

test('an unseen category contributes nothing: the prediction is the softmax of the remaining terms', () => {
  const x = matrix([
    [0, 1],
    [1, 1],
    [2, 0],
    [0, 0],
    [1, 0],
    [2, 1],
  ]);
  const y = Int32Array.from([0, 1, 1, 0, 0, 1]);
  const model = logisticRegression().fit({ x, y, nClasses: 2 }, createRng(0)) as FittedLogisticRegression;
  const [col0, col1] = model.columns;
  if (col0.kind !== 'onehot' || col1.kind !== 'onehot') throw new Error('expected one-hot');
  const p = model.predictProba(matrix([[7, 1]]));
  const z = [0, 1].map(
    (c) => model.intercepts[c] + model.coefficients[(col1.offset + col1.levels.indexOf(1)) * 2 + c],
  );
  const expected = Math.exp(z[1]) / (Math.exp(z[0]) + Math.exp(z[1]));
  expect(Math.abs(p[1] - expected)).toBeLessThan(1e-12);
});

test('refuses non-finite features and out-of-range classes with the place', () => {
  const learner = logisticRegression();
  expect(() =>
    learner.fit({ x: matrix([[1], [NaN]]), y: Int32Array.from([0, 1]), nClasses: 2 }, createRng(0)),
  ).toThrow(/feature 0 is NaN.*row 1/);
  expect(() =>
    learner.fit({ x: matrix([[1], [2]]), y: Int32Array.from([0, 2]), nClasses: 2 }, createRng(0)),
  ).toThrow(/class 2 is outside 0..1.*row 1/);
  expect(() =>
    learner.fit(
      { x: matrix([[1], [2]]), y: Int32Array.from([0, 1]), nClasses: 2, weight: Float64Array.from([1, -1]) },
      createRng(0),
    ),
  ).toThrow(/negative.*row 1/);
});
