import { fairFrontRule } from './fairfront-rule.js';
import { calEqOdds, eqOdds, fairProjection, levEqOpp } from './post-processing/index.js';
import { reduction } from './reduction/index.js';
import type { Intervention } from './types.js';

/** The benchmark's method names: the paper's five interventions and the FairFront-optimal rule. */
export const MethodName = {
  reduction: 'reduction',
  eqodds: 'eqodds',
  caleqodds: 'caleqodds',
  leveqopp: 'leveqopp',
  fairprojection: 'fairprojection',
  'fairfront-rule': 'fairfront-rule',
} as const;
export type MethodName = keyof typeof MethodName;
export const METHOD_NAMES = Object.keys(MethodName) as readonly MethodName[];
export const isMethodName = (m: string): m is MethodName => Object.hasOwn(MethodName, m);

/** Every intervention by method name, with its default settings. */
export const interventions: Readonly<Record<MethodName, Intervention>> = {
  reduction,
  eqodds: eqOdds,
  caleqodds: calEqOdds,
  leveqopp: levEqOpp,
  fairprojection: fairProjection,
  'fairfront-rule': fairFrontRule,
};
