/**
 * EqOdds on the base model's hard predictions instead of its scores (docs/reproduction.md, EqOdds): Hardt et al.'s
 * post-processing as implemented for hard predictions (a mixture of the group's prediction with its flip), against
 * our default on the score ROC hull. Paper protocol, the paper's preset, 10 seeds.
 * Run: `npx tsx bench/eqodds-hard-predictions.ts compas` (or adult).
 */
import { loadReferenceDataset, type ReferenceDatasetName } from '../src/data/index.js';
import { interventions, runBenchmark } from '../src/interventions/index.js';
import { learnersFromText, paperPresetFor, type Learner } from '../src/learn/index.js';

const name = (process.argv[2] ?? 'compas') as ReferenceDatasetName;
const table = loadReferenceDataset(name);
const [[, base]] = Object.entries(learnersFromText(paperPresetFor(name)));

/** The base learner with its scores replaced by one-hot argmax: post-processors then see hard predictions only. */
const hard = (learner: Learner): Learner => ({
  kind: `${learner.kind}-hard`,
  fit(data, rng) {
    const fitted = learner.fit(data, rng);
    return {
      ...fitted,
      predictProba(x) {
        const p = fitted.predictProba(x);
        const C = data.nClasses;
        const out = new Float64Array(p.length);
        for (let i = 0; i < p.length / C; i++) {
          let b = 0;
          for (let c = 1; c < C; c++) if (p[i * C + c] > p[i * C + b]) b = c;
          out[i * C + b] = 1;
        }
        return out;
      },
    };
  },
});

const result = await runBenchmark({
  table,
  learners: { scores: base, hard: hard(base) },
  interventions: [interventions.eqodds],
  knobs: { eqodds: [0, 0.01, 0.02, 0.05] },
  measure: 'eo',
  protocol: 'paper',
  seed: 2023,
  seeds: 10,
});
console.log('| input | knob | accuracy | EO violation | FairFront(v) | gap (pts) |');
console.log('|---|---|---|---|---|---|');
for (const p of result.points)
  console.log(
    `| ${p.model} ${p.method} | ${p.knob ?? '-'} | ${p.accuracy.mean.toFixed(4)} ± ${p.accuracy.std.toFixed(4)} | ${p.violations.eo.mean.toFixed(4)} | ${p.frontierAccuracy.toFixed(4)} | ${(100 * p.gap).toFixed(2)} |`,
  );
