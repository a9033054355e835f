import { posteriorFrontier } from '../src/limits/estimate/posterior-frontier.js';
import { mixturePopulation } from '../src/limits/estimate/mixture-population.js';
import { SCENARIOS } from './posterior-coverage.js';
import { createRng } from '../src/rng.js';
const table = mixturePopulation(SCENARIOS.gauss2.population).sample(20000, createRng(5));
for (const learners of [['logit'], ['gbm']] as const) {
  const t = performance.now();
  const e = await posteriorFrontier(table, { alphas: [{ eo: 0 }], seed: 1, learners, bins: [16] });
  console.log(learners, performance.now() - t, e.points[0]);
}
