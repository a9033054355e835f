import type { GroupMetrics, GroupRates } from './prediction-types.js';

const ratio = (num: number, den: number, ok: boolean): number | null => (ok && den > 0 ? num / den : null);

/** One block of rows (a group, or all rows) as `ratesOf` needs it. */
interface RowBlock {
  readonly name: string;
  /** Confusion table conf[y][yHat] (weighted), row-major C x C. */
  readonly conf: Float64Array;
  /** Rows with positive weight per label. */
  readonly rowsByLabel: Int32Array;
  readonly isGroupOk: boolean;
  /** isPairOk[y]: the rows with label y are numerous enough. */
  readonly isPairOk: readonly boolean[];
}

/** What every block shares. */
interface RateSettings {
  readonly minCount: number;
  readonly totalWeight: number;
  readonly nClasses: number;
  readonly positiveClass: number | null;
}

/**
 * Rates of a block of rows from its confusion table, its per-label row counts and its total weight. The
 * one-vs-rest negatives of class c (every label but c) need `minCount` rows together.
 */
function ratesOf(block: RowBlock, settings: RateSettings): GroupRates {
  const { name, conf, rowsByLabel, isGroupOk, isPairOk } = block;
  const { minCount, totalWeight, nClasses: C, positiveClass } = settings;
  let weight = 0;
  let correct = 0;
  const labelWeight = new Float64Array(C);
  const predictedWeight = new Float64Array(C);
  for (let y = 0; y < C; y++)
    for (let yHat = 0; yHat < C; yHat++) {
      const v = conf[y * C + yHat];
      weight += v;
      labelWeight[y] += v;
      predictedWeight[yHat] += v;
      if (y === yHat) correct += v;
    }
  let rows = 0;
  for (let y = 0; y < C; y++) rows += rowsByLabel[y];
  const selectionRate: (number | null)[] = [];
  const recall: (number | null)[] = [];
  const falsePositiveRate: (number | null)[] = [];
  for (let c = 0; c < C; c++) {
    selectionRate.push(ratio(predictedWeight[c], weight, isGroupOk));
    recall.push(ratio(conf[c * C + c], labelWeight[c], isGroupOk && isPairOk[c]));
    // One-vs-rest negatives: every label but c; the rate needs every such present label to be estimable.
    let negatives = 0;
    let negativeRows = 0;
    let falsePositives = 0;
    for (let y = 0; y < C; y++) {
      if (y === c) continue;
      negatives += labelWeight[y];
      negativeRows += rowsByLabel[y];
      falsePositives += conf[y * C + c];
    }
    falsePositiveRate.push(ratio(falsePositives, negatives, isGroupOk && negativeRows >= minCount));
  }
  return {
    name,
    rows,
    weightShare: weight / totalWeight,
    accuracy: ratio(correct, weight, isGroupOk),
    selectionRate,
    recall,
    falsePositiveRate,
    truePositiveRateBinary: positiveClass === null ? null : recall[positiveClass],
    falsePositiveRateBinary: positiveClass === null ? null : falsePositiveRate[positiveClass],
  };
}

/**
 * Stage 5 of the metric engine: each group's confusion table and rates, and the rates of all rows together
 * (whose pairs are checked against `minCount` on all rows, so `overall` is never flagged as a group).
 */
export function ratesByGroup(options: {
  readonly conf: Float64Array;
  readonly rows: Int32Array;
  readonly groupNames: readonly string[];
  readonly isGroupOk: readonly boolean[];
  readonly isPairOk: readonly (readonly boolean[])[];
  readonly settings: RateSettings;
}): { readonly groups: GroupMetrics[]; readonly overall: GroupRates } {
  const { conf, rows, groupNames, isGroupOk, isPairOk, settings } = options;
  const C = settings.nClasses;
  const groups: GroupMetrics[] = [];
  const overallConf = new Float64Array(C * C);
  const overallRows = new Int32Array(C);
  for (let s = 0; s < groupNames.length; s++) {
    const block = conf.subarray(s * C * C, (s + 1) * C * C);
    for (let j = 0; j < C * C; j++) overallConf[j] += block[j];
    const groupRows = rows.subarray(s * C, (s + 1) * C);
    for (let y = 0; y < C; y++) overallRows[y] += groupRows[y];
    const rates = ratesOf(
      {
        name: groupNames[s],
        conf: block,
        rowsByLabel: groupRows,
        isGroupOk: isGroupOk[s],
        isPairOk: isPairOk[s],
      },
      settings,
    );
    groups.push({
      ...rates,
      group: s,
      isFlagged: !isGroupOk[s],
      confusion: Array.from({ length: C }, (_, y) => Array.from(block.subarray(y * C, (y + 1) * C))),
    });
  }
  const overallPairOk = Array.from(
    { length: C },
    (_, y) => overallRows[y] >= settings.minCount && overallRows[y] > 0,
  );
  const overall = ratesOf(
    {
      name: 'overall',
      conf: overallConf,
      rowsByLabel: overallRows,
      isGroupOk: true,
      isPairOk: overallPairOk,
    },
    settings,
  );
  return { groups, overall };
}
