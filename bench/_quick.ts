import { finitePopulation, intervalCoverage } from '../src/limits/index.js';
const [levels, n, reps, combine, folds] = process.argv.slice(2);
const pop = finitePopulation({ seed: 3, nLevels: Number(levels) });
const t0 = performance.now();
const r = await intervalCoverage({
  population: pop,
  nRows: Number(n),
  replicates: Number(reps),
  alphas: [{ eo: 0 }, { eo: 0.02 }, { eo: 0.05 }, { sp: 0.02 }],
  seed: 11,
  combine: combine as 'pooled',
  folds: Number(folds),
});
console.log(JSON.stringify({ cpr: r.cellsPerRow, ms: Math.round(performance.now() - t0) }));
for (const p of r.points) console.log(JSON.stringify(p));
