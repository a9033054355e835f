import { InputError, describeValue } from '../errors.js';

/**
 * What the frontier optimizes (see docs/constraints.md, Objectives). All are linear in P[(s,y), yHat]:
 * - `accuracy`: sum_{s,y} mu(s,y) P[(s,y), y] (the paper's objective);
 * - `balancedAccuracy`: (1/C') sum_y P(Yhat = y | Y = y) over the C' classes present;
 * - `cost`: the expected cost sum_{s,y,yHat} mu(s,y) cost[y][yHat] P[(s,y), yHat], minimized.
 */
export type Objective =
  | { readonly kind: 'accuracy' }
  | { readonly kind: 'balancedAccuracy' }
  | {
      readonly kind: 'cost';
      /** cost[y][yHat] >= 0: the cost of predicting yHat when the label is y (C x C). */
      readonly cost: readonly (readonly number[])[];
    };
export type ObjectiveKind = Objective['kind'];

export const ACCURACY: Objective = { kind: 'accuracy' };

/**
 * Checks an objective against the number of classes.
 * @throws InputError E_BAD_OPTION (unknown kind, cost matrix of the wrong shape, negative or non-finite cost)
 */
export function checkObjective(objective: Objective, nClasses: number): Objective {
  const kind =
    objective !== null && typeof objective === 'object' ? (objective as { kind?: unknown }).kind : undefined;
  if (kind === 'accuracy' || kind === 'balancedAccuracy') return objective;
  if (kind !== 'cost')
    throw new InputError(
      'E_BAD_OPTION',
      `unknown objective ${typeof objective === 'string' ? `"${objective}" (a string: the library takes { kind: 'accuracy' | 'balancedAccuracy' | 'cost' })` : kind === undefined ? describeValue(objective) : `kind ${describeValue(kind)}`} (use accuracy, balanced-accuracy or cost:FP=c,FN=d)`,
      { option: '--objective' },
    );
  const cost = (objective as { cost?: unknown }).cost;
  if (
    !Array.isArray(cost) ||
    cost.length !== nClasses ||
    cost.some((r) => !Array.isArray(r) || r.length !== nClasses)
  )
    throw new InputError(
      'E_BAD_OPTION',
      `the cost matrix must be ${nClasses} x ${nClasses} (label x prediction)`,
      {
        option: '--objective',
      },
    );
  for (const row of cost as number[][])
    for (const c of row)
      if (typeof c !== 'number' || !Number.isFinite(c) || c < 0)
        throw new InputError('E_BAD_OPTION', `every cost must be a finite number >= 0, got ${String(c)}`, {
          option: '--objective',
        });
  return objective;
}

/**
 * The objective as weights on P to be maximized: value = sum_j weight[j] P[j] (j = (s*C + y)*C + yHat), and the
 * sign that turns that maximized quantity into the reported value (-1 for a cost, which is minimized).
 */
export function objectiveWeights(
  objective: Objective,
  muSY: ArrayLike<number>,
  nGroups: number,
  nClasses: number,
): { readonly weights: Float64Array; readonly sign: 1 | -1 } {
  const C = nClasses;
  const weights = new Float64Array(nGroups * C * C);
  const muY = new Float64Array(C);
  for (let s = 0; s < nGroups; s++) for (let y = 0; y < C; y++) muY[y] += muSY[s * C + y];
  const present = muY.filter((m) => m > 0).length;
  for (let s = 0; s < nGroups; s++)
    for (let y = 0; y < C; y++) {
      const m = muSY[s * C + y];
      if (!(m > 0)) continue;
      for (let yHat = 0; yHat < C; yHat++) {
        const j = (s * C + y) * C + yHat;
        if (objective.kind === 'accuracy') weights[j] = y === yHat ? m : 0;
        else if (objective.kind === 'balancedAccuracy') weights[j] = y === yHat ? m / (muY[y] * present) : 0;
        else weights[j] = -m * objective.cost[y][yHat];
      }
    }
  return { weights, sign: objective.kind === 'cost' ? -1 : 1 };
}

/**
 * Parses the CLI form: `accuracy`, `balanced-accuracy`, or `cost:FP=c,FN=d` (two classes: FP = predicting 1 for
 * a 0, FN = predicting 0 for a 1; correct predictions cost 0). A C x C matrix comes from `costMatrix` (a file).
 * @throws InputError E_BAD_OPTION
 */
export function parseObjective(text: string, costMatrix?: readonly (readonly number[])[]): Objective {
  const t = text.trim();
  if (t === 'accuracy') return ACCURACY;
  if (t === 'balanced-accuracy' || t === 'balancedAccuracy') return { kind: 'balancedAccuracy' };
  if (t === 'cost' && costMatrix) return { kind: 'cost', cost: costMatrix };
  const m = /^cost:(.*)$/.exec(t);
  if (m) {
    const parts = new Map<string, number>();
    for (const item of m[1].split(',')) {
      const [key, value] = item.split('=').map((x) => x.trim());
      const v = Number(value);
      if (
        (key !== 'FP' && key !== 'FN') ||
        value === undefined ||
        value === '' ||
        !Number.isFinite(v) ||
        v < 0
      )
        throw new InputError(
          'E_BAD_OPTION',
          `cannot read "${item}" in "${t}" (use cost:FP=c,FN=d with c, d >= 0)`,
          {
            option: '--objective',
          },
        );
      parts.set(key, v);
    }
    if (!parts.has('FP') || !parts.has('FN'))
      throw new InputError('E_BAD_OPTION', `"${t}" needs both FP and FN (cost:FP=c,FN=d)`, {
        option: '--objective',
      });
    return {
      kind: 'cost',
      cost: [
        [0, parts.get('FP')!],
        [parts.get('FN')!, 0],
      ],
    };
  }
  throw new InputError(
    'E_BAD_OPTION',
    `unknown objective "${t}" (use accuracy, balanced-accuracy, cost:FP=c,FN=d, or cost with --cost-matrix FILE)`,
    { option: '--objective' },
  );
}
