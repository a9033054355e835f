import type { Criterion } from './criterion.js';
import { criterionValues } from './criterion-values.js';
import type { Measure } from './measure.js';
import { violationsFromConditional } from './violations.js';

/** The violations and criteria of measured predictions, and whether flagged rows left any of them incomplete. */
export interface MeasuredViolations {
  readonly violations: Readonly<Record<Measure, number>>;
  readonly violationsIncomplete: Readonly<Record<Measure, boolean>>;
  readonly criteria: Readonly<Record<Criterion, number>>;
}

/**
 * Stage 4 of the metric engine: the violations and criteria through the one definition (docs/design.md, Fairness
 * measures). Flagged groups (every measure) and flagged (group, label) pairs (the label-conditional ones) get
 * mass 0, which `violationsFromConditional` and `criterionValues` skip.
 */
export function flaggedViolations(options: {
  readonly P: Float64Array;
  readonly muSY: Float64Array;
  readonly isGroupOk: readonly boolean[];
  readonly isPairOk: readonly (readonly boolean[])[];
  readonly nGroups: number;
  readonly nClasses: number;
}): MeasuredViolations {
  const { P, muSY, isGroupOk, isPairOk, nGroups: A, nClasses: C } = options;
  const muGroups = Float64Array.from(muSY, (m, sy) => (isGroupOk[Math.floor(sy / C)] ? m : 0));
  const muPairs = Float64Array.from(muSY, (m, sy) =>
    isGroupOk[Math.floor(sy / C)] && isPairOk[Math.floor(sy / C)][sy % C] ? m : 0,
  );
  const spOae = violationsFromConditional(P, muGroups, A, C);
  const eo = violationsFromConditional(P, muPairs, A, C).eo;
  const byGroup = criterionValues(P, muGroups, A, C);
  const byPair = criterionValues(P, muPairs, A, C);
  const anyGroupFlagged = isGroupOk.some((ok) => !ok);
  const anyPairFlagged = isPairOk.some((ps) => ps.some((ok) => !ok));
  return {
    violations: { sp: spOae.sp, eo, oae: spOae.oae },
    violationsIncomplete: {
      sp: anyGroupFlagged,
      eo: anyGroupFlagged || anyPairFlagged,
      oae: anyGroupFlagged,
    },
    criteria: {
      ...byGroup,
      eo,
      tpr: byPair.tpr,
      fpr: byPair.fpr,
      tprRatio: byPair.tprRatio,
      fprRatio: byPair.fprRatio,
    },
  };
}
