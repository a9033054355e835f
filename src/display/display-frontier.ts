import { InputError } from '../errors.js';
import type { FairFrontPoint, FrontierGrid, FrontierSweep } from '../limits/index.js';
import { CRITERIA, type Criterion, MEASURES, isVacuousBound } from '../metrics/index.js';
import { type CriterionNameV1, dataLine, type ReportV1 } from '../report/index.js';
import { modelColumns } from '../report/format-report.js';
import {
  BOUND_SYMBOLS,
  type ChartCurve,
  OBJECTIVE_AXIS_TITLES,
  frontierChart,
  heatmapChart,
  reportSpec,
} from '../plot/index.js';
import type { Displayable } from './mime-bundle.js';
import { richDisplayable } from './rich-bundle.js';
import { type DisplayTable, fixed, short } from '../report/table-text.js';

/** Options of `display.frontier`. */
export interface FrontierDisplayOptions {
  /** Heading above the chart and tables. */
  readonly title?: string;
  /** Render the chart to SVG (loads vega). Default true; false keeps the tables and the vega-lite spec only. */
  readonly chart?: boolean;
}

/** What `frontier` draws: a report, one sweep, a 2-D grid, or named sweeps of one measure overlaid. */
export type FrontierInput = ReportV1 | FrontierSweep | FrontierGrid | Readonly<Record<string, FrontierSweep>>;

const isReport = (x: FrontierInput): x is ReportV1 => (x as ReportV1).schemaVersion === 1 && 'frontier' in x;
const isGrid = (x: FrontierInput): x is FrontierGrid =>
  typeof (x as FrontierGrid).x === 'object' &&
  typeof (x as FrontierGrid).y === 'object' &&
  Array.isArray((x as FrontierGrid).points);
const isSweep = (x: unknown): x is FrontierSweep =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as FrontierSweep).measure === 'string' &&
  Array.isArray((x as FrontierSweep).points);

function constraintNote(
  fixedAlphas: Readonly<Record<Criterion, number>>,
  swept: readonly Criterion[],
): string {
  const others = CRITERIA.filter(
    (m) => !swept.includes(m) && fixedAlphas[m] !== undefined && !isVacuousBound(m, fixedAlphas[m]),
  );
  return others.length === 0
    ? 'other criteria unconstrained'
    : others.map((m) => `${BOUND_SYMBOLS[m]} = ${short(fixedAlphas[m])}`).join(', ');
}

/** The measured values shown in a table: sp, eo, oae, and every other criterion the constraints involve. */
function shownValues(involved: readonly Criterion[]): Criterion[] {
  return CRITERIA.filter((c) => MEASURES.includes(c as never) || involved.includes(c));
}

const VALUE_HEADINGS: Readonly<Record<Criterion, string>> = {
  sp: 'SP',
  eo: 'EO',
  oae: 'OAE',
  tpr: 'TPR gap',
  fpr: 'FPR gap',
  errorRate: 'error gap',
  spRatio: 'SP ratio',
  tprRatio: 'TPR ratio',
  fprRatio: 'FPR ratio',
  groupLoss: 'worst error',
};

/** The criteria bound (not vacuous) at some point of a sweep or grid, or swept. */
function involvedCriteria(
  points: readonly { readonly alpha: Readonly<Record<Criterion, number>> }[],
  swept: readonly Criterion[],
): Criterion[] {
  return CRITERIA.filter((c) => swept.includes(c) || points.some((p) => !isVacuousBound(c, p.alpha[c])));
}

function reportTables(report: ReportV1): DisplayTable[] {
  const swept = report.settings.constraints.swept;
  const shown: CriterionNameV1[] =
    swept.length > 0 ? [...swept] : MEASURES.filter((m) => report.frontier[0].alpha[m] < 1);
  const tables: DisplayTable[] = [
    {
      title: 'FairFront (exact LP on the empirical cells, in sample)',
      columns: [...shown.map((m) => `α_${m}`), 'accuracy', 'dual bound', 'SP', 'EO', 'OAE'],
      rows: report.frontier.map((p) => [
        ...shown.map((m) => short(p.alpha[m] ?? Number.NaN)),
        fixed(p.accuracy, 6),
        fixed(p.dualBound, 6),
        fixed(p.violations.sp),
        fixed(p.violations.eo),
        fixed(p.violations.oae),
      ]),
    },
  ];
  if (report.models && report.models.length > 0) {
    const models = modelColumns(report, (x) => fixed(x));
    tables.push({
      title:
        'Models against the frontier (epistemic gap = FairFront at the model’s violation − its accuracy)',
      columns: models.header,
      rows: models.rows,
    });
  }
  return tables;
}

function sweepRows(series: string | null, sweep: FrontierSweep, shown: readonly Criterion[]): string[][] {
  return sweep.points.map((p) => [
    ...(series === null ? [] : [series]),
    short(p.alpha[sweep.measure]),
    fixed(p.accuracy, 6),
    ...(p.objective === 'accuracy' ? [] : [fixed(p.value, 6)]),
    fixed(p.dualBound, 6),
    ...shown.map((c) => fixed(p.violations[c])),
    fixed(p.price[sweep.measure], 3),
  ]);
}

/**
 * A frontier as a notebook output: the chart (curve, overlaid curves, or heat map) and its table. Accepts a
 * `ReportV1`, a `FrontierSweep`, a `FrontierGrid`, or an object of named sweeps along the same measure.
 * @throws InputError E_BAD_OPTION (named sweeps of different measures, or an unknown shape)
 * @example
 * const sweep = await sweepFrontier(distribution, { measure: 'eo', alphas: [0, 0.05, 0.1] });
 * show(await display.frontier(sweep));
 */
