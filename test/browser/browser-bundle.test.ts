import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { syntheticTable } from '../../src/data/synthetic.js';
import { distributionFromTable } from '../../src/distribution/index.js';
import { fairFront } from '../../src/limits/index.js';
import { launchChromium } from '../helpers/chromium.js';

// The browser-safe core (src/browser.ts) bundled as a web page would bundle it: esbuild, platform 'browser'.
// Any import of a Node built-in that esbuild cannot map to a browser replacement fails the build; the one
// exception is the HiGHS Emscripten loader's own `import("node:module")`, which only runs under Node.

const repoRoot = path.resolve(import.meta.dirname, '../..');

interface NodeImport {
  readonly importer: string;
  readonly path: string;
}

/** Records every import of a Node built-in that the browser build cannot resolve, and who asked for it. */
function nodeBuiltinGuard(found: NodeImport[]): Plugin {
  return {
    name: 'node-builtin-guard',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'guarded') return undefined;
        if (args.path.startsWith('.') || args.path.startsWith('/')) return undefined;
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'guarded',
        });
        const native = /\.node$/.test(resolved.path);
        if (resolved.errors.length === 0 && !native) return undefined;
        const importer = path.relative(repoRoot, args.importer);
        const highsNodeBranch =
          importer === path.join('node_modules', 'highs', 'build', 'highs.mjs') &&
          args.path === 'node:module';
        if (!highsNodeBranch) found.push({ importer, path: args.path });
        return { path: args.path, external: true };
      });
    },
  };
}

