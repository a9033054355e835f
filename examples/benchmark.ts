/**
 * How far are fairness interventions from the limit? A small benchmark on synthetic data: a gradient-boosted base
 * model, Reduction, EqOdds and the FairFront-optimal rule, each point placed against the exact frontier.
 * Run: `npx tsx examples/benchmark.ts`.
 */
import { interventions, learners, runBenchmark, syntheticTable } from '../src/index.js';

const table = syntheticTable({ seed: 1, nRows: 3000 });
const result = await runBenchmark({
  table,
  learners: { gbm: learners.gbm({ nEstimators: 30 }) },
  interventions: [interventions.reduction, interventions.eqodds, interventions['fairfront-rule']],
  knobs: { reduction: [0.01, 0.05], eqodds: [0, 0.05], 'fairfront-rule': [0, 0.05] },
  measure: 'eo',
  seed: 1,
  seeds: 3,
});
for (const p of result.points)
  console.log(
    `${p.model} ${p.method} ${p.knob ?? ''}: accuracy ${p.accuracy.mean.toFixed(4)}, EO violation ${p.violations.eo.mean.toFixed(4)}, ` +
      `gap to FairFront ${(100 * p.gap).toFixed(2)} points`,
  );
