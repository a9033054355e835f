import path from 'node:path';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { exportedNames } from './public-names.js';

// The public API is the set of names `fairlimit` and `fairlimit/browser` export (values and types).
// public-names.json holds the sets as they were before the folder barrels were split into browser-safe
// sub-barrels (docs/design.md, Code layout); restructuring must not add or drop a name. A deliberate API change
// updates the JSON in the same commit.
const repoRoot = path.resolve(import.meta.dirname, '../..');
const expected = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'public-names.json'), 'utf8'),
) as Record<string, string[]>;

test('fairlimit and fairlimit/browser export exactly the recorded names', () => {
  const actual = exportedNames(repoRoot, Object.keys(expected));
  for (const file of Object.keys(expected)) {
    expect(
      actual[file].filter((n) => !expected[file].includes(n)),
      `${file}: names added`,
    ).toEqual([]);
    expect(
      expected[file].filter((n) => !actual[file].includes(n)),
      `${file}: names dropped`,
    ).toEqual([]);
  }
  expect(actual).toEqual(expected);
}, 120_000);
