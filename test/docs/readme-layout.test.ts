import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

// The README's layout table is how a newcomer finds their way: it must name every folder of the repository and of
// src/, and nothing that does not exist.

const repoRoot = path.resolve(import.meta.dirname, '../..');
/** Folders that are generated or installed, never committed (and editor folders such as .idea: any dot folder but .ci). */
const GENERATED = new Set(['node_modules', 'dist', 'artifacts', 'coverage']);
const isListable = (name: string) => !GENERATED.has(name) && (!name.startsWith('.') || name === '.ci');

function layoutEntries(): string[] {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const section = readme.split('\n## Layout\n')[1]?.split('\n## ')[0] ?? '';
  return [...section.matchAll(/^\|\s*`([^`]+)`\s*\|/gm)].map((m) => m[1]);
}

const folders = (dir: string): string[] =>
  readdirSync(path.join(repoRoot, dir)).filter(
    (name) => isListable(name) && statSync(path.join(repoRoot, dir, name)).isDirectory(),
  );

test('the README layout table lists every top-level folder and every folder of src/', () => {
  const listed = new Set(layoutEntries());
  const expected = [...folders('.').filter((f) => f !== 'src'), ...folders('src').map((f) => `src/${f}`)];
  expect(expected.filter((f) => !listed.has(f))).toEqual([]);
});

test('every folder the README layout table names exists', () => {
  const entries = layoutEntries();
  expect(entries.length).toBeGreaterThan(10);
  const missing = entries.filter((e) => {
    try {
      return !statSync(path.join(repoRoot, e)).isDirectory();
    } catch {
      return true;
    }
  });
  expect(missing).toEqual([]);
});
