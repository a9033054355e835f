import type { CriterionNameV1 } from '../report/report-types.js';

// Shared by the frontier and missing-value specs (one module, so the two specs do not import each other).

/** Axis titles of the measures (see docs/design.md, Fairness measures). */
export const MEASURE_AXIS_TITLES: Readonly<Record<CriterionNameV1, string>> = {
  sp: 'statistical parity tolerance α_SP',
  eo: 'equalized odds tolerance α_EO',
  oae: 'overall accuracy equality tolerance α_OAE',
  tpr: 'equal opportunity tolerance α_TPR',
  fpr: 'false-positive-rate parity tolerance α_FPR',
  errorRate: 'error-rate parity tolerance α_ER',
  spRatio: 'selection-rate ratio R (four-fifths rule: 0.8)',
  tprRatio: 'true-positive-rate ratio R',
  fprRatio: 'false-positive-rate ratio R',
  groupLoss: 'largest group error Z',
};

/** Chart size in pixels (vega-lite units). */
export const CHART_WIDTH = 480;
export const CHART_HEIGHT = 320;
