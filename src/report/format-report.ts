import { checkReportShape } from './check-report-shape.js';
import { InputError } from '../errors.js';
import { CRITERIA } from '../metrics/criterion.js';
import { csvField, textTable as alignedTable } from './table-text.js';
import { groupTableCaption, groupTableColumns } from './group-table.js';
import { estimationColumns, estimationRowText, rowAlphas } from './format-estimation.js';
import { scoreColumns, scoreNotes, thresholdText } from './format-scores.js';
import {
  missingBenchmarkCaption,
  missingBenchmarkColumns,
  missingCaption,
  missingColumns,
  missingCsv,
} from './format-missing.js';
import type { CriterionNameV1, CriterionValuesV1, FrontierPointV1, ReportV1 } from './report-types.js';

/** Output formats of a report. */
export const ReportFormat = { table: 'table', json: 'json', csv: 'csv', md: 'md' } as const;
export type ReportFormat = keyof typeof ReportFormat;
export const isReportFormat = (f: string): f is ReportFormat => Object.hasOwn(ReportFormat, f);

const MEASURES: readonly CriterionNameV1[] = ['sp', 'eo', 'oae'];
/** The criteria beyond the paper's three, in report order (docs/constraints.md). */
const BEYOND: readonly CriterionNameV1[] = CRITERIA.filter((c) => !MEASURES.includes(c));
const isRatio = (m: CriterionNameV1): boolean => m.endsWith('Ratio');
/** Column label of a criterion's bound: alpha for differences, R for ratios, Z for group loss. */
const boundLabel = (m: CriterionNameV1): string =>
  isRatio(m) ? `R ${m}` : m === 'groupLoss' ? 'Z groupLoss' : `alpha ${m}`;
const isBinding = (m: CriterionNameV1, a: number): boolean => (isRatio(m) ? a > 0 : a < 1);
const valueOf = (r: CriterionValuesV1, m: CriterionNameV1): number => r[m] ?? Number.NaN;

/** Digits shown in human-readable formats (the JSON and CSV keep every digit). */
const SHOWN_DIGITS = 6;
const fixed = (x: number): string => x.toFixed(SHOWN_DIGITS);
const alphaText = (x: number): string => (x === 1 ? '1' : String(Number(x.toPrecision(10))));

/**
 * Columns of the frontier table: the alphas that vary or bind, accuracy, bound, price of the swept measures, then
 * the estimation section's columns (held-out, bootstrap band, bracket, cutting planes) where present. When the
 * exact LP was replaced by the bracket (`settings.fallback`), only the alphas and the estimation columns.
 */
function frontierColumns(report: ReportV1): { header: string[]; rows: string[][] } {
  const given = report.settings.constraints.alphas;
  const shownAlphas = [...MEASURES, ...BEYOND].filter(
    (m) => report.settings.constraints.swept.includes(m) || (given[m] ?? []).some((a) => isBinding(m, a)),
  );
  const alphas = shownAlphas.length > 0 ? shownAlphas : (['eo'] as CriterionNameV1[]);
  const hasExact = report.frontier.length > 0;
  const objective = report.settings.objective?.kind ?? 'accuracy';
  const hasValue = hasExact && objective !== 'accuracy';
  const estimated = estimationColumns(report);
  const header = [
    ...alphas.map(boundLabel),
    ...(hasExact
      ? ['accuracy', ...(hasValue ? [objective] : []), 'dual bound', ...alphas.map((m) => `price ${m}`)]
      : []),
    ...estimated.header,
  ];
  const rows = rowAlphas(report).map((alpha, i) => {
    const p: FrontierPointV1 | undefined = report.frontier[i];
    return [
      ...alphas.map((m) => alphaText(valueOf(alpha, m))),
      ...(p
        ? [
            fixed(p.accuracy),
            ...(hasValue ? [fixed(p.value ?? Number.NaN)] : []),
            fixed(p.dualBound),
            ...alphas.map((m) => fixed(valueOf(p.price, m))),
          ]
        : []),
      ...estimationRowText(estimated, i),
    ];
  });
  return { header, rows };
}

/** What the frontier table holds, for its title line. */
function frontierTitle(report: ReportV1): string {
  if (report.settings.fallback) return 'FairFront (certified bracket: the exact LP was too large)';
  return report.settings.estimate === 'posterior'
    ? 'FairFront (posterior estimate: exact LP on the cells of a cross-fitted learned score)'
    : 'FairFront (exact, in-sample)';
}

