import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { expect, test } from 'vitest';
import { tableFromData } from '../../src/data/index.js';
import { evaluatePredictions } from '../../src/metrics/index.js';
import {
  formatReport,
  frontierReport,
  groupTables,
  modelCard,
  reportSchemaErrors,
  type ReportV1,
} from '../../src/report/index.js';
import { htmlReport } from '../../src/plot/html-report.js';
import { runCli, tempDir } from '../cli/run-cli.js';

/**
 * Hand-made rows (group, label, prediction):
 *   a: (1,1) (1,1) (1,0) (0,1) (0,0) (0,0)  -> selection 3/6, TPR 2/3, FPR 1/3, accuracy 4/6
 *   b: (1,1) (1,0) (0,0) (0,0)              -> selection 1/4, TPR 1/2, FPR 0,   accuracy 3/4
 *   overall                                 -> selection 4/10, TPR 3/5, FPR 1/5, accuracy 7/10
 */
const handRows = [
  ['a', 1, 1],
  ['a', 1, 1],
  ['a', 1, 0],
  ['a', 0, 1],
  ['a', 0, 0],
  ['a', 0, 0],
  ['b', 1, 1],
  ['b', 1, 0],
  ['b', 0, 0],
  ['b', 0, 0],
] as const;

test('the group table equals the hand-computed rates, between-group differences (max - min) and ratios (min / max)', () => {
  const metrics = evaluatePredictions({
    group: Int32Array.from(handRows, (r) => (r[0] === 'a' ? 0 : 1)),
    label: Int32Array.from(handRows, (r) => r[1]),
    prediction: Int32Array.from(handRows, (r) => r[2]),
    nGroups: 2,
    nClasses: 2,
    groupNames: ['a', 'b'],
    classNames: ['0', '1'],
  });
  const [t] = groupTables(metrics);
  expect(t.className).toBe('1');
  const close = (actual: number | null, expected: number) => expect(actual).toBeCloseTo(expected, 14);
  const [a, b] = t.byGroup;
  expect([a.group, a.rows, b.group, b.rows]).toEqual(['a', 6, 'b', 4]);
  close(a.selectionRate, 3 / 6);
  close(a.truePositiveRate, 2 / 3);
  close(a.falsePositiveRate, 1 / 3);
  close(a.accuracy, 4 / 6);
  close(b.selectionRate, 1 / 4);
  close(b.truePositiveRate, 1 / 2);
  close(b.falsePositiveRate, 0);
  close(b.accuracy, 3 / 4);
  close(t.overall.selectionRate, 4 / 10);
  close(t.overall.truePositiveRate, 3 / 5);
  close(t.overall.falsePositiveRate, 1 / 5);
  close(t.overall.accuracy, 7 / 10);
  close(t.difference.selectionRate, 1 / 4);
  close(t.difference.truePositiveRate, 1 / 6);
  close(t.difference.falsePositiveRate, 1 / 3);
  close(t.difference.accuracy, 1 / 12);
  close(t.ratio.selectionRate, 1 / 2);
  close(t.ratio.truePositiveRate, 3 / 4);
  close(t.ratio.falsePositiveRate, 0);
  close(t.ratio.accuracy, 8 / 9);
});

