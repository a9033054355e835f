import { checkOptionsObject } from '../check-masses.js';
import type { Distribution } from '../distribution/index.js';
import { InputError, describeValue } from '../errors.js';
import {
  type Bounds,
  CRITERIA,
  CRITERION_FLAGS,
  CRITERION_KIND,
  type Criterion,
  activeCriteria,
  completeBounds,
  isCriterion,
} from '../metrics/index.js';
import { type FairFrontPoint, type FrontierModelOptions, openFrontierModel } from './frontier-model.js';

/** Called after each solved alpha: done of total. */
export type ProgressCallback = (done: number, total: number) => void;

export interface SweepOptions extends FrontierModelOptions {
  /**
   * The swept criterion (docs/constraints.md), named as in the report: `sp`, `eo`, `oae`, `tpr`, `fpr`,
   * `errorRate`, `spRatio`, `tprRatio`, `fprRatio` or `groupLoss`.
   */
  readonly measure: Criterion;
  /**
   * Its bounds, each in [0, 1]: alpha for a difference, R for a ratio, Z for group loss. Solved in the given
   * order (sorted input warm-starts best). A difference or group-loss frontier rises with alpha or Z; a ratio
   * frontier falls as R rises (R = 1 is the tightest, R = 0 vacuous).
   */
  readonly alphas: readonly number[];
  /** The other criteria's bounds (absent = vacuous), e.g. `{ sp: 0.1, groupLoss: 0.4 }`. */
  readonly fixed?: Partial<Bounds>;
  readonly onProgress?: ProgressCallback;
}

