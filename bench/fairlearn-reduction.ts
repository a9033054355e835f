/**
 * fairlimit's Reduction against fairlearn's ExponentiatedGradient, both with the paper's random forest as
 * cost-sensitive oracle (ours against Debian's scikit-learn), on the same rows and the same benchmark: paper
 * protocol, EO, the same bootstraps. Reports each point's accuracy, pairwise EO and gap to FairFront at its own
 * EO, so the two are compared at equal EO (docs/reproduction.md, cause 2).
 * fairlearn is not a dependency: pass a checkout (its source runs on Debian's python3-sklearn and pandas).
 * Run: `nice -n 10 npx tsx bench/fairlearn-reduction.ts --fairlearn /path/to/fairlearn [--dataset adult]
 * [--eps 0.005,0.02,0.05] [--seeds 10] [--model SPEC] [--only fairlimit|fairlearn]`. fairlearn's fits are cached in
 * $TMPDIR/fairlimit-fairlearn-cache by request hash, since they take minutes.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadReferenceDataset, type ReferenceDatasetName } from '../src/data/index.js';
import {
  createReduction,
  runBenchmark,
  type BenchmarkPoint,
  type Intervention,
} from '../src/interventions/index.js';
import { learnersFromText, paperPresetFor, parseModelSpecs, type FeatureMatrix } from '../src/learn/index.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const fairlearnPath = flag('--fairlearn');
const dataset = (flag('--dataset') ?? 'adult') as ReferenceDatasetName;
const seeds = Number(flag('--seeds') ?? 10);
const eps = (flag('--eps') ?? '0.005,0.02,0.05').split(',').map(Number);
const only = flag('--only');
const python = process.env.FAIRLIMIT_SKLEARN_PYTHON ?? '/usr/bin/python3';
const table = loadReferenceDataset(dataset);
const model = flag('--model') ?? paperPresetFor(dataset);
const o = parseModelSpecs(model)[0].options as Record<string, unknown>;
const params = {
  n_estimators: o.nEstimators ?? 100,
  min_samples_leaf: o.minSamplesLeaf ?? 1,
  bootstrap: o.bootstrap ?? true,
  criterion: o.criterion ?? 'gini',
  max_features: o.maxFeatures === 'all' ? null : (o.maxFeatures ?? 'sqrt'),
};

const rowsOf = (x: FeatureMatrix) =>
  Array.from({ length: x.nRows }, (_, i) =>
    Array.from(x.values.subarray(i * x.nFeatures, (i + 1) * x.nFeatures)),
  );
const keyOf = (x: FeatureMatrix, i: number) =>
  x.values.subarray(i * x.nFeatures, (i + 1) * x.nFeatures).join(',');

interface FairlearnFit {
  readonly eps: number;
  readonly pmf: number[];
  readonly seconds: number;
  readonly n_oracle_calls: number;
  readonly best_gap: number;
}

/** fairlearn's ExponentiatedGradient(EqualizedOdds(difference_bound = eps), eps = eps) on the training rows. */
function fairlearnReduction(): Intervention {
  return {
    method: 'fairlearn',
    knobName: 'eps',
    defaultKnobs: eps,
    supportedMeasures: ['eo'],
    stage: 'in-processing',
    requiresBinaryLabel: true,
    requiresTwoGroups: false,
    fit(data, context) {
      if (!fairlearnPath) throw new Error('--fairlearn PATH is needed');
      const distinct = new Map<string, number>();
      const predictRows: number[] = [];
      for (let i = 0; i < data.x.nRows; i++) {
        const k = keyOf(data.x, i);
        if (!distinct.has(k)) {
          distinct.set(k, predictRows.length);
          predictRows.push(i);
        }
      }
      const x = rowsOf(data.x);
      const request = JSON.stringify({
        x,
        y: Array.from(data.label),
        s: Array.from(data.group),
        predict_x: predictRows.map((i) => x[i]),
        constraint: 'EqualizedOdds',
        eps: [context.knob],
        estimator: 'forest',
        params,
        random_state: 0,
      });
      const dir = join(tmpdir(), 'fairlimit-fairlearn-cache');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${createHash('sha256').update(request).digest('hex').slice(0, 24)}.json`);
      if (!existsSync(file)) {
        const out = spawnSync(python, [new URL('./fairlearn/reduction.py', import.meta.url).pathname], {
          input: request,
          maxBuffer: 1 << 28,
          env: { ...process.env, PYTHONPATH: fairlearnPath },
          stdio: ['pipe', 'pipe', 'inherit'],
        });
        if (out.status !== 0) throw new Error('fairlearn failed');
        writeFileSync(file, out.stdout);
      }
      const fit = (JSON.parse(readFileSync(file, 'utf8')) as { fits: FairlearnFit[] }).fits[0];
      return {
        method: 'fairlearn',
        knob: context.knob,
        predictDistribution(input) {
          const out = new Float64Array(input.x.nRows * 2);
          for (let i = 0; i < input.x.nRows; i++) {
            const u = distinct.get(keyOf(input.x, i));
            if (u === undefined) throw new Error(`row ${i} was not in fairlearn's prediction rows`);
            out[2 * i] = 1 - fit.pmf[u];
            out[2 * i + 1] = fit.pmf[u];
          }
          return out;
        },
        diagnostics: { seconds: fit.seconds, oracleCalls: fit.n_oracle_calls, bestGap: fit.best_gap },
      };
    },
  };
}

const interventions: Intervention[] = [];
if (only !== 'fairlearn') interventions.push(createReduction());
if (only !== 'fairlimit') interventions.push(fairlearnReduction());
const result = await runBenchmark({
  table,
  learners: learnersFromText(model),
  interventions,
  knobs: { reduction: eps, fairlearn: eps },
  measure: 'eo',
  protocol: 'paper',
  seed: 2023,
  seeds,
});
const pts = (v: number) => (100 * v).toFixed(2);
const lines = [
  `${dataset}, ${model}, paper protocol, EO, ${seeds} seeds (seed 2023); gaps in accuracy points to FairFront at the point's own EO.`,
  '',
  '| method | eps | accuracy | EO | gap (pts) | all rows: accuracy | EO | gap (pts) | diagnostics |',
  '|---|---|---|---|---|---|---|---|---|',
];
const row = (p: BenchmarkPoint) =>
  `| ${p.method} | ${p.knob ?? '-'} | ${p.accuracy.mean.toFixed(4)} | ${p.violations.eo.mean.toFixed(4)} | ` +
  `${pts(p.gap)} | ${p.fullData.accuracy.toFixed(4)} | ${p.fullData.violations.eo.toFixed(4)} | ${pts(p.fullData.gap)} | ` +
  `${Object.entries(p.diagnostics ?? {})
    .map(([k, v]) => `${k} ${typeof v === 'number' ? Number(v.toPrecision(3)) : v}`)
    .join(', ')} |`;
for (const p of result.points) lines.push(row(p));
console.log(lines.join('\n'));
