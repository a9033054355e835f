import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { syntheticTable } from '../../src/data/index.js';
import { distributionFromTable } from '../../src/distribution/index.js';
import { fairFront } from '../../src/limits/index.js';

// The built package as its users load it: installed under node_modules/fairlimit of another project (a symbolic
// link to this checkout, as `npm link` makes), then `require('fairlimit')` from CommonJS (what tslab compiles
// notebook imports to; Node >= 20.19 loads the ES module build through require(esm)) and `import` from ESM.

const repoRoot = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
let project: string;

const SCRIPT_BODY = `
const t = fairlimit.syntheticTable({ seed: 3, nRows: 500, nGroups: 2, nClasses: 2, nFeatures: 2, levels: 3 });
const { distribution } = fairlimit.distributionFromTable(t);
fairlimit.fairFront(distribution, { alpha: { eo: 0.01 } }).then(async (p) => {
  const shown = await fairlimit.display.table([{ accuracy: p.accuracy }]);
  let code = null;
  try { fairlimit.loadReferenceDataset('compas', { dataDir: '/nonexistent' }); } catch (e) {
    code = e instanceof fairlimit.InputError ? e.code : 'not an InputError';
  }
  console.log(JSON.stringify({ accuracy: p.accuracy, exports: Object.keys(fairlimit).sort(), code,
    displays: typeof shown[Symbol.for('Jupyter.display')] }));
});
`;

beforeAll(() => {
  expect(existsSync(path.join(repoRoot, 'dist', 'index.js')), 'run `npm run build` first').toBe(true);
  project = mkdtempSync(path.join(tmpdir(), 'fairlimit-consumer-'));
  mkdirSync(path.join(project, 'node_modules'));
  symlinkSync(repoRoot, path.join(project, 'node_modules', 'fairlimit'), 'dir');
  writeFileSync(path.join(project, 'package.json'), '{ "name": "consumer", "private": true }\n');
  writeFileSync(path.join(project, 'use.cjs'), `const fairlimit = require('fairlimit');\n${SCRIPT_BODY}`);
  writeFileSync(path.join(project, 'use.mjs'), `import * as fairlimit from 'fairlimit';\n${SCRIPT_BODY}`);
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

async function runIn(
  file: string,
): Promise<{ accuracy: number; exports: string[]; code: string; displays: string }> {
  const { stdout, stderr } = await run(process.execPath, [file], { cwd: project });
  expect(stderr).toBe(''); // no experimental-feature warning for require(esm) either
  return JSON.parse(stdout) as { accuracy: number; exports: string[]; code: string; displays: string };
}

async function expectedAccuracy(): Promise<number> {
  const t = syntheticTable({ seed: 3, nRows: 500, nGroups: 2, nClasses: 2, nFeatures: 2, levels: 3 });
  return (await fairFront(distributionFromTable(t).distribution, { alpha: { eo: 0.01 } })).accuracy;
}

test('require("fairlimit") from a CommonJS file of another project works and computes the frontier', async () => {
  const out = await runIn('use.cjs');
  expect(out.accuracy).toBeCloseTo(await expectedAccuracy(), 12);
  expect(out.code).toBe('E_DATA_MISSING');
  expect(out.displays).toBe('function');
});

test('import from an ES module sees the same exports as require', async () => {
  const [esm, cjs] = await Promise.all([runIn('use.mjs'), runIn('use.cjs')]);
  expect(esm.accuracy).toBe(cjs.accuracy);
  expect(esm.exports).toEqual(
    cjs.exports.filter((name) => name !== '__esModule' && name !== 'module.exports'),
  );
});

test('every runtime export has a type declaration in dist/index.d.ts', async () => {
  const entry = path.join(repoRoot, 'dist', 'index.d.ts');
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const declared = new Set(checker.getExportsOfModule(moduleSymbol).map((s) => s.getName()));
  const runtime = Object.keys(await import(path.join(repoRoot, 'dist', 'index.js')));
  expect(runtime.filter((name) => !declared.has(name))).toEqual([]);
  expect(
    program
      .getSemanticDiagnostics(program.getSourceFile(entry))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  ).toEqual([]);
});

test('package.json points every entry at files the build produces', () => {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    main: string;
    types: string;
    exports: { '.': Record<string, string> };
  };
  for (const target of [pkg.main, pkg.types, ...Object.values(pkg.exports['.'])])
    expect(existsSync(path.join(repoRoot, target)), target).toBe(true);
  expect(Object.keys(pkg.exports['.'])[0]).toBe('types'); // TypeScript reads the first matching condition
  expect(pkg.exports['.']).toHaveProperty('require');
});

test('a CommonJS TypeScript project (module commonjs, no skipLibCheck) type-checks against the package', () => {
  expect(existsSync(path.join(repoRoot, 'dist', 'index.d.ts')), 'run `npm run build` first').toBe(true);
  // The consumer project of beforeAll (node_modules/fairlimit -> this checkout), with a .ts file that uses the
  // front door and the namespaces whose declarations reach furthest (plot specs, displays, reports).
  const file = path.join(project, 'use-commonjs.ts');
  writeFileSync(
    file,
    [
      "import { analyze, display, plot, type ReportV1 } from 'fairlimit';",
      'export async function run(): Promise<ReportV1> {',
      "  const report = await analyze('compas', { eo: [0, 0.05] });",
      '  const svg: string = await plot.renderSvg(plot.reportSpec(report));',
      '  await display.table([{ svg: svg.length }]);',
      '  return report;',
      '}',
      '',
    ].join('\n'),
  );
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    types: [],
  });
  const problems = ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file ? path.relative(project, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    );
  expect(problems).toEqual([]);
});
