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

/**
 * Resolution for the browser: the page builds on `src/browser.ts` (fairlimit's Node-free core), so any Node
 * built-in reaching the bundle is a build error naming its importer. HiGHS's loader imports `node:module` only
 * under Node (a dynamic import behind an environment test): that one stays external. `highs-wasm` is the
 * solver's binary, inlined (a page opened over file:// can fetch no file), and `csv-parse-api` is csv-parse's
 * stream-free transform API, which the package does not export by name.
 */
const browserResolve: esbuild.Plugin = {
  name: 'fairlimit-browser',
  setup(build) {
    // The library's modules have no import-time side effects that the page relies on: marking them so lets
    // esbuild drop what the page does not use (the page's own bundle needs no solver).
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
    build.onResolve({ filter: /^highs-wasm$/ }, () => ({ path: join(highsDir, 'build/highs.wasm') }));
    build.onResolve({ filter: /^csv-parse-api$/ }, () => ({ path: join(csvParseDir, 'lib/api/index.js') }));
    build.onResolve({ filter: /^node:/ }, (args) => {
      if (args.path === 'node:module' && args.importer.endsWith('highs.mjs'))
        return { path: args.path, external: true };
      return {
        errors: [
          { text: `${args.path} imported by ${args.importer}: the browser core must not use Node built-ins` },
        ],
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
}
