import { InputError } from '../../errors.js';
import type { FeatureMatrix, Learner } from '../../learn/types.js';
import type { Rng } from '../../rng.js';
import { buildStrata, distinctRows } from './compressed-data.js';
import type { ExponentiatedGradientData } from './exponentiated-gradient.js';
import { createLagrangian, predictHard, type Predictor } from './lagrangian.js';
import { eventOfLabel, parityMoment, type ReductionCriterion } from './parity-moment.js';

/** fairlearn's GridSearch defaults: 10 grid points, multipliers up to 2, error and violation weighted equally. */
export const GRID_SEARCH_DEFAULTS = { gridSize: 10, gridLimit: 2, constraintWeight: 0.5 } as const;

export interface GridSearchOptions {
  /** A parity criterion (group loss is not a parity and has no grid here). */
  readonly measure: Exclude<ReductionCriterion, 'groupLoss'>;
  readonly gridSize?: number;
  /** Largest L1 norm of a grid point's multipliers. */
  readonly gridLimit?: number;
  /** Selection: minimize (1 - w) error + w max_j gamma_j. */
  readonly constraintWeight?: number;
  readonly learner: Learner;
  readonly rng: Rng;
}

export interface GridSearchResult {
  /** The selected deterministic classifier. */
  readonly predictor: Predictor;
  readonly bestIndex: number;
  /** Per grid point: its multipliers (fairlearn's basis coefficients), training error and largest moment. */
  readonly grid: readonly {
    readonly coefficients: readonly number[];
    readonly error: number;
    readonly violation: number;
  }[];
}

/**
 * fairlearn's GridSearch (Agarwal et al. 2018, section 3.4) for a parity criterion, with fairlearn's to-overall
 * moments: one cost-sensitive fit per point of a grid of Lagrange multipliers, and the fit minimizing
 * (1 - w) err + w max_j gamma_j. The grid is fairlearn's `_GridGenerator`: one dimension per (event, group) but the
 * last group in order of appearance, each coefficient an integer multiple of gridLimit / n in [-gridLimit,
 * gridLimit] with L1 norm at most gridLimit, enumerated in fairlearn's order and cut at gridSize points; a positive
 * coefficient is the multiplier of "+" (r_s - r), a negative one of "-".
 * @throws InputError E_TOO_MANY_CLASSES (labels other than 0/1), E_BAD_OPTION (criterion, gridSize, gridLimit, constraintWeight)
 */
