// Architecture rules (see docs/design.md, Code layout): no import cycle between files, and data flows one way
// between folders, bottom to top:
//   errors/numeric/rng/version/file-access -> metrics -> data -> learn, distribution -> lp -> limits
//   -> blackwell, interventions -> missing -> report -> plot -> display, cli -> api, analyze -> index, browser
// A folder may import only from folders below it. Style is prettier's job (`prettier --check`, also in lint).
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** Folders of src/, bottom layer first; each may import from earlier layers only. */
const LAYERS = [
  ['errors.ts', 'numeric.ts', 'rng.ts', 'version.ts', 'defaults.ts', 'check-masses.ts', 'file-access.ts'],
  ['metrics'],
  ['data'],
  ['learn', 'distribution'],
  ['lp'],
  ['limits'],
  ['blackwell', 'interventions'],
  ['missing'],
  ['report'],
  ['plot'],
  ['display', 'cli'],
  ['api', 'analyze.ts'],
  ['index.ts', 'browser.ts'],
];

const path = (entry) => `./src/${entry}`;

/**
 * One zone per folder: it may not import from its own layer's siblings (the root files excepted) or any layer
 * above.
 */
const layerZones = LAYERS.flatMap((layer, i) =>
  layer.map((entry) => ({
    target: path(entry),
    from: [...(i === 0 ? [] : layer.filter((other) => other !== entry)), ...LAYERS.slice(i + 1).flat()].map(
      path,
    ),
    message: `src/${entry} sits below these folders (see eslint.config.js, LAYERS): data flows one way.`,
  })),
);

/** Node-only adapters, which the browser-safe core (src/browser.ts) must not reach. */
const NODE_ONLY = [
  'data/index.ts',
  'data/csv',
  'data/duckdb',
  'data/counts/index.ts',
  'data/counts/read-counts.ts',
  'data/reference/index.ts',
  'data/reference/data-dir.ts',
  'data/reference/reference-files.ts',
  'data/reference/reference-datasets.ts',
  'file-access.ts',
  'report/index.ts',
  'report/validate-report.ts',
  'plot/index.ts',
  'plot/render-png.ts',
];
/** The browser core: these folders, except their Node-only files and the barrels that re-export them. */
const BROWSER_CORE = [
  'metrics',
  'distribution',
  'lp',
  'limits',
  'blackwell',
  'interventions',
  'missing',
  'learn',
  'report/!(index|validate-report).ts',
  'plot/!(index|render-png).ts',
];
/**
 * Every file of the browser core, for the rule below: the core folders, the root files it builds on, and the
 * browser-safe files of data/ with their sub-barrels (`browser.ts`, see docs/design.md, Code layout).
 */
const BROWSER_SAFE_FILES = [
  ...BROWSER_CORE.map((entry) => (entry.endsWith('.ts') ? entry : `${entry}/**`)),
  'browser.ts',
  '{errors,numeric,rng,version,defaults,check-masses}.ts',
  'data/!(index).ts',
  'data/counts/!(index|read-counts).ts',
  'data/reference/!(index|data-dir|reference-files|reference-datasets|german|hsls).ts',
  '{data,report,plot}/browser.ts',
].map((entry) => `src/${entry}`);

/** Node's built-in modules, under both spellings (`fs`, `node:fs`), and the Node builds of packages. */
const NODE_BUILTIN = 'a Node built-in: the browser core runs in a page (docs/design.md, Browser core)';
const NODE_IMPORTS = {
  paths: [
    ...builtinModules.map((name) => ({ name, message: NODE_BUILTIN })),
    ...['csv-parse', 'csv-parse/sync', 'csv-parse/stream'].map((name) => ({
      name,
      message: 'the Node build of csv-parse: use csv-parse/browser/esm/sync in the browser core',
    })),
  ],
  patterns: [{ group: ['node:*'], message: NODE_BUILTIN }],
};

const browserZones = BROWSER_CORE.map((entry) => ({
  target: path(entry),
  from: NODE_ONLY.map(path),
  message:
    'a Node-only adapter: the browser core imports the browser-safe module itself (e.g. data/table.js)',
}));

export default [
  { ignores: ['dist/**', 'docs/api/**', 'node_modules/**', 'notebooks/**', 'web/**', 'artifacts/**'] },
  {
    files: ['src/**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones, ...browserZones] }],
    },
  },
  // The browser core imports no Node built-in (the esbuild test finds the same at bundle time, this at once).
  { files: BROWSER_SAFE_FILES, rules: { 'no-restricted-imports': ['error', NODE_IMPORTS] } },
];
