/**
 * The paper's missing-value scenario on COMPAS: values go missing at 10% in one group and 10% or 50% in the
 * other, are filled with the column's mode, and the frontier is recomputed; prints the drop of FairFront.
 *
 * Run: npm run build && npx tsx examples/missing-values.ts
 */
import { missing, missingStudy, reference } from 'fairlimit';

const source = missing.compasSource(reference.loadCompasRaw());
const study = await missingStudy({
  source,
  scenarios: missing.paperScenarios(source, { rateMajor: 0.1, rateMinor: [0.1, 0.5] }),
  strategies: ['mode', 'conditional-mode'],
  alphas: [0, 0.05],
  seed: 3,
  seeds: 2,
});

console.log(
  `complete data: FairFront ${study.complete.accuracy.map((a) => a.toFixed(4)).join(', ')} at alpha_EO ${study.alphas.join(', ')}`,
);
for (const s of study.settings)
  console.log(
    `${s.scenario.padEnd(8)} ${s.strategy.padEnd(17)} drop ${s.drop.map((d) => `${d.mean.toFixed(4)} ± ${d.std.toFixed(4)}`).join(', ')}`,
  );
