import { expect, test } from 'vitest';
import { cuttingPlaneFrontier, experimentFromMasses } from '../../src/blackwell/index.js';
import { loadReferenceDataset } from '../../src/data/index.js';
import { distributionFromTable } from '../../src/distribution/index.js';
import { fairFront } from '../../src/limits/index.js';

/** Both solved with HiGHS at feasibility tolerance 1e-9; the cutting-plane run stops at separation 1e-9. */
const AGREE_TOL = 1e-6;

for (const [name, alphas] of [
  ['compas', [{ eo: 0 }, { eo: 0.0222 }, { sp: 0.05 }]],
  ['german', [{ eo: 0 }, { eo: 0.02 }, { sp: 0.05, oae: 0.01 }]],
] as const)
  test(`Algorithm 1 converges to the exact LP on ${name} with every iterate an upper bound`, async () => {
    const { distribution } = distributionFromTable(loadReferenceDataset(name));
    const { experiment } = experimentFromMasses(distribution);
    for (const alpha of alphas) {
      const exact = await fairFront(distribution, { alpha });
      const run = await cuttingPlaneFrontier(experiment, { alpha, tolerance: 1e-9 });
      expect(run.converged).toBe(true);
      for (const it of run.iterations) expect(it.upperBound).toBeGreaterThanOrEqual(exact.accuracy - AGREE_TOL);
      expect(Math.abs(run.upperBound - exact.accuracy), `${name} ${JSON.stringify(alpha)}`).toBeLessThanOrEqual(AGREE_TOL);
    }
  });

test('on COMPAS at alpha_EO = 0 the cutting-plane value is the published 0.76197', async () => {
  const { distribution } = distributionFromTable(loadReferenceDataset('compas'));
  const run = await cuttingPlaneFrontier(experimentFromMasses(distribution).experiment, { alpha: { eo: 0 } });
  expect(Math.abs(run.upperBound - 0.76197)).toBeLessThanOrEqual(1e-5);
});