/**
 * The models table of every format (text, Markdown, HTML, notebook display): name, measure, violation, accuracy,
 * FairFront at that violation and the gap, plus the held-out gap when a held-out protocol gave one.
 */
export function modelColumns(
  report: ReportV1,
  format: (x: number) => string = fixed,
): { header: string[]; rows: string[][] } {
  // With a held-out protocol each gap is a bracket: the held-out gap is its lower end (docs/estimation.md).
  const bracketed = (report.models ?? []).some((m) => m.gapLow !== undefined);
  const header = [
    'model',
    'measure',
    'violation',
    'accuracy',
    'FairFront',
    'gap',
    ...(bracketed ? [report.settings.estimate === 'posterior' ? 'certified gap' : 'held-out gap'] : []),
  ];
  // A negative gap means the model beats the estimate: say so rather than print a negative number.
  const gapText = (gap: number) => (gap < 0 ? `beats it by ${format(-gap)}` : format(gap));
  const rows = (report.models ?? []).map((m) => [
    m.name,
    m.measure,
    format(m.violation),
    format(m.accuracy),
    format(m.frontierAccuracy),
    report.settings.estimate === 'posterior' ? gapText(m.gap) : format(m.gap),
    ...(bracketed
      ? [
          m.gapLow === null || m.gapLow === undefined
            ? '-'
            : report.settings.estimate === 'posterior' && m.gapLow < 0
              ? 'none'
              : format(m.gapLow),
        ]
      : []),
  ]);
  return { header, rows };
}

/** Aligned text: the first column (names, alphas) left, the numbers right. */
function textTable(header: string[], rows: string[][]): string {
  return alignedTable({ columns: header, rows, numeric: header.map((_, j) => j > 0) });
}

function mdEscape(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function mdTable(header: string[], rows: string[][]): string {
  return [
    `| ${header.map(mdEscape).join(' | ')} |`,
    `|${header.map((_, j) => (j === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(mdEscape).join(' | ')} |`),
  ].join('\n');
}

/** Every placed model's group tables as Markdown blocks (caption line, blank, table), each preceded by a blank. */
export function groupTablesMd(report: ReportV1): string[] {
  const parts: string[] = [];
  for (const model of report.models ?? [])
    for (const t of model.byGroup ?? []) {
      const g = groupTableColumns(t);
      parts.push(
        '',
        `${groupTableCaption(model.name, t, model.byGroup!.length)}:`,
        '',
        mdTable(g.header, g.rows),
      );
    }
  return parts;
}

/** One-line description of the data: source, N, cells, groups. */
export function dataLine(report: ReportV1): string {
  const d = report.data;
  const groups = d.groups.map((g) => `${g.name} ${g.rows}`).join(', ');
  return `${d.source.name}: N = ${d.nRows}, ${d.cells.count} cells (${d.cells.isGroupAware ? 'group-aware' : 'group-blind'}), groups ${groups}`;
}

/** The features the cells were built from, with their encodings (empty when the input had no rows). */
export function featuresLine(report: ReportV1): string | undefined {
  const features = report.data.features;
  if (features.length === 0) return undefined;
  const shown = features.slice(0, 30).map((f) => {
    if (f.encoding === 'bins') return `${f.name} (${f.bins ?? 'bins'})`;
    if (f.encoding === 'categorical') return `${f.name} (${f.levels?.length ?? 0} levels)`;
    return f.name;
  });
  return `features: ${shown.join(', ')}${features.length > 30 ? `, ... ${features.length - 30} more` : ''}`;
}

/** How each left-out reason reads in the text output (an unknown reason is shown as it is). */
const LEFT_OUT_WORDS: Readonly<Record<string, string>> = {
  identifier: 'identify rows',
  constant: 'constant',
  date: 'dates',
  text: 'free text',
  missing: 'missing values',
};

/**
 * The columns left out of the default features, by reason, and how to put one back: "left out of the default
 * features: identify rows: id, name; dates: dob; ... (name the features to use one: --features)".
 */
export function leftOutLine(report: ReportV1): string | undefined {
  const leftOut = report.data.leftOut ?? [];
  if (leftOut.length === 0) return undefined;
  const byReason = new Map<string, string[]>();
  for (const l of leftOut) {
    const shown = l.reason === 'missing' ? `${l.column} (${l.detail.replace(/^missing in /, '')})` : l.column;
    byReason.set(l.reason, [...(byReason.get(l.reason) ?? []), shown]);
  }
  const groups = [...byReason].map(([reason, columns]) => {
    const listed = columns.slice(0, 12).join(', ');
    const more = columns.length > 12 ? `, ... ${columns.length - 12} more` : '';
    return `${LEFT_OUT_WORDS[reason] ?? reason}: ${listed}${more}`;
  });
  return `left out of the default features: ${groups.join('; ')} (to use one, name the features: --features)`;
}

