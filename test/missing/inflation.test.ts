import { expect, test } from 'vitest';
import { loadCompasRaw } from '../../src/data/index.js';
import { compasSource, missingStudy, paperScenarios } from '../../src/missing/index.js';
import { missingSpec } from '../../src/plot/index.js';
import { missingColumns, missingSection } from '../../src/report/index.js';

test('COMPAS 10%/10%: the indicator inflates the in-sample frontier above the complete data; the study flags it and estimates held-out by default', async () => {
  const source = compasSource(loadCompasRaw());
  const study = await missingStudy({
    source,
    scenarios: paperScenarios(source, { rateMajor: 0.1, rateMinor: [0.1] }),
    strategies: ['mode', 'indicator'],
    alphas: [0, 0.05],
    seed: 1,
    seeds: 1,
  });
  // Held-out by default, because a strategy adds cells.
  expect(study.heldOut).toEqual({ folds: 5 });
  const [mode, indicator] = study.settings;
  expect(indicator.addsCells).toBe(true);
  expect(indicator.inSampleInflated).toBe(true);
  expect(indicator.accuracy[0].mean).toBeGreaterThan(study.complete.accuracy[0]);
  // Mode imputation is a garbling of the complete cells: never above the complete in-sample frontier.
  expect(mode.inSampleInflated).toBe(false);
  expect(mode.accuracy[0].mean).toBeLessThanOrEqual(study.complete.accuracy[0] + 1e-9);
  // The indicator's held-out frontier is far below its inflated in-sample value.
  expect(indicator.heldOut!.accuracy[0].mean).toBeLessThan(study.complete.accuracy[0]);

  const section = missingSection(study);
  const { header, rows } = missingColumns(section);
  expect(header.at(-1)).toBe('note');
  expect(rows[2].at(-1)).toContain('in-sample inflated');
  expect(rows[1].at(-1)).toBe('');
  const report = { data: { source: { name: 'compas' }, nRows: source.group.length }, missing: section };
  const spec = missingSpec(report as never) as unknown as { title: { text: string; subtitle: string[] } };
  expect(spec.title.text).not.toContain('lowers the limit itself');
  expect(spec.title.subtitle[1]).toContain('10%/10% indicator');
}, 120_000);
