import type { MissingBenchmarkPointV1, MissingSectionV1, ReportV1, SummaryV1 } from './report-types.js';
import { csvField } from './table-text.js';

/** Digits shown for accuracies and drops in text tables (the JSON keeps every digit). */
const SHOWN_DIGITS = 4;
const pm = (s: SummaryV1): string =>
  s.n > 1 ? `${s.mean.toFixed(SHOWN_DIGITS)} ± ${s.std.toFixed(SHOWN_DIGITS)}` : s.mean.toFixed(SHOWN_DIGITS);
const alphaText = (x: number): string => String(Number(x.toPrecision(10)));

/** The alphas shown in text tables: the first and the last (all when there are at most two). */
function shownAlphaIndices(section: MissingSectionV1): number[] {
  const n = section.alphas.length;
  return n <= 2 ? [...Array(n).keys()] : [0, n - 1];
}

/** Header and rows of the drops table: one row per (scenario, strategy), the complete data first. */
export function missingColumns(section: MissingSectionV1): { header: string[]; rows: string[][] } {
  const shown = shownAlphaIndices(section);
  const m = section.measure;
  const header = [
    'scenario',
    'strategy',
    'cells',
    ...shown.flatMap((t) => [
      `FairFront ${m}=${alphaText(section.alphas[t])}`,
      `drop ${m}=${alphaText(section.alphas[t])}`,
    ]),
    'Bayes',
  ];
  if (section.heldOut)
    header.push(...shown.map((t) => `held-out ${m}=${alphaText(section.alphas[t])}`), 'held-out drop');
  const anyInflated = section.settings.some((s) => s.inSampleInflated === true);
  if (anyInflated) header.push('note');
  const c = section.complete;
  const completeRow = [
    'complete',
    '-',
    String(c.cells),
    ...shown.flatMap((t) => [c.accuracy[t].toFixed(SHOWN_DIGITS), '0']),
    c.bayesAccuracy.toFixed(SHOWN_DIGITS),
  ];
  if (section.heldOut && c.heldOut) completeRow.push(...shown.map((t) => pm(c.heldOut!.accuracy[t])), '0');
  if (anyInflated) completeRow.push('');
  const rows = section.settings.map((s) => {
    const row = [
      s.scenario,
      s.strategy,
      s.cells.mean.toFixed(0),
      ...shown.flatMap((t) => [pm(s.accuracy[t]), pm(s.drop[t])]),
      pm(s.bayesAccuracy),
    ];
    if (section.heldOut && s.heldOut)
      row.push(...shown.map((t) => pm(s.heldOut!.accuracy[t])), pm(s.heldOut.drop[0]));
    if (anyInflated)
      row.push(s.inSampleInflated === true ? 'in-sample inflated (added cells): read held-out' : '');
    return row;
  });
  return { header, rows: [completeRow, ...rows] };
}

/** The settings' benchmark points in table order: the complete data first, then each (scenario, strategy). */
function benchmarkRows(
  section: MissingSectionV1,
): { scenario: string; strategy: string; point: MissingBenchmarkPointV1 }[] {
  const rows = (section.complete.benchmark ?? []).map((point) => ({
    scenario: 'complete',
    strategy: '-',
    point,
  }));
  for (const s of section.settings)
    for (const point of s.benchmark ?? []) rows.push({ scenario: s.scenario, strategy: s.strategy, point });
  return rows;
}

/**
 * Header and rows of the interventions-under-missingness table: each method's accuracy, violation and epistemic
 * gap (FairFront of the same handled cells at its violation minus its accuracy) per setting, mean ± std over seeds.
 * Undefined when the study ran no benchmark.
 */
export function missingBenchmarkColumns(
  section: MissingSectionV1,
): { header: string[]; rows: string[][] } | undefined {
  const rows = benchmarkRows(section);
  if (rows.length === 0) return undefined;
  const m = section.measure;
  return {
    header: ['scenario', 'strategy', 'model', 'method', 'knob', 'accuracy', `${m} violation`, 'gap'],
    rows: rows.map(({ scenario, strategy, point: p }) => [
      scenario,
      strategy,
      p.model,
      p.method,
      p.knob === null ? '-' : String(p.knob),
      pm(p.accuracy),
      pm(p.violation),
      pm(p.gap),
    ]),
  };
}

