import type { BenchmarkResult } from '../interventions/benchmark/index.js';
import type { BenchmarkSectionV1 } from './report-types.js';

/** The report's benchmark section: the result without wall times unless asked (they change run to run). */
export function benchmarkSection(r: BenchmarkResult, withTimings: boolean): BenchmarkSectionV1 {
  return {
    dataset: r.dataset,
    measure: r.measure,
    protocol: r.protocol,
    seed: r.seed,
    seeds: r.seeds,
    shares: Object.fromEntries(Object.entries(r.shares).map(([k, v]) => [k, Number(v)])),
    isGroupAware: r.isGroupAware,
    nCells: r.nCells,
    models: [...r.models],
    methods: [...r.methods],
    bayesAccuracy: r.frontier.bayesAccuracy,
    frontier: r.frontier.points.map((p) => ({ ...p })),
    points: r.points.map(({ fitMs, diagnostics, ...p }) => ({
      ...p,
      ...(diagnostics ? { diagnostics: withTimings ? { ...diagnostics } : withoutTimes(diagnostics) } : {}),
      violations: { ...p.violations },
      fullData: { ...p.fullData, violations: { ...p.fullData.violations } },
      ...(withTimings ? { fitMs } : {}),
    })),
    skipped: r.skipped.map((s) => ({ ...s })),
    ...(withTimings ? { timing: { ...r.timing, byMethodMs: { ...r.timing.byMethodMs } } } : {}),
  };
}

/** Diagnostics without wall-time entries (names ending in Ms or Seconds), which change from run to run. */
function withoutTimes(
  d: Readonly<Record<string, number | string | boolean>>,
): Record<string, number | string | boolean> {
  return Object.fromEntries(Object.entries(d).filter(([key]) => !/(Ms|Seconds)$/.test(key)));
}
