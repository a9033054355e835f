import { checkOptionsObject } from '../check-masses.js';
import type { Distribution } from '../distribution/index.js';
import { InputError } from '../errors.js';
import { type Alphas, type Measure, isMeasure } from '../metrics/measure.js';
import {
  type FairFrontPoint,
  type FrontierModelOptions,
  completeAlphas,
  openFrontierModel,
} from './frontier-model.js';

/** Called after each solved alpha: done of total. */
export type ProgressCallback = (done: number, total: number) => void;

export interface SweepOptions extends FrontierModelOptions {
  /** The swept measure. */
  readonly measure: Measure;
  /** Its alphas, each in [0, 1]. Solved in the given order (sorted input warm-starts best). */
  readonly alphas: readonly number[];
  /** The other measures' alphas (absent = vacuous). */
  readonly fixed?: Partial<Alphas>;
  readonly onProgress?: ProgressCallback;
}

export interface FrontierSweep {
  readonly measure: Measure;
  readonly fixed: Alphas;
  readonly points: readonly FairFrontPoint[];
  readonly bayesAccuracy: number;
  readonly model: {
    readonly nColumns: number;
    readonly nRows: number;
    readonly nNonzeros: number;
    readonly nLpCells: number;
    readonly algorithm: string;
  };
  readonly elapsedMs: number;
}

function checkAlphaList(alphas: readonly number[], option: string): void {
  if (alphas.length === 0) throw new InputError('E_BAD_ALPHA', 'the alpha list is empty', { option });
  for (const a of alphas)
    if (typeof a !== 'number' || !Number.isFinite(a) || a < 0 || a > 1)
      throw new InputError('E_BAD_ALPHA', `every alpha must be a number in [0, 1], got ${a}`, { option });
}

/**
 * FairFront along one measure's alphas with the others fixed. The LP is built once; between alphas only the
 * fairness row bounds change, so HiGHS warm-starts from the previous basis (docs/design.md, The exact LP).
 * @throws InputError E_BAD_ALPHA; SolverError as fairFront
 */
export async function sweepFrontier(d: Distribution, options: SweepOptions): Promise<FrontierSweep> {
  checkOptionsObject(options, 'options');
  if (!isMeasure(options.measure))
    throw new InputError('E_BAD_OPTION', `unknown measure "${options.measure}"`, { option: 'measure' });
  checkAlphaList(options.alphas, options.measure);
  const fixed = completeAlphas(options.fixed ?? {});
  const started = performance.now();
  const model = await openFrontierModel(d, options);
  try {
    const points: FairFrontPoint[] = [];
    for (const a of options.alphas) {
      points.push(model.solve({ ...fixed, [options.measure]: a }));
      options.onProgress?.(points.length, options.alphas.length);
    }
    return {
      measure: options.measure,
      fixed,
      points,
      bayesAccuracy: model.bayesAccuracy,
      model: {
        nColumns: model.nColumns,
        nRows: model.nRows,
        nNonzeros: model.nNonzeros,
        nLpCells: model.nLpCells,
        algorithm: model.algorithm,
      },
      elapsedMs: performance.now() - started,
    };
  } finally {
    model.dispose();
  }
}

export interface GridOptions extends FrontierModelOptions {
  readonly x: { readonly measure: Measure; readonly alphas: readonly number[] };
  readonly y: { readonly measure: Measure; readonly alphas: readonly number[] };
  readonly fixed?: Partial<Alphas>;
  readonly onProgress?: ProgressCallback;
}

export interface FrontierGrid {
  readonly x: { readonly measure: Measure; readonly alphas: readonly number[] };
  readonly y: { readonly measure: Measure; readonly alphas: readonly number[] };
  readonly fixed: Alphas;
  /** points[i][j] at x.alphas[i], y.alphas[j]. */
  readonly points: readonly (readonly FairFrontPoint[])[];
  readonly bayesAccuracy: number;
  readonly elapsedMs: number;
}

/**
 * FairFront on a 2-D grid of two measures' alphas (the third fixed). One model; rows of the grid are solved
 * in a serpentine order so consecutive solves differ in one alpha and warm-start well.
 */
export async function sweepFrontierGrid(d: Distribution, options: GridOptions): Promise<FrontierGrid> {
  checkOptionsObject(options, 'options');
  checkOptionsObject(options.x, 'options.x');
  checkOptionsObject(options.y, 'options.y');
  const { x, y } = options;
  if (!isMeasure(x.measure) || !isMeasure(y.measure) || x.measure === y.measure)
    throw new InputError('E_BAD_OPTION', 'a frontier grid needs two different measures (sp, eo, oae)', {
      option: 'grid',
    });
  checkAlphaList(x.alphas, x.measure);
  checkAlphaList(y.alphas, y.measure);
  const fixed = completeAlphas(options.fixed ?? {});
  const started = performance.now();
  const model = await openFrontierModel(d, options);
  const total = x.alphas.length * y.alphas.length;
  let done = 0;
  try {
    const points: FairFrontPoint[][] = x.alphas.map(() => new Array(y.alphas.length));
    x.alphas.forEach((ax, i) => {
      const order = i % 2 === 0 ? y.alphas.map((_, j) => j) : y.alphas.map((_, j) => y.alphas.length - 1 - j);
      for (const j of order) {
        points[i][j] = model.solve({ ...fixed, [x.measure]: ax, [y.measure]: y.alphas[j] });
        options.onProgress?.(++done, total);
      }
    });
    return {
      x,
      y,
      fixed,
      points,
      bayesAccuracy: model.bayesAccuracy,
      elapsedMs: performance.now() - started,
    };
  } finally {
    model.dispose();
  }
}