export async function frontier(
  input: FrontierInput,
  options: FrontierDisplayOptions = {},
): Promise<Displayable> {
  const chart = options.chart ?? true;
  if (isReport(input)) {
    const notes = [
      `Bayes accuracy ${fixed(input.reference.bayesAccuracy, 6)}; best constant prediction ${fixed(input.reference.constantAccuracy, 6)}`,
      ...input.data.warnings,
    ];
    return richDisplayable({
      renderChart: chart,
      heading: options.title ?? `FairFront on ${dataLine(input)}`,
      spec: reportSpec(input),
      tables: reportTables(input),
      notes,
    });
  }
  if (isGrid(input)) {
    const { x, y } = input;
    const all = input.points.flat();
    const objective = all[0]?.objective ?? 'accuracy';
    const plotted = (p: FairFrontPoint) => (objective === 'accuracy' ? p.accuracy : p.value);
    const shown = shownValues(involvedCriteria(all, [x.measure, y.measure]));
    const columns = [
      BOUND_SYMBOLS[x.measure],
      BOUND_SYMBOLS[y.measure],
      'accuracy',
      ...(objective === 'accuracy' ? [] : [OBJECTIVE_AXIS_TITLES[objective]]),
      'dual bound',
      ...shown.map((c) => VALUE_HEADINGS[c]),
    ];
    const rows = x.alphas.flatMap((ax, i) =>
      y.alphas.map((ay, j) => {
        const p = input.points[i][j];
        return [
          short(ax),
          short(ay),
          fixed(p.accuracy, 6),
          ...(objective === 'accuracy' ? [] : [fixed(p.value, 6)]),
          fixed(p.dualBound, 6),
          ...shown.map((c) => fixed(p.violations[c])),
        ];
      }),
    );
    const note = constraintNote(input.fixed, [x.measure, y.measure]);
    return richDisplayable({
      renderChart: chart,
      heading:
        options.title ?? `FairFront over ${BOUND_SYMBOLS[x.measure]} × ${BOUND_SYMBOLS[y.measure]} (${note})`,
      spec: heatmapChart({
        title: 'FairFront over two fairness bounds',
        subtitle: note,
        x,
        y,
        objective,
        cells: x.alphas.flatMap((ax, i) =>
          y.alphas.map((ay, j) => ({
            x: ax,
            y: ay,
            accuracy: plotted(input.points[i][j]),
            label: plotted(input.points[i][j]).toFixed(4),
          })),
        ),
      }),
      tables: [{ columns, rows }],
      notes: [`Bayes accuracy ${fixed(input.bayesAccuracy, 6)}`],
    });
  }
  const named: [string | null, FrontierSweep][] = isSweep(input) ? [[null, input]] : Object.entries(input);
  if (named.length === 0 || !named.every(([, s]) => isSweep(s)))
    throw new InputError(
      'E_BAD_OPTION',
      'display.frontier takes a report, a sweep, a grid, or an object of named sweeps',
      {
        option: 'input',
      },
    );
  const measure = named[0][1].measure;
  if (!named.every(([, s]) => s.measure === measure))
    throw new InputError('E_BAD_OPTION', 'overlaid sweeps must sweep the same measure', { option: 'input' });
  const objective = named[0][1].points[0]?.objective ?? 'accuracy';
  if (!named.every(([, s]) => s.points.every((p) => p.objective === objective)))
    throw new InputError('E_BAD_OPTION', 'overlaid sweeps must optimize the same objective', {
      option: 'input',
    });
  const curves: ChartCurve[] = named.map(([name, s]) => ({
    name: name ?? 'FairFront (exact LP, in sample)',
    points: s.points.map((p) => ({
      alpha: p.alpha[measure],
      accuracy: objective === 'accuracy' ? p.accuracy : p.value,
      dualBound: p.dualBound,
    })),
  }));
  const isSingle = named.length === 1 && named[0][0] === null;
  const bayes = named.map(([, s]) => s.bayesAccuracy);
  const notes = new Set(named.map(([, s]) => constraintNote(s.fixed, [measure])));
  const note = notes.size === 1 ? [...notes][0] : 'each series with its own other constraints';
  const shown = shownValues(
    involvedCriteria(
      named.flatMap(([, s]) => s.points),
      [measure],
    ),
  );
  return richDisplayable({
    renderChart: chart,
    heading: options.title ?? `FairFront along ${BOUND_SYMBOLS[measure]} (${note})`,
    spec: frontierChart({
      title: 'FairFront: the best accuracy any classifier can reach',
      subtitle: note,
      measure,
      curves,
      objective,
      // One Bayes accuracy when every curve has the same cells (it does not depend on the constraints); it is
      // drawn only where the curves are accuracies.
      ...(new Set(bayes).size === 1 && objective === 'accuracy' ? { bayesAccuracy: bayes[0] } : {}),
    }),
    tables: [
      {
        columns: [
          ...(isSingle ? [] : ['series']),
          BOUND_SYMBOLS[measure],
          'accuracy',
          ...(objective === 'accuracy' ? [] : [OBJECTIVE_AXIS_TITLES[objective]]),
          'dual bound',
          ...shown.map((c) => VALUE_HEADINGS[c]),
          `price (${measure})`,
        ],
        rows: named.flatMap(([name, s]) => sweepRows(isSingle ? null : (name ?? ''), s, shown)),
      },
    ],
    notes: named.map(
      ([name, s]) => `${name === null ? '' : `${name}: `}Bayes accuracy ${fixed(s.bayesAccuracy, 6)}`,
    ),
  });
}
