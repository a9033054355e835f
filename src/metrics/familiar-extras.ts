import type { Disparity, FamiliarExtras, GroupMetrics, GroupRates } from './prediction-types.js';

type RateName = 'selectionRate' | 'recall' | 'falsePositiveRate';
type Aggregate = (xs: (number | null)[]) => number | null;

/** max - min over the groups that have the rate, and the largest |group - overall|. */
function disparity(groups: readonly GroupRates[], overall: GroupRates, rate: RateName, c: number): Disparity {
  const overallValue = overall[rate][c];
  let lo = Infinity;
  let hi = -Infinity;
  let present = 0;
  let toOverall: number | null = null;
  for (const g of groups) {
    const v = g[rate][c];
    if (v === null) continue;
    present++;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
    if (overallValue !== null) toOverall = Math.max(toOverall ?? 0, Math.abs(v - overallValue));
  }
  return { betweenGroups: present >= 2 ? hi - lo : null, toOverall };
}

const maxOf: Aggregate = (xs) =>
  xs.reduce<number | null>((m, x) => (x === null ? m : m === null ? x : Math.max(m, x)), null);
const meanOf: Aggregate = (xs) => {
  const present = xs.filter((x): x is number => x !== null);
  return present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
};
/** Both disparities needed (a missing one makes the result missing), then aggregated. */
const combine = (a: Disparity, b: Disparity, f: Aggregate): Disparity => ({
  betweenGroups:
    a.betweenGroups === null || b.betweenGroups === null ? null : f([a.betweenGroups, b.betweenGroups]),
  toOverall: a.toOverall === null || b.toOverall === null ? null : f([a.toOverall, b.toOverall]),
});
/** Aggregated over classes, skipping classes where the disparity is missing. */
const acrossClasses = (ds: readonly Disparity[], f: Aggregate): Disparity => ({
  betweenGroups: f(ds.map((d) => d.betweenGroups)),
  toOverall: f(ds.map((d) => d.toOverall)),
});

/**
 * Stage 6 of the metric engine: the familiar extras of docs/design.md (Fairness measures). Binary labels take the
 * positive class's one-vs-rest values; multi-class labels aggregate them over classes (max, or mean for the
 * `mean` variant).
 */
export function familiarExtras(options: {
  readonly groups: readonly GroupMetrics[];
  readonly overall: GroupRates;
  readonly classNames: readonly string[];
  readonly positiveClass: number | null;
}): FamiliarExtras {
  const { groups, overall, classNames, positiveClass } = options;
  const perClass = classNames.map((className, c) => {
    const truePositiveRate = disparity(groups, overall, 'recall', c);
    const falsePositiveRate = disparity(groups, overall, 'falsePositiveRate', c);
    return {
      className,
      demographicParity: disparity(groups, overall, 'selectionRate', c),
      truePositiveRate,
      falsePositiveRate,
      equalizedOdds: combine(truePositiveRate, falsePositiveRate, maxOf),
      equalizedOddsMean: combine(truePositiveRate, falsePositiveRate, meanOf),
    };
  });
  if (positiveClass !== null) {
    const positive = perClass[positiveClass];
    return {
      demographicParityDifference: positive.demographicParity,
      equalizedOddsDifference: positive.equalizedOdds,
      equalizedOddsDifferenceMean: positive.equalizedOddsMean,
      equalOpportunityDifference: positive.truePositiveRate,
      perClass,
    };
  }
  const over = (
    key: 'demographicParity' | 'equalizedOdds' | 'equalizedOddsMean' | 'truePositiveRate',
    f: Aggregate,
  ) =>
    acrossClasses(
      perClass.map((p) => p[key]),
      f,
    );
  return {
    demographicParityDifference: over('demographicParity', maxOf),
    equalizedOddsDifference: over('equalizedOdds', maxOf),
    equalizedOddsDifferenceMean: over('equalizedOddsMean', meanOf),
    equalOpportunityDifference: over('truePositiveRate', maxOf),
    perClass,
  };
}
