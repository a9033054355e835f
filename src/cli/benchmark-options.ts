import { InputError } from '../errors.js';
import { METHOD_NAMES, interventions, isMethodName, type Intervention } from '../interventions/index.js';
import { learnersFromText, type Learner } from '../learn/index.js';
import { splitList } from './options.js';
import { integerInRange } from './number-options.js';

/** The option parsing `fairlimit benchmark` and `fairlimit missing --benchmark` share (same names, same errors). */

/** An integer option ("--seeds 3") in its range, refused with the option's name and the range otherwise. */
export function integerOption(
  text: string,
  option: string,
  range: { readonly min: number; readonly max: number },
): number {
  return integerInRange(text, option, range.min, range.max);
}

/**
 * "--model rf,gbm" or "--model rf:nEstimators=15,minSamplesLeaf=3,bootstrap=false,criterion=entropy" or a preset
 * ("rf-paper-adult") into fresh learners by reported name.
 */
export function learnersOf(text: string, option = '--model'): Record<string, Learner> {
  return learnersFromText(text, option);
}

/** "--methods reduction,eqodds" into the registered interventions. */
export function interventionsOf(text: string, option = '--methods'): Intervention[] {
  const names = splitList(text, option);
  for (const name of names)
    if (!isMethodName(name))
      throw new InputError('E_BAD_OPTION', `unknown method "${name}" (use ${METHOD_NAMES.join(', ')})`, {
        option,
      });
  return names.map((name) => interventions[name as keyof typeof interventions]);
}

/** "--knobs reduction=0.01,0.05" (repeatable) into a record of knob lists. */
export function parseKnobs(values: readonly string[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const text of values) {
    const eq = text.indexOf('=');
    const method = text.slice(0, eq).trim();
    if (eq <= 0 || !isMethodName(method))
      throw new InputError(
        'E_BAD_OPTION',
        `a knob list is METHOD=v1,v2,... with METHOD one of ${METHOD_NAMES.join(', ')}, got "${text}"`,
        { option: '--knobs' },
      );
    out[method] = splitList(text.slice(eq + 1), '--knobs').map((v) => {
      const n = Number(v);
      if (!Number.isFinite(n))
        throw new InputError('E_BAD_OPTION', `knob value "${v}" of ${method} is not a number`, {
          option: '--knobs',
        });
      return n;
    });
  }
  return out;
}
