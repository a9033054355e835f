/**
 * Frontier sweep benchmark (issue 2): 101 values of alpha_EO in [0, 0.1] on COMPAS, Adult and HSLS, with
 * both HiGHS algorithms, warm-started (one model) against cold (a new model per alpha, on a subset of alphas).
 * Prints total and per-alpha times and the ratios. Run: `npx tsx bench/frontier-sweep.ts [compas adult hsls]`.
 * Reads the data from $FAIRLIMIT_DATA (default ../shared/data).
 */
import { distributionFromTable } from '../src/distribution/index.js';
import { loadReferenceDataset } from '../src/data/index.js';
import { fairFront, sweepFrontier, type Algorithm } from '../src/limits/index.js';
import { linspace } from '../src/numeric.js';

const names = (process.argv.slice(2).length ? process.argv.slice(2) : ['compas', 'adult', 'hsls']) as (
  | 'compas'
  | 'adult'
  | 'hsls'
  | 'german'
)[];
const alphas = linspace(0, 0.1, 101);
const coldSubset = [0, 0.05, 0.1];

for (const name of names) {
  const { distribution: d } = distributionFromTable(loadReferenceDataset(name));
  console.log(`\n## ${name}: ${d.nCells} cells, ${d.nGroups} groups, ${d.nClasses} classes, N = ${d.nRows}`);
  const rows: string[] = [];
  const timings: Record<string, number> = {};
  for (const algorithm of ['simplex', 'ipm', 'auto'] as Algorithm[]) {
    const sweep = await sweepFrontier(d, { measure: 'eo', alphas, algorithm });
    timings[algorithm] = sweep.elapsedMs;
    rows.push(
      `${algorithm.padEnd(8)} warm sweep of ${alphas.length}: ${(sweep.elapsedMs / 1000).toFixed(2)} s total, ` +
        `${(sweep.elapsedMs / alphas.length).toFixed(1)} ms/alpha (first solve ${sweep.points[0].solver.elapsedMs.toFixed(0)} ms, ` +
        `model ${sweep.model.nColumns} cols x ${sweep.model.nRows} rows, ${sweep.model.nNonzeros} nnz); ` +
        `FairFront(0) = ${sweep.points[0].accuracy.toFixed(6)}, FairFront(0.1) = ${sweep.points[100].accuracy.toFixed(6)}`,
    );
    let coldMs = 0;
    for (const a of coldSubset) {
      const t0 = performance.now();
      await fairFront(d, { alpha: { eo: a }, algorithm });
      coldMs += performance.now() - t0;
    }
    timings[`${algorithm}-cold`] = coldMs / coldSubset.length;
    rows.push(`${algorithm.padEnd(8)} cold solve (new model per alpha): ${(coldMs / coldSubset.length).toFixed(1)} ms/alpha`);
  }
  for (const r of rows) console.log(r);
  const perAlpha = (k: string) => timings[k] / alphas.length;
  console.log(
    `ratios: simplex cold/warm per alpha = ${(timings['simplex-cold'] / perAlpha('simplex')).toFixed(1)}x; ` +
      `ipm sweep / simplex sweep = ${(timings.ipm / timings.simplex).toFixed(2)}; auto / best = ` +
      `${(timings.auto / Math.min(timings.simplex, timings.ipm)).toFixed(2)}`,
  );
}
