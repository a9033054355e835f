import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

// Planted violations: the lint configuration (eslint.config.js) must refuse a Node built-in in every part of the
// browser core and accept it in the Node-only adapters. The files are linted as text under paths that do not
// exist, so nothing is written.
const repoRoot = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: repoRoot });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const BROWSER_CORE_FILES = [
  'src/lp/planted.ts',
  'src/limits/estimate/planted.ts',
  'src/metrics/planted.ts',
  'src/report/planted.ts',
  'src/plot/planted.ts',
  'src/data/planted.ts',
  'src/data/reference/planted.ts',
  'src/data/counts/planted.ts',
  'src/report/browser.ts',
  'src/browser.ts',
  'src/rng.ts',
];
const NODE_ONLY_FILES = [
  'src/cli/planted.ts',
  'src/data/csv/planted.ts',
  'src/data/reference/data-dir.ts',
  'src/report/validate-report.ts',
  'src/plot/render-png.ts',
  'src/file-access.ts',
];

describe('no Node built-in in the browser core', () => {
  test.each(BROWSER_CORE_FILES)(
    '%s: node:fs, fs, path/posix, worker_threads and csv-parse/sync are refused',
    async (file) => {
      const code = [
        "import { readFileSync } from 'node:fs';",
        "import { statSync } from 'fs';",
        "import { join } from 'path/posix';",
        "import { Worker } from 'worker_threads';",
        "import { parse } from 'csv-parse/sync';",
        'export const x = [readFileSync, statSync, join, Worker, parse];',
      ].join('\n');
      const messages = await restrictedImports(file, code);
      expect(messages).toHaveLength(5);
      expect(messages.slice(0, 4).every((m) => m.includes('a Node built-in'))).toBe(true);
      expect(messages[4]).toMatch(/csv-parse\/browser\/esm\/sync/);
    },
    60_000,
  );

  test('the browser build of csv-parse and a type import from the core are accepted', async () => {
    const code = [
      "import { parse } from 'csv-parse/browser/esm/sync';",
      "import type { Distribution } from '../distribution/index.js';",
      'export const f = (d: Distribution) => [parse, d];',
    ].join('\n');
    expect(await restrictedImports('src/lp/planted.ts', code)).toEqual([]);
  }, 60_000);

  test.each(NODE_ONLY_FILES)(
    '%s (Node-only) may import node:fs',
    async (file) => {
      const code = "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n";
      expect(await restrictedImports(file, code)).toEqual([]);
    },
    60_000,
  );
});