test('three classes give one one-vs-rest table per class, each matching a count by hand', () => {
  // Group a: (y, yhat) = (0,0) (1,2) (2,2); group b: (0,1) (1,1) (2,0).
  const rows = [
    [0, 0, 0],
    [0, 1, 2],
    [0, 2, 2],
    [1, 0, 1],
    [1, 1, 1],
    [1, 2, 0],
  ];
  const metrics = evaluatePredictions({
    group: Int32Array.from(rows, (r) => r[0]),
    label: Int32Array.from(rows, (r) => r[1]),
    prediction: Int32Array.from(rows, (r) => r[2]),
    nGroups: 2,
    nClasses: 3,
  });
  const tables = groupTables(metrics);
  expect(tables).toHaveLength(3);
  // Class 2: a predicts it twice (selection 2/3; TPR 1/1; FPR 1/2 over its two non-2 rows), b never.
  const [a, b] = tables[2].byGroup;
  expect([a.selectionRate, a.truePositiveRate, a.falsePositiveRate]).toEqual([2 / 3, 1, 1 / 2]);
  expect([b.selectionRate, b.truePositiveRate, b.falsePositiveRate]).toEqual([0, 0, 0]);
  expect(tables[2].ratio.selectionRate).toBe(0);
  // One-vs-rest accuracy of class 2 ([yHat = 2] against [y = 2]): a is right on (0,0) and (2,2), b on (0,1) and
  // (1,1); its multi-class accuracy would be 1/3.
  expect(a.accuracy).toBeCloseTo(2 / 3, 14);
  expect(b.accuracy).toBeCloseTo(2 / 3, 14);
  expect(tables[2].overall.accuracy).toBeCloseTo(4 / 6, 14);
  // Class 0: a is right on all three rows; b only on (1,1): (0,1) misses class 0 and (2,0) predicts it wrongly.
  expect(tables[0].byGroup[0].accuracy).toBeCloseTo(1, 14);
  expect(tables[0].byGroup[1].accuracy).toBeCloseTo(1 / 3, 14);
});

/** A report with one placed model (a predictions column) on the hand rows, and a small sweep. */
async function placedReport(): Promise<ReportV1> {
  // x = row number: every row is its own cell, so the frontier bounds any prediction (Bayes accuracy 1).
  const data = handRows.map(([g, y, yhat], i) => ({ g, y, yhat, x: i }));
  const { table, predictions } = tableFromData(data, {
    group: 'g',
    label: 'y',
    predictions: ['yhat'],
    name: 'hand',
  });
  return frontierReport(
    { table, predictions, source: { kind: 'memory', name: 'hand' } },
    { alphas: { eo: [0, 0.1, 0.2, 0.3] } },
  );
}

test('a placed model carries its group table into the JSON report (schema-valid), text, Markdown and HTML', async () => {
  const report = await placedReport();
  expect(reportSchemaErrors(report)).toEqual([]);
  const model = report.models![0];
  expect(model.accuracy).toBeCloseTo(7 / 10, 14);
  expect(model.byGroup![0].difference.truePositiveRate).toBeCloseTo(1 / 6, 14);
  const text = formatReport(report, 'table');
  expect(text).toMatch(/yhat by group \(positive class 1\)/);
  expect(text).toMatch(/difference \(max - min\)\s+0\.2500\s+0\.1667\s+0\.3333\s+0\.0833/);
  expect(formatReport(report, 'md')).toContain(
    '| ratio (min / max) |  | 0.5000 | 0.7500 | 0.0000 | 0.8889 |  |  |  |  |',
  );
  const html = await htmlReport(report);
  expect(html).toContain('<caption>yhat by group (positive class 1)</caption>');
  expect(html).toContain('<td>0.166667</td>');
});

