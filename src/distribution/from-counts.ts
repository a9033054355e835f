import { InputError, describeValue } from '../errors.js';
import { checkMassSize } from '../check-masses.js';
import type { CountRecord } from '../data/counts/cell-counts.js';
import { normalizeDistribution, type Distribution } from './distribution.js';

export type { CountRecord };

/**
 * @deprecated The keyed form of a count record, kept for callers of `distributionFromCounts`; give a `CountRecord`
 * (`{ features: [cell], groups: [group], label, weight: count }`) instead.
 */
export interface KeyedCountRecord {
  readonly cell: string;
  readonly group: string;
  readonly label: string;
  readonly count: number;
}

/** The (cell, group, label) keys and the weight of a record, in either form. */
function keysOf(r: CountRecord | KeyedCountRecord): [string, string, string, number] {
  if ('cell' in r) return [r.cell, r.group, r.label, r.count];
  // Key values as text, as `valueText` in the data layer; several feature (group) values join with "|" (" & ").
  return [r.features.map(String).join('|'), r.groups.map(String).join(' & '), String(r.label), r.weight];
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
 * Builds a distribution from pre-aggregated counts whose keys are final: the record's feature values name the cell
 * (joined by "|"), its group values the group; `weight` is the mass. Cells are ordered by key text, groups and
 * classes by first appearance (or as declared). Repeated (cell, group, label) records add up.
 * @throws InputError E_NOT_FINITE, E_NEGATIVE_WEIGHT, E_EMPTY_INPUT, E_EMPTY_GROUP, E_EMPTY_GROUP_LABEL
 */
export function distributionFromCounts(
  records: Iterable<CountRecord | KeyedCountRecord>,
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
    const [cell, group, label, count] = keysOf(r);
    const what = 'cell' in r ? 'count' : 'weight';
    if (typeof count !== 'number')
      throw new InputError('E_NOT_NUMERIC', `${what} must be a number, got ${describeValue(count)}`, {
        line,
      });
    if (!Number.isFinite(count))
      throw new InputError('E_NOT_FINITE', `${what} is not a finite number: ${count}`, { line });
    if (count < 0) throw new InputError('E_NEGATIVE_WEIGHT', `${what} is negative: ${count}`, { line });
    const intern = (m: Map<string, number>, v: string, fixed: boolean, kind: string): number => {
      let i = m.get(v);
      if (i === undefined) {
        if (fixed) throw new InputError('E_BAD_OPTION', `unknown ${kind} "${v}"`, { line });
        i = m.size;
        m.set(v, i);
      }
      return i;
    };
    entries.push([
      intern(cells, cell, false, 'cell'),
      intern(groups, group, options.groupNames !== undefined, 'group'),
      intern(classes, label, options.classNames !== undefined, 'label'),
      count,
    ]);
    n += count;
  }
  if (entries.length === 0) throw new InputError('E_EMPTY_INPUT', 'the counts table has no records');
  const sortedCells = [...cells.keys()].sort();
  const order = new Map(sortedCells.map((c, i) => [cells.get(c)!, i]));
  const nGroups = groups.size;
  const nClasses = classes.size;
  checkMassSize(sortedCells.length, nGroups, nClasses);
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
