import { InputError } from '../errors.js';
import { normalizeDistribution, type Distribution } from './distribution.js';

/** One row of a counts table: how much weight falls on (cell, group, label). */
export interface CountRecord {
  readonly cell: string;
  readonly group: string;
  readonly label: string;
  readonly count: number;
}

export interface CountsOptions {
  /** Group names in order (default: order of first appearance). */
  readonly groupNames?: readonly string[];
  /** Class names in order (default: order of first appearance). */
  readonly classNames?: readonly string[];
  /** Whether the cell keys already contain the group. Default true. */
  readonly isGroupAware?: boolean;
}

/**
 * Builds a distribution from pre-aggregated counts. Repeated (cell, group, label) records add up.
 * @throws InputError E_NOT_FINITE, E_NEGATIVE_WEIGHT, E_EMPTY_INPUT, E_EMPTY_GROUP, E_EMPTY_GROUP_LABEL
 */
export function distributionFromCounts(
  records: Iterable<CountRecord>,
  options: CountsOptions = {},
): Distribution {
  const cells = new Map<string, number>();
  const groups = new Map<string, number>((options.groupNames ?? []).map((g, i) => [g, i]));
  const classes = new Map<string, number>((options.classNames ?? []).map((c, i) => [c, i]));
  const entries: [number, number, number, number][] = [];
  let n = 0;
  let line = 0;
  for (const r of records) {
    line++;
    if (!Number.isFinite(r.count))
      throw new InputError('E_NOT_FINITE', `count is not a finite number: ${r.count}`, { line });
    if (r.count < 0) throw new InputError('E_NEGATIVE_WEIGHT', `count is negative: ${r.count}`, { line });
    const intern = (m: Map<string, number>, v: string, fixed: boolean, what: string): number => {
      let i = m.get(v);
      if (i === undefined) {
        if (fixed) throw new InputError('E_BAD_OPTION', `unknown ${what} "${v}"`, { line });
        i = m.size;
        m.set(v, i);
      }
      return i;
    };
    entries.push([
      intern(cells, r.cell, false, 'cell'),
      intern(groups, r.group, options.groupNames !== undefined, 'group'),
      intern(classes, r.label, options.classNames !== undefined, 'label'),
      r.count,
    ]);
    n += r.count;
  }
  if (entries.length === 0) throw new InputError('E_EMPTY_INPUT', 'the counts table has no records');
  const sortedCells = [...cells.keys()].sort();
  const order = new Map(sortedCells.map((c, i) => [cells.get(c)!, i]));
  const nGroups = groups.size;
  const nClasses = classes.size;
  const weights = new Float64Array(sortedCells.length * nGroups * nClasses);
  for (const [c, s, y, w] of entries) weights[(order.get(c)! * nGroups + s) * nClasses + y] += w;
  return normalizeDistribution(
    {
      cellKeys: sortedCells,
      groupNames: [...groups.keys()],
      classNames: [...classes.keys()],
      isGroupAware: options.isGroupAware ?? true,
    },
    weights,
    new Float64Array(0),
    n,
  );
}
