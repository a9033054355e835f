import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fc, test as propTest } from '@fast-check/vitest';
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { compasRawFromText, COMPAS_FILE } from '../../src/data/reference/compas.js';
import { plainCsvColumns, readCsvColumns } from '../../src/data/reference/csv-columns.js';
import { InputError } from '../../src/errors.js';

// The truth is csv-parse itself (the Node build, a separate code path from the browser build the loader falls
// back to): for every text, the fast path either declines or returns exactly csv-parse's fields.

const dataDir = process.env.FAIRLIMIT_DATA ?? path.resolve(import.meta.dirname, '../../../shared/data');

/** csv-parse's reading of `text`, the selected columns of its data records, or its error message. */
function reference(text: string, select: (header: readonly string[]) => readonly number[]) {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: false, skip_empty_lines: true }) as string[][];
  } catch (e) {
    return { error: (e as Error).message };
  }
  const [header = [], ...data] = records;
  if (data.length === 0) return { header, nRecords: 0, columns: [] };
  return { header, nRecords: data.length, columns: select(header).map((j) => data.map((row) => row[j])) };
}

function ours(text: string, select: (header: readonly string[]) => readonly number[]) {
  try {
    const { header, nRecords, columns } = readCsvColumns(text, select);
    return { header, nRecords, columns };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Every other column, last first (so order and duplicates of the selection matter). */
const someColumns = (header: readonly string[]) => {
  const out = header.map((_, j) => j).filter((j) => j % 2 === 0);
  return [...out.reverse(), ...out.slice(0, 1)];
};

// A field: plain text, or quoted with commas, doubled quotes, CR/LF and a BOM inside.
const plainField = fc.stringMatching(/^[a-z0-9 .:-]{0,6}$/);
const quoted = (parts: readonly string[]) =>
  fc.array(fc.constantFrom(...parts), { maxLength: 5 }).map((chosen) => `"${chosen.join('')}"`);
const quotedField = quoted(['a', ',', '""', ' ', '\uFEFF', '1']);
const quotedLineBreak = quoted(['a', ',', '""', '\n', '\r\n']);
const wellFormed = fc
  .record({
    nFields: fc.integer({ min: 1, max: 5 }),
    nRows: fc.integer({ min: 0, max: 6 }),
    isCrlf: fc.boolean(),
    hasFinalEnding: fc.boolean(),
    seed: fc.array(
      fc.oneof({ arbitrary: plainField, weight: 8 }, { arbitrary: quotedField, weight: 3 }, quotedLineBreak),
      {
        minLength: 40,
        maxLength: 40,
      },
    ),
    emptyLines: fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 2 }),
  })
  .map(({ nFields, nRows, isCrlf, hasFinalEnding, seed, emptyLines }) => {
    const lines: string[] = [];
    for (let r = 0; r <= nRows; r++)
      lines.push(Array.from({ length: nFields }, (_, j) => seed[(r * nFields + j) % seed.length]).join(','));
    for (const at of emptyLines) lines.splice(Math.min(at, lines.length), 0, '');
    const ending = isCrlf ? '\r\n' : '\n';
    return lines.join(ending) + (hasFinalEnding ? ending : '');
  });
