import { InputError, type Where } from './errors.js';
import { Accumulator } from './numeric.js';

/**
 * Largest |sum of masses - 1| accepted from a caller. Distributions built by fairlimit sum to 1 within a few ulps
 * per cell (compensated sums); 1e-9 leaves room for masses a caller normalized in plain floating point over
 * millions of cells, and is far below any accuracy difference a report prints.
 */
export const MASS_SUM_TOL = 1e-9;

/**
 * Most entries of a dense mass array (cells x groups x classes), 400 MB of doubles. Group-aware cells grow with
 * the groups, so the array grows with their square: 10 000 groups of two rows each would need 1.6 GB before the
 * LP. Builders refuse larger tables up front (checkMassSize) instead of failing inside the allocator.
 */
export const MAX_MASS_ENTRIES = 50_000_000;

/**
 * Refuses a distribution whose dense mass array would exceed MAX_MASS_ENTRIES, naming the counts and the limit
 * (docs/robustness.md, Limits).
 * @throws InputError E_TOO_MANY_CELLS
 */
export function checkMassSize(nCells: number, nGroups: number, nClasses: number, where: Where = {}): void {
  const entries = nCells * nGroups * nClasses;
  if (entries > MAX_MASS_ENTRIES)
    throw new InputError(
      'E_TOO_MANY_CELLS',
      `${nCells} cells x ${nGroups} groups x ${nClasses} classes = ${entries} masses, above the limit of ${MAX_MASS_ENTRIES}: ` +
        'merge rare groups (--group-values), use coarser bins, or --group-blind cells',
      where,
    );
}

/** The shape every distribution-like input shares: p(x = k, s, y) at `(k * nGroups + s) * nClasses + y`. */
export interface MassTable {
  readonly nCells: number;
  readonly nGroups: number;
  readonly nClasses: number;
  readonly mass: ArrayLike<number>;
}

function bad(
  code: 'E_NOT_A_DISTRIBUTION' | 'E_NOT_FINITE' | 'E_NEGATIVE_WEIGHT',
  why: string,
  option: string,
) {
  return new InputError(code, why, { option });
}

const isCount = (v: unknown, min: number): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min;

/**
 * Checks a distribution given by a caller at a public entry (bayesAccuracy, fairFront, the Blackwell experiment,
 * ...): positive integer sizes, a mass array of exactly nCells x nGroups x nClasses finite, non-negative entries
 * summing to 1 (within MASS_SUM_TOL), and, when present, name lists of the matching lengths. Without this, a
 * negative mass or masses summing to 3 come back as an "optimal" accuracy of 2.8.
 * @param option the argument's name in messages (e.g. "distribution")
 * @throws InputError E_NOT_A_DISTRIBUTION (shape or sum), E_NOT_FINITE, E_NEGATIVE_WEIGHT
 */
export function checkMassTable(d: unknown, option = 'distribution'): asserts d is MassTable {
  if (d === null || typeof d !== 'object')
    throw bad(
      'E_NOT_A_DISTRIBUTION',
      `${option} must be an object, got ${d === null ? 'null' : typeof d}`,
      option,
    );
  const t = d as Partial<Record<keyof MassTable, unknown>> & Record<string, unknown>;
  for (const key of ['nCells', 'nGroups', 'nClasses'] as const)
    if (!isCount(t[key], 1))
      throw bad(
        'E_NOT_A_DISTRIBUTION',
        `${option}.${key} must be a positive integer, got ${String(t[key])}`,
        option,
      );
  const { nCells, nGroups, nClasses } = t as unknown as MassTable;
  const mass = t.mass as ArrayLike<number> | undefined;
  if (mass === null || typeof mass !== 'object' || typeof mass.length !== 'number')
    throw bad('E_NOT_A_DISTRIBUTION', `${option}.mass must be an array of numbers`, option);
  const expected = nCells * nGroups * nClasses;
  if (mass.length !== expected)
    throw bad(
      'E_NOT_A_DISTRIBUTION',
      `${option}.mass has ${mass.length} entries; nCells x nGroups x nClasses = ${nCells} x ${nGroups} x ${nClasses} = ${expected}`,
      option,
    );
  const sum = new Accumulator();
  for (let j = 0; j < expected; j++) {
    const m = mass[j];
    if (typeof m !== 'number' || !Number.isFinite(m))
      throw bad('E_NOT_FINITE', `${option}.mass[${j}] is ${String(m)}, not a finite number`, option);
    if (m < 0) throw bad('E_NEGATIVE_WEIGHT', `${option}.mass[${j}] is negative (${m})`, option);
    sum.add(m);
  }
  const total = sum.value();
  if (!(Math.abs(total - 1) <= MASS_SUM_TOL))
    throw bad('E_NOT_A_DISTRIBUTION', `${option}.mass sums to ${total}, not 1`, option);
  const lengths: [string, number][] = [
    ['cellKeys', nCells],
    ['groupNames', nGroups],
    ['classNames', nClasses],
  ];
  for (const [key, n] of lengths) {
    const list = t[key] as { length?: unknown } | undefined;
    if (list !== undefined && (list === null || list.length !== n))
      throw bad(
        'E_NOT_A_DISTRIBUTION',
        `${option}.${key} has ${String(list?.length)} entries, not ${n}`,
        option,
      );
  }
  const rows = t.rowsPerCell as { length?: unknown } | undefined;
  if (rows !== undefined && (rows === null || (rows.length !== 0 && rows.length !== nCells)))
    throw bad(
      'E_NOT_A_DISTRIBUTION',
      `${option}.rowsPerCell has ${String(rows?.length)} entries, not ${nCells}`,
      option,
    );
}

/**
 * Refuses an options argument that is not a plain object (undefined, null, a number), which would otherwise
 * surface as a TypeError deep inside.
 * @throws InputError E_BAD_OPTION naming the function's argument
 */
export function checkOptionsObject(value: unknown, name: string): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new InputError(
      'E_BAD_OPTION',
      `${name} must be an options object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`,
      {
        option: name,
      },
    );
}