export async function gridSearch(
  data: ExponentiatedGradientData,
  options: GridSearchOptions,
): Promise<GridSearchResult> {
  const { measure, learner, rng } = options;
  const gridSize = options.gridSize ?? GRID_SEARCH_DEFAULTS.gridSize;
  const gridLimit = options.gridLimit ?? GRID_SEARCH_DEFAULTS.gridLimit;
  const constraintWeight = options.constraintWeight ?? GRID_SEARCH_DEFAULTS.constraintWeight;
  if (
    (measure as string) === 'groupLoss' ||
    !['sp', 'eo', 'tpr', 'fpr', 'errorRate', 'oae'].includes(measure)
  )
    throw new InputError(
      'E_BAD_OPTION',
      `grid search takes sp, eo, tpr, fpr or errorRate, not ${String(measure)}`,
      {
        option: 'measure',
      },
    );
  if (!(Number.isInteger(gridSize) && gridSize >= 1 && gridSize <= 100_000))
    throw new InputError('E_BAD_OPTION', `gridSize must be an integer in 1..100000, got ${gridSize}`, {
      option: 'gridSize',
    });
  if (!(Number.isFinite(gridLimit) && gridLimit > 0))
    throw new InputError('E_BAD_OPTION', `gridLimit must be positive, got ${gridLimit}`, {
      option: 'gridLimit',
    });
  if (!(Number.isFinite(constraintWeight) && constraintWeight >= 0 && constraintWeight <= 1))
    throw new InputError('E_BAD_OPTION', `constraintWeight must be in [0, 1], got ${constraintWeight}`, {
      option: 'constraintWeight',
    });
  for (let i = 0; i < data.label.length; i++)
    if (data.label[i] !== 0 && data.label[i] !== 1)
      throw new InputError(
        'E_TOO_MANY_CLASSES',
        `grid search needs binary labels 0/1, found ${data.label[i]} at row ${i}`,
      );

  const { x: distinctX, indexOfRow } = distinctRows(data.x);
  const event = eventOfLabel(measure, data.label);
  const strata = buildStrata(indexOfRow, event, data.group, data.label, data.weight);
  const moment = parityMoment(measure, strata, data.nGroups, 'to-overall');
  const lagrangian = createLagrangian({
    x: data.x,
    ...(data.weight ? { rowWeight: data.weight } : {}),
    distinctX,
    strata,
    moment,
    learner,
    eps: 0,
    B: 1,
    rng,
  });
  // fairlearn's basis: events and groups in order of first appearance among the rows of a constrained event.
  const constrained = new Set(moment.constraints.map((c) => c.event));
  const events: number[] = [];
  const groupsOf = new Map<number, number[]>();
  for (let i = 0; i < data.label.length; i++) {
    const e = event[i];
    if (!constrained.has(e)) continue;
    if (!groupsOf.has(e)) {
      events.push(e);
      groupsOf.set(e, []);
    }
  }
  const groupOrder: number[] = [];
  for (let i = 0; i < data.group.length; i++)
    if (!groupOrder.includes(data.group[i])) groupOrder.push(data.group[i]);
  const basis: { plus: number; minus: number }[] = [];
  const indexOf = (e: number, s: number, sign: 1 | -1) =>
    moment.constraints.findIndex((c) => c.event === e && c.group1 === s && c.sign === sign);
  for (const e of events)
    for (const s of groupOrder.slice(0, -1)) basis.push({ plus: indexOf(e, s, 1), minus: indexOf(e, s, -1) });

  const points = integerGrid(basis.length, gridSize);
  const grid: { coefficients: number[]; error: number; violation: number }[] = [];
  const predictors: Predictor[] = [];
  let bestIndex = 0;
  let bestLoss = Infinity;
  points.coefficients.forEach((units, k) => {
    const lambda = new Float64Array(moment.constraints.length);
    const coefficients = units.map((u) => (points.nUnits > 0 ? (u * gridLimit) / points.nUnits : 0));
    coefficients.forEach((c, d) => {
      // A pair absent from the moment (a group without rows of the event) has no multiplier.
      if (c > 0 && basis[d].plus >= 0) lambda[basis[d].plus] = c;
      if (c < 0 && basis[d].minus >= 0) lambda[basis[d].minus] = -c;
    });
    const entry = lagrangian.respond(lambda);
    let violation = -Infinity;
    for (const g of entry.gamma) violation = Math.max(violation, g);
    const loss = (1 - constraintWeight) * entry.error + constraintWeight * violation;
    if (loss < bestLoss) {
      bestLoss = loss;
      bestIndex = k;
    }
    grid.push({ coefficients, error: entry.error, violation });
    predictors.push(entry.predictor);
  });
  return { predictor: predictors[bestIndex], bestIndex, grid };
}

/** 0/1 predictions of the selected classifier on the rows of x. */
export function gridSearchPredict(result: GridSearchResult, x: FeatureMatrix): Uint8Array {
  return predictHard(result.predictor, x);
}

/**
 * fairlearn `_GridGenerator` with every coefficient allowed negative and no L1 equality: the smallest n (from
 * floor((gridSize / 2^dim)^(1 / dim)) - 1 upward) whose integer points with L1 norm <= n number at least gridSize,
 * enumerated with the first coordinate slowest, from -n up; the first gridSize of them.
 */
function integerGrid(dim: number, gridSize: number): { coefficients: number[][]; nUnits: number } {
  let nUnits = Math.max(0, Math.floor((gridSize / 2 ** dim) ** (1 / dim) - 1));
  for (;;) {
    const out: number[][] = [];
    const entry = new Array<number>(dim).fill(0);
    const accumulate = (index: number, maxValue: number) => {
      if (index === dim) {
        out.push([...entry]);
        return;
      }
      for (let v = -maxValue; v <= maxValue; v++) {
        entry[index] = v;
        accumulate(index + 1, maxValue - Math.abs(v));
      }
    };
    accumulate(0, nUnits);
    if (out.length >= gridSize) return { coefficients: out.slice(0, gridSize), nUnits };
    nUnits++;
  }
}
