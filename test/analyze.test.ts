import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { expect, test } from 'vitest';
import { analyze } from '../src/analyze.js';
import { loadReferenceDataset, syntheticTable } from '../src/data/index.js';
import { JUPYTER_DISPLAY, isDisplayable } from '../src/display/mime-bundle.js';
import { distributionFromTable } from '../src/distribution/index.js';
import { FairlimitError } from '../src/errors.js';
import { fairFront, sweepFrontier } from '../src/limits/index.js';
import { evaluatePredictions } from '../src/metrics/index.js';
import { runCli, tempDir } from './cli/run-cli.js';

// Truths: the command line's report for the same input (analyze must give the same bytes), the exact frontier
// solved directly, the metric engine's violation of a model, and a second LP at that violation for its gap.

test('analyze on a reference data set gives the same JSON report as `fairlimit frontier --json`', async () => {
  const report = await analyze('compas', { eo: [0, 0.02, 0.05] });
  const cli = await runCli(['frontier', '--dataset', 'compas', '--eo', '0,0.02,0.05', '--json']);
  expect(cli.code).toBe(0);
  expect(`${JSON.stringify(report, null, 2)}\n`).toBe(cli.stdout);
});

test('the frontier of analyze equals sweeping the exact LP directly, default EO 0..0.1', async () => {
  const table = syntheticTable({ seed: 4, nRows: 800, nGroups: 2, nClasses: 2, nFeatures: 2, levels: 3 });
  const report = await analyze(table);
  const alphas = Array.from({ length: 11 }, (_, i) => i / 100);
  const sweep = await sweepFrontier(distributionFromTable(table).distribution, { measure: 'eo', alphas });
  expect(report.frontier.map((p) => p.alpha.eo)).toEqual(alphas);
  report.frontier.forEach((p, i) => expect(p.accuracy).toBeCloseTo(sweep.points[i].accuracy, 9));
});

test('a model given as a prediction column of in-memory rows is placed at its own violation', async () => {
  const table = syntheticTable({ seed: 9, nRows: 600, nGroups: 2, nClasses: 2, nFeatures: 2, levels: 3 });
  // A simple rule as the "model": predict 1 when the first feature is above its middle level.
  const yhat = Int32Array.from(table.features[0], (v) => (v >= 1 ? 1 : 0));
  const rows = Array.from({ length: table.nRows }, (_, i) => ({
    x0: table.features[0][i],
    x1: table.features[1][i],
    g: table.groupNames[table.group[i]],
    y: table.classNames[table.label[i]],
    yhat: table.classNames[yhat[i]],
  }));
  const report = await analyze(rows, { group: 'g', label: 'y', eo: [0, 0.1], predictions: 'yhat' });
  const model = report.models![0];
  const metrics = evaluatePredictions({
    group: table.group,
    label: table.label,
    prediction: yhat,
    nGroups: 2,
    nClasses: 2,
  });
  expect(model.name).toBe('yhat');
  expect(model.accuracy).toBeCloseTo(metrics.accuracy, 12);
  expect(model.violation).toBeCloseTo(metrics.violations.eo, 12);
  // The rows encode x0, x1 as the same cells as the table (plus the group), so the frontier at the model's
  // violation is the LP on the table's cells.
  const atModel = await fairFront(distributionFromTable(table).distribution, {
    alpha: { eo: model.violation },
  });
  expect(model.frontierAccuracy).toBeCloseTo(atModel.accuracy, 7);
  expect(model.gap).toBeCloseTo(atModel.accuracy - metrics.accuracy, 7);
});

test('predictions as class indices, class names, or a CSV column give the same model point', async () => {
  const table = loadReferenceDataset('german');
  const yhat = Int32Array.from({ length: table.nRows }, (_, i) => (table.features[0][i] > 1 ? 1 : 0));
  const byIndex = await analyze(table, { eo: [0, 0.1], predictions: { m: yhat } });
  const byName = await analyze(table, {
    eo: [0, 0.1],
    predictions: { m: Array.from(yhat, (y) => table.classNames[y]) },
  });
  expect(byName.models).toEqual(byIndex.models);
  const dir = tempDir();
  const file = path.join(dir, 'german.csv');
  const lines = Array.from({ length: table.nRows }, (_, i) =>
    [
      ...table.features.map((f) => f[i]),
      table.groupNames[table.group[i]],
      table.classNames[table.label[i]],
      table.classNames[yhat[i]],
    ].join(','),
  );
  writeFileSync(file, `${[...table.featureNames, 'group', 'label', 'm'].join(',')}\n${lines.join('\n')}\n`);
  const fromCsv = await analyze(file, {
    group: 'group',
    label: 'label',
    eo: [0, 0.1],
    predictions: ['m'],
    groupValues: [...table.groupNames],
    labelValues: [...table.classNames],
  });
  expect(fromCsv.models![0].accuracy).toBeCloseTo(byIndex.models![0].accuracy, 12);
  expect(fromCsv.models![0].violation).toBeCloseTo(byIndex.models![0].violation, 12);
  expect(fromCsv.data.source.kind).toBe('file');
});

test('the result displays itself, while JSON, spreading and key listing see only the report', async () => {
  const report = await analyze('compas', { eo: [0, 0.05] });
  expect(isDisplayable(report)).toBe(true);
  const bundle = report[JUPYTER_DISPLAY]();
  expect(bundle['text/plain']).toContain(report.frontier[0].accuracy.toFixed(6));
  expect(bundle['application/vnd.vegalite.v5+json']).toBeTypeOf('object');
  expect(bundle['image/svg+xml']).toBeUndefined(); // outside a notebook the chart is not rendered by default
  expect(inspect(report)).toBe(bundle['text/plain']);
  expect(Object.keys(report)).not.toContain('bundle');
  const plain = JSON.parse(JSON.stringify(report)) as object;
  expect({ ...report }).toEqual(plain);
});

test('chart: true renders the SVG into the display', async () => {
  const report = await analyze('compas', { eo: [0, 0.05], chart: true });
  expect(report.bundle['image/svg+xml']).toMatch(/^<svg[\s\S]*<\/svg>$/);
});

const codeOf = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'no error',
    (e: unknown) => (e instanceof FairlimitError ? e.code : `not coded: ${String(e)}`),
  );

test('refusals: rows without group or label, prediction columns on an encoded table, bad alphas and classes', async () => {
  const rows = [{ g: 'a', y: 1 }];
  expect(await codeOf(analyze(rows, { label: 'y' }))).toBe('E_USAGE');
  const table = syntheticTable({ seed: 1, nRows: 200, nGroups: 2, nClasses: 2, nFeatures: 1, levels: 2 });
  expect(await codeOf(analyze(table, { predictions: 'yhat' }))).toBe('E_USAGE');
  expect(await codeOf(analyze(table, { eo: [] }))).toBe('E_BAD_OPTION');
  expect(await codeOf(analyze(table, { eo: 2 }))).toBe('E_BAD_ALPHA');
  expect(await codeOf(analyze(table, { predictions: { m: new Int32Array(200).fill(2) } }))).toBe(
    'E_BAD_OPTION',
  );
  expect(await codeOf(analyze(table, { predictions: { m: new Int32Array(3) } }))).toBe('E_BAD_OPTION');
});
