import { normalQuantile } from '../../data/synthetic.js';
import type { EncodedTable } from '../../data/table.js';
import { InputError } from '../../errors.js';
import { CRITERION_KIND, type Criterion, groupRates } from '../../metrics/index.js';
import type { FrontierModelOptions } from '../frontier-model.js';
import { clopperPearsonUpper } from './clopper-pearson.js';
import { frontierInterval } from './frontier-interval.js';
import { DEFAULT_INTERVAL_LEVEL } from './tolerances.js';

export interface GapBracketOptions extends FrontierModelOptions {
  /** The model's predicted class of every row of the table (0 .. nClasses - 1). */
  readonly predictions: ArrayLike<number>;
  /** The difference criterion the gap is measured at (sp, eo, oae, tpr, fpr, errorRate). */
  readonly criterion: Criterion;
  /** Confidence level of the bracket in (0, 1). Default 0.95. */
  readonly level?: number;
  /** Seed of the interval's folds. */
  readonly seed: number;
  readonly folds?: number;
  readonly isGroupAware?: boolean;
}

/** A two-sided confidence bound with its point estimate. */
export interface GapBracketBound {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

export interface GapBracket {
  readonly level: number;
  readonly criterion: Criterion;
  /** The model's accuracy on the rows, with Clopper-Pearson limits each one-sided at (1 - level) / 6. */
  readonly accuracy: GapBracketBound;
  /** The model's violation on the rows, with limits each one-sided at (1 - level) / 6 (Bonferroni over rates). */
  readonly violation: GapBracketBound;
  /** The interval's lower end at violation.lower and upper end at violation.upper, at level 1 - (1 - level) / 3. */
  readonly frontier: { readonly lower: number; readonly upper: number };
  /** frontier.lower - accuracy.upper: the population gap is at least this, at one-sided (1 - level) / 2. */
  readonly gapLow: number;
  /** frontier.upper - accuracy.lower: the population gap is at most this, at one-sided (1 - level) / 2. */
  readonly gapHigh: number;
}

/** P(Yhat = j(y) | s, y in T) per group for each rate of `criterion`, with the stratum sizes. */
function rateCounts(table: EncodedTable, predictions: ArrayLike<number>, criterion: Criterion) {
  const A = table.groupNames.length;
  const C = table.classNames.length;
  const nSY = new Float64Array(A * C);
  const nSYHat = new Float64Array(A * C * C);
  for (let i = 0; i < table.nRows; i++) {
    const sy = table.group[i] * C + table.label[i];
    nSY[sy]++;
    nSYHat[sy * C + predictions[i]]++;
  }
  return groupRates(criterion, nSY, A, C).map((rate) =>
    rate.forms.map((form) => {
      if (form === null) return null;
      let hits = 0;
      let trials = 0;
      for (const [index] of form) {
        hits += nSYHat[index];
        trials += nSY[Math.floor(index / C)];
      }
      return trials > 0 ? { rate: hits / trials, trials } : null;
    }),
  );
}

/**
 * A model's population gap to the population FairFront, bracketed at a stated level (docs/estimation.md, gaps):
 * with probability at least `level` (union bound, six one-sided events of (1 - level) / 6 each)
 * gapLow <= FairFront(v) - acc <= gapHigh, where acc and v are the model's population accuracy and violation.
 * FairFront is non-decreasing in the bound, so FairFront(v) lies between the interval's lower end at a lower
 * confidence limit of v and its upper end at an upper one; the model's accuracy count is binomial
 * (Clopper-Pearson), its rate differences normal (Bonferroni over the rate pairs). The interval's own coverage
 * at the data-chosen bounds is measured, not proven (bench/coverage.ts, brackets).
 * @throws InputError E_BAD_OPTION (a ratio or group-loss criterion, predictions of the wrong length or class),
 *   and as frontierInterval
 */
export async function gapBracket(table: EncodedTable, options: GapBracketOptions): Promise<GapBracket> {
  const level = options.level ?? DEFAULT_INTERVAL_LEVEL;
  const { predictions, criterion } = options;
  if (CRITERION_KIND[criterion] !== 'difference')
    throw new InputError('E_BAD_OPTION', `the gap bracket takes a difference criterion, got ${criterion}`, {
      option: 'criterion',
    });
  const C = table.classNames.length;
  if (predictions.length !== table.nRows)
    throw new InputError('E_BAD_OPTION', `${predictions.length} predictions for ${table.nRows} rows`, {
      option: 'predictions',
    });
  for (let i = 0; i < predictions.length; i++)
    if (!(Number.isInteger(predictions[i]) && predictions[i] >= 0 && predictions[i] < C))
      throw new InputError(
        'E_BAD_OPTION',
        `prediction ${predictions[i]} at row ${i + 1} is not a class index`,
        {
          option: 'predictions',
        },
      );
  if (!(level > 0 && level < 1))
    throw new InputError('E_BAD_OPTION', `level must be strictly between 0 and 1, got ${level}`, {
      option: 'level',
    });
  const share = (1 - level) / 6;
  let correct = 0;
  for (let i = 0; i < table.nRows; i++) if (predictions[i] === table.label[i]) correct++;
  const n = table.nRows;
  const accuracy = {
    estimate: correct / n,
    lower: 1 - clopperPearsonUpper(n - correct, n, share),
    upper: clopperPearsonUpper(correct, n, share),
  };
  // Every pairwise difference of every rate, each with its normal standard error (a quarter-row floor keeps a
  // rate of 0 or 1 from claiming no error).
  const pairs: { difference: number; se: number }[] = [];
  for (const rate of rateCounts(table, predictions, criterion)) {
    const present = rate.filter((r): r is { rate: number; trials: number } => r !== null);
    for (let i = 0; i < present.length; i++)
      for (let j = i + 1; j < present.length; j++) {
        const v = (r: { rate: number; trials: number }) =>
          (r.rate * (1 - r.rate) + 0.25 / r.trials) / r.trials;
        pairs.push({
          difference: Math.abs(present[i].rate - present[j].rate),
          se: Math.sqrt(v(present[i]) + v(present[j])),
        });
      }
  }
  const z = -normalQuantile(share / Math.max(1, pairs.length));
  const violation = {
    estimate: Math.max(0, ...pairs.map((p) => p.difference)),
    lower: Math.max(0, ...pairs.map((p) => p.difference - z * p.se)),
    upper: Math.min(1, Math.max(0, ...pairs.map((p) => p.difference + z * p.se))),
  };
  const interval = await frontierInterval(table, {
    ...options,
    alphas: [{ [criterion]: violation.lower }, { [criterion]: violation.upper }],
    level: 1 - (1 - level) / 3,
  });
  const frontier = { lower: interval.points[0].lower, upper: interval.points[1].upper };
  return {
    level,
    criterion,
    accuracy,
    violation,
    frontier,
    gapLow: frontier.lower - accuracy.upper,
    gapHigh: frontier.upper - accuracy.lower,
  };
}
