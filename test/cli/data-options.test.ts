import { existsSync, readdirSync } from 'node:fs';
import { expect, test } from 'vitest';
import { writeCsv } from '../helpers/csv-file.js';
import { runFrontierGY } from '../helpers/frontier-cli.js';
import { parseColumnValueMap, parseValueMap } from '../../src/cli/value-map-option.js';
import { runCli, tempDir } from './run-cli.js';

/** Data options on the command line: value-map syntax, options that do not apply, features shown, sql help. */
const dir = tempDir('fairlimit-data-options-');
const write = (name: string, lines: readonly string[]): string => writeCsv(dir, name, lines);

// Adult-like labels with "=" and "." in them; x separates the classes a little.
const income = write('income.csv', [
  'g,income,x,yhat,w',
  ...Array.from({ length: 24 }, (_, i) => {
    const label = i % 3 === 0 ? '>50K.' : i % 3 === 1 ? '<=50K.' : '<=50K';
    return `${i % 2 ? 'a' : 'b'},${label},${i % 4},${i % 2},${1 + (i % 3)}`;
  }),
]);

test('value maps accept "=" and "," in values, quoted or escaped', () => {
  expect(parseValueMap('"<=50K."="<=50K",">50K."=">50K"', '--label-map')).toEqual({
    '<=50K.': '<=50K',
    '>50K.': '>50K',
  });
  expect(parseValueMap('<\\=50K.=<\\=50K, a\\,b = "x, ""y"""', '--label-map')).toEqual({
    '<=50K.': '<=50K',
    'a,b': 'x, "y"',
  });
  expect(parseColumnValueMap('"a:b":x=1')).toEqual({ column: 'a:b', map: { x: '1' } });
  const proto = parseValueMap('__proto__=P,constructor=C', '--map');
  expect(Object.keys(proto)).toEqual(['__proto__', 'constructor']);
  expect(() => parseValueMap('a=1,a=2', '--map')).toThrow(/mapped twice/);
  expect(() => parseValueMap('"<=50K=x', '--map')).toThrow(/quote/);
  expect(() => parseValueMap('abc', '--map')).toThrow(/FROM=TO/);
});

test('--label-map "<=50K."="<=50K" merges the classes; a key that never occurs is warned about', async () => {
  const run = await runCli([
    'frontier',
    income,
    '--group',
    'g',
    '--label',
    'income',
    '--features',
    'x',
    '--label-map',
    '"<=50K."="<=50K",">50K."=">50K","<=50k"="typo"',
    '--eo',
    '0.1',
    '--json',
  ]);
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout);
  expect(report.data.labels.map((l: { name: string }) => l.name)).toEqual(['<=50K', '>50K']);
  expect(report.data.labels.map((l: { rows: number }) => l.rows)).toEqual([16, 8]);
  expect(report.data.warnings).toContain('value map of column "income": "<=50k" never occurs in the data');
});

test('options that do not apply to a counts table, a --table query or DuckDB are usage errors (exit 2)', async () => {
  const counts = write('counts.csv', ['x,g,y,count', '0,a,0,3', '0,a,1,2', '1,b,0,4', '1,b,1,1', '2,c,2,1']);
  const base = ['frontier', '--counts', counts, '--group', 'g', '--label', 'y', '--eo', '0.1'];
  for (const extra of [
    ['--filter', 'x > 0'],
    ['--bins', 'x=edges:1'],
    ['--features', 'x'],
    ['--weights', 'count'],
    ['--map', 'g:a=b'],
    ['--label-map', '0=1'],
    ['--derive', 'z = x + 1'],
    ['--drop-missing'],
    ['--predictions', 'x'],
    ['--no-trim'],
    ['--skip-rows', '1'],
    ['--engine', 'duckdb'],
  ]) {
    const run = await runCli([...base, ...extra]);
    expect(run.code, extra.join(' ')).toBe(2);
    expect(run.stderr, extra.join(' ')).toMatch(/^fairlimit: E_USAGE: .*does not apply/);
  }
  // --classes applies to a counts table: three labels against two declared.
  const classes = await runCli([...base, '--classes', '2']);
  expect(classes.stderr).toMatch(/^fairlimit: E_TOO_MANY_CLASSES/);
  const sql = await runCli([
    'sql',
    '--dialect',
    'trino',
    '--table',
    't',
    '--group',
    'g',
    '--label',
    'y',
    '--features',
    'x',
    '--delimiter',
    ';',
  ]);
  expect(sql.code).toBe(2);
  expect(sql.stderr).toMatch(/E_USAGE: --delimiter does not apply/);
  const duck = await runCli([
    'frontier',
    income,
    '--group',
    'g',
    '--label',
    'income',
    '--engine',
    'duckdb',
    '--no-trim',
  ]);
  expect(duck.code).toBe(2);
  expect(duck.stderr).toMatch(/E_USAGE: --no-trim does not apply/);
});

