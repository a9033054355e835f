/**
 * Does fitting quantile bins on the same rows break the interval's coverage (docs/estimation.md, quantile bins)?
 * Two-Gaussian population (continuous x); each sample's x is cut into equal-frequency bins at that sample's own
 * quantiles, and the interval is built on the binned rows as if the cells were fixed. Its target is then the
 * population FairFront on those (data-chosen) bins: the population masses of each (bin, group, label) from the
 * normal CDF, and the exact LP on them. The share of samples whose interval contains that value is printed.
 * Run: `npx tsx bench/quantile-bins.ts [samples=100] [N=2000] [bins=10]`.
 */
import { normalizeDistribution } from '../src/distribution/index.js';
import { fairFront, frontierInterval, normalCdf, twoGaussianPopulation } from '../src/limits/index.js';
import { createRng } from '../src/rng.js';

const samples = Number(process.argv[2] ?? 100);
const n = Number(process.argv[3] ?? 2000);
const nBins = Number(process.argv[4] ?? 10);
const alphas = [{ eo: 0 }, { eo: 0.05 }];
const population = twoGaussianPopulation();
const o = population.options;
const prior = (s: number, y: number) =>
  (s === 1 ? o.minorityShare : 1 - o.minorityShare) * (y === 1 ? o.positiveRate[s] : 1 - o.positiveRate[s]);
const started = performance.now();
const covered = alphas.map(() => 0);
const low = alphas.map(() => 0);
const width = alphas.map(() => 0);
const root = createRng(17);
for (let r = 0; r < samples; r++) {
  const table = population.sample(n, root.fork(r));
  const x = table.features[0];
  const sorted = Float64Array.from(x).sort();
  // Inner edges at this sample's quantiles; bin b holds x in [edge b-1, edge b).
  const edges = Array.from({ length: nBins - 1 }, (_, b) => sorted[Math.floor(((b + 1) * n) / nBins)]);
  const binOf = (v: number) => {
    let b = 0;
    while (b < edges.length && v >= edges[b]) b++;
    return b;
  };
  const binned = { ...table, features: [Float64Array.from(x, binOf)] };
  // The population on these bins (group-aware cells: bin x group).
  const weights = new Float64Array(nBins * 2 * 2 * 2);
  const cellKeys: string[] = [];
  const bounds = [-Infinity, ...edges, Infinity];
  for (let b = 0; b < nBins; b++)
    for (let s = 0; s < 2; s++) {
      cellKeys.push(`x=${b}|group=${s}`);
      for (let y = 0; y < 2; y++) {
        const m = o.means[s][y];
        const p = normalCdf((bounds[b + 1] - m) / o.sd) - normalCdf((bounds[b] - m) / o.sd);
        weights[((b * 2 + s) * 2 + s) * 2 + y] = prior(s, y) * p;
      }
    }
  const truthDistribution = normalizeDistribution(
    { cellKeys, groupNames: table.groupNames, classNames: table.classNames, isGroupAware: true },
    weights,
    new Float64Array(0),
    Infinity,
  );
  const interval = await frontierInterval(binned, { alphas, seed: 100 + r });
  for (const [a, alpha] of alphas.entries()) {
    const truth = (await fairFront(truthDistribution, { alpha })).accuracy;
    const p = interval.points[a];
    if (p.lower > truth) low[a]++;
    else if (p.upper >= truth) covered[a]++;
    width[a] += p.upper - p.lower;
  }
}
console.log(`| alpha | samples | N | bins | coverage | miss low | mean width |`);
console.log('|---|---|---|---|---|---|---|');
for (const [a, alpha] of alphas.entries())
  console.log(
    `| EO ${alpha.eo} | ${samples} | ${n} | ${nBins} | ${(covered[a] / samples).toFixed(3)} | ${(low[a] / samples).toFixed(3)} | ${(width[a] / samples).toFixed(4)} |`,
  );
console.log(`${new Date().toISOString()}; ${((performance.now() - started) / 1000).toFixed(0)} s`);
