import { InputError } from '../errors.js';
import { estimationColumns, rowAlphas } from './format-estimation.js';
import {
  missingBenchmarkCaption,
  missingBenchmarkColumns,
  missingCaption,
  missingColumns,
  missingCsv,
} from './format-missing.js';
import type { FrontierPointV1, MeasureNameV1, ReportV1 } from './report-types.js';

/** Output formats of a report. */
export const ReportFormat = { table: 'table', json: 'json', csv: 'csv', md: 'md' } as const;
export type ReportFormat = keyof typeof ReportFormat;
export const isReportFormat = (f: string): f is ReportFormat => Object.hasOwn(ReportFormat, f);

const MEASURES: readonly MeasureNameV1[] = ['sp', 'eo', 'oae'];

/** Digits shown in human-readable formats (the JSON and CSV keep every digit). */
const SHOWN_DIGITS = 6;
const fixed = (x: number): string => x.toFixed(SHOWN_DIGITS);
const alphaText = (x: number): string => (x === 1 ? '1' : String(Number(x.toPrecision(10))));

/** An estimation value as shown: counts as integers, flags as yes/no, the rest with SHOWN_DIGITS. */
const shown = (v: number | boolean, isCount: boolean): string =>
  typeof v === 'boolean' ? (v ? 'yes' : 'no') : isCount ? String(v) : fixed(v);

/**
 * Columns of the frontier table: the alphas that vary or bind, accuracy, bound, price of the swept measures, then
 * the estimation section's columns (held-out, bootstrap band, bracket, cutting planes) where present. When the
 * exact LP was replaced by the bracket (`settings.fallback`), only the alphas and the estimation columns.
 */
function frontierColumns(report: ReportV1): { header: string[]; rows: string[][] } {
  const shownAlphas = MEASURES.filter(
    (m) =>
      report.settings.constraints.swept.includes(m) ||
      report.settings.constraints.alphas[m].some((a) => a < 1),
  );
  const alphas = shownAlphas.length > 0 ? shownAlphas : (['eo'] as MeasureNameV1[]);
  const hasExact = report.frontier.length > 0;
  const estimated = estimationColumns(report);
  const header = [
    ...alphas.map((m) => `alpha ${m}`),
    ...(hasExact ? ['accuracy', 'dual bound', ...alphas.map((m) => `price ${m}`)] : []),
    ...estimated.header,
  ];
  const rows = rowAlphas(report).map((alpha, i) => {
    const p: FrontierPointV1 | undefined = report.frontier[i];
    return [
      ...alphas.map((m) => alphaText(alpha[m])),
      ...(p ? [fixed(p.accuracy), fixed(p.dualBound), ...alphas.map((m) => fixed(p.price[m]))] : []),
      ...estimated.rows[i].map((v, j) => shown(v, estimated.isCount[j])),
    ];
  });
  return { header, rows };
}

/** What the frontier table holds, for its title line. */
function frontierTitle(report: ReportV1): string {
  return report.settings.fallback
    ? 'FairFront (certified bracket: the exact LP was too large)'
    : 'FairFront (exact, in-sample)';
}

function modelColumns(report: ReportV1): { header: string[]; rows: string[][] } {
  const header = ['model', 'measure', 'violation', 'accuracy', 'FairFront', 'gap'];
  const rows = (report.models ?? []).map((m) => [
    m.name,
    m.measure,
    fixed(m.violation),
    fixed(m.accuracy),
    fixed(m.frontierAccuracy),
    fixed(m.gap),
  ]);
  return { header, rows };
}

function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) =>
    cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
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

/** One-line description of the data: source, N, cells, groups. */
export function dataLine(report: ReportV1): string {
  const d = report.data;
  const groups = d.groups.map((g) => `${g.name} ${g.rows}`).join(', ');
  return `${d.source.name}: N = ${d.nRows}, ${d.cells.count} cells (${d.cells.isGroupAware ? 'group-aware' : 'group-blind'}), groups ${groups}`;
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The report as text: `table` (aligned, for a terminal), `md` (Markdown), `csv` (one row per frontier point,
 * every digit), `json` (the report itself, 2-space indented).
 * @throws InputError E_BAD_OPTION (unknown format)
 */
export function formatReport(report: ReportV1, format: ReportFormat): string {
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
        return [alpha.sp, alpha.eo, alpha.oae, ...exact, ...estimated.rows[i]]
          .map((v) => csvField(String(v)))
          .join(',');
      });
      return `${[header.join(','), ...rows].join('\n')}\n`;
    }
    case 'table': {
      const f = frontierColumns(report);
      const parts = [
        `${frontierTitle(report)} on ${dataLine(report)}`,
        '',
        textTable(f.header, f.rows),
        ...estimationColumns(report).notes.map((n) => `  ${n}`),
        '',
        `Bayes accuracy ${fixed(report.reference.bayesAccuracy)}; best constant ${fixed(report.reference.constantAccuracy)}`,
      ];
      if (report.models && report.models.length > 0) {
        const m = modelColumns(report);
        parts.push('', textTable(m.header, m.rows));
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
        '',
        mdTable(f.header, f.rows),
      ];
      const notes = estimationColumns(report).notes;
      if (notes.length > 0) parts.push('', ...notes.map((n) => `- ${n}`));
      if (report.models && report.models.length > 0) {
        const m = modelColumns(report);
        parts.push(
          '',
          'Models against the frontier (gap = epistemic discrimination, docs/design.md, The frontier and the gap):',
          '',
          mdTable(m.header, m.rows),
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
