import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createRng } from '../../src/rng.js';
import { runCli, tempDir } from './run-cli.js';

/** fairlearn's fits on seeded cases (test/fixtures/fairlearn/generate.py): rows, options, P(yHat = 1) per row. */
interface FairlearnCase {
  readonly constraint: string;
  readonly objective: string;
  readonly flip: boolean;
  readonly grid_size: number;
  readonly tol?: number;
  readonly group: number[];
  readonly label: number[];
  readonly score: number[];
  readonly positive_probability: number[];
  readonly rules: unknown;
}
const load = (name: string) =>
  (
    JSON.parse(readFileSync(new URL(`../fixtures/fairlearn/${name}.json`, import.meta.url), 'utf8')) as {
      cases: FairlearnCase[];
    }
  ).cases;

function caseCsv(dir: string, c: FairlearnCase): string {
  const file = join(dir, 'rows.csv');
  const lines = ['g,y,score', ...c.group.map((g, i) => `${g},${c.label[i]},${c.score[i]}`)];
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function exportAndApply(c: FairlearnCase, extra: readonly string[]) {
  const dir = tempDir();
  const file = caseCsv(dir, c);
  const h = join(dir, 'h.json');
  const r = await runCli([
    'frontier',
    file,
    '--group',
    'g',
    '--label',
    'y',
    '--scores',
    'score',
    '--export-classifier',
    h,
    '--export-rule',
    c.constraint,
    '--rule-objective',
    c.objective,
    '--rule-grid-size',
    String(c.grid_size),
    ...(c.flip ? ['--rule-flip'] : []),
    ...extra,
    '--quiet',
  ]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const out = join(dir, 'p.csv');
  const a = await runCli(['apply', h, file, '--out', out, '--seed', '5']);
  expect(a.code).toBe(0);
  const rows = readFileSync(out, 'utf8').trim().split('\n');
  return { artifact: JSON.parse(readFileSync(h, 'utf8')), rows, stderr: a.stderr, dir, h, file };
}

test("apply realizes fairlearn's P(yHat = 1) for every row of an equalized-odds rule with p_ignore", async () => {
  const cases = load('threshold-optimizer');
  const c = cases.find((k) => k.constraint === 'equalized_odds' && k.grid_size === 1000)!;
  const { artifact, rows } = await exportAndApply(c, ['--eo', '1']);
  expect(artifact.kind).toBe('fairlimit-threshold-rule');
  expect(Object.values(artifact.rules).some((r) => (r as { pIgnore: number }).pIgnore > 0)).toBe(true);
  expect(rows[0]).toBe('row,group,p_0,p_1,prediction');
  const p1 = rows.slice(1).map((l) => Number(l.split(',')[3]));
  p1.forEach((p, i) => expect(Math.abs(p - c.positive_probability[i])).toBeLessThanOrEqual(1e-12));
  // The draws follow the seed policy: row i predicts 1 when u_i >= P(yHat = 0), u_i the i-th draw of seed 5.
  const rng = createRng(5);
  const predictions = rows.slice(1).map((l) => l.split(',')[4]);
  predictions.forEach((y, i) => expect(y).toBe(rng.next() < 1 - p1[i] ? '0' : '1'));
});

test("a flipped rule and fairlearn 0.13's tol relaxation apply as fairlearn predicts", async () => {
  const hasFlippedRule = (k: FairlearnCase) => JSON.stringify(k.rules).includes('"<"');
  const flipped = load('threshold-optimizer').find(
    (k) => hasFlippedRule(k) && k.objective === 'balanced_accuracy_score',
  )!;
  const a = await exportAndApply(flipped, []);
  a.rows
    .slice(1)
    .forEach((l, i) =>
      expect(Math.abs(Number(l.split(',')[3]) - flipped.positive_probability[i])).toBeLessThanOrEqual(1e-12),
    );
  const relaxed = load('threshold-optimizer-tol').find(
    (k) => hasFlippedRule(k) && k.objective === 'accuracy_score',
  )!;
  const b = await exportAndApply(relaxed, ['--rule-tol', String(relaxed.tol)]);
  expect(b.artifact.fit.tol).toBe(relaxed.tol);
  b.rows
    .slice(1)
    .forEach((l, i) =>
      expect(Math.abs(Number(l.split(',')[3]) - relaxed.positive_probability[i])).toBeLessThanOrEqual(1e-12),
    );
});

test('without a label the rule still applies; the expected accuracy is printed only with labels', async () => {
  const c = load('threshold-optimizer')[0];
  const { h, dir, stderr, artifact } = await exportAndApply(c, []);
  // Printed with 6 decimals.
  expect(Number(/expected accuracy ([0-9.]+)/.exec(stderr)![1])).toBeCloseTo(artifact.fit.accuracy, 5);
  const fresh = join(dir, 'new.csv');
  writeFileSync(fresh, 'g,score\n0,0.9\n1,0.1\n');
  const out = join(dir, 'q.csv');
  const r = await runCli(['apply', h, fresh, '--out', out]);
  expect(r.code).toBe(0);
  expect(r.stderr).not.toMatch(/expected accuracy/);
  expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(3);
});

test('refusals: rule options without --export-rule, an unknown constraint, tol with equalized_odds, a missing group', async () => {
  const c = load('threshold-optimizer')[3];
  const dir = tempDir();
  const file = caseCsv(dir, c);
  const h = join(dir, 'h.json');
  const base = ['frontier', file, '--group', 'g', '--label', 'y', '--scores', 'score', '--quiet'];
  const noRule = await runCli([...base, '--rule-flip']);
  expect(noRule.code).toBe(2);
  expect(noRule.stderr).toMatch(/^fairlimit: E_USAGE: .*--export-rule/);
  const unknown = await runCli([...base, '--export-classifier', h, '--export-rule', 'equal_opportunity']);
  expect(unknown.stderr).toMatch(/^fairlimit: E_BAD_OPTION: .*equal_opportunity/);
  const tol = await runCli([
    ...base,
    '--export-classifier',
    h,
    '--export-rule',
    'equalized_odds',
    '--rule-tol',
    '0.1',
  ]);
  expect(tol.code).not.toBe(0);
  expect(tol.stderr).toMatch(/^fairlimit: E_BAD_OPTION: tol/);
  expect(existsSync(h)).toBe(false);
  expect(
    (await runCli([...base, '--export-classifier', h, '--export-rule', 'demographic_parity'])).code,
  ).toBe(0);
  const fresh = join(dir, 'new.csv');
  writeFileSync(fresh, 'g,score\n0,0.5\n7,0.5\n');
  const out = join(dir, 'p.csv');
  const r = await runCli(['apply', h, fresh, '--out', out]);
  expect(r.stderr).toMatch(/^fairlimit: E_BAD_OPTION: group "7" has no threshold rule.*row 2/);
  expect(existsSync(out)).toBe(false);
});
