import { estimationColumns, estimationRowText, rowAlphas } from '../report/format-estimation.js';
import {
  missingBenchmarkCaption,
  missingBenchmarkColumns,
  missingCaption,
  missingColumns,
} from '../report/format-missing.js';
import { dataLine, leftOutLine, modelColumns } from '../report/format-report.js';
import { scoreColumns, scoreNotes } from '../report/format-scores.js';
import { groupTableCaption, groupTableColumns } from '../report/group-table.js';
import { constraintText } from '../report/model-card.js';
import type { ReportV1 } from '../report/report-types.js';
import { escapeHtml } from '../report/table-text.js';
import { reportSpec } from './frontier-spec.js';
import { renderSvg } from './render.js';

const num = (x: number): string => x.toFixed(6);

function table(header: readonly string[], rows: readonly (readonly string[])[], caption: string): string {
  const head = header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c, j) => (j === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  // A wide table (e.g. the held-out columns of --folds) scrolls inside its box; the page keeps the window's width.
  return `<div class="table-box"><table><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 72rem; color: #222; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.table-box { max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-variant-numeric: tabular-nums; font-size: 0.85rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.2rem 0.45rem; text-align: right; }
th[scope="row"], thead th:first-child { text-align: left; }
.warnings { background: #fff8e1; border-left: 4px solid #f0ad4e; padding: 0.5rem 1rem; }
.chart { margin: 0; }
.chart svg { max-width: 100%; height: auto; }
code { background: #f4f4f4; padding: 0 0.2rem; }
`;

/** The interventions-under-missingness table, when the study ran a benchmark. */
function missingBenchmarkHtml(report: ReportV1): string {
  const b = missingBenchmarkColumns(report.missing!);
  if (!b) return '';
  return `<h3>Interventions under missingness</h3><p>${escapeHtml(missingBenchmarkCaption(report.missing!))}</p>${table(b.header, b.rows, 'Accuracy, violation and epistemic gap of each method per setting (mean ± std over seeds)')}`;
}

/**
 * One self-contained HTML page for a report: data summary, the chart as inline SVG, the frontier and model
 * tables, warnings and settings. No script, no external resource: it works offline and from a file.
 */
export async function htmlReport(report: ReportV1): Promise<string> {
  const svg = await renderSvg(reportSpec(report));
  const d = report.data;
  // The estimation section's columns (held-out, bootstrap band, bracket, cutting planes) beside the exact ones;
  // with the bracket fallback there are no exact points and the rows are the bracket's.
  const estimated = estimationColumns(report);
  const hasExact = report.frontier.length > 0;
  const models = modelColumns(report);
  const frontierHeader = [
    'constraints',
    ...(hasExact ? ['accuracy', 'dual bound', 'SP violation', 'EO violation', 'OAE violation'] : []),
    ...estimated.header,
  ];
  const frontierRows = rowAlphas(report).map((alpha, i) => {
    const p = report.frontier[i];
    return [
      constraintText({ alpha }),
      ...(p
        ? [
            num(p.accuracy),
            num(p.dualBound),
            num(p.violations.sp),
            num(p.violations.eo),
            num(p.violations.oae),
          ]
        : []),
      ...estimationRowText(estimated, i),
    ];
  });
  const sections = [
    `<h1>Fairness limits: ${escapeHtml(d.source.name)}</h1>`,
    `<p>${report.settings.fallback ? 'Certified bracket of the fairness Pareto frontier (the exact LP was too large; see the warnings)' : 'Exact fairness Pareto frontier'} (FairFront, Wang et al., NeurIPS 2023): the highest accuracy that any classifier on these cells can reach under each fairness constraint. ${escapeHtml(dataLine(report))}.</p>`,
    leftOutLine(report) !== undefined
      ? `<p class="left-out">${escapeHtml(leftOutLine(report)!.replace(/^left/, 'Left'))}.</p>`
      : '',
    d.warnings.length > 0
      ? `<section class="warnings" aria-label="warnings"><h2>Warnings</h2><ul>${d.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></section>`
      : '',
    `<h2>Frontier</h2><figure class="chart">${svg}</figure>`,
    report.missing
      ? `<h2>Missing values</h2><p>${escapeHtml(missingCaption(report))}</p>${table(missingColumns(report.missing).header, missingColumns(report.missing).rows, 'FairFront of each setting and its drop from the complete data (mean ± std over seeds)')}${missingBenchmarkHtml(report)}`
      : '',
    table(
      frontierHeader,
      frontierRows,
      hasExact ? 'FairFront at each constraint' : 'Certified bracket of FairFront at each constraint',
    ),
    estimated.notes.length > 0
      ? `<ul class="notes">${estimated.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`
      : '',
    `<p>Bayes accuracy ${num(report.reference.bayesAccuracy)}; best constant classifier ${num(report.reference.constantAccuracy)}.</p>`,
    report.models && report.models.length > 0
      ? `<h2>Models</h2>${table(
          models.header,
          models.rows,
          "Epistemic gap: FairFront at the model's own violation minus its accuracy (in-sample frontier, the upper end); held-out gap: against the achievable held-out frontier (the lower end)",
        )}${report.models
          .flatMap((m) =>
            (m.byGroup ?? []).map((t, _, all) => {
              const c = groupTableColumns(t, 6);
              return table(c.header, c.rows, groupTableCaption(m.name, t, all.length));
            }),
          )
          .join('')}`
      : '',
    report.scoreCurves && report.scoreCurves.length > 0
      ? `<h2>Score models</h2>${table(
          scoreColumns(report).header,
          scoreColumns(report).rows,
          'Each score\'s best single threshold and fairlearn\'s ThresholdOptimizer group thresholds against the frontier (docs/scores.md); "above": the rule uses information beyond the cells',
        )}<ul class="notes">${scoreNotes(report)
          .map((n) => `<li>${escapeHtml(n.trim())}</li>`)
          .join('')}</ul>`
      : '',
    '<h2>Data</h2>',
    table(
      ['group', 'rows', 'share'],
      d.groups.map((g) => [g.name, String(g.rows), num(g.share)]),
      'Groups',
    ),
    table(
      ['label', 'rows', 'share'],
      d.labels.map((g) => [g.name, String(g.rows), num(g.share)]),
      'Labels',
    ),
    table(
      ['feature', 'encoding', 'levels or edges'],
      d.features.map((f) => [
        f.name,
        f.bins ? `${f.encoding} (${f.bins})` : f.encoding,
        f.levels ? f.levels.join(', ') : f.edges ? f.edges.join(', ') : '',
      ]),
      'Features (the cell key)',
    ),
    `<p>${d.cells.count} cells, ${d.cells.isGroupAware ? 'group-aware' : 'group-blind'}; cells per row ${num(d.cells.perRow)}; share of single-row cells ${num(d.cells.singleRowShare)}.${d.source.sha256 ? ` File SHA-256 <code>${escapeHtml(d.source.sha256)}</code>.` : ''}</p>`,
    '<h2>Settings</h2>',
    `<p>Method ${escapeHtml(report.settings.method)}, HiGHS algorithm ${escapeHtml(report.settings.algorithm)}, time limit ${report.settings.timeLimitSeconds} s per solve, seed ${report.settings.seed ?? 'none'}; fairlimit ${escapeHtml(report.tool.version)}, report schema version ${report.schemaVersion}.</p>`,
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>fairlimit report: ${escapeHtml(d.source.name)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${sections.filter((s) => s !== '').join('\n')}
</main>
</body>
</html>
`;
}
