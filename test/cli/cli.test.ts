import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { expect, test } from 'vitest';
import { writeCsv } from '../helpers/csv-file.js';
import { runFrontierGY } from '../helpers/frontier-cli.js';
import { ExitCode, exitCodeOf } from '../../src/cli/io.js';
import { InputError, SolverError } from '../../src/errors.js';
import { type ReportV1, reportSchemaErrors } from '../../src/report/index.js';
import { COMPAS_CLI_OPTIONS, SMALL_CSV, sharedDataFile } from '../data/csv-fixtures.js';
import { runCli, tempDir } from './run-cli.js';

/** A CSV with a model's predictions: 2 groups, 2 labels, 2 features, a prediction column. */
function predictionsCsv(dir: string): string {
  const lines = ['g,y,x1,x2,yhat'];
  for (let i = 0; i < 400; i++) {
    const g = i % 3 === 0 ? 'b' : 'a';
    const x1 = i % 4;
    const x2 = (i * 7) % 3;
    const y = (x1 + x2 + (g === 'b' ? 1 : 0)) % 2 === 0 || i % 5 === 0 ? 1 : 0;
    const yhat = x1 >= 2 ? 1 : 0;
    lines.push(`${g},${y},${x1},${x2},${yhat}`);
  }
  return writeCsv(dir, 'pred.csv', lines);
}

const json = (s: string) => JSON.parse(s) as ReportV1;

