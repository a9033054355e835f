import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { MAX_CSV_RECORD_CHARS, readCsvFrame } from '../../src/data/csv/read-csv.js';
import { tempDir } from '../cli/run-cli.js';

test('a field longer than MAX_CSV_RECORD_CHARS is a coded E_FIELD_TOO_LARGE with the line, not a V8 crash', async () => {
  const file = join(tempDir('fairlimit-field-'), 'big.csv');
  writeFileSync(file, `g,y,x\na,0,${'1'.repeat(MAX_CSV_RECORD_CHARS + 10)}\nb,1,2\n`);
  await expect(readCsvFrame(file)).rejects.toMatchObject({
    code: 'E_FIELD_TOO_LARGE',
    where: { file, line: 2 },
  });
  rmSync(file);
  // A field just under the limit is read as it is.
  const ok = join(tempDir('fairlimit-field-'), 'ok.csv');
  writeFileSync(ok, `g,y,x\na,0,${'1'.repeat(1000)}\nb,1,2\n`);
  expect((await readCsvFrame(ok)).nRows).toBe(2);
}, 60_000);
