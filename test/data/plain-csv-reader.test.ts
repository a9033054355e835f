import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fc } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { PlainCsvReader } from '../../src/data/csv/plain-csv-reader.js';
import { type CsvOptions, readCsvFrame, readCsvFrameCarefully } from '../../src/data/csv/read-csv.js';
import { InputError } from '../../src/errors.js';
import { csvFile } from './csv-fixtures.js';

// The truth is the careful path (csv-parse's records, typed): for every text and options, the fast path either
// declines (and readCsvFrame falls back) or gives the same frame; readCsvFrame gives what the careful path
// gives, frame or coded error with its place.

// A field: numbers of every shape the typer knows, missing markers, texts with blanks at the edges, quotes.
const plainField = fc.oneof(
  fc.constantFrom('0', '007', '42', '-3', '+1.5', '.5', '1e3', '2E-2', '1.', 'NA', '', 'nan', '-inf', 'x1'),
  fc.stringMatching(/^[a-z0-9.:-]{1,5}$/),
  fc.constantFrom(' a', 'b ', '\t7', ' 8\t', '  ', 'é', 'a b', '\u00a0c', 'd\u00a0', '\fe'),
);
const quotedField = fc
  .array(fc.constantFrom('a', ',', ';', '""', ' ', '1', '\n'), { maxLength: 4 })
  .map((parts) => `"${parts.join('')}"`);
const oddField = fc.constantFrom('a"b', '"a" ', ' "b"', '"c', '\r', 'x\ry');

const csvCase = fc.record({
  nFields: fc.integer({ min: 1, max: 4 }),
  nRows: fc.integer({ min: 0, max: 5 }),
  isCrlf: fc.boolean(),
  hasFinalEnding: fc.boolean(),
  hasBom: fc.boolean(),
  delimiter: fc.constantFrom(',', ';', '\t'),
  hasHeader: fc.boolean(),
  trim: fc.boolean(),
  skipRows: fc.constantFrom(0, 0, 1, 2),
  ragged: fc.option(fc.integer({ min: 0, max: 6 }), { freq: 4 }),
  seed: fc.array(
    fc.oneof({ arbitrary: plainField, weight: 12 }, { arbitrary: quotedField, weight: 2 }, oddField),
    { minLength: 30, maxLength: 30 },
  ),
  emptyLines: fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 2 }),
  chunkSize: fc.integer({ min: 1, max: 64 }),
});
type CsvCase = typeof csvCase extends fc.Arbitrary<infer T> ? T : never;

function textOf(c: CsvCase): string {
  const lines: string[] = [];
  for (let r = 0; r <= c.nRows; r++) {
    const n = r === c.ragged ? c.nFields + 1 : c.nFields;
    lines.push(
      Array.from({ length: n }, (_, j) => c.seed[(r * c.nFields + j) % c.seed.length]).join(c.delimiter),
    );
  }
  for (const at of c.emptyLines) lines.splice(Math.min(at, lines.length), 0, '');
  const ending = c.isCrlf ? '\r\n' : '\n';
  return (c.hasBom ? '\uFEFF' : '') + lines.join(ending) + (c.hasFinalEnding ? ending : '');
}

const optionsOf = (c: CsvCase): CsvOptions => ({
  delimiter: c.delimiter,
  hasHeader: c.hasHeader,
  trim: c.trim,
  skipRows: c.skipRows,
});

/** A frame or an error, in comparable form. */
async function outcome(read: () => Promise<unknown>) {
  try {
    return { frame: JSON.parse(JSON.stringify(await read())) as unknown };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { code: e.code, where: e.where, message: e.message };
  }
}

const cases = fc.sample(csvCase, { numRuns: 300, seed: 20261208 });

describe('the fast CSV path', () => {
  test('gives the careful path frame or declines, on 300 generated texts and options', async () => {
    let accepted = 0;
    for (const c of cases) {
      const text = textOf(c);
      const file = csvFile(text);
      try {
        const options = optionsOf(c);
        const reader = new PlainCsvReader({
          delimiter: c.delimiter,
          hasHeader: c.hasHeader,
          naValues: new Set(['', 'NA']),
          skipRows: c.skipRows,
          trim: c.trim,
        });
        // Chunks split anywhere, a surrogate pair or a CRLF included.
        let isPlain = true;
        for (let at = 0; at < text.length && isPlain; at += c.chunkSize)
          isPlain = reader.push(text.slice(at, at + c.chunkSize));
        const fast = isPlain ? reader.end() : undefined;
        const careful = await outcome(() => readCsvFrameCarefully(file, options, new Set(['', 'NA'])));
        if (fast) {
          accepted++;
          const frame = careful.frame as { columnNames: string[]; columns: unknown[][]; lines: object };
          const columns = JSON.parse(JSON.stringify(fast.columns)) as unknown;
          expect({ text, names: fast.columnNames, columns, lines: Array.from(fast.lines) }).toEqual({
            text,
            names: frame?.columnNames,
            columns: frame?.columns,
            lines: Object.values(frame?.lines ?? {}),
          });
        }
        expect({ text, ...(await outcome(() => readCsvFrame(file, options))) }).toEqual({ text, ...careful });
      } finally {
        rmSync(dirname(file), { recursive: true, force: true });
      }
    }
    // The comparison is not vacuous: the fast path takes a good share of the texts.
    expect(accepted).toBeGreaterThan(cases.length / 10);
  });

  test('reads a plain file as csv-parse does: blanks trimmed, numbers typed, missing values, line numbers', async () => {
    const file = csvFile('\uFEFFa, b ,c\r\n1, x ,NA\r\n\r\n007,"y, z",-2.5e1\r\n');
    try {
      const frame = await readCsvFrame(file);
      expect(frame.columnNames).toEqual(['a', 'b', 'c']);
      expect(frame.columns).toEqual([
        [1, 7],
        ['x', 'y, z'],
        [null, -25],
      ]);
      expect(Array.from(frame.lines ?? [])).toEqual([2, 4]);
    } finally {
      rmSync(dirname(file), { recursive: true, force: true });
    }
  });

  test('a ragged line far into a plain file keeps its code and line', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i},${i % 7},g${i % 2}`);
    rows[4321] += ',extra';
    const file = csvFile(`x,y,g\n${rows.join('\n')}\n`);
    try {
      await expect(readCsvFrame(file)).rejects.toMatchObject({
        code: 'E_RAGGED_LINE',
        where: { line: 4323 },
      });
    } finally {
      rmSync(dirname(file), { recursive: true, force: true });
    }
  });
});
