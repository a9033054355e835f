import { conditionalMatrix, countConfusion } from './confusion-counts.js';
import { familiarExtras } from './familiar-extras.js';
import { flaggedViolations } from './flagged-violations.js';
import type { PredictionInput, PredictionMetrics } from './prediction-types.js';
import { ratesByGroup } from './rates-by-group.js';
import { checkSampleSizes } from './small-sample-flags.js';
import { DEFAULT_MIN_COUNT } from './tolerances.js';
import { validatePredictionInput } from './validate-predictions.js';

export type {
  Disparity,
  FamiliarExtras,
  GroupMetrics,
  GroupRates,
  PredictionInput,
  PredictionMetrics,
  SmallSampleFlag,
} from './prediction-types.js';
import { checkOptionsObject } from '../check-masses.js';

/**
 * The one metric engine (docs/design.md, Fairness measures): accuracy, the SP / EO / OAE violations, the
 * conditional matrix P, per-group confusion tables and rates, the familiar extras, and the Brier score and
 * log loss of probabilistic predictions. Randomized predictions are counted by their probabilities, so the
 * result is the expectation over the classifier's randomness (the quantity FairFront bounds).
 *
 * Stages: validate the input; count confusion cells (`countConfusion`); form mu and P (`conditionalMatrix`); flag
 * small groups and pairs (`checkSampleSizes`); violations and criteria without them (`flaggedViolations`); rates
 * per group and overall (`ratesByGroup`); the familiar extras (`familiarExtras`).
 * @throws InputError E_BAD_OPTION, E_LENGTH_MISMATCH, E_CODE_OUT_OF_RANGE, E_NOT_FINITE, E_NOT_A_DISTRIBUTION,
 *   E_NEGATIVE_WEIGHT, E_EMPTY_INPUT (naming the field and the first bad row)
 * @example
 * const m = evaluatePredictions({ group, label, prediction, nGroups: 2, nClasses: 2 });
 * m.violations.eo; // max(|dTPR|, |dFPR|) between the two groups
 */
export function evaluatePredictions(input: PredictionInput): PredictionMetrics {
  checkOptionsObject(input, 'input');
  validatePredictionInput(input);
  const { nGroups, nClasses } = input;
  const minCount = input.minCount ?? DEFAULT_MIN_COUNT;
  const groupNames = input.groupNames ?? Array.from({ length: nGroups }, (_, s) => `group ${s}`);
  const classNames = input.classNames ?? Array.from({ length: nClasses }, (_, y) => `class ${y}`);
  const positiveClass = nClasses === 2 ? (input.positiveClass ?? 1) : null;

  const counts = countConfusion(input);
  const { totalWeight } = counts;
  const { pairWeight, muSY, P } = conditionalMatrix(counts.conf, totalWeight, nGroups, nClasses);
  const { flags, isGroupOk, isPairOk } = checkSampleSizes({
    rows: counts.rows,
    pairWeight,
    groupNames,
    classNames,
    minCount,
  });
  const measured = flaggedViolations({ P, muSY, isGroupOk, isPairOk, nGroups, nClasses });
  const { groups, overall } = ratesByGroup({
    conf: counts.conf,
    rows: counts.rows,
    groupNames,
    isGroupOk,
    isPairOk,
    settings: { minCount, totalWeight, nClasses, positiveClass },
  });
  const isProbabilistic = input.distribution !== undefined;
  return {
    nRows: input.group.length,
    totalWeight,
    nGroups,
    nClasses,
    groupNames: [...groupNames],
    classNames: [...classNames],
    minCount,
    positiveClass,
    accuracy: counts.correct / totalWeight,
    violations: measured.violations,
    violationsIncomplete: measured.violationsIncomplete,
    criteria: measured.criteria,
    P,
    muSY,
    groups,
    overall,
    extras: familiarExtras({ groups, overall, classNames, positiveClass }),
    brierScore: isProbabilistic ? counts.brier / totalWeight : null,
    logLoss: isProbabilistic ? counts.logLoss / totalWeight : null,
    flags,
  };
}
