import type { CriterionNameV1 } from '../report/report-types.js';
import {
  BOUND_SYMBOLS,
  MEASURE_AXIS_TITLES,
  OBJECTIVE_AXIS_TITLES,
  type VegaLiteSpec,
  chartFrame,
} from './style.js';

/** One cell of a 2-D frontier: FairFront at (alpha_x, alpha_y), with the text written in it. */
export interface HeatmapCell {
  readonly x: number;
  readonly y: number;
  readonly accuracy: number;
  readonly label: string;
}

/** What a heat map of FairFront over two tolerances shows. */
export interface HeatmapChartData {
  readonly title: string;
  readonly subtitle?: string;
  readonly x: { readonly measure: CriterionNameV1; readonly alphas: readonly number[] };
  readonly y: { readonly measure: CriterionNameV1; readonly alphas: readonly number[] };
  readonly cells: readonly HeatmapCell[];
  /** What the cells' `accuracy` holds (default accuracy): titles the colour legend. */
  readonly objective?: keyof typeof OBJECTIVE_AXIS_TITLES;
}

/** FairFront over two tolerances as a labelled heat map (accuracy as colour and as text in each cell). */
export function heatmapChart(data: HeatmapChartData): VegaLiteSpec {
  const all = data.cells.map((c) => c.accuracy);
  const middle = (Math.min(...all) + Math.max(...all)) / 2;
  return {
    ...chartFrame(data.title, data.subtitle),
    data: { values: data.cells },
    encoding: {
      x: {
        field: 'x',
        type: 'ordinal',
        title: MEASURE_AXIS_TITLES[data.x.measure],
        sort: [...data.x.alphas],
        axis: { labelAngle: 0 },
      },
      y: {
        field: 'y',
        type: 'ordinal',
        title: MEASURE_AXIS_TITLES[data.y.measure],
        sort: [...data.y.alphas].reverse(),
      },
    },
    layer: [
      {
        mark: 'rect',
        encoding: {
          color: {
            field: 'accuracy',
            type: 'quantitative',
            title: `FairFront (${OBJECTIVE_AXIS_TITLES[data.objective ?? 'accuracy']})`,
            scale: { scheme: 'viridis' },
          },
          tooltip: [
            { field: 'x', title: BOUND_SYMBOLS[data.x.measure] },
            { field: 'y', title: BOUND_SYMBOLS[data.y.measure] },
            {
              field: 'accuracy',
              type: 'quantitative',
              format: '.6f',
              title: OBJECTIVE_AXIS_TITLES[data.objective ?? 'accuracy'],
            },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          text: { field: 'label' },
          // Dark text on the light (high) half of viridis, white on the dark half.
          color: { condition: { test: `datum.accuracy > ${middle}`, value: 'black' }, value: 'white' },
        },
      },
    ],
  };
}