/** The caption of the benchmark table. */
export function missingBenchmarkCaption(section: MissingSectionV1): string {
  return (
    `Interventions under missingness: one benchmark run per seed on each handled table, mean ± std over ${section.seeds} seeds; ` +
    `gap = FairFront of the same handled cells at the point's measured ${section.measure} violation - its accuracy (epistemic gap, docs/design.md, The frontier and the gap).`
  );
}

/** A one-paragraph account of the study for text formats. */
export function missingCaption(report: ReportV1): string {
  const s = report.missing!;
  const held = s.heldOut
    ? ` Held-out: the training-optimal rule on ${s.heldOut.holdout !== undefined ? `a ${s.heldOut.holdout} held-out share` : `${s.heldOut.folds} folds`}, drop at the first alpha.`
    : '';
  return (
    `Missing values on ${report.data.source.name}: columns ${s.columns.join(', ')} go missing (minority group ${s.minorityGroup}); ` +
    `FairFront in sample, mean ± std over ${s.seeds} seeds (seed ${s.seed}); drop = complete - handled (the aleatoric cost of missingness).${held}`
  );
}

/** Every (setting, alpha) with every digit: one CSV row each, the complete data first. */
export function missingCsv(section: MissingSectionV1): string {
  const header = [
    'scenario',
    'mechanism',
    'strategy',
    `alpha_${section.measure}`,
    'accuracy_mean',
    'accuracy_std',
    'drop_mean',
    'drop_std',
    'cells_mean',
    'seeds',
  ];
  if (section.heldOut)
    header.push('held_out_accuracy_mean', 'held_out_accuracy_std', 'held_out_drop_mean', 'held_out_drop_std');
  // With a benchmark, its points follow the frontier rows in the same rectangular CSV: extra columns at the end,
  // empty on frontier rows; benchmark rows leave alpha, drop and held-out empty (the method column tells them apart).
  const bench = benchmarkRows(section);
  const benchHeader = [
    'model',
    'method',
    'knob',
    'violation_mean',
    'violation_std',
    'gap_mean',
    'gap_std',
    'full_data_gap_mean',
  ];
  const frontierWidth = header.length;
  if (bench.length > 0) header.push(...benchHeader);
  const lines = [header.join(',')];
  const pad = (row: string[]): string[] =>
    bench.length > 0
      ? [...row, ...Array<string>(frontierWidth + benchHeader.length - row.length).fill('')]
      : row;
  section.alphas.forEach((alpha, t) => {
    const row = [
      'complete',
      'none',
      '',
      String(alpha),
      String(section.complete.accuracy[t]),
      '0',
      '0',
      '0',
      String(section.complete.cells),
      String(section.seeds),
    ];
    if (section.heldOut && section.complete.heldOut) {
      const h = section.complete.heldOut.accuracy[t];
      row.push(String(h.mean), String(h.std), '0', '0');
    }
    lines.push(pad(row).map(csvField).join(','));
  });
  for (const s of section.settings)
    section.alphas.forEach((alpha, t) => {
      const row = [
        s.scenario,
        s.mechanism.kind,
        s.strategy,
        String(alpha),
        String(s.accuracy[t].mean),
        String(s.accuracy[t].std),
        String(s.drop[t].mean),
        String(s.drop[t].std),
        String(s.cells.mean),
        String(s.accuracy[t].n),
      ];
      if (section.heldOut && s.heldOut)
        row.push(
          String(s.heldOut.accuracy[t].mean),
          String(s.heldOut.accuracy[t].std),
          String(s.heldOut.drop[t].mean),
          String(s.heldOut.drop[t].std),
        );
      lines.push(pad(row).map(csvField).join(','));
    });
  for (const { scenario, strategy, point: p } of bench) {
    const setting = section.settings.find((s) => s.scenario === scenario && s.strategy === strategy);
    const row = Array<string>(frontierWidth).fill('');
    row[0] = scenario;
    row[1] = setting ? setting.mechanism.kind : 'none';
    row[2] = strategy === '-' ? '' : strategy;
    row[4] = String(p.accuracy.mean);
    row[5] = String(p.accuracy.std);
    row[8] = setting ? String(setting.cells.mean) : String(section.complete.cells);
    row[9] = String(p.accuracy.n);
    row.push(
      p.model,
      p.method,
      p.knob === null ? '' : String(p.knob),
      String(p.violation.mean),
      String(p.violation.std),
      String(p.gap.mean),
      String(p.gap.std),
      p.fullDataGap ? String(p.fullDataGap.mean) : '',
    );
    lines.push(row.map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}