let dir: string;
let bundle: string;
let metafile: Metafile;
const nodeImports: NodeImport[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'fairlimit-browser-'));
  const result = await build({
    entryPoints: [path.join(repoRoot, 'src/browser.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [nodeBuiltinGuard(nodeImports)],
  });
  bundle = result.outputFiles[0].text;
  metafile = result.metafile;
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('src/browser.ts bundles for the browser without any Node built-in or native module', () => {
  expect(nodeImports).toEqual([]);
  const inputs = Object.keys(metafile.inputs);
  expect(inputs.filter((f) => /@duckdb|@resvg|tslab|cli-progress|\.node$/.test(f))).toEqual([]);
  // the core really is in the bundle: the LP layer, the frontier model, Blackwell, reports, specs
  for (const file of [
    'src/lp/highs-runtime.ts',
    'src/limits/frontier-model.ts',
    'src/blackwell/cutting-plane.ts',
    'src/report/frontier-report.ts',
    'src/plot/frontier-spec.ts',
    'node_modules/highs/build/highs.mjs',
  ])
    expect(inputs).toContain(file);
});

test('the bundle solves FairFront in headless Chromium with the wasm given by configureHighs, as in Node', async () => {
  const options = { seed: 7, nRows: 3000, nGroups: 2, nClasses: 2, nFeatures: 3, levels: 3 };
  const alpha = { eo: 0.02 };
  const inNode = await fairFront(distributionFromTable(syntheticTable(options)).distribution, { alpha });

  writeFileSync(path.join(dir, 'fairlimit.js'), bundle);
  copyFileSync(path.join(repoRoot, 'node_modules/highs/build/highs.wasm'), path.join(dir, 'solver.wasm'));
  copyFileSync(path.join(repoRoot, 'schema/report-v1.schema.json'), path.join(dir, 'schema.json'));
  writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script>addEventListener('error', (e) => { window.result ??= { error: e.message }; });</script>
<script type="module">
import * as f from './fairlimit.js';
f.configureHighs({ locateFile: () => new URL('solver.wasm', location.href).href });
try {
  const { distribution } = f.distributionFromTable(f.syntheticTable(${JSON.stringify(options)}));
  const p = await f.fairFront(distribution, { alpha: ${JSON.stringify(alpha)} });
  const table = f.syntheticTable(${JSON.stringify(options)});
  const report = await f.frontierReport({ table, source: { kind: 'synthetic', name: 'synthetic', seed: 7 } }, { alphas: { eo: [0, 0.05] } });
  const schema = await (await fetch('schema.json')).json();
  const errors = f.createReportValidator(schema).errors(report);
  const svg = await f.renderSvg(f.reportSpec(report));
  window.result = { accuracy: p.accuracy, eo: p.violations.eo, dualBound: p.dualBound,
    points: report.frontier.length, errors, svg: svg.length };
} catch (e) { window.result = { error: String(e && e.stack || e) }; }
</script>`,
  );
  const server: Server = createServer((req, res) => {
    const file = path.join(dir, path.basename(new URL(req.url ?? '/', 'http://x').pathname) || 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const type = file.endsWith('.js')
      ? 'text/javascript'
      : file.endsWith('.wasm')
        ? 'application/wasm'
        : file.endsWith('.json')
          ? 'application/json'
          : 'text/html';
    res.writeHead(200, { 'content-type': type }).end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`http://127.0.0.1:${port}/index.html`);
    await page.waitForFunction(
      () => (globalThis as unknown as { result?: unknown }).result !== undefined,
      null,
      {
        timeout: 60_000,
      },
    );
    const result = (await page.evaluate(
      () => (globalThis as unknown as { result: unknown }).result,
    )) as Record<string, unknown>;
    expect(result.error).toBeUndefined();
    expect(problems).toEqual([]);
    // same LP, same solver build: the browser's value equals Node's to solver precision
    expect(result.accuracy as number).toBeCloseTo(inNode.accuracy, 9);
    expect(result.dualBound as number).toBeCloseTo(inNode.dualBound, 9);
    expect(result.eo as number).toBeLessThanOrEqual(alpha.eo + 1e-6);
    expect(result.errors).toEqual([]);
    expect(result.points).toBe(2);
    expect(result.svg as number).toBeGreaterThan(1000);
  } finally {
    await browser.close();
    server.close();
  }
}, 180_000);

test('all three documented ways of giving the wasm work in Chromium: locateFile, wasmBinary, wasmModule', async () => {
  const options = { seed: 3, nRows: 800, nGroups: 2, nClasses: 2, nFeatures: 2, levels: 3 };
  const alpha = { eo: 0.05 };
  const inNode = await fairFront(distributionFromTable(syntheticTable(options)).distribution, { alpha });
  writeFileSync(path.join(dir, 'fairlimit.js'), bundle);
  copyFileSync(path.join(repoRoot, 'node_modules/highs/build/highs.wasm'), path.join(dir, 'solver.wasm'));
  // One page load per way: configureHighs applies before the first solve of a page. No way but locateFile gives
  // the loader a URL, so it must not need one (an esbuild bundle has no import.meta.url for it to resolve).
  writeFileSync(
    path.join(dir, 'ways.html'),
    `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module">
import * as f from './fairlimit.js';
const how = new URLSearchParams(location.search).get('how');
try {
  const bytes = how === 'locateFile' ? undefined : new Uint8Array(await (await fetch('solver.wasm')).arrayBuffer());
  f.configureHighs(
    how === 'locateFile' ? { locateFile: () => new URL('solver.wasm', location.href).href }
    : how === 'wasmBinary' ? { wasmBinary: bytes }
    : { wasmModule: await WebAssembly.compile(bytes) });
  const { distribution } = f.distributionFromTable(f.syntheticTable(${JSON.stringify(options)}));
  const p = await f.fairFront(distribution, { alpha: ${JSON.stringify(alpha)} });
  window.result = { accuracy: p.accuracy, status: p.status };
} catch (e) { window.result = { error: String(e && e.stack || e) }; }
</script>`,
  );
  const server: Server = createServer((req, res) => {
    const file = path.join(dir, path.basename(new URL(req.url ?? '/', 'http://x').pathname));
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const type = file.endsWith('.js')
      ? 'text/javascript'
      : file.endsWith('.wasm')
        ? 'application/wasm'
        : 'text/html';
    res.writeHead(200, { 'content-type': type }).end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const browser = await launchChromium();
  try {
    for (const how of ['locateFile', 'wasmBinary', 'wasmModule']) {
      const page = await browser.newPage();
      const wasmRequests: string[] = [];
      page.on('request', (r) => {
        if (r.url().endsWith('.wasm')) wasmRequests.push(r.url());
      });
      await page.goto(`http://127.0.0.1:${port}/ways.html?how=${how}`);
      await page.waitForFunction(
        () => (globalThis as unknown as { result?: unknown }).result !== undefined,
        null,
        {
          timeout: 60_000,
        },
      );
      const result = (await page.evaluate(() => (globalThis as unknown as { result: unknown }).result)) as {
        accuracy?: number;
        status?: string;
        error?: string;
      };
      expect(result.error, how).toBeUndefined();
      expect(result.status).toBe('optimal');
      expect(result.accuracy!).toBeCloseTo(inNode.accuracy, 9);
      // the page fetched the wasm once, itself (the loader fetched nothing for bytes or a module)
      expect(wasmRequests, how).toEqual([`http://127.0.0.1:${port}/solver.wasm`]);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
}, 180_000);

test('FAIRLIMIT_VERSION (a constant, so the browser core reads no file) equals package.json version', async () => {
  const { FAIRLIMIT_VERSION } = await import('../../src/version.js');
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  expect(FAIRLIMIT_VERSION).toBe(pkg.version);
});