test('hf card: front matter fenced by ---, the model accuracy is the only accuracy, limits and gap typed apart', async () => {
  const report = await placedReport();
  const card = modelCard(report, 'hf');
  expect(card.startsWith('---\n')).toBe(true);
  const end = card.indexOf('\n---\n', 4);
  expect(end).toBeGreaterThan(0);
  const front = parseYaml(card.slice(4, end + 1)) as {
    'model-index': {
      name: string;
      results: {
        task: { type: string };
        dataset: { name: string; type: string };
        metrics: { type: string; value: number; name: string; args?: Record<string, number> }[];
      }[];
    }[];
  };
  const entry = front['model-index'][0];
  expect(entry.name).toBe('yhat');
  const metrics = entry.results[0].metrics;
  const accuracies = metrics.filter((m) => m.type === 'accuracy');
  expect(accuracies).toHaveLength(1);
  expect(accuracies[0].value).toBe(report.models![0].accuracy);
  expect(accuracies[0].value).toBeCloseTo(0.7, 14);
  expect(metrics.find((m) => m.type === 'eo_violation')?.value).toBe(report.models![0].violations!.eo);
  expect(metrics.find((m) => m.type === 'epistemic_gap')?.value).toBe(report.models![0].gap);
  const limits = metrics.filter((m) => m.type === 'fairfront_accuracy_limit');
  expect(limits).toHaveLength(1 + report.frontier.length);
  expect(limits.every((m) => /not this model's accuracy/.test(m.name))).toBe(true);
  expect(limits[1].args).toEqual({ eo: 0 });
  expect(limits[1].value).toBe(report.frontier[0].accuracy);
  // After the front matter: the Markdown card with the group table.
  expect(card.slice(end + 5)).toContain('yhat by group (positive class 1):');
});

test('hf card without a placed model holds only typed limits; mct carries group slices and intervals when present', async () => {
  const report = await placedReport();
  const limitsOnly = modelCard({ ...report, models: [] }, 'hf', { name: 'limits' });
  const front = parseYaml(limitsOnly.slice(4, limitsOnly.indexOf('\n---\n', 4) + 1)) as {
    'model-index': { name: string; results: { metrics: { type: string }[] }[] }[];
  };
  expect(front['model-index'][0].name).toBe('limits');
  expect(front['model-index'][0].results[0].metrics.map((m) => m.type)).not.toContain('accuracy');

  // An interval section as `frontier --interval` writes it, matched by alpha (listed here in reverse order).
  const interval = report.frontier
    .map((p) => ({
      alpha: p.alpha,
      lower: p.accuracy - 0.05,
      upper: p.accuracy + 0.01,
      level: 0.95,
      method: 'test',
      inSample: p.accuracy,
    }))
    .reverse();
  const withInterval = { ...report, estimation: { method: 'exact', interval } } as ReportV1;
  const mct = JSON.parse(modelCard(withInterval, 'mct')) as {
    quantitative_analysis: {
      performance_metrics: {
        type: string;
        value: string;
        slice: string;
        confidence_interval?: { lower_bound: string; upper_bound: string };
      }[];
    };
  };
  const pm = mct.quantitative_analysis.performance_metrics;
  expect(pm.filter((m) => m.type === 'accuracy' && m.slice === 'yhat')).toEqual([
    { type: 'accuracy', value: String(report.models![0].accuracy), slice: 'yhat' },
  ]);
  expect(pm.find((m) => m.type === 'true positive rate' && m.slice === 'yhat, group = b')?.value).toBe('0.5');
  const limit0 = pm.find((m) => m.type.startsWith('FairFront accuracy limit (') && m.slice === 'eo <= 0');
  expect(limit0?.confidence_interval).toEqual({
    lower_bound: String(report.frontier[0].accuracy - 0.05),
    upper_bound: String(report.frontier[0].accuracy + 0.01),
  });
  // Without the section there is no interval (the LP's dual bound is not a confidence interval).
  const plain = JSON.parse(modelCard(report, 'mct')).quantitative_analysis.performance_metrics as {
    confidence_interval?: unknown;
  }[];
  expect(plain.every((m) => m.confidence_interval === undefined)).toBe(true);
});

/**
 * The Hub's model-card metadata conventions (huggingface_hub's ModelCardData and its model-index parser): a
 * licence identifier, tags and dataset ids as lists of strings, and model-index results each with a task type,
 * a dataset (type = a dataset id, and a name) and metrics each with a type, a value and a name.
 */
const HUB_ID = '^[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)?$';
const HUB_CARD_METADATA = {
  type: 'object',
  required: ['license', 'tags', 'datasets', 'model-index'],
  properties: {
    license: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]*$' },
    tags: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 } },
    datasets: { type: 'array', minItems: 1, items: { type: 'string', pattern: HUB_ID } },
    'model-index': {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name', 'results'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1 },
          results: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['task', 'dataset', 'metrics'],
              additionalProperties: false,
              properties: {
                task: {
                  type: 'object',
                  required: ['type'],
                  properties: { type: { type: 'string', pattern: '^[a-z-]+$' }, name: { type: 'string' } },
                },
                dataset: {
                  type: 'object',
                  required: ['type', 'name'],
                  properties: {
                    type: { type: 'string', pattern: HUB_ID },
                    name: { type: 'string', minLength: 1 },
                  },
                },
                metrics: {
                  type: 'array',
                  minItems: 1,
                  items: {
                    type: 'object',
                    required: ['type', 'value', 'name'],
                    additionalProperties: false,
                    properties: {
                      type: { type: 'string', pattern: '^[a-z0-9_]+$' },
                      value: { type: 'number' },
                      name: { type: 'string', minLength: 1 },
                      args: { type: 'object' },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

/** The report of a --folds run with a placed model, as the CLI writes it. */
async function foldsReport(name: string): Promise<ReportV1> {
  const dir = tempDir();
  const file = path.join(dir, 'r.json');
  const r = await runCli([
    'demo',
    '--rows',
    '800',
    '--eo',
    '0,0.05,0.1',
    '--folds',
    '3',
    '--model',
    `${name}=0.03:0.7`,
    '--out',
    file,
    '--quiet',
  ]);
  expect(r.code).toBe(0);
  return JSON.parse(readFileSync(file, 'utf8')) as ReportV1;
}

test('hf cards follow the Hub metadata conventions and speak to the card reader, not the tool user', async () => {
  // ajv is CommonJS: its class is the default export or that export's default, depending on the loader
  const ajv = (await import('ajv')) as unknown as { default: { default?: unknown } };
  const Ajv = (ajv.default.default ?? ajv.default) as new (options: object) => {
    compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown };
  };
  const validate = new Ajv({ allErrors: true, strict: true }).compile(HUB_CARD_METADATA);
  const placed = await placedReport();
  const folds = await foldsReport('logit');
  const cards = [
    modelCard(placed, 'hf', { name: 'my-model', license: 'mit' }),
    modelCard({ ...placed, models: [] }, 'hf'),
    modelCard(folds, 'hf'),
    modelCard(
      { ...folds, data: { ...folds.data, source: { ...folds.data.source, name: 'data/My Scores v2.csv' } } },
      'hf',
    ),
  ];
  for (const card of cards) {
    const end = card.indexOf('\n---\n', 4);
    const front = parseYaml(card.slice(4, end + 1)) as {
      license: string;
      datasets: string[];
      'model-index': { results: { dataset: { type: string } }[] }[];
    };
    expect(validate(front) ? [] : validate.errors).toEqual([]);
    // the dataset of every result is one of the card's datasets
    for (const entry of front['model-index'])
      for (const result of entry.results) expect(front.datasets).toContain(result.dataset.type);
    // the Markdown after the front matter: no option names, file paths of the tool, or field names
    const body = card.slice(end + 5);
    expect(body).not.toMatch(/ --[a-z]|docs\/|isAboveFrontier|gapLow|alpha/);
    expect(card).not.toMatch(/ eo <=|\beo_\w+ <=/);
  }
  expect(parseYaml(cards[0].slice(4, cards[0].indexOf('\n---\n', 4) + 1))).toMatchObject({
    license: 'mit',
    datasets: ['hand'],
  });
  expect(cards[1]).toContain('license: unknown');
  expect(cards[3]).toContain('type: my-scores-v2\n');
  // the heading gives the limits to the data and the model its own numbers
  expect(cards[0]).toContain('\n## Fairness of my-model, against the limits of its data\n');
  expect(cards[1]).toContain('\n## Fairness limits of the data: hand\n');
  const logit = folds.models![0];
  expect(cards[2]).toContain(
    `**logit** has accuracy 0.7000 with an equalized-odds violation of 0.0300 (the largest difference in true- or false-positive rate between groups). No classifier on these features can be more accurate than ${logit.frontierAccuracy.toFixed(4)}`,
  );
  expect(cards[2]).toContain(`the gap is ${(logit.gapLow as number).toFixed(4)}.`);
});