test.each([[[]], [['frontier']], [['demo']], [['card']], [['check']]])(
  '%j --help shows an example and exits 0',
  async (args) => {
    const r = await runCli([...args, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples?( \(a CI gate\))?:\n\s+\$ fairlimit/);
  },
);

test("frontier --dataset compas --json prints one valid report with the paper's values (docs/design.md, Reference data sets)", async () => {
  const r = await runCli([
    'frontier',
    '--dataset',
    'compas',
    '--eo',
    '0,0.0111,0.0222,0.0333,0.0444',
    '--json',
  ]);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  const report = json(r.stdout);
  expect(reportSchemaErrors(report)).toEqual([]);
  expect(report.schemaVersion).toBe(1);
  const paper = [0.76197, 0.76845, 0.76959, 0.77004, 0.77041];
  report.frontier.forEach((p, i) => {
    expect(p.status).toBe('optimal');
    expect(p.alpha).toMatchObject({ sp: 1, eo: [0, 0.0111, 0.0222, 0.0333, 0.0444][i], oae: 1 });
    expect(Math.abs(p.accuracy - paper[i])).toBeLessThan(1e-5);
  });
  expect(report.reference.bayesAccuracy).toBeCloseTo(0.771504, 6);
  expect(report.data.cells.count).toBe(1640);
});

test('acceptance: plain CLI options on the raw COMPAS CSV reproduce --dataset compas to 1e-9', async () => {
  const alphas = ['--eo', '0:0.05:0.01', '--json'];
  const fromCsv = await runCli([
    'frontier',
    sharedDataFile('compas/compas-scores-two-years.csv'),
    ...COMPAS_CLI_OPTIONS,
    ...alphas,
  ]);
  expect(fromCsv.stderr).toBe('');
  expect(fromCsv.code).toBe(0);
  const fromDataset = await runCli(['frontier', '--dataset', 'compas', ...alphas]);
  const a = json(fromCsv.stdout);
  const b = json(fromDataset.stdout);
  expect(reportSchemaErrors(a)).toEqual([]);
  expect(a.data.nRows).toBe(5278);
  expect(a.data.cells.count).toBe(1640);
  expect(a.data.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(a.frontier).toHaveLength(6);
  a.frontier.forEach((p, i) => {
    expect(p.alpha).toEqual(b.frontier[i].alpha);
    expect(Math.abs(p.accuracy - b.frontier[i].accuracy)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(p.dualBound - b.frontier[i].dualBound)).toBeLessThanOrEqual(1e-9);
  });
  expect(Math.abs(a.reference.bayesAccuracy - b.reference.bayesAccuracy)).toBeLessThanOrEqual(1e-9);
});

test.each([
  ['an unknown option', ['frontier', '--dataset', 'compas', '--bogus'], 'E_USAGE'],
  ['an alpha above 1', ['frontier', '--dataset', 'compas', '--eo', '2'], 'E_BAD_ALPHA'],
  ['a range without a step', ['frontier', '--dataset', 'compas', '--eo', '0:0.1'], 'E_BAD_ALPHA'],
  ['no input', ['frontier', '--eo', '0'], 'E_USAGE'],
  ['a file and --dataset', ['frontier', 'x.csv', '--dataset', 'compas'], 'E_USAGE'],
  ['CSV options with --dataset', ['frontier', '--dataset', 'compas', '--group', 'race'], 'E_USAGE'],
  ['an unknown data set', ['frontier', '--dataset', 'iris'], 'E_BAD_OPTION'],
  ['three swept measures', ['demo', '--sp', '0,1', '--eo', '0,1', '--oae', '0,1'], 'E_USAGE'],
  ['an unknown algorithm', ['demo', '--algorithm', 'magic'], 'E_USAGE'],
])('%s is a usage error: exit 2 and "fairlimit: CODE:" on stderr', async (_what, argv, code) => {
  const r = await runCli(argv);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toContain(`fairlimit: ${code}: `);
});

test('bad data exits 1 naming the problem and the place, and writes no output file', async () => {
  const dir = tempDir();
  const file = join(dir, 'small.csv');
  writeFileSync(file, SMALL_CSV);
  const out = join(dir, 'report.json');
  const r = await runCli(['frontier', file, '--group', 'g', '--label', 'income', '--out', out]);
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(
    `fairlimit: E_MISSING_COLUMN: no column named "income" (columns: "g", "y", "age", "color", "w") (file ${file}, column "income", option --label)\n`,
  );
  expect(readdirSync(dir)).toEqual(['small.csv']);
  const missing = await runCli(['frontier', join(dir, 'nope.csv'), '--group', 'g', '--label', 'y']);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/^fairlimit: E_FILE_MISSING: .*nope\.csv/);
});

test('--out, --plot (svg and png) and --html write complete files and no temporary ones', async () => {
  const dir = tempDir();
  const r = await runCli([
    'demo',
    '--rows',
    '600',
    '--eo',
    '0,0.05,0.1',
    '--out',
    join(dir, 'r.json'),
    '--plot',
    join(dir, 'f.svg'),
    '--html',
    join(dir, 'r.html'),
  ]);
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('');
  expect(readdirSync(dir).sort()).toEqual(['f.svg', 'r.html', 'r.json']);
  const report = json(readFileSync(join(dir, 'r.json'), 'utf8')); // format from the extension
  expect(reportSchemaErrors(report)).toEqual([]);
  expect(report.settings.seed).toBe(1);
  expect(readFileSync(join(dir, 'f.svg'), 'utf8')).toMatch(/^<svg/);
  expect(readFileSync(join(dir, 'r.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  const png = await runCli([
    'demo',
    '--rows',
    '600',
    '--eo',
    '0.05',
    '--plot',
    join(dir, 'f.png'),
    '--quiet',
  ]);
  expect(png.code).toBe(0);
  expect(readFileSync(join(dir, 'f.png')).subarray(1, 4).toString()).toBe('PNG');
});

test('nothing is written when one of several outputs fails', async () => {
  const dir = tempDir();
  const badPlot = await runCli([
    'demo',
    '--rows',
    '300',
    '--eo',
    '0',
    '--out',
    join(dir, 'r.json'),
    '--plot',
    join(dir, 'f.gif'),
  ]);
  expect(badPlot.code).toBe(2);
  expect(badPlot.stderr).toContain('fairlimit: E_BAD_OPTION: --plot writes .svg or .png');
  const badDir = await runCli([
    'demo',
    '--rows',
    '300',
    '--eo',
    '0',
    '--out',
    join(dir, 'r.json'),
    '--html',
    join(dir, 'no', 'such', 'r.html'),
  ]);
  expect(badDir.code).toBe(1);
  expect(readdirSync(dir)).toEqual([]);
});

test('--format csv and md, and --json conflicting with --format', async () => {
  const csv = await runCli(['demo', '--rows', '400', '--eo', '0,0.1', '--format', 'csv']);
  expect(csv.stdout.split('\n')[0]).toBe(
    'alpha_sp,alpha_eo,alpha_oae,accuracy,dual_bound,status,violation_sp,violation_eo,violation_oae,price_sp,price_eo,price_oae',
  );
  expect(csv.stdout.trim().split('\n')).toHaveLength(3);
  const md = await runCli(['demo', '--rows', '400', '--eo', '0,0.1', '--format', 'md']);
  expect(md.stdout).toMatch(/^## Fairness limits \(fairlimit\)/);
  const conflict = await runCli(['demo', '--rows', '400', '--json', '--format', 'csv']);
  expect(conflict.code).toBe(2);
});

test('check: exit 0 within the gap, exit 3 with a one-line reason beyond it', async () => {
  const dir = tempDir();
  const data = predictionsCsv(dir);
  const reportFile = join(dir, 'r.json');
  const made = await runFrontierGY(
    data,
    '--features',
    'x1,x2',
    '--predictions',
    'yhat',
    '--eo',
    '0:0.1:0.05',
    '--model',
    'old=0.02:0.5',
    '--out',
    reportFile,
    '--quiet',
  );
  expect(made.code).toBe(0);
  const report = json(readFileSync(reportFile, 'utf8'));
  expect(report.models!.map((m) => m.name)).toEqual(['old', 'yhat']);
  const worst = Math.max(...report.models!.map((m) => m.gap));
  const pass = await runCli(['check', reportFile, '--max-gap', String(worst + 1e-9)]);
  expect(pass.code).toBe(0);
  expect(pass.stdout).toMatch(/^ok: 2 model\(s\) within --max-gap/);
  const fail = await runCli(['check', reportFile, '--max-gap', String(worst - 1e-4)]);
  expect(fail.code).toBe(3);
  expect(fail.stderr).toMatch(
    /^fairlimit: E_CHECK_FAILED: model ".*" gap [\d.]+ .* exceeds --max-gap [\d.e-]+\n$/,
  );
  const noReport = await runCli(['check', join(dir, 'none.json'), '--max-gap', '0.1']);
  expect(noReport.code).toBe(1);
  const badGap = await runCli(['check', reportFile, '--max-gap', 'small']);
  expect(badGap.code).toBe(2);
});

test('card turns a report file into hf YAML, mct JSON or Markdown', async () => {
  const dir = tempDir();
  const reportFile = join(dir, 'r.json');
  await runCli(['demo', '--rows', '400', '--eo', '0,0.1', '--out', reportFile, '--quiet']);
  const hf = await runCli(['card', reportFile, '--format', 'hf', '--name', 'demo-model']);
  expect(hf.code).toBe(0);
  expect(hf.stdout.startsWith('---\n')).toBe(true);
  const front = hf.stdout.slice(4, hf.stdout.indexOf('\n---\n', 4) + 1);
  expect((parseYaml(front) as { 'model-index': { name: string }[] })['model-index'][0].name).toBe(
    'demo-model',
  );
  const mct = await runCli(['card', reportFile, '--format', 'mct']);
  // Two frontier limits and the Bayes accuracy; no model was placed.
  expect(JSON.parse(mct.stdout).quantitative_analysis.performance_metrics.length).toBe(3);
  const md = await runCli(['card', reportFile]);
  expect(md.stdout).toMatch(/^## Fairness limits of the data: synthetic\(seed=1\)\n/);
  writeFileSync(join(dir, 'bad.json'), '{"schemaVersion": 1}');
  const bad = await runCli(['card', join(dir, 'bad.json')]);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(/^fairlimit: E_BAD_REPORT: not a valid fairlimit report/);
});

test('--group-blind drops the group from the cells', async () => {
  const aware = json((await runCli(['frontier', '--dataset', 'compas', '--eo', '0', '--json'])).stdout);
  const blind = json(
    (await runCli(['frontier', '--dataset', 'compas', '--eo', '0', '--group-blind', '--json'])).stdout,
  );
  expect(blind.settings.isGroupAware).toBe(false);
  expect(blind.data.cells.count).toBeLessThan(aware.data.cells.count);
  expect(blind.frontier[0].accuracy).toBeLessThanOrEqual(aware.frontier[0].accuracy + 1e-9);
});

test('a progress bar appears on a terminal only, never with --json or --quiet', async () => {
  const args = ['demo', '--rows', '400', '--eo', '0:0.1:0.02'];
  expect((await runCli(args, { tty: true })).stderr).toContain('solving');
  expect((await runCli([...args, '--json'], { tty: true })).stderr).toBe('');
  expect((await runCli([...args, '--quiet'], { tty: true })).stderr).toBe('');
  expect((await runCli(args, { tty: false })).stderr).not.toContain('solving'); // the demo's next steps only
});

test('errors are red on a terminal unless NO_COLOR is set', async () => {
  const args = ['frontier', '--dataset', 'compas', '--eo', '7'];
  expect((await runCli(args, { tty: true })).stderr).toContain('\u001b[31m');
  const plain = await runCli(args, { tty: true, env: { NO_COLOR: '1' } });
  expect(plain.stderr).not.toContain('\u001b[');
  expect(plain.stderr).toMatch(/^fairlimit: E_BAD_ALPHA: /);
});

test('exit codes: infeasible constraints 4, usage 2, data 1', () => {
  expect(exitCodeOf(new SolverError('E_INFEASIBLE', 'infeasible at sp=0'))).toBe(ExitCode.infeasible);
  expect(exitCodeOf(new InputError('E_BAD_ALPHA', 'x'))).toBe(2);
  expect(exitCodeOf(new InputError('E_EMPTY_GROUP', 'x'))).toBe(1);
  expect(exitCodeOf(new Error('boom'))).toBe(1);
});

test('the demo needs no files and prints a table', async () => {
  const r = await runCli(['demo']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^FairFront \(exact, in-sample\) on synthetic\(seed=1\): N = 5000/);
  expect(r.stdout).toContain('alpha eo');
  expect(existsSync('r.json')).toBe(false);
  // it ends by saying what to try next, on stderr so that stdout stays the result; --quiet drops it
  expect(r.stderr).toMatch(/^\nNext:\n {2}npx fairlimit demo --html demo\.html/);
  expect(r.stdout).not.toContain('Next:');
  const quiet = await runCli(['demo', '--rows', '300', '--eo', '0,0.1', '--quiet']);
  expect(quiet.code).toBe(0);
  expect(quiet.stderr).toBe('');
});
