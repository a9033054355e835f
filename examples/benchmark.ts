/**
 * A small benchmark of fairness interventions against the frontier on COMPAS (the paper's protocol, two
 * bootstrap replicates): every point's accuracy, violation and epistemic gap.
 *
 * Run: npm run build && npx tsx examples/benchmark.ts   (reads the reference data from $FAIRLIMIT_DATA)
 */
import { interventions, learners, loadReferenceDataset, runBenchmark } from 'fairlimit';

const table = loadReferenceDataset('compas');
const result = await runBenchmark({
  table,
  learners: { logit: learners.logit() },
  interventions: [interventions.eqodds, interventions['fairfront-rule']],
  knobs: { eqodds: [0, 0.05], 'fairfront-rule': [0, 0.05] },
  measure: 'eo',
  seed: 1,
  seeds: 2,
});

console.log(
  `${result.dataset}: ${result.nCells} cells, Bayes accuracy ${result.frontier.bayesAccuracy.toFixed(6)}`,
);
console.log('model  method          knob   accuracy  EO violation  FairFront  gap      gap (all rows)');
for (const p of result.points)
  console.log(
    [
      p.model.padEnd(5),
      p.method.padEnd(14),
      String(p.knob ?? '').padEnd(5),
      p.accuracy.mean.toFixed(4).padStart(8),
      p.violations.eo.mean.toFixed(4).padStart(12),
      p.frontierAccuracy.toFixed(4).padStart(9),
      p.gap.toFixed(4).padStart(7),
      p.fullData.gap.toFixed(6).padStart(14),
    ].join('  '),
  );
