import type { SmallSampleFlag } from './prediction-types.js';

/** Which groups and (group, label) pairs are numerous enough to have their rates reported. */
export interface SampleSizeCheck {
  readonly flags: readonly SmallSampleFlag[];
  /** isGroupOk[s]: group s has positive weight and at least minCount rows. */
  readonly isGroupOk: readonly boolean[];
  /** isPairOk[s][y]: the same for the rows of group s with label y. */
  readonly isPairOk: readonly (readonly boolean[])[];
}

/** What a flagged group, or a flagged (group, label) pair, removes from the result. */
const GROUP_AFFECTS = [
  'sp',
  'eo',
  'oae',
  'demographicParityDifference',
  'equalizedOddsDifference',
  'equalOpportunityDifference',
] as const;
const PAIR_AFFECTS = ['eo', 'equalizedOddsDifference', 'equalOpportunityDifference'] as const;

/**
 * Stage 3 of the metric engine: flags every group and (group, label) pair with fewer than `minCount` rows of
 * positive weight (or no weight at all). Counted in rows, not weight, so that scaling weights changes nothing.
 */
export function checkSampleSizes(options: {
  readonly rows: Int32Array;
  readonly pairWeight: Float64Array;
  readonly groupNames: readonly string[];
  readonly classNames: readonly string[];
  readonly minCount: number;
}): SampleSizeCheck {
  const { rows, pairWeight, groupNames, classNames, minCount } = options;
  const C = classNames.length;
  const flags: SmallSampleFlag[] = [];
  const isGroupOk: boolean[] = [];
  const isPairOk: boolean[][] = [];
  for (let s = 0; s < groupNames.length; s++) {
    let groupRows = 0;
    let groupWeight = 0;
    for (let y = 0; y < C; y++) {
      groupRows += rows[s * C + y];
      groupWeight += pairWeight[s * C + y];
    }
    const ok = groupWeight > 0 && groupRows >= minCount;
    isGroupOk.push(ok);
    const groupName = groupNames[s];
    if (!ok)
      flags.push({
        kind: 'group',
        group: s,
        groupName,
        label: null,
        className: null,
        rows: groupRows,
        weight: groupWeight,
        affects: [...GROUP_AFFECTS],
        message: `group "${groupName}" has ${groupRows} rows (fewer than minCount = ${minCount}): its rates are not estimated`,
      });
    isPairOk.push([]);
    for (let y = 0; y < C; y++) {
      const sy = s * C + y;
      const pairOk = pairWeight[sy] > 0 && rows[sy] >= minCount;
      isPairOk[s].push(pairOk);
      if (!pairOk)
        flags.push({
          kind: 'groupLabel',
          group: s,
          groupName,
          label: y,
          className: classNames[y],
          rows: rows[sy],
          weight: pairWeight[sy],
          affects: [...PAIR_AFFECTS],
          message: `group "${groupName}" with label "${classNames[y]}" has ${rows[sy]} rows (fewer than minCount = ${minCount}): its conditional rates are not estimated`,
        });
    }
  }
  return { flags, isGroupOk, isPairOk };
}
