import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CsvOptions, TableSpec } from '../../src/data/index.js';

// The malformed inputs every engine must refuse with the same code (and, where it has lines, the same line and
// column): the in-process reader and DuckDB on files (engine-agreement.test.ts), PostgreSQL and ClickHouse on the
// same rows as tables (remote-engines.test.ts).

const tmp = mkdtempSync(path.join(tmpdir(), 'fairlimit-engines-'));
let nFiles = 0;
export function csv(text: string): string {
  const file = path.join(tmp, `f${nFiles++}.csv`);
  writeFileSync(file, text);
  return file;
}

export interface Outcome {
  readonly code: string;
  readonly line?: number;
  readonly column?: string | number;
}

export const SPEC: TableSpec = { group: 'g', label: 'y' };
export const ROWS = ['a,0,1', 'a,1,2', 'b,0,3', 'b,1,4', 'a,0,5', 'b,1,6'];
export const file = (header: string, rows: readonly string[]) => csv(`${[header, ...rows].join('\n')}\n`);

export const CASES: readonly {
  name: string;
  file: () => string;
  spec?: TableSpec;
  options?: CsvOptions;
  expected: Outcome;
}[] = [
  {
    name: 'a duplicated header with different values',
    file: () =>
      file(
        'g,y,x,x',
        ROWS.map((r, i) => `${r},${i}`),
      ),
    spec: { ...SPEC, features: ['x'] },
    expected: { code: 'E_DUPLICATE_COLUMN', column: 'x' },
  },
  { name: 'an empty file', file: () => csv(''), expected: { code: 'E_EMPTY_INPUT' } },
  { name: 'a header without rows', file: () => csv('g,y,x\n'), expected: { code: 'E_EMPTY_INPUT' } },
  {
    name: 'a ragged line',
    file: () => file('g,y,x', [...ROWS.slice(0, 3), 'a,1,2,9', ...ROWS.slice(3)]),
    expected: { code: 'E_RAGGED_LINE', line: 5 },
  },
  {
    name: 'a short line',
    file: () => file('g,y,x', [...ROWS.slice(0, 2), 'a,1', ...ROWS.slice(2)]),
    expected: { code: 'E_RAGGED_LINE', line: 4 },
  },
  {
    name: 'NaN in a feature',
    file: () => file('g,y,x', [...ROWS.slice(0, 4), 'a,1,NaN', ...ROWS.slice(4)]),
    expected: { code: 'E_NOT_FINITE', line: 6, column: 'x' },
  },
  {
    name: 'inf in a binned feature',
    file: () => file('g,y,x', [...ROWS.slice(0, 4), 'a,1,-inf', ...ROWS.slice(4)]),
    spec: { ...SPEC, bins: { x: 'quantile:2' } },
    expected: { code: 'E_NOT_FINITE', line: 6, column: 'x' },
  },
  {
    name: 'NaN in the weights',
    file: () => file('g,y,x', [...ROWS.slice(0, 1), 'a,1,nan', ...ROWS.slice(1)]),
    spec: { ...SPEC, weights: 'x' },
    expected: { code: 'E_NOT_FINITE', line: 3, column: 'x' },
  },
  {
    name: 'NaN as a label',
    file: () => file('g,y,x', [...ROWS.slice(0, 2), 'a,NaN,1', ...ROWS.slice(2)]),
    expected: { code: 'E_NOT_FINITE', line: 4, column: 'y' },
  },
  {
    name: 'one class',
    file: () => file('g,y,x', ['a,1,1', 'b,1,2', 'a,1,3']),
    expected: { code: 'E_TOO_FEW_CLASSES', column: 'y' },
  },
  {
    name: 'one group',
    file: () => file('g,y,x', ['a,1,1', 'a,0,2', 'a,1,3']),
    expected: { code: 'E_TOO_FEW_GROUPS', column: 'g' },
  },
  {
    name: 'a whitespace-only group field',
    file: () => file('g,y,x', [...ROWS.slice(0, 3), '   ,1,2', ...ROWS.slice(3)]),
    expected: { code: 'E_MISSING_VALUE', line: 5, column: 'g' },
  },
  {
    name: 'a whitespace-only feature field after a blank line and a quoted line break',
    file: () => csv(`g,y,x\n${ROWS[0]}\n\n"a",1,"2"\n"b",0,"3\n4"\n${ROWS.slice(1).join('\n')}\na,0,  \n`),
    // Named: a default feature with a missing value is left out rather than refused.
    spec: { ...SPEC, features: ['x'] },
    expected: { code: 'E_MISSING_VALUE', line: 12, column: 'x' },
  },
  {
    name: 'a text in a binned feature',
    file: () => file('g,y,x', [...ROWS.slice(0, 5), 'b,0,seven', ...ROWS.slice(5)]),
    spec: { ...SPEC, bins: { x: 'uniform:2' } },
    expected: { code: 'E_NOT_NUMERIC', line: 7, column: 'x' },
  },
  {
    name: 'a negative weight',
    file: () => file('g,y,x', [...ROWS.slice(0, 5), 'b,0,-1', ...ROWS.slice(5)]),
    spec: { ...SPEC, weights: 'x' },
    expected: { code: 'E_NEGATIVE_WEIGHT', line: 7, column: 'x' },
  },
  {
    name: 'a text weight',
    file: () => file('g,y,x', [...ROWS.slice(0, 1), 'b,0,heavy', ...ROWS.slice(1)]),
    spec: { ...SPEC, weights: 'x' },
    expected: { code: 'E_NOT_NUMERIC', line: 3, column: 'x' },
  },
  {
    name: 'a group without one label',
    file: () => file('g,y,x', ['a,0,1', 'a,1,2', 'b,0,3']),
    expected: { code: 'E_EMPTY_GROUP_LABEL', column: 'y' },
  },
  {
    name: 'a missing column',
    file: () => file('g,y,x', ROWS),
    spec: { ...SPEC, features: ['nothere'] },
    expected: { code: 'E_MISSING_COLUMN', column: 'nothere' },
  },
];
