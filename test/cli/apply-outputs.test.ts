import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCli, tempDir } from './run-cli.js';

/**
 * `apply` and `--export-classifier` follow the rules of every other output (docs/robustness.md, Output files):
 * stdout, paths checked before the work, no input replaced, one output per file; and the classifier file is an
 * input, validated (docs/robustness.md, Limits).
 */
const dir = tempDir('fairlimit-apply-');
const csv = join(dir, 'train.csv');
const h = join(dir, 'h.json');
const rows = [
  'g,y,x',
  ...Array.from({ length: 40 }, (_, i) => `${i % 3 ? 'a' : '\u001b]0;pwned\u0007'},${(i >> 1) % 2},${i % 4}`),
];
const train = ['frontier', csv, '--group', 'g', '--label', 'y', '--features', 'x', '--quiet'];

beforeAll(async () => {
  writeFileSync(csv, `${rows.join('\n')}\n`);
  const r = await runCli([...train, '--eo', '0.1', '--export-classifier', h]);
  expect(r.stderr).toBe('');
});

const bytes = (f: string) => readFileSync(f, 'utf8');

describe('apply', () => {
  test('--out - and --out /dev/stdout write the predictions to stdout', async () => {
    for (const out of ['-', '/dev/stdout']) {
      const r = await runCli(['apply', h, csv, '--out', out, '--quiet']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe('row,group,seen,p_0,p_1,prediction');
      expect(r.stdout.trim().split('\n')).toHaveLength(41);
    }
  });
  test('on a terminal the group names are escaped, as frontier escapes them', async () => {
    const r = await runCli(['apply', h, csv, '--out', '-', '--quiet'], { tty: true });
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('\\x1b]0;pwned\\x07');
  });
  test('a missing classifier and a directory get the input codes; a wrong version says what was found', async () => {
    const missing = await runCli(['apply', join(dir, 'nope.json'), csv, '--out', join(dir, 'p.csv')]);
    expect(missing.stderr).toMatch(/^fairlimit: E_FILE_MISSING: cannot read classifier .*no such file/);
    const folder = await runCli(['apply', dir, csv, '--out', join(dir, 'p.csv')]);
    expect(folder.stderr).toMatch(/^fairlimit: E_NOT_A_FILE: /);
    const v2 = join(dir, 'v2.json');
    writeFileSync(v2, JSON.stringify({ ...JSON.parse(bytes(h)), version: 2 }));
    const wrong = await runCli(['apply', v2, csv, '--out', join(dir, 'p.csv')]);
    expect(wrong.stderr).toMatch(/^fairlimit: E_BAD_CLASSIFIER: .*version must be 1, found the number 2/);
    const edited = join(dir, 'edited.json');
    const a = JSON.parse(bytes(h));
    a.cells[Object.keys(a.cells)[0]] = [1.5, -0.5];
    writeFileSync(edited, JSON.stringify(a));
    const r = await runCli(['apply', edited, csv, '--out', join(dir, 'p.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^fairlimit: E_BAD_CLASSIFIER: .*must be a probability in \[0, 1\], found the number 1.5/,
    );
    expect(existsSync(join(dir, 'p.csv'))).toBe(false);
  });
  test('an output naming an input (the CSV, the classifier) is refused and the input kept', async () => {
    for (const target of [csv, h]) {
      const before = bytes(target);
      const r = await runCli(['apply', h, csv, '--out', target]);
      expect(r.stderr).toMatch(/^fairlimit: E_OUTPUT_PATH: .*it is the input .*\(option --out\)/);
      expect(bytes(target)).toBe(before);
    }
  });
  test('the seed range is checked, and messages name no option apply lacks', async () => {
    const r = await runCli(['apply', h, csv, '--out', '-', '--seed', '99999999999999999999']);
    expect(r.stderr).toMatch(
      /^fairlimit: E_BAD_OPTION: --seed must be an integer from 0 to 9007199254740991/,
    );
    const other = join(dir, 'other.csv');
    writeFileSync(other, 'g,y,z\na,0,1\n');
    const noFeature = await runCli(['apply', h, other, '--out', '-']);
    expect(noFeature.code).not.toBe(0);
    expect(noFeature.stderr).toMatch(/^fairlimit: E_/);
    expect(noFeature.stderr).not.toMatch(/--features|--group\b|--drop-missing/);
  });
});

describe('--export-classifier', () => {
  test('- writes the classifier to stdout when --out names a file', async () => {
    const out = join(dir, 'r.json');
    const r = await runCli([...train, '--eo', '0.1', '--export-classifier', '-', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).kind).toBe('fairlimit-classifier');
    expect(JSON.parse(bytes(out)).schemaVersion).toBe(1);
  });
  test('the same file as --out, a directory or an input is refused before the work, changing nothing', async () => {
    const keep = join(dir, 'keep.json');
    writeFileSync(keep, 'OLD');
    const same = await runCli([...train, '--eo', '0.1', '--export-classifier', keep, '--out', keep]);
    expect(same.stderr).toMatch(/^fairlimit: E_OUTPUT_PATH: .*the same file as --out/);
    const sub = join(dir, 'sub');
    mkdirSync(sub, { recursive: true });
    const folder = await runCli([...train, '--eo', '0.1', '--export-classifier', sub, '--out', keep]);
    expect(folder.stderr).toMatch(
      /^fairlimit: E_OUTPUT_PATH: .*it is a directory \(option --export-classifier\)/,
    );
    const input = await runCli([...train, '--eo', '0.1', '--export-classifier', csv]);
    expect(input.stderr).toMatch(/^fairlimit: E_OUTPUT_PATH: .*it is the input/);
    expect(bytes(keep)).toBe('OLD');
    expect(bytes(csv)).toBe(`${rows.join('\n')}\n`);
  });
  test('--export-alpha refuses an empty value and a repeated key', async () => {
    const base = [...train, '--eo', '0,0.1', '--export-classifier', join(dir, 'k.json')];
    const empty = await runCli([...base, '--export-alpha', 'eo=']);
    expect(empty.stderr).toMatch(/^fairlimit: E_BAD_ALPHA: .*got nothing/);
    const twice = await runCli([...base, '--export-alpha', 'eo=0,eo=0.1']);
    expect(twice.stderr).toMatch(/^fairlimit: E_USAGE: eo is given twice/);
    expect(existsSync(join(dir, 'k.json'))).toBe(false);
  });
  test('every command refuses an output that names its input file', async () => {
    const report = join(dir, 'report.json');
    await runCli([...train, '--eo', '0.1', '--json', '--out', report]);
    const before = bytes(report);
    const card = await runCli(['card', report, '--out', report]);
    expect(card.stderr).toMatch(/^fairlimit: E_OUTPUT_PATH: .*it is the input report/);
    expect(bytes(report)).toBe(before);
    const frontier = await runCli([...train, '--eo', '0.1', '--out', csv]);
    expect(frontier.stderr).toMatch(/^fairlimit: E_OUTPUT_PATH: .*it is the input file/);
  });
});
