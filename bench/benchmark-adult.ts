/**
 * The full Adult benchmark: the paper's five interventions x 10 knob values x 10 seeds with one base
 * model, paper protocol, equalized odds. Prints the wall time and each method's share of it (fits plus
 * predictions; the LPs of the gaps under "frontier LPs"). Target: under 10 minutes on the project machine.
 * Run: `npx tsx bench/benchmark-adult.ts [rf|gbm|logit] [--with-rule]` (reads $FAIRLIMIT_DATA, default ../shared/data).
 */
import { loadReferenceDataset } from '../src/data/index.js';
import { interventions, runBenchmark, type MethodName } from '../src/interventions/index.js';
import { isLearnerName, learners } from '../src/learn/index.js';

const args = process.argv.slice(2);
const modelName = args.find((a) => !a.startsWith('--')) ?? 'rf';
if (!isLearnerName(modelName)) throw new Error(`unknown base model ${modelName} (use logit, rf or gbm)`);
const methods: MethodName[] = ['reduction', 'eqodds', 'caleqodds', 'leveqopp', 'fairprojection'];
if (args.includes('--with-rule')) methods.push('fairfront-rule');

const table = loadReferenceDataset('adult');
const started = performance.now();
let lastPrinted = 0;
const result = await runBenchmark({
  table,
  learners: { [modelName]: learners[modelName]() },
  interventions: methods.map((m) => interventions[m]),
  measure: 'eo',
  protocol: 'paper',
  seed: 2023,
  seeds: 10,
  onProgress: (p) => {
    const now = performance.now();
    if (now - lastPrinted > 15_000 || p.done === p.total) {
      lastPrinted = now;
      process.stderr.write(
        `  ${p.done}/${p.total} fits (${p.method}), ${((now - started) / 1000).toFixed(0)} s\n`,
      );
    }
  },
});
const totalMs = performance.now() - started;
const knobCounts = methods
  .map((m) => `${m} ${result.points.filter((p) => p.method === m).length}`)
  .join(', ');
console.log(
  `Adult benchmark: N = ${result.nRows}, ${result.nCells} cells, base model ${modelName}, ${result.seeds} seeds, paper protocol, EO`,
);
console.log(`points per method: ${knobCounts}`);
console.log(`wall time: ${(totalMs / 1000).toFixed(1)} s (${(totalMs / 60000).toFixed(2)} min)`);
const rows = [
  ...Object.entries(result.timing.byMethodMs),
  ['frontier LPs', result.timing.frontierMs] as const,
];
const accounted = rows.reduce((a, [, ms]) => a + ms, 0);
for (const [name, ms] of rows)
  console.log(
    `  ${String(name).padEnd(16)} ${(ms / 1000).toFixed(1).padStart(8)} s  ${((100 * ms) / totalMs).toFixed(1).padStart(5)}%`,
  );
console.log(
  `  ${'other'.padEnd(16)} ${((totalMs - accounted) / 1000).toFixed(1).padStart(8)} s  ${((100 * (totalMs - accounted)) / totalMs).toFixed(1).padStart(5)}%  (loading, metrics, bootstraps)`,
);
console.log('\nmethod          knob      accuracy        EO violation    FairFront(v)  gap');
for (const p of result.points)
  console.log(
    `${p.method.padEnd(15)} ${String(p.knob ?? '-').padEnd(9)} ${p.accuracy.mean.toFixed(4)}±${p.accuracy.std.toFixed(4)}  ` +
      `${p.violations.eo.mean.toFixed(4)}±${p.violations.eo.std.toFixed(4)}  ${p.frontierAccuracy.toFixed(4)}        ${(100 * p.gap).toFixed(2)} pts`,
  );