export interface FrontierSweep {
  readonly measure: Criterion;
  /** Every criterion's fixed bound (vacuous where none was given); the swept one at its vacuous bound. */
  readonly fixed: Bounds;
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

function checkCriterion(c: unknown, option: string): Criterion {
  if (typeof c !== 'string' || !isCriterion(c))
    throw new InputError(
      'E_BAD_OPTION',
      `unknown fairness criterion "${String(c)}" (use ${CRITERIA.join(', ')})`,
      { option },
    );
  return c;
}

/** Most bounds in one sweep list (as the CLI's ranges): each is an LP, and 10 000 already take hours. */
export const MAX_SWEEP_POINTS = 10_000;

/** Checks a bound list of one criterion: non-empty, each a number in [0, 1] (E_BAD_ALPHA names the flag). */
function checkAlphaList(criterion: Criterion, alphas: unknown): readonly number[] {
  const word = CRITERION_KIND[criterion] === 'ratio' ? 'R' : criterion === 'groupLoss' ? 'Z' : 'alpha';
  if (!Array.isArray(alphas) || alphas.length === 0)
    throw new InputError('E_BAD_ALPHA', `the ${word} list of ${criterion} is empty or not an array`, {
      option: CRITERION_FLAGS[criterion],
    });
  if (alphas.length > MAX_SWEEP_POINTS)
    throw new InputError(
      'E_BAD_ALPHA',
      `the ${word} list of ${criterion} has ${alphas.length} entries; at most ${MAX_SWEEP_POINTS} (each is an LP)`,
      { option: CRITERION_FLAGS[criterion] },
    );
  // By index, not for...of: a hole or an undefined entry must be refused, never read as "no bound".
  for (let i = 0; i < alphas.length; i++) {
    const a: unknown = alphas[i];
    if (typeof a !== 'number')
      throw new InputError(
        'E_BAD_ALPHA',
        `entry ${i} of the ${word} list of ${criterion} must be a number in [0, 1], got ${Object.hasOwn(alphas, i) ? describeValue(a) : 'a hole (sparse array)'}`,
        { option: CRITERION_FLAGS[criterion] },
      );
    completeBounds({ [criterion]: a });
  }
  return Array.from(alphas as readonly number[]);
}

/** The fixed bounds without the swept criteria (a swept criterion given in `fixed` too is ambiguous). */
function fixedBounds(fixed: Partial<Bounds> | undefined, swept: readonly Criterion[]): Bounds {
  if (fixed !== undefined) checkOptionsObject(fixed, 'fixed');
  const bounds = completeBounds(fixed ?? {});
  for (const c of swept)
    if (fixed?.[c] !== undefined)
      throw new InputError('E_BAD_OPTION', `${c} is swept and fixed at once; leave it out of fixed`, {
        option: 'fixed',
      });
  return bounds;
}

/** The criteria whose rows the model needs up front: the swept ones and the active fixed ones. */
const rowsNeeded = (options: FrontierModelOptions, swept: readonly Criterion[], fixed: Bounds) => [
  ...(options.criteria ?? []),
  ...swept,
  ...activeCriteria(fixed),
];

/**
 * FairFront along one criterion's bounds with the others fixed, for any criterion and objective of
 * docs/constraints.md. The LP is built once; between bounds only the fairness row bounds (and, for a ratio, its
 * rows' coefficients) change, so HiGHS warm-starts from the previous basis (docs/design.md, The exact LP).
 * @throws InputError E_BAD_OPTION (unknown criterion, swept and fixed at once), E_BAD_ALPHA (a bound outside
 *   [0, 1]); SolverError as fairFront (E_INFEASIBLE when a group-loss bound Z cannot be met)
 * @example
 * const sweep = await sweepFrontier(d, { measure: 'spRatio', alphas: [0.6, 0.8, 1], fixed: { tpr: 0.05 } });
 */
export async function sweepFrontier(d: Distribution, options: SweepOptions): Promise<FrontierSweep> {
  checkOptionsObject(options, 'options');
  const measure = checkCriterion(options.measure, 'measure');
  const alphas = checkAlphaList(measure, options.alphas);
  const fixed = fixedBounds(options.fixed, [measure]);
  const started = performance.now();
  const model = await openFrontierModel(d, { ...options, criteria: rowsNeeded(options, [measure], fixed) });
  try {
    const points: FairFrontPoint[] = [];
    for (const a of alphas) {
      points.push(model.solve({ ...fixed, [measure]: a }));
      options.onProgress?.(points.length, alphas.length);
    }
    return {
      measure,
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

/** One axis of a frontier grid: a criterion and its bounds. */
export interface GridAxis {
  readonly measure: Criterion;
  readonly alphas: readonly number[];
}

export interface GridOptions extends FrontierModelOptions {
  readonly x: GridAxis;
  readonly y: GridAxis;
  /** The other criteria's bounds (absent = vacuous). */
  readonly fixed?: Partial<Bounds>;
  readonly onProgress?: ProgressCallback;
}

export interface FrontierGrid {
  readonly x: GridAxis;
  readonly y: GridAxis;
  readonly fixed: Bounds;
  /** points[i][j] at x.alphas[i], y.alphas[j]. */
  readonly points: readonly (readonly FairFrontPoint[])[];
  readonly bayesAccuracy: number;
  readonly elapsedMs: number;
}

/**
 * FairFront on a 2-D grid of any two different criteria's bounds (the others fixed), e.g. alpha_TPR x R of the
 * four-fifths rule. One model; rows of the grid are solved in a serpentine order so consecutive solves differ in
 * one bound and warm-start well.
 * @throws InputError E_BAD_OPTION (unknown or equal criteria), E_BAD_ALPHA; SolverError as fairFront
 */
export async function sweepFrontierGrid(d: Distribution, options: GridOptions): Promise<FrontierGrid> {
  checkOptionsObject(options, 'options');
  checkOptionsObject(options.x, 'options.x');
  checkOptionsObject(options.y, 'options.y');
  const xMeasure = checkCriterion(options.x.measure, 'x.measure');
  const yMeasure = checkCriterion(options.y.measure, 'y.measure');
  if (xMeasure === yMeasure)
    throw new InputError(
      'E_BAD_OPTION',
      `a frontier grid needs two different criteria, got ${xMeasure} twice`,
      {
        option: 'grid',
      },
    );
  const x = { measure: xMeasure, alphas: checkAlphaList(xMeasure, options.x.alphas) };
  const y = { measure: yMeasure, alphas: checkAlphaList(yMeasure, options.y.alphas) };
  const fixed = fixedBounds(options.fixed, [xMeasure, yMeasure]);
  const started = performance.now();
  const model = await openFrontierModel(d, {
    ...options,
    criteria: rowsNeeded(options, [xMeasure, yMeasure], fixed),
  });
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
