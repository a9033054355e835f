import { expect, test } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { tableSpecOf } from '../../src/cli/option-values.js';
import { binsByColumn, readCsvTable } from '../../src/data/index.js';
import { FairlimitError } from '../../src/errors.js';
import { csvFile } from '../data/csv-fixtures.js';

// Options that users of fairlearn and Aequitas expect: one bins form everywhere, a default seed.

const ROWS = Array.from(
  { length: 40 },
  (_, i) => `${i % 2 ? 'a' : 'b'},${(i * 7) % 3 === 0 ? 1 : 0},${i},${i % 5}`,
);
const CSV = `g,y,x,z\n${ROWS.join('\n')}\n`;

test('bins as a record and as COL=SPEC strings give the same table; quantile:2 cuts at the median of x', async () => {
  const file = csvFile(CSV);
  const asRecord = await readCsvTable(file, { group: 'g', label: 'y', bins: { x: 'quantile:2' } });
  const asStrings = await readCsvTable(file, { group: 'g', label: 'y', bins: ['x=quantile:2'] });
  expect(asStrings.summary.features).toEqual(asRecord.summary.features);
  expect(Array.from(asStrings.table.features[0])).toEqual(Array.from(asRecord.table.features[0]));
  // x = 0..39: the median (type 7) is 19.5, so rows 0..19 are bin 0 and rows 20..39 bin 1.
  expect(asRecord.summary.features[0].edges).toEqual([19.5]);
  expect(Array.from(asRecord.table.features[0])).toEqual(
    Array.from({ length: 40 }, (_, i) => (i < 20 ? 0 : 1)),
  );
});

test('the CLI option values take bins as strings or as a record (the browser core and the library agree)', () => {
  const fromStrings = tableSpecOf({ group: 'g', label: 'y', bins: ['x=quantile:2', 'z=edges:1,3'] }).spec;
  const fromRecord = tableSpecOf({ group: 'g', label: 'y', bins: { x: 'quantile:2', z: 'edges:1,3' } }).spec;
  expect(fromRecord.bins).toEqual(fromStrings.bins);
  expect([...binsByColumn(fromRecord.bins)]).toEqual([
    ['x', { kind: 'quantile', count: 2 }],
    ['z', { kind: 'edges', edges: [1, 3] }],
  ]);
  expect(() => binsByColumn(['x=quantile:2', 'x=uniform:3'])).toThrowError(
    expect.objectContaining({ code: 'E_BAD_BINS' }),
  );
  expect(() => binsByColumn(['x'])).toThrowError(expect.objectContaining({ code: 'E_BAD_BINS' }));
});

test('analyze takes bins as strings, and folds without a seed use seed 0 and record it', async () => {
  const file = csvFile(CSV);
  const a = await analyze(file, {
    group: 'g',
    label: 'y',
    features: ['x'],
    bins: ['x=quantile:2'],
    eo: 0.05,
    folds: 2,
  });
  const b = await analyze(file, {
    group: 'g',
    label: 'y',
    features: ['x'],
    bins: { x: 'quantile:2' },
    eo: 0.05,
    folds: 2,
    seed: 0,
  });
  expect(a.settings.seed).toBe(0);
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  const bad = await analyze(file, { group: 'g', label: 'y', bins: 7 as never }).catch((e: unknown) => e);
  expect(bad).toBeInstanceOf(FairlimitError);
  expect((bad as FairlimitError).code).toBe('E_BAD_BINS');
});

test('analyze takes positiveClass and referenceGroup as the CLI takes --positive and --reference-group', async () => {
  const file = csvFile(
    `g,y,x,yhat\n${ROWS.map((r, i) => `${r.split(',').slice(0, 3).join(',')},${i % 4 ? 1 : 0}`).join('\n')}\n`,
  );
  const a = await analyze(file, {
    group: 'g',
    label: 'y',
    features: ['x'],
    predictions: ['yhat'],
    positiveClass: '0',
    referenceGroup: 'b',
    disparityBand: 0.9,
    eo: 0,
  });
  const { runCli } = await import('./run-cli.js');
  const cli = await runCli([
    'frontier',
    file,
    '--group',
    'g',
    '--label',
    'y',
    '--features',
    'x',
    '--predictions',
    'yhat',
    '--positive',
    '0',
    '--reference-group',
    'b',
    '--disparity-band',
    '0.9',
    '--eo',
    '0',
    '--json',
  ]);
  const table = a.models![0].byGroup![0];
  expect(table.className).toBe('0');
  expect(table.reference!.band[0]).toBe(0.9);
  expect(JSON.stringify(a.models)).toBe(JSON.stringify((JSON.parse(cli.stdout) as typeof a).models));
});
