/**
 * Our random forest against scikit-learn's (Debian python3-sklearn) on a reference data set's cell features:
 * in-sample accuracy over seeds for a forest setting, and the deterministic single tree compared row by row.
 * Run: `npx tsx bench/sklearn-forest-check.ts compas [--onehot] [--seeds 20] [--model rf-paper-compas]`.
 */
import { spawnSync } from 'node:child_process';
import { loadReferenceDataset, type ReferenceDatasetName } from '../src/data/index.js';
import {
  featureMatrixFromTable,
  parseModelSpecs,
  learnerFromSpec,
  type FeatureMatrix,
} from '../src/learn/index.js';
import { createRng } from '../src/rng.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const name = (args[0] ?? 'compas') as ReferenceDatasetName;
const seeds = Number(flag('--seeds') ?? 20);
const onehot = args.includes('--onehot');
const spec = parseModelSpecs(flag('--model') ?? 'rf-paper-compas')[0];

/** Every feature column one-hot (one indicator per value), as a data scientist would feed scikit-learn. */
export function oneHot(x: FeatureMatrix): FeatureMatrix {
  const levels: number[][] = [];
  for (let j = 0; j < x.nFeatures; j++) {
    const set = new Set<number>();
    for (let i = 0; i < x.nRows; i++) set.add(x.values[i * x.nFeatures + j]);
    levels.push([...set].sort((a, b) => a - b));
  }
  const width = levels.reduce((a, l) => a + l.length, 0);
  const values = new Float64Array(x.nRows * width);
  for (let i = 0; i < x.nRows; i++) {
    let offset = 0;
    for (let j = 0; j < x.nFeatures; j++) {
      values[i * width + offset + levels[j].indexOf(x.values[i * x.nFeatures + j])] = 1;
      offset += levels[j].length;
    }
  }
  return { nRows: x.nRows, nFeatures: width, values };
}

const table = loadReferenceDataset(name);
const cells = featureMatrixFromTable(table);
const x = onehot ? oneHot(cells) : cells;
const rows = Array.from({ length: x.nRows }, (_, i) =>
  Array.from(x.values.subarray(i * x.nFeatures, (i + 1) * x.nFeatures)),
);
const o = spec.options;
const params = {
  n_estimators: o.nEstimators ?? 100,
  min_samples_leaf: o.minSamplesLeaf ?? 1,
  bootstrap: o.bootstrap ?? true,
  criterion: o.criterion ?? 'gini',
  max_features: o.maxFeatures === 'all' ? null : (o.maxFeatures ?? 'sqrt'),
};
const out = spawnSync(
  '/usr/bin/python3',
  [new URL('../test/learn/sklearn/forest.py', import.meta.url).pathname],
  {
    input: JSON.stringify({
      x: rows,
      y: Array.from(table.label),
      params,
      seeds: Array.from({ length: seeds }, (_, s) => s),
    }),
    maxBuffer: 1 << 28,
  },
);
if (out.status !== 0) throw new Error(out.stderr.toString());
const sk = JSON.parse(out.stdout.toString()) as { accuracy: number[]; version: string };
const ours: number[] = [];
for (let s = 0; s < seeds; s++) {
  const fitted = learnerFromSpec(spec).fit({ x, y: table.label, nClasses: 2 }, createRng(s));
  const p = fitted.predictProba(x);
  let hit = 0;
  for (let i = 0; i < x.nRows; i++) hit += (p[2 * i + 1] > p[2 * i] ? 1 : 0) === table.label[i] ? 1 : 0;
  ours.push(hit / x.nRows);
}
const stats = (v: number[]) => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
  return `${m.toFixed(4)} ± ${sd.toFixed(4)} (min ${Math.min(...v).toFixed(4)}, max ${Math.max(...v).toFixed(4)})`;
};
console.log(
  `${name}${onehot ? ' one-hot' : ''} (${x.nFeatures} features), ${JSON.stringify(params)}, ${seeds} seeds`,
);
console.log(`  fairlimit      ${stats(ours)}`);
console.log(`  sklearn ${sk.version}  ${stats(sk.accuracy)}`);
