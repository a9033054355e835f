/**
 * Cutting planes (Algorithm 1 with the exact LP separation of DESIGN §5) against the exact LP, and the certified
 * bracket on continuous samples. Run: `npx tsx bench/cutting-plane.ts [adult,hsls,compas,german] [nContinuous]`.
 * Prints, per data set and alpha: the exact value and time, the iterations and time until the cutting-plane
 * upper bound is within 1e-4 of the exact value, and until convergence. Then the bracket on n two-Gaussian
 * samples (true posterior) per quantization level. Numbers are for this machine; compare ratios, not times.
 */
import { certifiedBracket, cuttingPlaneFrontier, experimentFromMasses } from '../src/blackwell/index.js';
import { isReferenceDatasetName, loadReferenceDataset } from '../src/data/index.js';
import { distributionFromTable } from '../src/distribution/index.js';
import { fairFront, posteriorExperiment, twoGaussianPopulation } from '../src/limits/index.js';
import { createRng } from '../src/rng.js';

const GAP = 1e-4;
const names = (process.argv[2] ?? 'adult').split(',').filter(isReferenceDatasetName);
const nContinuous = Number(process.argv[3] ?? 100_000);

for (const name of names) {
  const { distribution } = distributionFromTable(loadReferenceDataset(name));
  const { experiment } = experimentFromMasses(distribution);
  console.log(`${name}: ${distribution.nCells} cells, N = ${distribution.nRows}`);
  for (const alpha of [{ eo: 0 }, { eo: 0.02 }, { eo: 0.04 }, { sp: 0.05 }]) {
    let started = performance.now();
    const exact = await fairFront(distribution, { alpha });
    const exactMs = performance.now() - started;
    started = performance.now();
    const run = await cuttingPlaneFrontier(experiment, { alpha, tolerance: 1e-9 });
    const totalMs = performance.now() - started;
    const reached = run.iterations.find((it) => it.upperBound - exact.accuracy <= GAP);
    console.log(
      `  ${JSON.stringify(alpha).padEnd(12)} exact ${exact.accuracy.toFixed(6)} (${exactMs.toFixed(0)} ms) | ` +
        `gap <= ${GAP} after ${reached?.iteration ?? 'never'} iterations, ${reached ? reached.elapsedMs.toFixed(0) : '-'} ms | ` +
        `converged ${run.converged} after ${run.iterations.length} iterations, ${totalMs.toFixed(0)} ms, bound ${run.upperBound.toFixed(6)}`,
    );
  }
}

if (nContinuous > 0) {
  const population = twoGaussianPopulation();
  const table = population.sample(nContinuous, createRng(1));
  const { experiment } = posteriorExperiment(table, { posterior: (t) => population.labelPosterior(t), seed: 1 });
  const truth = (await fairFront(population.populationDistribution(), { alpha: { eo: 0.02 } })).accuracy;
  console.log(`bracket on ${nContinuous} two-Gaussian samples (true posterior), alpha_EO = 0.02; population value ${truth.toFixed(6)}`);
  const bracket = await certifiedBracket(experiment, {
    alpha: { eo: 0.02 },
    levels: [4, 8, 16, 32, 64, 128, 256],
    onLevel: (l) =>
      console.log(
        `  bins ${String(l.binsPerUnit).padStart(3)}: ${String(l.nCells).padStart(4)} cells, [${l.lower.toFixed(6)}, ${l.upper.toFixed(6)}], ` +
          `gap ${l.gap.toExponential(2)}, ${l.cuttingPlaneIterations} cutting-plane iterations, ${l.elapsedMs.toFixed(0)} ms`,
      ),
  });
  console.log(`  total ${bracket.elapsedMs.toFixed(0)} ms, final gap ${bracket.gap.toExponential(2)}`);
}
