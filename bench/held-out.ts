/**
 * Held-out frontier on the reference sets (docs/estimation.md): 5-fold cross-fitting at alpha_EO = 0 and 0.05,
 * with the rare-cell back-off at several minimum cell sizes and chosen per fold by inner cross-validation (auto). Prints, per setting, the training rule's held-out
 * accuracy and EO (the point plotted at its own violation), the achievable held-out accuracy (held-out EO <=
 * alpha), and the best constant rule's held-out accuracy.
 * Run: `npx tsx bench/held-out.ts [compas adult german hsls]`. Data from $FAIRLIMIT_DATA (default ../shared/data).
 */
import { loadReferenceDataset } from '../src/data/index.js';
import { heldOutFrontier } from '../src/limits/index.js';

type Name = 'compas' | 'adult' | 'german' | 'hsls';
const names = (
  process.argv.slice(2).length ? process.argv.slice(2) : ['compas', 'adult', 'german', 'hsls']
) as Name[];
const minCells: (number | 'auto')[] = [1, 3, 10, 'auto'];
console.log(
  '| data | min cell rows (per fold) | alpha_EO | held-out acc | held-out EO | achievable (EO <= alpha) | constant | unseen/pooled rows |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const name of names) {
  const table = loadReferenceDataset(name);
  for (const m of minCells) {
    const h = await heldOutFrontier(table, {
      alphas: [{ eo: 0 }, { eo: 0.05 }],
      folds: 5,
      seed: 1,
      minCellRows: m,
    });
    for (const p of h.points) {
      const a = p.achievable;
      console.log(
        `| ${name} | ${m === 'auto' ? `auto (${h.backOff.perPart.join(',')})` : m} | ${p.alpha.eo} | ${p.heldOut.accuracy.toFixed(4)} | ${p.heldOut.violations.eo.toFixed(4)} | ${a ? `${a.accuracy.toFixed(4)} (t=${a.tightening}, const ${a.constantShare.toFixed(2)})` : 'none'} | ${h.constant.accuracy.toFixed(4)} | ${(100 * p.heldOut.unseenRowShare).toFixed(1)}% |`,
      );
    }
  }
}
