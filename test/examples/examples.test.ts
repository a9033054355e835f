import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { bayesAccuracy, distributionFromTable } from '../../src/distribution/index.js';
import { syntheticTable } from '../../src/data/index.js';
import { loadReferenceDataset } from '../../src/data/index.js';
import { fairFront, sweepFrontier } from '../../src/limits/index.js';
import { parseReport } from '../../src/report/index.js';

// Every script in examples/ runs here as a user runs it: `tsx examples/X.ts`, importing 'fairlimit' by name
// (the package's self-reference, i.e. the built dist/). Their printed numbers are checked against values
// computed here through the library's internals, or against the paper's published values.

const repoRoot = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
const run = promisify(execFile);

async function runExample(name: string, args: readonly string[] = []): Promise<string> {
  expect(existsSync(path.join(repoRoot, 'dist', 'index.js')), 'run `npm run build` first').toBe(true);
  const { stdout } = await run(tsx, [path.join('examples', name), ...args], {
    cwd: repoRoot,
    maxBuffer: 1 << 24,
  });
  return stdout;
}

/** The number after `label` on its line. */
function numberAfter(stdout: string, label: string): number {
  const line = stdout.split('\n').find((l) => l.startsWith(label));
  expect(line, `a line starting with "${label}"`).toBeDefined();
  return Number(
    line!
      .slice(label.length)
      .trim()
      .split(/[\s,(]/)[0],
  );
}

test('every example is covered by this test', () => {
  expect(
    readdirSync(path.join(repoRoot, 'examples'))
      .filter((f) => f.endsWith('.ts'))
      .sort(),
  ).toEqual(['benchmark.ts', 'frontier-from-csv.ts', 'missing-values.ts', 'model-card.ts']);
});

test('frontier-from-csv prints the same frontier as the in-memory synthetic table', async () => {
  const stdout = await runExample('frontier-from-csv.ts');
  const table = syntheticTable({ seed: 42, nRows: 2000, nGroups: 2, nClasses: 2, nFeatures: 3, levels: 4 });
  const { distribution } = distributionFromTable(table);
  const alphas = [0, 0.02, 0.05, 0.1, 0.2];
  const sweep = await sweepFrontier(distribution, { measure: 'eo', alphas });
  alphas.forEach((a, i) => {
    expect(
      Math.abs(numberAfter(stdout, `FairFront at alpha_EO = ${a}:`) - sweep.points[i].accuracy),
    ).toBeLessThan(1e-6);
  });
  expect(Math.abs(numberAfter(stdout, 'Bayes accuracy:') - bayesAccuracy(distribution))).toBeLessThan(1e-6);
});

test('benchmark: the published COMPAS Bayes accuracy, and no classifier above the frontier on all rows', async () => {
  const stdout = await runExample('benchmark.ts');
  expect(stdout).toMatch(/compas: 1640 cells, Bayes accuracy 0\.771504/);
  const rows = stdout
    .split('\n')
    .filter((l) => /^(logit|none)\s/.test(l))
    .map((l) => l.trim().split(/\s+/));
  expect(rows.length).toBe(5); // base + 2 eqodds + 2 fairfront-rule
  for (const cells of rows) {
    const fullDataGap = Number(cells[cells.length - 1]);
    const frontier = Number(cells[cells.length - 3]);
    expect(fullDataGap).toBeGreaterThanOrEqual(-1e-6);
    expect(frontier).toBeLessThanOrEqual(0.771504 + 1e-6);
  }
});

test('missing-values: the complete COMPAS frontier at alpha 0 is the published one, and 50% loses more than 10%', async () => {
  const stdout = await runExample('missing-values.ts');
  expect(numberAfter(stdout, 'complete data: FairFront')).toBeCloseTo(0.76197, 4);
  const drop = (scenario: string, strategy: string) => {
    const line = stdout.split('\n').find((l) => l.startsWith(scenario) && l.includes(` ${strategy} `))!;
    return Number(/drop (-?[\d.]+)/.exec(line)![1]);
  };
  for (const strategy of ['mode', 'conditional-mode']) {
    expect(drop('10%/10%', strategy)).toBeGreaterThan(0);
    expect(drop('10%/50%', strategy)).toBeGreaterThan(drop('10%/10%', strategy));
  }
});

test('model-card writes a valid report whose model gap matches an independent FairFront solve', async () => {
  const outDir = mkdtempSync(path.join(tmpdir(), 'fairlimit-card-test-'));
  try {
    const stdout = await runExample('model-card.ts', [outDir]);
    const card = readFileSync(path.join(outDir, 'model-card.md'), 'utf8');
    expect(card).toMatch(/logistic regression/);
    expect(readFileSync(path.join(outDir, 'frontier.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const report = parseReport(readFileSync(path.join(outDir, 'report.json'), 'utf8'));
    const model = report.models![0];
    const { distribution } = distributionFromTable(loadReferenceDataset('compas'));
    const limit = await fairFront(distribution, { alpha: { eo: model.violation } });
    expect(Math.abs(limit.accuracy - model.frontierAccuracy)).toBeLessThan(1e-7);
    expect(model.gap).toBeGreaterThan(0);
    expect(numberAfter(stdout, 'epistemic gap of logistic regression:')).toBeCloseTo(model.gap, 6);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});
