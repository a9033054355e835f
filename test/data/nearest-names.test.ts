import { expect, test } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { didYouMean, editDistance, nearestNames } from '../../src/data/nearest-names.js';
import { FairlimitError } from '../../src/errors.js';
import { runCli } from '../cli/run-cli.js';
import { csvFile } from './csv-fixtures.js';

test('edit distances of textbook pairs: kitten/sitting 3, a swap of neighbours 1, from empty the length', () => {
  expect(editDistance('kitten', 'sitting')).toBe(3);
  expect(editDistance('race', 'rcae')).toBe(1);
  expect(editDistance('', 'abc')).toBe(3);
  expect(editDistance('flaw', 'lawn')).toBe(2);
  expect(editDistance('same', 'same')).toBe(0);
});

test('suggests the nearest column, all ties, and nothing for a name that is far from every column', () => {
  expect(nearestNames('rac', ['race', 'sex', 'age'])).toEqual(['race']);
  expect(nearestNames('Race', ['race', 'rate'])).toEqual(['race']);
  expect(nearestNames('ag', ['age', 'sex', 'ago'])).toEqual(['age', 'ago']);
  expect(nearestNames('income', ['race', 'sex', 'age'])).toEqual([]);
  expect(didYouMean('compass', ['compas', 'adult', 'german', 'hsls'])).toBe('; did you mean "compas"?');
});

test('a column typo names the nearest column, in the library and the CLI', async () => {
  const file = csvFile('race,sex,y,x\na,m,1,1\na,f,0,2\nb,m,1,3\nb,f,0,4\n');
  const cli = await runCli(['frontier', file, '--group', 'rac', '--label', 'y', '--eo', '0']);
  expect(cli.code).toBe(1);
  expect(cli.stderr).toMatch(/E_MISSING_COLUMN: no column named "rac"; did you mean "race"\?/);
  const label = await runCli(['frontier', file, '--group', 'race', '--label', 'Y', '--eo', '0']);
  expect(label.stderr).toContain('no column named "Y"; did you mean "y"?');
});

test('analyze("compass") is an unknown data set with the nearest name, not a file without columns', async () => {
  const e = await analyze('compass').then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(FairlimitError);
  expect((e as FairlimitError).code).toBe('E_BAD_OPTION');
  expect((e as FairlimitError).message).toContain('unknown data set "compass"; did you mean "compas"?');
  const cli = await runCli(['frontier', '--dataset', 'adlt']);
  expect(cli.stderr).toContain('unknown data set "adlt"; did you mean "adult"?');
});

test('--dataset compas --predictions yhat points to the raw-CSV recipe that places a model', async () => {
  const r = await runCli(['frontier', '--dataset', 'compas', '--predictions', 'yhat']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('--predictions does not apply: --dataset holds the paper');
  expect(r.stderr).toContain('docs/data-input.md, Place a model on a reference data set');
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(new URL('../../docs/data-input.md', import.meta.url), 'utf8')).toContain(
    '## Place a model on a reference data set',
  );
});
