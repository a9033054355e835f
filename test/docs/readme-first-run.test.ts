import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import type { ReportV1 } from '../../src/report/index.js';
import { runCli } from '../cli/run-cli.js';

// What a newcomer runs from the README must say what it prints: the demo's output, the library example's numbers
// (the demo's data, so the same numbers), and command lines that run after `npm ci` (npx fairlimit).

const repoRoot = path.resolve(import.meta.dirname, '../..');
const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
/** The first fenced block after an HTML comment marker. */
const blockAfter = (marker: string): string => {
  const rest = readme.split(`<!-- ${marker} -->`)[1] ?? '';
  return /```\w*\n([\s\S]*?)```/.exec(rest)?.[1] ?? '';
};

test('the README shows the demo output that `npm run demo` prints', async () => {
  const r = await runCli(['demo']);
  expect(r.code).toBe(0);
  const shown = blockAfter('demo-output')
    .split('\n')
    .filter((l) => l !== '...' && l !== '');
  expect(shown.length).toBeGreaterThan(8);
  const printed = r.stdout.split('\n');
  let at = 0;
  for (const line of shown) {
    const found = printed.indexOf(line, at);
    expect(found, line).toBeGreaterThanOrEqual(at); // every shown line, in the printed order
    at = found + 1;
  }
});

test("the README's library example prints the numbers in its comments, which are the demo's", async () => {
  const snippet = blockAfter('demo-numbers');
  expect(snippet).toMatch(/from 'fairlimit'/);
  // Inside the package folder, so that 'fairlimit' resolves to the package itself (its "exports", i.e. dist/).
  const dir = path.join(repoRoot, 'artifacts', 'readme-snippets');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'demo-numbers.ts');
  writeFileSync(file, `${snippet}\nexport {};\n`);
  const { stdout } = await promisify(execFile)(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), [file], {
    cwd: repoRoot,
  });
  const promised = [...snippet.matchAll(/^\/\/ (.+?)(?: {2,}\(.*\))?$/gm)]
    .map((m) => m[1])
    .filter((line) => /^[\w.]+ [\d. ]+$/.test(line));
  expect(stdout.trim().split('\n')).toEqual(promised);

  const demo = await runCli(['demo', '--json']);
  const report = JSON.parse(demo.stdout) as ReportV1;
  const at = (alpha: number) => report.frontier.find((p) => p.alpha.eo === alpha)!;
  expect(promised[0]).toBe(
    `optimal ${at(0.02).accuracy.toFixed(6)} ${at(0.02).dualBound.toFixed(6)} ${at(0.02).price.eo!.toFixed(6)}`,
  );
  expect(promised[1]).toBe([0, 0.05, 0.1].map((a) => at(a).accuracy.toFixed(6)).join(' '));
});

test('every command line of the README runs after `npm ci`: npx fairlimit, never a bare fairlimit', () => {
  const shell = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1].split('\n'));
  const commands = shell.filter((l) => /^\s*(npx )?fairlimit\b/.test(l));
  expect(commands.length).toBeGreaterThanOrEqual(3);
  expect(commands.filter((l) => !l.startsWith('npx fairlimit '))).toEqual([]);
});

test("the demo's build leaves the API reference out and compiles incrementally", () => {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
    files: string[];
  };
  expect(pkg.scripts.demo).toMatch(/^npm run --silent build && node bin\/fairlimit\.js demo$/);
  expect(pkg.scripts.build).toBe('tsc -b tsconfig.build.json');
  const tsconfig = JSON.parse(readFileSync(path.join(repoRoot, 'tsconfig.build.json'), 'utf8')) as {
    compilerOptions: { incremental?: boolean; tsBuildInfoFile?: string };
  };
  expect(tsconfig.compilerOptions.incremental).toBe(true);
  // the build state stays out of the published package
  expect(pkg.files).toContain(`!${tsconfig.compilerOptions.tsBuildInfoFile}`);
});
