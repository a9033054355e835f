// Apart from estimation.ts so that a report without estimates does not load the cutting planes, the
// held-out and bootstrap estimators (docs/performance.md, Start-up).

/**
 * How the frontier is computed: the exact LP, Algorithm 1 (cutting planes), or the certified bracket
 * (docs/design.md, Blackwell, cuts and continuous features).
 */
export const FrontierMethod = {
  exact: 'exact',
  'cutting-plane': 'cutting-plane',
  bracket: 'bracket',
} as const;
export type FrontierMethod = keyof typeof FrontierMethod;
export const isFrontierMethod = (m: string): m is FrontierMethod => Object.hasOwn(FrontierMethod, m);

/**
 * What the headline estimates (docs/estimation.md, The default estimate on a CSV): `cells` is the exact LP on
 * the data's own cells; `posterior` learns P(Y | features, group) with cross-fitting and reports the exact LP on
 * the posterior's cells with an interval whose lower end bounds the full features' population FairFront.
 */
export const EstimateKind = { cells: 'cells', posterior: 'posterior' } as const;
export type EstimateKind = keyof typeof EstimateKind;
export const isEstimateKind = (k: string): k is EstimateKind => Object.hasOwn(EstimateKind, k);

export interface EstimationOptions {
  /** The headline estimate (default `cells`; the CLI defaults to `posterior` on a CSV without named cells). */
  readonly estimate?: EstimateKind;
  readonly method?: FrontierMethod;
  /** Held-out share in (0, 1) for the held-out frontier. */
  readonly holdout?: number;
  /** K-fold cross-fitting for the held-out frontier. */
  readonly folds?: number;
  /** Bootstrap replicates B >= 2. */
  readonly bootstrap?: number;
  /** Confidence interval for the population FairFront at each alpha (frontierInterval). */
  readonly interval?: boolean;
  /** Two-sided level of the interval (default 0.95). */
  readonly level?: number;
  /** Required when holdout, folds, bootstrap or interval is given. */
  readonly seed?: number;
}

/** Whether the options ask for anything beyond the exact in-sample frontier. */
export function wantsEstimation(o: EstimationOptions): boolean {
  return (
    o.estimate === 'posterior' ||
    (o.method !== undefined && o.method !== 'exact') ||
    o.holdout !== undefined ||
    o.folds !== undefined ||
    o.bootstrap !== undefined ||
    o.interval === true
  );
}
