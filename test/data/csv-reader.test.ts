import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { readCsvFrame, readCsvTable } from '../../src/data/index.js';
import { FairlimitError } from '../../src/errors.js';
import { SMALL_CSV, csvFile } from './csv-fixtures.js';

/** Runs `f`, expecting a FairlimitError; returns it for code and place assertions. */
async function refusal(f: () => unknown): Promise<FairlimitError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof FairlimitError) return e;
    throw e;
  }
  throw new Error('expected a FairlimitError, nothing was thrown');
}

test('reads typed fields, source lines and the SHA-256 of the bytes', async () => {
  const file = csvFile(SMALL_CSV);
  const frame = await readCsvFrame(file);
  expect(frame.columnNames).toEqual(['g', 'y', 'age', 'color', 'w']);
  expect(frame.nRows).toBe(6);
  expect(frame.columns[2]).toEqual([21, 35, 47, 52, 19, 33]);
  expect(frame.columns[3][0]).toBe('red');
  expect(Array.from(frame.lines!)).toEqual([2, 3, 4, 5, 6, 7]);
  expect(frame.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
  expect(frame.bytes).toBe(Buffer.byteLength(SMALL_CSV));
});

test('honours --delimiter, --skip-rows, --na-values and trimming', async () => {
  const file = csvFile('# exported by a tool\n g ; y ; x \n a ; 1 ; ?\n b ; 0 ; 2.5\n');
  const frame = await readCsvFrame(file, { delimiter: ';', skipRows: 1, naValues: ['?'] });
  expect(frame.columnNames).toEqual(['g', 'y', 'x']);
  expect(frame.columns[2]).toEqual([null, 2.5]);
  expect(Array.from(frame.lines!)).toEqual([3, 4]);
  const untrimmed = await readCsvFrame(file, { delimiter: ';', skipRows: 1, trim: false });
  expect(untrimmed.columnNames).toEqual([' g ', ' y ', ' x ']);
});

test('names headerless columns from --columns, else c1, c2, ...', async () => {
  const file = csvFile('a\t1\nb\t0\n');
  const named = await readCsvFrame(file, { delimiter: 'tab', hasHeader: false, columns: ['g', 'y'] });
  expect(named.columnNames).toEqual(['g', 'y']);
  expect(named.nRows).toBe(2);
  const unnamed = await readCsvFrame(file, { delimiter: '\\t', hasHeader: false });
  expect(unnamed.columnNames).toEqual(['c1', 'c2']);
  expect(Array.from(unnamed.lines!)).toEqual([1, 2]);
});

test('refuses a missing file with E_FILE_MISSING naming it', async () => {
  const e = await refusal(() => readCsvFrame('/nonexistent/dir/data.csv'));
  expect(e.code).toBe('E_FILE_MISSING');
  expect(e.where?.file).toBe('/nonexistent/dir/data.csv');
});

test('refuses an empty file and a header without rows with E_EMPTY_INPUT', async () => {
  const empty = await refusal(() => readCsvFrame(csvFile('')));
  expect(empty.code).toBe('E_EMPTY_INPUT');
  expect(empty.message).toMatch(/empty/);
  const headerOnly = await refusal(() => readCsvFrame(csvFile('g,y\n')));
  expect(headerOnly.code).toBe('E_EMPTY_INPUT');
  expect(headerOnly.message).toMatch(/no data rows/);
});

test('refuses a ragged line with E_RAGGED_LINE naming the line', async () => {
  const e = await refusal(() => readCsvFrame(csvFile('g,y,x\na,1,2\nb,0\na,1,3\n')));
  expect(e.code).toBe('E_RAGGED_LINE');
  expect(e.where?.line).toBe(3);
  expect(e.message).toMatch(/2 fields, expected 3/);
});

test('refuses duplicate column names with different values when the column is used', async () => {
  const file = csvFile('g,y,x,x\na,1,1,5\nb,0,2,6\na,0,1,5\nb,1,2,6\n');
  const e = await refusal(() => readCsvTable(file, { group: 'g', label: 'y', features: ['x'] }));
  expect(e.code).toBe('E_DUPLICATE_COLUMN');
  expect(e.where?.column).toBe('x');
  expect(e.message).toMatch(/positions 3, 4/);
});

test('accepts duplicate column names with identical values, with a warning (COMPAS repeats priors_count)', async () => {
  const file = csvFile('g,y,x,x\na,1,1,1\nb,0,2,2\na,0,1,1\nb,1,2,2\n');
  const r = await readCsvTable(file, { group: 'g', label: 'y', features: ['x'] });
  expect(Array.from(r.table.features[0])).toEqual([1, 2, 1, 2]);
  expect(r.summary.warnings[0]).toMatch(/"x" appears 2 times .* identical values/);
});
