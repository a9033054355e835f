/**
 * Cutting planes (Algorithm 1 with the exact LP separation of docs/design.md (Blackwell, cuts and continuous
 * features)) against the exact LP, and the certified bracket on continuous samples. Run:
 *   `npx tsx bench/cutting-plane.ts [compas,german,adult,hsls] [nContinuous] [plainIterations]`
 * Prints, per data set and alpha: the exact value and time; for the default Algorithm 1 (inner approximation +
 * stabilization) the iterations and time until the upper bound is within 1e-4 and 1e-6 of the exact value, the stop
 * reason, and the lowest (upper bound - exact) over all iterates (must be >= -1e-9); then the paper's plain variant
 * (one l1-deepest cut per iterate) capped at `plainIterations` (default 100). Then the bracket on n two-Gaussian
 * samples (true posterior) per quantization level. Numbers are for this machine under its current load (printed);
 * compare ratios, not times.
 */
import { loadavg } from 'node:os';
import {
  certifiedBracket,
  cuttingPlaneFrontier,
  experimentFromMasses,
  posteriorExperiment,
  type CuttingPlaneResult,
} from '../src/blackwell/index.js';
import { isReferenceDatasetName, loadReferenceDataset } from '../src/data/index.js';
import { distributionFromTable } from '../src/distribution/index.js';
import { fairFront, twoGaussianPopulation } from '../src/limits/index.js';
import { createRng } from '../src/rng.js';

const names = (process.argv[2] ?? 'compas,german,adult,hsls').split(',').filter(isReferenceDatasetName);
const nContinuous = Number(process.argv[3] ?? 100_000);
const plainIterations = Number(process.argv[4] ?? 100);
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (1/5/15 min)`,
);

/** First iterate whose upper bound is within `gap` of the exact value: "iteration / ms", or "never". */
const reach = (run: CuttingPlaneResult, exact: number, gap: number) => {
  const it = run.iterations.find((i) => i.upperBound - exact <= gap);
  return it ? `${it.iteration} it / ${it.elapsedMs.toFixed(0)} ms` : 'never';
};

for (const name of names) {
  const { distribution } = distributionFromTable(loadReferenceDataset(name));
  const { experiment } = experimentFromMasses(distribution);
  console.log(
    `${name}: ${distribution.nCells} cells, ${distribution.nGroups} groups x ${distribution.nClasses} classes, N = ${distribution.nRows}`,
  );
  for (const alpha of [{ eo: 0 }, { eo: 0.02 }, { eo: 0.04 }, { eo: 0.1 }, { sp: 0.05 }]) {
    let started = performance.now();
    const exact = (await fairFront(distribution, { alpha })).accuracy;
    const exactMs = performance.now() - started;
    started = performance.now();
    const run = await cuttingPlaneFrontier(experiment, { alpha, tolerance: 1e-9 });
    const totalMs = performance.now() - started;
    const lowest = Math.min(...run.iterations.map((it) => it.upperBound - exact));
    const plain = await cuttingPlaneFrontier(experiment, {
      alpha,
      tolerance: 1e-9,
      innerApproximation: false,
      isStabilized: false,
      maxIterations: plainIterations,
    });
    const plainMs = plain.elapsedMs;
    console.log(
      `  ${JSON.stringify(alpha).padEnd(10)} exact ${exact.toFixed(6)} (${exactMs.toFixed(0)} ms)\n` +
        `    default: gap <= 1e-4 at ${reach(run, exact, 1e-4)}, <= 1e-6 at ${reach(run, exact, 1e-6)}; ` +
        `stopped (${run.stopReason}) after ${run.iterations.length} it / ${totalMs.toFixed(0)} ms, ${run.cuts.length} cuts; ` +
        `upper - exact ${(run.upperBound - exact).toExponential(1)}, exact - lower ${(exact - run.lowerBound).toExponential(1)}, ` +
        `lowest upper - exact ${lowest.toExponential(1)}${lowest < -1e-9 ? ' BELOW THE EXACT VALUE' : ''}\n` +
        `    plain:   gap <= 1e-4 at ${reach(plain, exact, 1e-4)}; stopped (${plain.stopReason}) after ${plain.iterations.length} it / ` +
        `${plainMs.toFixed(0)} ms, upper - exact ${(plain.upperBound - exact).toExponential(1)}`,
    );
  }
}

if (nContinuous > 0) {
  const population = twoGaussianPopulation();
  const table = population.sample(nContinuous, createRng(1));
  const { experiment } = posteriorExperiment(table, {
    posterior: (t) => population.labelPosterior(t),
    seed: 1,
  });
  const truth = (await fairFront(population.populationDistribution(), { alpha: { eo: 0.02 } })).accuracy;
  console.log(
    `bracket on ${nContinuous} two-Gaussian samples (true posterior), alpha_EO = 0.02; population value ${truth.toFixed(6)}`,
  );
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
