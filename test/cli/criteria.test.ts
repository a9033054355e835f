import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { writeCsv } from '../helpers/csv-file.js';
import { runFrontierGY } from '../helpers/frontier-cli.js';
import { type ReportV1, reportSchemaErrors } from '../../src/report/index.js';
import { runCli, tempDir } from './run-cli.js';

const json = (s: string) => JSON.parse(s) as ReportV1;

/** 3000 rows: two groups, a categorical and a binned feature, a label that depends on both and on the group. */
function trainCsv(dir: string, name = 'train.csv', rows = 3000, seed = 1): string {
  const lines = ['g,color,age,y'];
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < rows; i++) {
    const g = next() < 0.6 ? 'A' : 'B';
    const color = ['red', 'green', 'blue'][Math.floor(next() * 3)];
    const age = 20 + Math.floor(next() * 50) + (g === 'B' ? 5 : 0);
    const z = 0.04 * (age - 40) + (color === 'red' ? 0.6 : 0) - (g === 'B' ? 0.8 : 0);
    const y = next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    lines.push(`${g},${color},${age},${y}`);
  }
  return writeCsv(dir, name, lines);
}

const DATA = ['--group', 'g', '--label', 'y', '--bins', 'age=edges:30,40,50,60'];

test('frontier with the new criteria and an objective writes a schema-valid report with every criterion', async () => {
  const dir = tempDir();
  const file = trainCsv(dir);
  const r = await runCli([
    'frontier',
    file,
    ...DATA,
    '--sp-ratio',
    '0.6,0.8,1',
    '--tpr',
    '0.05',
    '--objective',
    'cost:FP=1,FN=3',
    '--json',
  ]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const report = json(r.stdout);
  expect(reportSchemaErrors(report)).toEqual([]);
  expect(report.settings.constraints.swept).toEqual(['spRatio']);
  expect(report.settings.constraints.alphas.tpr).toEqual([0.05]);
  expect(report.settings.objective).toEqual({
    kind: 'cost',
    cost: [
      [0, 1],
      [3, 0],
    ],
  });
  const costs = report.frontier.map((p) => p.value!);
  // A tighter ratio can only cost more; each point meets its bounds as re-measured.
  expect(costs[1]).toBeGreaterThanOrEqual(costs[0] - 1e-9);
  expect(costs[2]).toBeGreaterThanOrEqual(costs[1] - 1e-9);
  for (const p of report.frontier) {
    expect(p.objective).toBe('cost');
    expect(p.violations.spRatio!).toBeGreaterThanOrEqual(p.alpha.spRatio! - 1e-6);
    expect(p.violations.tpr!).toBeLessThanOrEqual(0.05 + 1e-6);
    expect(p.dualBound).toBeLessThanOrEqual(p.value! + 1e-9);
  }
});

test('an infeasible group loss exits 4 with E_INFEASIBLE and writes nothing', async () => {
  const dir = tempDir();
  const file = trainCsv(dir);
  const out = join(dir, 'r.json');
  const r = await runCli(['frontier', file, ...DATA, '--group-loss', '0.01', '--out', out]);
  expect(r.code).toBe(4);
  expect(r.stderr).toMatch(/^fairlimit: E_INFEASIBLE: .*groupLoss/);
  expect(existsSync(out)).toBe(false);
});

test('export-classifier then apply: predictions for every row, the expected accuracy of the export', async () => {
  const dir = tempDir();
  const file = trainCsv(dir);
  const h = join(dir, 'h.json');
  const r = await runCli([
    'frontier',
    file,
    ...DATA,
    '--eo',
    '0,0.05',
    '--export-classifier',
    h,
    '--export-alpha',
    'eo=0.05',
    '--json',
  ]);
  expect(r.code).toBe(0);
  const artifact = JSON.parse(readFileSync(h, 'utf8'));
  expect(artifact.kind).toBe('fairlimit-classifier');
  expect(artifact.point.accuracy).toBeCloseTo(json(r.stdout).frontier[1].accuracy, 12);
  expect(artifact.encoding.features.map((f: { encoding: string }) => f.encoding)).toEqual([
    'categorical',
    'bins',
  ]);
  const out = join(dir, 'p.csv');
  const a = await runCli(['apply', h, file, '--out', out, '--seed', '3']);
  expect(a.code).toBe(0);
  const expected = /expected accuracy ([0-9.]+)/.exec(a.stderr)![1];
  expect(Number(expected)).toBeCloseTo(artifact.point.accuracy, 6);
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('row,group,seen,p_0,p_1,prediction');
  expect(lines).toHaveLength(3001);
  // New rows without the label and with an unseen category: the fallback, seeded.
  const fresh = join(dir, 'new.csv');
  writeFileSync(fresh, 'g,color,age\nA,purple,35\nB,red,45\n');
  const out2 = join(dir, 'p2.csv');
  expect((await runCli(['apply', h, fresh, '--out', out2, '--quiet'])).code).toBe(0);
  const rows = readFileSync(out2, 'utf8').trim().split('\n').slice(1);
  expect(rows.map((l) => l.split(',')[2])).toEqual(['0', '1']);
  expect(rows[0].split(',').slice(3, 5).map(Number)).toEqual(artifact.fallback.byGroup.A);
});

test('--export-alpha is required for a sweep and refused without --export-classifier', async () => {
  const dir = tempDir();
  const file = trainCsv(dir, 'train.csv', 500);
  const a = await runCli([
    'frontier',
    file,
    ...DATA,
    '--eo',
    '0,0.05',
    '--export-classifier',
    join(dir, 'h.json'),
  ]);
  expect(a.code).toBe(2);
  expect(a.stderr).toMatch(/E_USAGE: .*--export-alpha/);
  expect(existsSync(join(dir, 'h.json'))).toBe(false);
  const b = await runCli(['frontier', file, ...DATA, '--export-alpha', 'eo=0.05']);
  expect(b.code).toBe(2);
});

test('--counts sums several files and a quoted glob by key: the same frontier as one file', async () => {
  const dir = tempDir();
  const header = 'color,age_bin,g,y,count';
  const all: string[] = [];
  const parts: string[][] = [[], [], []];
  let i = 0;
  for (const color of ['red', 'blue'])
    for (const bin of [0, 1, 2])
      for (const g of ['A', 'B'])
        for (const y of [0, 1]) {
          const count = 5 + ((i * 7) % 11);
          all.push(`${color},${bin},${g},${y},${count}`);
          // Split each record's count over the parts (a key may appear in several partitions).
          const a = Math.floor(count / 3);
          parts[0].push(`${color},${bin},${g},${y},${a}`);
          parts[1].push(`${color},${bin},${g},${y},${a}`);
          parts[2].push(`${color},${bin},${g},${y},${count - 2 * a}`);
          i++;
        }
  writeFileSync(join(dir, 'all.csv'), `${header}\n${all.join('\n')}\n`);
  parts.forEach((p, j) => writeFileSync(join(dir, `part-${j}.csv`), `${header}\n${p.join('\n')}\n`));
  const args = ['--group', 'g', '--label', 'y', '--eo', '0,0.1', '--json'];
  const one = await runCli(['frontier', '--counts', join(dir, 'all.csv'), ...args]);
  const glob = await runCli(['frontier', '--counts', join(dir, 'part-*.csv'), ...args]);
  const list = await runCli([
    'frontier',
    '--counts',
    join(dir, 'part-0.csv'),
    join(dir, 'part-1.csv'),
    join(dir, 'part-2.csv'),
    ...args,
  ]);
  for (const r of [one, glob, list]) expect(r.code).toBe(0);
  const acc = (r: { stdout: string }) => json(r.stdout).frontier.map((p) => p.accuracy);
  expect(acc(glob)).toEqual(acc(one));
  expect(acc(list)).toEqual(acc(one));
  expect(json(glob.stdout).data.nRows).toBe(json(one.stdout).data.nRows);
  const none = await runCli(['frontier', '--counts', join(dir, 'nothing-*.csv'), ...args]);
  expect(none.code).not.toBe(0);
  expect(none.stderr).toMatch(/no file matches/);
});

test('the bracket refuses more than 200 groups beforehand, naming the size and the limit', async () => {
  const dir = tempDir();
  const lines = ['g,x,y'];
  for (let i = 0; i < 201 * 4; i++)
    lines.push(`g${i % 201},${Math.floor(i / 201) % 2},${Math.floor(i / 402) % 2}`);
  const file = writeCsv(dir, 'many.csv', lines);
  const r = await runFrontierGY(file, '--eo', '0.05', '--method', 'bracket');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/E_USAGE: 201 groups: .* at most 200 groups/);
});