test('sql --help does not offer --dataset', async () => {
  const help = await runCli(['sql', '--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('--dialect');
  expect(help.stdout).not.toContain('--dataset');
});

test('the text output lists the features used; predictions and weights are not among them', async () => {
  const file = write('predictions.csv', [
    'g,y,yhat,w,x',
    ...Array.from(
      { length: 24 },
      (_, i) => `${i % 2},${i % 3 > 0 ? 1 : 0},${i % 5 > 1 ? 1 : 0},${1 + (i % 4)},${i % 7}`,
    ),
  ]);
  const run = await runFrontierGY(
    file,
    '--predictions',
    'yhat',
    '--weights',
    'w',
    '--bins',
    'x=edges:2',
    '--eo',
    '0.1',
  );
  expect(run.code).toBe(0);
  expect(run.stdout.split('\n')[1]).toBe('features: x (edges:2)');
  // Without rows (DuckDB), the features are listed too.
  const duck = await runFrontierGY(
    file,
    '--features',
    'x',
    '--bins',
    'x=quantile:3',
    '--engine',
    'duckdb',
    '--eo',
    '0.1',
  );
  expect(duck.code).toBe(0);
  expect(duck.stdout.split('\n')[1]).toBe('features: x (quantile:3)');
});

test('--bins for a column named "__proto__" applies to it; --bins twice for one column is refused', async () => {
  const file = write('proto.csv', [
    'g,y,__proto__',
    ...Array.from({ length: 12 }, (_, i) => `${i % 2 ? 'a' : 'b'},${(i >> 1) % 2},${i}`),
  ]);
  const run = await runFrontierGY(file, '--bins', '__proto__=edges:6', '--eo', '0.1', '--json');
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout).data.features).toEqual([
    { name: '__proto__', encoding: 'bins', edges: [6], bins: 'edges:6' },
  ]);
  const twice = await runFrontierGY(file, '--bins', 'x=edges:1', '--bins', 'x=edges:2');
  expect(twice.code).toBe(2);
  expect(twice.stderr).toMatch(/E_BAD_BINS: bins for "x" are given twice/);
});

test('--delimiter whitespace on the command line; DuckDB refuses it, auto reads it in process', async () => {
  const file = write(
    'spaced.data',
    Array.from({ length: 12 }, (_, i) => `  ${i % 2 ? 'a' : 'b'}   ${(i >> 1) % 2}\t${i % 3}  `),
  );
  const args = [
    'frontier',
    file,
    '--no-header',
    '--group',
    'c1',
    '--label',
    'c2',
    '--delimiter',
    'whitespace',
    '--eo',
    '0.1',
    '--estimate',
    'cells',
    '--json',
  ];
  const run = await runCli(args);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout).data.nRows).toBe(12);
  const duck = await runCli([...args, '--engine', 'duckdb']);
  expect(duck.code).toBe(2);
  expect(duck.stderr).toMatch(
    /^fairlimit: E_BAD_OPTION: --delimiter whitespace is read by the in-process engine only/,
  );
  expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  expect(existsSync(file)).toBe(true);
});
