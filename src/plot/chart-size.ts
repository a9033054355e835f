import type { MeasureNameV1 } from '../report/report-types.js';

// Shared by the frontier and missing-value specs (one module, so the two specs do not import each other).

/** Axis titles of the measures (see docs/design.md, Fairness measures). */
export const MEASURE_AXIS_TITLES: Readonly<Record<MeasureNameV1, string>> = {
  sp: 'statistical parity tolerance α_SP',
  eo: 'equalized odds tolerance α_EO',
  oae: 'overall accuracy equality tolerance α_OAE',
};

/** Chart size in pixels (vega-lite units). */
export const CHART_WIDTH = 480;
export const CHART_HEIGHT = 320;
