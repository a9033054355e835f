/**
 * Frontier sweep benchmark: 101 values of alpha_EO in [0, 0.1] on COMPAS, Adult and HSLS.
 * Compares, in the same run: the default (merged cells, warm-started sweep, auto algorithm) against the
 * baselines: no cell merging, each HiGHS algorithm, and cold solves (a new model per alpha).
 * Run: `npx tsx bench/frontier-sweep.ts [compas adult hsls german]`. Data from $FAIRLIMIT_DATA (default ../shared/data).
 */
import { distributionFromTable, type Distribution } from '../src/distribution/index.js';
import { loadReferenceDataset } from '../src/data/index.js';
import { fairFront, sweepFrontier, type FrontierModelOptions } from '../src/limits/index.js';
import { linspace } from '../src/numeric.js';

type Name = 'compas' | 'adult' | 'hsls' | 'german';
const names = (process.argv.slice(2).length ? process.argv.slice(2) : ['compas', 'adult', 'hsls']) as Name[];
const alphas = linspace(0, 0.1, 101);
const coldAlphas = [0, 0.05, 0.1];

async function warmSweep(d: Distribution, options: FrontierModelOptions) {
  const sweep = await sweepFrontier(d, { measure: 'eo', alphas, ...options });
  return { ms: sweep.elapsedMs, sweep };
}

async function coldPerAlpha(d: Distribution, options: FrontierModelOptions) {
  const t0 = performance.now();
  for (const a of coldAlphas) await fairFront(d, { alpha: { eo: a }, ...options });
  return (performance.now() - t0) / coldAlphas.length;
}

// Warm up the WebAssembly runtime and the JIT so that the first configuration is not penalized.
{
  const { distribution } = distributionFromTable(loadReferenceDataset('german'));
  await warmSweep(distribution, {});
}

for (const name of names) {
  const { distribution: d } = distributionFromTable(loadReferenceDataset(name));
  console.log(`\n## ${name}: ${d.nCells} cells, ${d.nGroups} groups, ${d.nClasses} classes, N = ${d.nRows}`);
  const configs: [string, FrontierModelOptions][] = [
    ['default (merged, auto)', {}],
    ['merged, simplex', { algorithm: 'simplex' }],
    ['merged, ipm', { algorithm: 'ipm' }],
    ['unmerged, simplex', { mergeCells: false, algorithm: 'simplex' }],
    ['unmerged, ipm', { mergeCells: false, algorithm: 'ipm' }],
  ];
  const results: Record<string, number> = {};
  for (const [label, options] of configs) {
    const { ms, sweep } = await warmSweep(d, options);
    results[label] = ms;
    console.log(
      `${label.padEnd(24)} 101-alpha sweep ${(ms / 1000).toFixed(2).padStart(7)} s, ${(ms / alphas.length).toFixed(1).padStart(7)} ms/alpha` +
        ` | LP ${sweep.model.nLpCells} cells, ${sweep.model.nColumns} cols, ${sweep.model.nRows} rows, ${sweep.model.nNonzeros} nnz` +
        ` | FairFront(0) = ${sweep.points[0].accuracy.toFixed(6)}, FairFront(0.1) = ${sweep.points[100].accuracy.toFixed(6)}`,
    );
  }
  const coldDefault = await coldPerAlpha(d, {});
  const coldUnmerged = await coldPerAlpha(d, { mergeCells: false, algorithm: 'simplex' });
  const base = results['default (merged, auto)'];
  console.log(
    `cold solve per alpha: default ${coldDefault.toFixed(1)} ms, unmerged simplex ${coldUnmerged.toFixed(1)} ms`,
  );
  console.log(
    `ratios (baseline / default, >1 = default faster): unmerged simplex ${(results['unmerged, simplex'] / base).toFixed(1)}x, ` +
      `unmerged ipm ${(results['unmerged, ipm'] / base).toFixed(1)}x, cold per alpha vs warm per alpha ` +
      `${(coldDefault / (base / alphas.length)).toFixed(1)}x`,
  );
}
