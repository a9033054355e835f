import type { EncodedTable } from '../data/table.js';
import {
  distributionFromTable,
  groupLabelMass,
  locateCells,
  type Distribution,
} from '../distribution/index.js';
import { InputError } from '../errors.js';
import type { FeatureMatrix } from '../learn/types.js';
import { fairFront, type FrontierModelOptions } from '../limits/index.js';
import type { FittedIntervention, Intervention } from './types.js';

/** Default alphas of a FairFront-rule sweep (the tolerance it is solved at), from strict to loose. */
export const FAIRFRONT_RULE_DEFAULT_KNOBS: readonly number[] = [
  0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2,
];

/** A FeatureMatrix with group and labels as the table the distribution code reads; cells = distinct rows of x. */
function matrixTable(
  x: FeatureMatrix,
  group: Int32Array,
  label: Int32Array,
  nGroups: number,
  nClasses: number,
  weight?: Float64Array,
): EncodedTable {
  const features = Array.from({ length: x.nFeatures }, (_, j) => {
    const col = new Float64Array(x.nRows);
    for (let i = 0; i < x.nRows; i++) col[i] = x.values[i * x.nFeatures + j];
    return col;
  });
  return {
    name: 'intervention data',
    nRows: x.nRows,
    featureNames: Array.from({ length: x.nFeatures }, (_, j) => x.featureNames?.[j] ?? `x${j}`),
    features,
    group,
    groupNames: Array.from({ length: nGroups }, (_, s) => String(s)),
    label,
    classNames: Array.from({ length: nClasses }, (_, y) => String(y)),
    ...(weight ? { weight } : {}),
  };
}

/**
 * The randomized rule `h` (nCells x nClasses) of a FairFront solution applied to new rows: a row in a known cell
 * gets that cell's row of h. A row whose cell is unseen gets its group's average prediction under h,
 * q(yHat | s) = sum_k p(k, s) h[k, yHat] / p(s): the coarser rule that keeps each group's selection rates,
 * so the statistical-parity behaviour of h carries over to unseen cells.
 */
export function applyFrontierRule(
  distribution: Distribution,
  h: Float64Array,
  x: FeatureMatrix,
  group: Int32Array,
): { distribution: Float64Array; unseenRows: number } {
  const { nCells: K, nGroups: A, nClasses: C, mass } = distribution;
  const mu = groupLabelMass(distribution);
  const fallback = new Float64Array(A * C);
  for (let k = 0; k < K; k++)
    for (let s = 0; s < A; s++) {
      let p = 0;
      for (let y = 0; y < C; y++) p += mass[(k * A + s) * C + y];
      if (p > 0) for (let yHat = 0; yHat < C; yHat++) fallback[s * C + yHat] += p * h[k * C + yHat];
    }
  for (let s = 0; s < A; s++) {
    let ps = 0;
    for (let y = 0; y < C; y++) ps += mu[s * C + y];
    for (let yHat = 0; yHat < C; yHat++) fallback[s * C + yHat] /= ps;
  }
  const table = matrixTable(x, group, new Int32Array(x.nRows), A, C);
  const cells = locateCells(distribution, table);
  const out = new Float64Array(x.nRows * C);
  let unseenRows = 0;
  for (let i = 0; i < x.nRows; i++) {
    const k = cells[i];
    if (k >= 0) out.set(h.subarray(k * C, (k + 1) * C), i * C);
    else {
      if (!(group[i] >= 0 && group[i] < A))
        throw new InputError(
          'E_CODE_OUT_OF_RANGE',
          `group ${group[i]} of row ${i} is not one of the ${A} groups the rule was fitted on`,
        );
      out.set(fallback.subarray(group[i] * C, (group[i] + 1) * C), i * C);
      unseenRows++;
    }
  }
  return { distribution: out, unseenRows };
}

/**
 * The FairFront-optimal rule (docs/design.md, Interventions): the optimal randomized classifier h of the
 * exact LP (docs/design.md, The exact LP) at alpha = knob for the targeted measure, the other measures
 * vacuous. Cells are the distinct rows of x (put the group in x for the group-aware rule, as the benchmark
 * does). In sample it sits on the frontier by construction; held out it shows how much of the limit can be
 * banked. Any number of groups and classes.
 * @example
 * const fitted = await createFairFrontRule().fit(data, { measure: 'eo', knob: 0.02, learner, rng });
 */
export function createFairFrontRule(options: FrontierModelOptions = {}): Intervention {
  return {
    method: 'fairfront-rule',
    knobName: 'alpha',
    stage: 'in-processing',
    usesLearner: false,
    defaultKnobs: FAIRFRONT_RULE_DEFAULT_KNOBS,
    supportedMeasures: ['sp', 'eo', 'oae'],
    requiresBinaryLabel: false,
    requiresTwoGroups: false,
    async fit(data, context): Promise<FittedIntervention> {
      const table = matrixTable(data.x, data.group, data.label, data.nGroups, data.nClasses, data.weight);
      const { distribution } = distributionFromTable(table, { isGroupAware: false });
      const point = await fairFront(distribution, { ...options, alpha: { [context.measure]: context.knob } });
      return {
        method: 'fairfront-rule',
        knob: context.knob,
        predictDistribution(input) {
          return applyFrontierRule(distribution, point.h, input.x, input.group).distribution;
        },
        diagnostics: {
          cells: distribution.nCells,
          inSampleAccuracy: point.accuracy,
          inSampleViolation: point.violations[context.measure],
        },
      };
    },
  };
}

/** The FairFront-optimal rule with the solver's defaults. */
export const fairFrontRule: Intervention = createFairFrontRule();
