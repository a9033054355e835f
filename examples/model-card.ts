/**
 * Embedding fairlimit's results in a model card: train a model on COMPAS, place it against the frontier (its
 * epistemic gap), and write the fairness section of a Markdown model card plus the chart as SVG.
 *
 * Run: npm run build && npx tsx examples/model-card.ts [output-folder]
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  analyze,
  createRng,
  featureMatrixFromTable,
  learners,
  loadReferenceDataset,
  modelCard,
  plot,
} from 'fairlimit';

const outDir = process.argv[2] ?? mkdtempSync(path.join(tmpdir(), 'fairlimit-card-'));
mkdirSync(outDir, { recursive: true });

const table = loadReferenceDataset('compas');
const x = featureMatrixFromTable(table);
const model = learners.logit().fit({ x, y: table.label, nClasses: 2 }, createRng(7));
const proba = model.predictProba(x);
const prediction = Int32Array.from({ length: table.nRows }, (_, i) =>
  proba[2 * i + 1] > proba[2 * i] ? 1 : 0,
);

const report = await analyze('compas', {
  eo: [0, 0.02, 0.05, 0.1, 0.2, 0.3],
  predictions: { 'logistic regression': prediction },
});

const card = modelCard(report, 'md');
writeFileSync(path.join(outDir, 'model-card.md'), card);
writeFileSync(path.join(outDir, 'frontier.svg'), await plot.renderSvg(plot.reportSpec(report)));
writeFileSync(path.join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);

const m = report.models![0];
console.log(card);
console.log(
  `wrote ${['model-card.md', 'frontier.svg', 'report.json'].map((f) => path.join(outDir, f)).join(', ')}`,
);
console.log(
  `epistemic gap of ${m.name}: ${m.gap.toFixed(6)} (violation ${m.violation.toFixed(6)}, accuracy ${m.accuracy.toFixed(6)})`,
);
