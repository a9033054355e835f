import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SMALL_CSV, csvFile } from '../data/csv-fixtures.js';
import { runCli, tempDir } from './run-cli.js';

const small = () => csvFile(SMALL_CSV);

describe('numeric options are checked against their range before any work', () => {
  test('demo --rows 1000000000000 is a usage error naming the limit', async () => {
    const r = await runCli(['demo', '--rows', '1000000000000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'fairlimit: E_BAD_OPTION: --rows must be an integer from 1 to 10000000, got "1000000000000" (option --rows)\n',
    );
  });

  test.each([
    [['demo', '--seed', '-1'], '--seed'],
    [['demo', '--seed', '1e3'], '--seed'],
    [['demo', '--seed', '99999999999999999999'], '--seed'],
    [['demo', '--groups', '1000'], '--groups'],
    [['demo', '--classes', '1'], '--classes'],
    [['demo', '--time-limit', 'Infinity'], '--time-limit'],
    [['demo', '--time-limit', '0'], '--time-limit'],
    [['demo', '--bootstrap', '1e9', '--seed', '1'], '--bootstrap'],
    [['demo', '--model', 'm=0.1:1.5'], '--model'],
    [['frontier', '--dataset', 'compas', '--folds', '100000', '--seed', '1'], '--folds'],
    [['frontier', 'x.csv', '--group', 'g', '--label', 'y', '--skip-rows', '-3'], '--skip-rows'],
    [['frontier', 'x.csv', '--group', 'g', '--label', 'y', '--classes', '1e6'], '--classes'],
    [['benchmark', '--dataset', 'compas', '--seeds', '0'], '--seeds'],
    [['missing', '--dataset', 'compas', '--holdout', 'abc'], '--holdout'],
    [['missing', '--dataset', 'compas', '--seeds', '1000001'], '--seeds'],
    [['check', 'r.json', '--max-gap', 'NaN'], '--max-gap'],
  ])('%j: exit 2 naming %s', async (args, option) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^fairlimit: E_BAD_OPTION: .*\\(option ${option}\\)\\n$`));
  });
});

describe('messages name options that exist', () => {
  test("a library option is shown as the CLI's flag (folds -> --folds)", async () => {
    const r = await runCli([
      'frontier',
      small(),
      '--group',
      'g',
      '--label',
      'y',
      '--features',
      'age',
      '--folds',
      '5',
      '--seed',
      '1',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      // 5 folds of 6 rows: the message counts the folds asked for (not one more) and the rows they need.
      /^fairlimit: E_BAD_OPTION: 6 rows are too few for 5 folds \(at least 10: two rows per fold\) \(option --folds\)\n$/,
    );
  });

  test('an unknown --minority group names --minority', async () => {
    const r = await runCli([
      'missing',
      small(),
      '--group',
      'g',
      '--label',
      'y',
      '--features',
      'color',
      '--minority',
      'zz',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/E_BAD_OPTION: unknown minority group "zz" .*\(option --minority\)/);
  });

  test('a counts table without a count column names the accepted columns, not a missing --count-column flag', async () => {
    const counts = csvFile('g,y,x\na,0,1\nb,1,1\n', 'counts.csv');
    const r = await runCli(['frontier', '--counts', counts, '--group', 'g', '--label', 'y']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^fairlimit: E_MISSING_COLUMN: the counts table needs a count column: name it "weight", "count" or "n_rows" \(file .*counts.csv\)\n$/,
    );
    expect(r.stderr).not.toMatch(/count-column/);
  });

  test('check without models suggests --model NAME=VIOLATION:ACCURACY (the real syntax)', async () => {
    const dir = tempDir();
    const report = join(dir, 'r.json');
    expect((await runCli(['demo', '--rows', '400', '--eo', '0,0.1', '--out', report, '--quiet'])).code).toBe(
      0,
    );
    const r = await runCli(['check', report, '--max-gap', '0.1']);
    expect(r.stderr).toMatch(/--model NAME=VIOLATION:ACCURACY/);
  });

  test.each([
    [
      ['frontier', '--counts', 'c.csv', '--label', 'y'],
      2,
      /^fairlimit: E_USAGE: name the sensitive attribute with --group COL \(option --group\)/,
    ],
    [
      ['frontier', 'x.csv', '--group', 'g', '--label', 'y', '--features', ''],
      2,
      /^fairlimit: E_BAD_OPTION: --features is empty \(option --features\)/,
    ],
    [
      ['frontier', 'x.csv', '--group', 'g', '--label', 'y', '--predictions', ' '],
      2,
      /^fairlimit: E_BAD_OPTION: --predictions is empty/,
    ],
    [
      ['frontier', 'x.csv', '--group', 'y', '--label', 'y'],
      2,
      /^fairlimit: E_USAGE: column "y" is both the label and a group column \(option --label\)/,
    ],
    [
      ['frontier', 'x.csv', '--group', 'g', '--label', 'y', '--weights', 'g'],
      2,
      /^fairlimit: E_USAGE: column "g" is both the weights and the group or label/,
    ],
  ])('%j exits %i before reading data', async (args, code, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
  });

  test.each([
    ['[]', 'an array'],
    ['null', 'null'],
    ['3', 'a number'],
    ['{"a":1}', 'no schemaVersion'],
  ])('a report file holding %s is refused clearly (%s)', async (text, what) => {
    const file = join(tempDir(), 'r.json');
    writeFileSync(file, text);
    const r = await runCli(['check', file, '--max-gap', '0.1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^fairlimit: E_BAD_REPORT: .*${what}`));
    expect(r.stderr).not.toMatch(/undefined/);
  });
});

describe('terminal control sequences from data and arguments are escaped on a terminal', () => {
  const TITLE = '\u001b]0;pwned\u0007';
  const csv = () =>
    csvFile(
      [
        'g,y,x',
        ...Array.from({ length: 40 }, (_, i) => `${i % 2 ? TITLE : 'b'},${(i >> 1) % 2},${i % 3}`),
      ].join('\n'),
    );

  test('a group named ESC]0;pwned BEL is shown escaped in the table, never raw', async () => {
    const r = await runCli(['frontier', csv(), '--group', 'g', '--label', 'y', '--eo', '0,0.1'], {
      tty: true,
      env: { NO_COLOR: '1' },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(r.stdout).toContain('\\x1b]0;pwned\\x07');
  });

  test('JSON stays exact: piped it is byte for byte the data; on a terminal it parses to the same name', async () => {
    const file = csv();
    const args = ['frontier', file, '--group', 'g', '--label', 'y', '--eo', '0,0.1', '--json'];
    const piped = await runCli(args);
    const onTty = await runCli(args, { tty: true });
    expect(JSON.parse(piped.stdout).data.groups.map((g: { name: string }) => g.name)).toContain(TITLE);
    expect(JSON.parse(onTty.stdout)).toEqual(JSON.parse(piped.stdout));
    expect(onTty.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  test('an argument with control characters is escaped in the error message', async () => {
    const r = await runCli(['frontier', '--dataset', `x${TITLE}\u009b2J`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^fairlimit: E_BAD_OPTION: unknown data set "x\\x1b]0;pwned\\x07\\x9b2J"/);
    expect(r.stderr.slice(0, -1)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  test('an unknown option with control characters (commander) is escaped too', async () => {
    const r = await runCli(['demo', `--x${TITLE}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('\\x1b]0;pwned\\x07');
    expect(r.stderr).not.toContain('\u001b');
  });
});
