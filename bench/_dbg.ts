import { finitePopulation, frontierInterval, fairFront } from '../src/limits/index.js';
import { createRng } from '../src/rng.js';
const pop = finitePopulation({ seed: 3, nLevels: 6 });
const truth = await fairFront(pop.distribution, { alpha: { eo: 0 } });
console.log('truth', truth.accuracy, 'price', truth.price.eo, Array.from(truth.fairnessDuals.eo));
const root = createRng(11);
for (let r = 0; r < 12; r++) {
  const t = pop.sample(1000, root.fork(r));
  const iv = await frontierInterval(t, { alphas: [{ eo: 0 }], seed: 11 + r, folds: 5 });
  const p = iv.points[0];
  console.log(
    [
      p.inSample,
      p.lowerEstimate,
      p.lowerStandardError,
      p.upperEstimate,
      p.upperStandardError,
      p.lower,
      p.upper,
    ]
      .map((v) => v.toFixed(4))
      .join(' '),
  );
}