// Anything: the characters that matter to a CSV reader, in any order.
const anyText = fc
  .array(fc.constantFrom('a', 'b', ',', '"', '\n', '\r', '\r\n', ' ', '\uFEFF', ''), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('readCsvColumns', () => {
  propTest.prop([wellFormed], { numRuns: 400, seed: 20261129 })(
    'well-formed text: the same fields as csv-parse',
    (text) => {
      expect(ours(text, someColumns)).toEqual(reference(text, someColumns));
    },
  );

  propTest.prop([anyText], { numRuns: 2000, seed: 20261129 })(
    'any text: the same fields or the same error as csv-parse; the fast path never disagrees',
    (text) => {
      const truth = reference(text, someColumns);
      expect(ours(text, someColumns)).toEqual(truth);
      const fast = plainCsvColumns(text, someColumns);
      if (fast !== undefined) expect({ ...fast }).toEqual(truth);
    },
  );

  test('about half of the generated well-formed texts take the fast path (so the property above tests it)', () => {
    const texts = fc.sample(wellFormed, { numRuns: 400, seed: 20261129 });
    const taken = texts.filter((text) => plainCsvColumns(text, someColumns) !== undefined).length;
    expect(taken / texts.length).toBeGreaterThan(0.4);
  });

  test('the fast path takes plain files, quoted fields and CRLF, and declines the rest', () => {
    const all = (h: readonly string[]) => h.map((_, j) => j);
    expect(plainCsvColumns('a,b\r\n1,"x,""y"""\r\n\r\n2,\r\n', all)?.columns).toEqual([
      ['1', '2'],
      ['x,"y"', ''],
    ]);
    expect(plainCsvColumns('a,b\n1,2', all)?.nRecords).toBe(1);
    for (const declined of [
      'a,b\n1,2,3\n', // ragged
      'a,b\n1,"2\n3"\n', // quoted line break
      'a,b\n1,2"\n', // quote inside an unquoted field
      'a,b\n1,"2" \n', // text after a closing quote
      'a,b\r\n1,2\n', // mixed line endings
      'a,b\r1,2\r', // CR line endings
      '\na,b\n1,2\n', // empty line before the header
      'a,b\n', // no data record
      'a,b\n1,\uD800\n', // a lone surrogate (csv-parse's Buffer makes it U+FFFD)
    ])
      expect(plainCsvColumns(declined, all), JSON.stringify(declined)).toBeUndefined();
  });

  test('an error thrown by select on the fast path comes after csv-parse errors, as on the slow path', () => {
    const missing = () => {
      throw new Error('no such column');
    };
    expect(ours('a,b\n1,2\n', missing)).toEqual({ error: 'no such column' });
    expect(ours('a,b\n1,2,3\n', missing).error).toMatch(/Invalid Record Length/);
  });
});

describe('COMPAS through the fast path', () => {
  const file = path.join(dataDir, COMPAS_FILE);
  const text = readFileSync(file, 'utf8');
  const loaderColumns = (header: readonly string[]) =>
    ['age', 'c_charge_degree', 'race', 'sex', 'priors_count', 'days_b_screening_arrest', 'is_recid'].map(
      (name) => header.indexOf(name),
    );

  test('the real file takes the fast path and reads as csv-parse reads it', () => {
    const fast = plainCsvColumns(text, loaderColumns);
    expect(fast).toBeDefined();
    expect(fast!.nRecords).toBe(7214);
    expect({ ...fast }).toEqual(reference(text, loaderColumns));
  });

  test('errors are csv-parse errors, coded E_CSV_PARSE, and the other checks keep their codes and lines', () => {
    const lines = text.split('\r\n');
    const withLine = (i: number, line: string) => lines.map((l, k) => (k === i ? line : l)).join('\r\n');
    const codeOf = (t: string) => {
      try {
        compasRawFromText({ file, text: t });
      } catch (e) {
        return e instanceof InputError ? [e.code, e.where?.line ?? null, e.message] : ['not coded'];
      }
      return ['no error'];
    };
    const ragged = codeOf(withLine(10, `${lines[10]},extra`));
    expect(ragged.slice(0, 2)).toEqual(['E_CSV_PARSE', null]);
    expect(ragged[2]).toMatch(/Invalid Record Length: expect 53, got 54 on line 11/);
    expect(codeOf(withLine(10, lines[10].replace(',F,', ',"F,')))[0]).toBe('E_CSV_PARSE');
    expect(codeOf(lines[0])[0]).toBe('E_EMPTY_INPUT');
    expect(codeOf('')[0]).toBe('E_EMPTY_INPUT');
    expect(codeOf(text.replace('is_recid', 'is_recidivist')).slice(0, 2)).toEqual(['E_MISSING_COLUMN', null]);
    // A bad age is named with its line (record i of the file is line i + 1) where the filters keep the row.
    const badAge = lines.slice(1, 20).map((_, k) => {
      const fields = lines[k + 1].split(',');
      fields[7] = 'old';
      return codeOf(withLine(k + 1, fields.join(',')));
    });
    const failed = badAge.flatMap((result, k) =>
      result[0] === 'no error' ? [] : [[result[0], result[1], k + 2]],
    );
    expect(failed.length).toBeGreaterThan(5);
    for (const [code, line, expected] of failed) expect([code, line]).toEqual(['E_NOT_NUMERIC', expected]);
  });
});
