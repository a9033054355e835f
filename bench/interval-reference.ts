/**
 * The population-FairFront interval on the reference sets (docs/estimation.md, The interval): frontierInterval
 * at alpha_EO = 0 and 0.05 (5 folds, seed 1, level 0.95), with the in-sample value, the in-sample Bayes accuracy,
 * the Clopper-Pearson Bayes bound and the width.
 * Run: `npx tsx bench/interval-reference.ts [compas german adult hsls]`. Data from $FAIRLIMIT_DATA (default
 * ../shared/data).
 */
import { loadReferenceDataset } from '../src/data/index.js';
import { frontierInterval } from '../src/limits/index.js';

type Name = 'compas' | 'adult' | 'german' | 'hsls';
const names = (
  process.argv.slice(2).length ? process.argv.slice(2) : ['compas', 'german', 'adult', 'hsls']
) as Name[];
console.log('| data | cells/row | alpha_EO | in-sample | lower | upper | Bayes bound | width | seconds |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const name of names) {
  const table = loadReferenceDataset(name);
  const started = performance.now();
  const r = await frontierInterval(table, { alphas: [{ eo: 0 }, { eo: 0.05 }], seed: 1 });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  for (const p of r.points) {
    // Absent before the Clopper-Pearson bound was added (the bench runs on older commits too).
    const bayes = (p as { bayesUpper?: number }).bayesUpper;
    console.log(
      `| ${name} | ${r.cellsPerRow.toFixed(2)} | ${p.alpha.eo} | ${p.inSample.toFixed(3)} | ${p.lower.toFixed(3)} | ${p.upper.toFixed(3)} | ${bayes === undefined ? '' : bayes.toFixed(3)} | ${(p.upper - p.lower).toFixed(3)} | ${seconds} |`,
    );
  }
}
