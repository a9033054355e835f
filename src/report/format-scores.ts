import type { ReportV1, ThresholdOptimizerV1, ThresholdV1 } from './report-types.js';

const SHOWN_DIGITS = 6;
const fixed = (x: number): string => x.toFixed(SHOWN_DIGITS);
/** A threshold as shown: numbers with up to 6 significant digits, infinities as inf / -inf. */
export const thresholdText = (t: ThresholdV1): string =>
  typeof t === 'number' ? String(Number(t.toPrecision(6))) : t;

/** One group's randomized rule of a ThresholdOptimizer as one line, e.g. "a: 0.4 [s > 0.64] + 0.6 [s > 0.36]". */
export function groupRuleText(g: ThresholdOptimizerV1['groups'][number]): string {
  const p = (x: number) => String(Number(x.toPrecision(4)));
  const parts = [
    ...(g.p0 > 0 ? [`${p(g.p0)} [score > ${thresholdText(g.threshold0)}]`] : []),
    ...(g.p1 > 0 ? [`${p(g.p1)} [score > ${thresholdText(g.threshold1)}]`] : []),
  ];
  const mixed = parts.length > 0 ? parts.join(' + ') : '0';
  return g.pIgnore > 0
    ? `${g.group}: w.p. ${p(g.pIgnore)} predict 1 w.p. ${p(g.predictionConstant)}, else ${mixed}`
    : `${g.group}: ${mixed}`;
}

/**
 * The score models as a table (docs/scores.md): per model its best single threshold and fairlearn's group
 * thresholds for each constraint, with the measure, violation, accuracy, FairFront there and the gap; a rule
 * above the frontier shows "above" (the score carries information beyond the cells), never a negative gap alone.
 */
export function scoreColumns(report: ReportV1): { header: string[]; rows: string[][] } {
  const bracketed = (report.scoreCurves ?? []).some((c) => c.best.gapLow !== undefined);
  const header = [
    'score model',
    'rule',
    'measure',
    'violation',
    'accuracy',
    'FairFront',
    'gap',
    ...(bracketed ? ['held-out gap'] : []),
  ];
  const rows: string[][] = [];
  for (const c of report.scoreCurves ?? []) {
    const rules = [
      { rule: `best threshold ${thresholdText(c.best.threshold)}`, m: c.best },
      ...c.groupThresholds.map((g) => ({ rule: g.constraint, m: g })),
    ];
    for (const { rule, m } of rules)
      rows.push([
        c.name,
        rule,
        m.measure,
        fixed(m.violation),
        fixed(m.accuracy),
        fixed(m.frontierAccuracy),
        m.isAboveFrontier ? `${fixed(m.gap)} above` : fixed(m.gap),
        ...(bracketed ? [m.gapLow === null || m.gapLow === undefined ? '-' : fixed(m.gapLow)] : []),
      ]);
  }
  return { header, rows };
}

/** Lines under the score table: the curve size, the group rules, and what the gaps mean. */
export function scoreNotes(report: ReportV1): string[] {
  const notes: string[] = [];
  for (const c of report.scoreCurves ?? []) {
    notes.push(
      `${c.name}: ${c.nThresholds} thresholds (${c.points.length} in the report); score ${c.isCellFunction ? 'is' : 'is NOT'} a function of the cells`,
    );
    for (const g of c.groupThresholds)
      notes.push(`  ${g.constraint}: ${g.groups.map(groupRuleText).join('; ')}`);
    notes.push(...c.notes.map((n) => `  note: ${n}`));
  }
  return notes;
}