/**
 * The report as text: `table` (aligned, for a terminal), `md` (Markdown), `csv` (one row per frontier point,
 * every digit), `json` (the report itself, 2-space indented).
 * @throws InputError E_BAD_OPTION (unknown format)
 */
export function formatReport(report: ReportV1, format: ReportFormat): string {
  checkReportShape(report);
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'csv': {
      // A missing-value report's rows are its (setting, alpha) summaries; the complete frontier is in the JSON.
      if (report.missing) return missingCsv(report.missing);
      const header = [
        'alpha_sp',
        'alpha_eo',
        'alpha_oae',
        'accuracy',
        'dual_bound',
        'status',
        'violation_sp',
        'violation_eo',
        'violation_oae',
        'price_sp',
        'price_eo',
        'price_oae',
      ];
      // Estimation columns follow the exact ones; with the bracket fallback the exact ones are empty.
      const estimated = estimationColumns(report);
      header.push(...estimated.csvHeader);
      // The criteria beyond sp, eo, oae and the objective come last, and only in reports that use them, so a
      // report of the paper's measures keeps its columns byte for byte.
      const given = report.settings.constraints.alphas;
      const hasBeyond = report.settings.objective !== undefined || BEYOND.some((m) => given[m] !== undefined);
      if (hasBeyond)
        header.push(
          ...BEYOND.flatMap((m) => [`bound_${m}`, `measured_${m}`, `price_${m}`]),
          'objective',
          'value',
        );
      const hasScores = (report.scoreCurves?.length ?? 0) > 0;
      if (hasScores) header.push('row', 'score_model', 'rule', 'frontier_accuracy', 'gap', 'above_frontier');
      const rows = rowAlphas(report).map((alpha, i) => {
        const p: FrontierPointV1 | undefined = report.frontier[i];
        const exact = p
          ? [
              p.accuracy,
              p.dualBound,
              p.status,
              p.violations.sp,
              p.violations.eo,
              p.violations.oae,
              p.price.sp,
              p.price.eo,
              p.price.oae,
            ]
          : new Array<string>(9).fill('');
        const beyond = !hasBeyond
          ? []
          : BEYOND.flatMap((m) =>
              p
                ? [valueOf(alpha, m), valueOf(p.violations, m), valueOf(p.price, m)]
                : [valueOf(alpha, m), '', ''],
            );
        const objectiveCells = !hasBeyond
          ? []
          : p
            ? [p.objective ?? 'accuracy', p.value ?? p.accuracy]
            : ['', ''];
        return [
          alpha.sp,
          alpha.eo,
          alpha.oae,
          ...exact,
          ...estimated.rows[i],
          ...beyond,
          ...objectiveCells,
          ...(hasScores ? ['frontier', '', '', '', '', '', ''] : []),
        ]
          .map((v) => csvField(v === null ? '' : String(v)))
          .join(',');
      });
      // Score models (docs/scores.md) add rows of their own, marked in a `row` column, in reports that have them:
      // every threshold of the curve and each fitted group-threshold rule, with accuracy and violations in the
      // frontier's columns.
      const scoreRows: string[] = [];
      for (const c of report.scoreCurves ?? []) {
        const rowOf = (
          kind: string,
          rule: string,
          accuracy: number,
          v: CriterionValuesV1,
          frontierAccuracy?: number,
          gap?: number,
          isAbove?: boolean,
        ) =>
          [
            ...new Array<string>(3).fill(''),
            accuracy,
            '',
            '',
            v.sp,
            v.eo,
            v.oae,
            ...new Array<string>(3).fill(''),
            ...new Array<string>(estimated.csvHeader.length).fill(''),
            ...(hasBeyond ? [...BEYOND.flatMap((m) => ['', valueOf(v, m), '']), '', ''] : []),
            kind,
            c.name,
            rule,
            frontierAccuracy ?? '',
            gap ?? '',
            isAbove === undefined ? '' : String(isAbove),
          ]
            .map((x) => csvField(String(x)))
            .join(',');
        for (const p of c.points)
          scoreRows.push(
            rowOf(
              'score threshold',
              `>= ${thresholdText(p.threshold)}`,
              p.accuracy,
              p.violations,
              p.frontierAccuracy,
              p.gap,
              p.isAboveFrontier,
            ),
          );
        for (const g of c.groupThresholds)
          scoreRows.push(
            rowOf(
              'group thresholds',
              g.constraint,
              g.accuracy,
              g.violations!,
              g.frontierAccuracy,
              g.gap,
              g.isAboveFrontier,
            ),
          );
      }
      return `${[header.join(','), ...rows, ...scoreRows].join('\n')}\n`;
    }
    case 'table': {
      const f = frontierColumns(report);
      const parts = [
        `${frontierTitle(report)} on ${dataLine(report)}`,
        ...(featuresLine(report) !== undefined ? [featuresLine(report)!] : []),
        ...(leftOutLine(report) !== undefined ? [leftOutLine(report)!] : []),
        '',
        textTable(f.header, f.rows),
        ...estimationColumns(report).notes.map((n) => `  ${n}`),
        '',
        `Bayes accuracy ${fixed(report.reference.bayesAccuracy)}; best constant ${fixed(report.reference.constantAccuracy)}`,
      ];
      if (report.models && report.models.length > 0) {
        const m = modelColumns(report);
        parts.push('', textTable(m.header, m.rows));
        for (const model of report.models)
          for (const t of model.byGroup ?? []) {
            const g = groupTableColumns(t);
            parts.push(
              '',
              groupTableCaption(model.name, t, model.byGroup!.length),
              textTable(g.header, g.rows),
            );
          }
      }
      if (report.scoreCurves && report.scoreCurves.length > 0) {
        const s = scoreColumns(report);
        parts.push('', textTable(s.header, s.rows), ...scoreNotes(report));
      }
      if (report.missing) {
        const m = missingColumns(report.missing);
        parts.push('', missingCaption(report), '', textTable(m.header, m.rows));
        const b = missingBenchmarkColumns(report.missing);
        if (b) parts.push('', missingBenchmarkCaption(report.missing), '', textTable(b.header, b.rows));
      }
      if (report.data.warnings.length > 0)
        parts.push('', 'warnings:', ...report.data.warnings.map((w) => `  - ${w}`));
      return `${parts.join('\n')}\n`;
    }
    case 'md': {
      const f = frontierColumns(report);
      const parts = [
        '## Fairness limits (fairlimit)',
        '',
        `${report.settings.fallback ? 'Certified bracket of the fairness Pareto frontier' : 'Exact fairness Pareto frontier'} (FairFront, Wang et al. 2023) on ${dataLine(report)}.`,
        `Bayes accuracy ${fixed(report.reference.bayesAccuracy)}; best constant classifier ${fixed(report.reference.constantAccuracy)}.`,
        ...(featuresLine(report) !== undefined
          ? [`${featuresLine(report)!.replace(/^features/, 'Features')}.`]
          : []),
        ...(leftOutLine(report) !== undefined ? [`${leftOutLine(report)!.replace(/^left/, 'Left')}.`] : []),
        '',
        mdTable(f.header, f.rows),
      ];
      const notes = estimationColumns(report).notes;
      if (notes.length > 0) parts.push('', ...notes.map((n) => `- ${n}`));
      if (report.models && report.models.length > 0) {
        const m = modelColumns(report);
        parts.push(
          '',
          "Models against the frontier (gap = epistemic discrimination: FairFront at the model's own violation minus its accuracy):",
          '',
          mdTable(m.header, m.rows),
        );
        parts.push(...groupTablesMd(report));
      }
      if (report.scoreCurves && report.scoreCurves.length > 0) {
        const s = scoreColumns(report);
        parts.push(
          '',
          'Score models (docs/scores.md): each one\'s best single threshold and fairlearn\'s ThresholdOptimizer group thresholds, against the frontier ("above" = the rule uses information beyond the cells):',
          '',
          mdTable(s.header, s.rows),
          '',
          ...scoreNotes(report).map((n) => (n.startsWith('  ') ? `  - ${n.trim()}` : `- ${n}`)),
        );
      }
      if (report.missing) {
        const m = missingColumns(report.missing);
        parts.push('', '### Missing values', '', missingCaption(report), '', mdTable(m.header, m.rows));
        const b = missingBenchmarkColumns(report.missing);
        if (b) parts.push('', missingBenchmarkCaption(report.missing), '', mdTable(b.header, b.rows));
      }
      if (report.data.warnings.length > 0)
        parts.push('', '**Warnings**', '', ...report.data.warnings.map((w) => `- ${w}`));
      return `${parts.join('\n')}\n`;
    }
    default:
      throw new InputError(
        'E_BAD_OPTION',
        `unknown format "${String(format)}" (use table, json, csv or md)`,
        { option: '--format' },
      );
  }
}
