import { readCsvTable } from '../src/data/csv/read-csv-table.js';
import { featureMatrixFromTable, learners } from '../src/learn/index.js';
import { createRng } from '../src/rng.js';
const t0 = performance.now();
const { table } = await readCsvTable('/tmp/est/adult.csv', { group: 'sex', label: 'income', exclude: ['fnlwgt'] });
console.log('read', performance.now() - t0, table.nRows, table.featureNames);
const x = featureMatrixFromTable(table);
for (const [name, l] of [['logit', learners.logit()], ['gbm', learners.gbm({nEstimators: 100})]] as const) {
  const t = performance.now();
  const m = l.fit({ x, y: table.label, nClasses: 2 }, createRng(1));
  const t2 = performance.now();
  m.predictProba(x);
  console.log(name, t2 - t, performance.now() - t2, (m as any).iterations);
}
