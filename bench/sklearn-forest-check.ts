/**
 * Our random forest against scikit-learn's (Debian python3-sklearn) on a reference data set's cell features:
 * in-sample accuracy over seeds for a forest setting, and the deterministic single tree compared row by row.
 * Run: `npx tsx bench/sklearn-forest-check.ts compas [--onehot] [--seeds 20] [--model rf-paper-compas]`.
 */
import { loadReferenceDataset, type ReferenceDatasetName } from '../src/data/index.js';
import { featureMatrixFromTable, parseModelSpecs, learnerFromSpec } from '../src/learn/index.js';
import { inSampleAccuracy, oneHot, sklearnFit } from '../test/helpers/sklearn.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const name = (args[0] ?? 'compas') as ReferenceDatasetName;
const seeds = Number(flag('--seeds') ?? 20);
const onehot = args.includes('--onehot');
const spec = parseModelSpecs(flag('--model') ?? 'rf-paper-compas')[0];

const table = loadReferenceDataset(name);
const cells = featureMatrixFromTable(table);
const x = onehot ? oneHot(cells) : cells;
const o = spec.options;
const params = {
  n_estimators: o.nEstimators ?? 100,
  min_samples_leaf: o.minSamplesLeaf ?? 1,
  bootstrap: o.bootstrap ?? true,
  criterion: o.criterion ?? 'gini',
  max_features: o.maxFeatures === 'all' ? null : (o.maxFeatures ?? 'sqrt'),
};
const sk = sklearnFit(
  x,
  table.label,
  params,
  Array.from({ length: seeds }, (_, s) => s),
);
const ours = Array.from({ length: seeds }, (_, s) =>
  inSampleAccuracy(learnerFromSpec(spec), x, table.label, s),
);
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
