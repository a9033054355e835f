/**
 * Builds the in-browser analyzer into web/dist: index.html, app.js (a classic script: module scripts and
 * workers cannot be loaded from file://), the analyzer worker inlined into app.js as text (started from a Blob
 * URL), HiGHS's WebAssembly inlined into the worker, and fairlimit-core.js (the embeddable ES module).
 * Run: `npm run web:build` (tsx web/build.ts). `--minify=false` keeps the output readable.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const outDir = join(here, 'dist');
const require = createRequire(import.meta.url);
const minify = !process.argv.includes('--minify=false');
/** `--analyze`: print what takes the room in each bundle. */
const analyze = process.argv.includes('--analyze');

// Package folders from their main files (neither package exports ./package.json).
const highsDir = resolve(dirname(require.resolve('highs', { paths: [root] })), '..');
const csvParseDir = resolve(dirname(require.resolve('csv-parse', { paths: [root] })), '../..');
const packageJson = readFileSync(join(root, 'package.json'), 'utf8');

/** Node-only packages some library modules import (lazily, for the CLI); never called in the browser. */
const NODE_ONLY_PACKAGES = /^(@resvg\/resvg-js|@duckdb\/node-api|cli-progress)$/;
/** Node built-ins by their bare names (packages such as csv-parse's stream entry import them so). */
const BARE_BUILTINS =
  /^(fs|fs\/promises|path|stream|url|crypto|os|module|util|events|child_process|process|zlib|readline|worker_threads)$/;

/** Which library modules reached a stub (printed by the build, so the browser boundary stays visible). */
export const stubbedImports = new Set<string>();

/**
 * Resolution for the browser: `highs` becomes the inlined-wasm loader and csv-parse's transform API is reached
 * by path. Node built-ins and Node-only packages that library modules import for their Node paths (file
 * readers, DuckDB, resvg) become a stub that throws when used; `readFileSync` of package.json (the version
 * written into reports) returns the real text, so reports carry the CLI's version.
 */
const browserResolve: esbuild.Plugin = {
  name: 'fairlimit-browser',
  setup(build) {
    // The library's modules have no import-time side effects that the page relies on: marking them so lets
    // esbuild drop what the page does not use (the page's bundle would otherwise carry the solver and HiGHS
    // twice, through the area index files).
    const srcDir = join(root, 'src') + '/';
    build.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if ((args.pluginData as { inner?: boolean } | undefined)?.inner) return undefined;
      const r = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { inner: true },
      });
      if (r.errors.length > 0 || !r.path.startsWith(srcDir)) return undefined;
      return { path: r.path, sideEffects: false };
    });
    build.onResolve({ filter: /^highs$/ }, () => ({ path: join(here, 'src/highs-inline.ts') }));
    build.onResolve({ filter: /^highs-loader$/ }, () => ({ path: join(highsDir, 'build/highs.mjs') }));
    build.onResolve({ filter: /^highs-wasm$/ }, () => ({ path: join(highsDir, 'build/highs.wasm') }));
    build.onResolve({ filter: /^csv-parse-api$/ }, () => ({ path: join(csvParseDir, 'lib/api/index.js') }));
    // highs.mjs imports node:module only under Node (a dynamic import behind an environment test).
    build.onResolve({ filter: /^node:module$/ }, (args) =>
      args.importer.endsWith('highs.mjs') ? { path: args.path, external: true } : undefined,
    );
    const stub = (args: esbuild.OnResolveArgs) => {
      stubbedImports.add(`${args.path} <- ${args.importer.replace(`${root}/`, '')}`);
      return { path: args.path.replace(/^node:/, ''), namespace: 'node-stub' };
    };
    build.onResolve({ filter: /^node:/ }, stub);
    build.onResolve({ filter: BARE_BUILTINS }, stub);
    build.onResolve({ filter: NODE_ONLY_PACKAGES }, stub);
    build.onLoad({ filter: /.*/, namespace: 'node-stub' }, async (args) => {
      // The stub exports the real module's names (read here, under Node), each a function that throws.
      const real = (await import(BARE_BUILTINS.test(args.path) ? `node:${args.path}` : args.path)) as object;
      const names = Object.keys(real).filter(
        (n) => n !== 'default' && n !== 'readFileSync' && /^[A-Za-z_$][\w$]*$/.test(n),
      );
      return {
        contents: `const unavailable = (name) => function () {
  throw new Error(${JSON.stringify(args.path)} + '.' + name + ' is not available in the browser');
};
const PACKAGE_JSON = ${JSON.stringify(packageJson)};
export function readFileSync(url) {
  if (String(url).endsWith('/package.json')) return PACKAGE_JSON;
  return unavailable('readFileSync')();
}
${names.map((n) => `export const ${n} = unavailable('${n}');`).join('\n')}
export default { readFileSync, ${names.join(', ')} };`,
        loader: 'js',
      };
    });
  },
};

const common: esbuild.BuildOptions = {
  bundle: true,
  platform: 'browser',
  target: ['chrome110', 'firefox115', 'safari16'],
  minify,
  legalComments: 'none',
  loader: { '.wasm': 'binary' },
  inject: [join(here, 'src/buffer-shim.ts')],
  plugins: [browserResolve],
  define: {
    'process.env.NODE_ENV': '"production"',
    // Library modules resolve package.json from their own URL (the report's version); any absolute URL will do.
    'import.meta.url': '"file:///fairlimit/web/bundle.js"',
    __FAIRLIMIT_VERSION__: JSON.stringify((JSON.parse(packageJson) as { version: string }).version),
  },
  logLevel: 'warning',
  logOverride: { 'empty-import-meta': 'silent' },
};

export async function buildWeb(): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const worker = await esbuild.build({
    ...common,
    entryPoints: [join(here, 'src/worker.ts')],
    format: 'iife',
    write: false,
    metafile: analyze,
  });
  if (analyze) console.log(await esbuild.analyzeMetafile(worker.metafile!, { verbose: false }));
  const workerCode = worker.outputFiles[0].text;
  const workerSource: esbuild.Plugin = {
    name: 'worker-source',
    setup(build) {
      build.onResolve({ filter: /^worker-source$/ }, () => ({ path: 'worker-source', namespace: 'worker' }));
      build.onLoad({ filter: /.*/, namespace: 'worker' }, () => ({
        contents: `export default ${JSON.stringify(workerCode)};`,
        loader: 'js',
      }));
    },
  };
  const app = await esbuild.build({
    ...common,
    plugins: [browserResolve, workerSource],
    entryPoints: [join(here, 'src/app.ts')],
    format: 'iife',
    outfile: join(outDir, 'app.js'),
    metafile: analyze,
  });
  if (analyze) console.log(await esbuild.analyzeMetafile(app.metafile!, { verbose: false }));
  await esbuild.build({
    ...common,
    entryPoints: [join(here, 'src/core.ts')],
    format: 'esm',
    outfile: join(outDir, 'fairlimit-core.js'),
  });
  writeFileSync(join(outDir, 'index.html'), readFileSync(join(here, 'index.html'), 'utf8'));
  writeFileSync(join(outDir, 'app.css'), readFileSync(join(here, 'app.css'), 'utf8'));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildWeb();
  console.log(`fairlimit web: built ${outDir}`);
  if (stubbedImports.size > 0)
    console.log(
      `Node-only imports stubbed (not called in the browser):\n  ${[...stubbedImports].sort().join('\n  ')}`,
    );
}
