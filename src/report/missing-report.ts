import {
  missingStudy,
  type MissingStudy,
  type MissingStudyOptions,
  type MissingProgress,
} from '../missing/index.js';
import { frontierReport, type FrontierReportInput } from './frontier-report.js';
import type { MissingSectionV1, ReportV1 } from './report-types.js';

export interface MissingReportOptions extends Omit<MissingStudyOptions, 'onProgress'> {
  /** Called after each frontier sweep of the study. */
  readonly onProgress?: (progress: MissingProgress) => void;
}

/** The report section of a finished study (plain JSON data). */
export function missingSection(study: MissingStudy): MissingSectionV1 {
  return {
    measure: study.measure,
    alphas: study.alphas,
    columns: study.columns,
    minorityGroup: study.groupNames[study.minorityGroup],
    seeds: study.seeds,
    seed: study.seed,
    modes: study.modes,
    ...(study.heldOut ? { heldOut: study.heldOut } : {}),
    complete: {
      accuracy: study.complete.accuracy,
      bayesAccuracy: study.complete.bayesAccuracy,
      cells: study.complete.nCells,
      rows: study.complete.nRows,
      ...(study.complete.heldOut ? { heldOut: study.complete.heldOut } : {}),
      ...(study.complete.benchmark ? { benchmark: study.complete.benchmark } : {}),
    },
    settings: study.settings.map((s) => ({
      scenario: s.scenario,
      mechanism: { ...s.mechanism, rateByGroup: [...s.mechanism.rateByGroup] },
      strategy: s.strategy,
      failedRuns: s.failedRuns,
      ...(s.benchmark ? { benchmark: s.benchmark } : {}),
      accuracy: s.accuracy,
      drop: s.drop,
      bayesAccuracy: s.bayesAccuracy,
      cells: s.nCells,
      rows: s.nRows,
      missingRate: s.missingRate,
      ...(s.heldOut ? { heldOut: s.heldOut } : {}),
      addsCells: s.addsCells,
      inSampleInflated: s.inSampleInflated,
    })),
    ...(study.failures.length > 0 ? { failures: study.failures } : {}),
  };
}

/**
 * A report of the missing-value study: the complete data's frontier (data summary, reference accuracies) as
 * in `frontierReport`, with the study in the `missing` section. `input.table` must be the complete data the
 * study's source encodes (the CLI builds both from the same input).
 */
export async function missingReport(
  input: FrontierReportInput,
  options: MissingReportOptions,
): Promise<ReportV1> {
  const study = await missingStudy(options);
  const measure = study.measure;
  const fixed = options.fixed ?? {};
  const alphas: Partial<Record<'sp' | 'eo' | 'oae', number[]>> = { [measure]: [...study.alphas] };
  for (const m of ['sp', 'eo', 'oae'] as const)
    if (m !== measure && fixed[m] !== undefined) alphas[m] = [fixed[m]!];
  const base = await frontierReport(input, {
    alphas,
    isGroupAware: study.isGroupAware,
    seed: study.seed,
    ...(options.algorithm !== undefined ? { algorithm: options.algorithm } : {}),
    ...(options.timeLimitSeconds !== undefined ? { timeLimitSeconds: options.timeLimitSeconds } : {}),
  });
  return { ...base, missing: missingSection(study) };
}
