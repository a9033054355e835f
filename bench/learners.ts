/**
 * Base learner benchmark : fit and predict time of logit, rf and gbm with their default
 * options on Adult (46k rows, the cell features + group) and COMPAS, with in-sample accuracy next to the Bayes
 * accuracy of the same cells. Run: `npx tsx bench/learners.ts [adult compas]`.
 */
import { loadReferenceDataset } from '../src/data/index.js';
import { bayesAccuracy, distributionFromTable } from '../src/distribution/index.js';
import { featureMatrixFromTable, learners, LearnerName } from '../src/learn/index.js';
import { evaluatePredictions } from '../src/metrics/index.js';
import { createRng } from '../src/rng.js';

const names = (process.argv.slice(2).length ? process.argv.slice(2) : ['adult', 'compas']) as (
  'adult' | 'compas'
)[];
for (const name of names) {
  const table = loadReferenceDataset(name);
  const x = featureMatrixFromTable(table);
  const bayes = bayesAccuracy(distributionFromTable(table).distribution);
  console.log(
    `${name}: ${table.nRows} rows x ${x.nFeatures} features, in-sample Bayes accuracy ${bayes.toFixed(4)}`,
  );
  for (const learnerName of Object.keys(LearnerName) as LearnerName[]) {
    const t0 = performance.now();
    const model = learners[learnerName]().fit(
      { x, y: table.label, nClasses: table.classNames.length },
      createRng(1),
    );
    const t1 = performance.now();
    const p = model.predictProba(x);
    const t2 = performance.now();
    const C = table.classNames.length;
    const hard = Int32Array.from({ length: table.nRows }, (_, i) => {
      let best = 0;
      for (let c = 1; c < C; c++) if (p[i * C + c] > p[i * C + best]) best = c;
      return best;
    });
    const m = evaluatePredictions({
      group: table.group,
      label: table.label,
      prediction: hard,
      nGroups: table.groupNames.length,
      nClasses: C,
    });
    const soft = evaluatePredictions({
      group: table.group,
      label: table.label,
      distribution: p,
      nGroups: table.groupNames.length,
      nClasses: C,
    });
    console.log(
      `  ${learnerName.padEnd(5)} fit ${(t1 - t0).toFixed(0).padStart(6)} ms  predict ${(t2 - t1).toFixed(0).padStart(5)} ms  ` +
        `accuracy ${m.accuracy.toFixed(4)}  EO ${m.violations.eo.toFixed(4)}  Brier ${soft.brierScore!.toFixed(4)}`,
    );
  }
}
