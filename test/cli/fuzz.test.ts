import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { runCli } from './run-cli.js';
import { hasDist, spawnCli } from './spawn-cli.js';

/**
 * Property-based fuzzing of the real CLI, as a hostile new user would: generated CSV files (ragged, quoted, empty,
 * NaN, unicode, control characters, huge numbers, odd column names), option values and mathjs expressions, and
 * outputs into files, directories, missing folders and stdout. Every run must end with a known exit code, no stack
 * trace, a coded one-line error, and, when it fails, no file written or changed. Seeded and bounded; the
 * expression and bin sizes that exhaust memory are left to the data layer's own limits tests.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const IN_PROCESS_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

const NAMES = ['g', 'y', 'x', 'w', 'a-b', 'a_b', 'constructor', '__proto__', 'é', '', 'z z', '"q,r"', 'x'];
const WEIRD_CELLS = [
  '',
  'NA',
  'NaN',
  'nan',
  'Infinity',
  '-Infinity',
  '1e308',
  '-1e308',
  '1e309',
  '0x10',
  ' 3 ',
  '"a,b"',
  '"multi\nline"',
  '"say ""hi"""',
  '"unterminated',
  'é',
  '漢字',
  '👍',
  '\u001b]0;pwned\u0007',
  '\u009b2J',
  'constructor',
  '__proto__',
  'true',
  '3.5',
  '-0',
  '\t',
];

const cellArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 3 }).map(String) },
  { weight: 2, arbitrary: fc.constantFrom(...WEIRD_CELLS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);

/** A CSV: a header from NAMES (sometimes g,y,x), rows of cells, sometimes ragged or with a different delimiter. */
const csvArb = fc
  .record({
    header: fc.oneof(
      fc.constant(['g', 'y', 'x']),
      fc.constant(['g', 'y', 'x', 'w']),
      fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 5 }),
    ) as fc.Arbitrary<string[]>,
    nRows: fc.integer({ min: 0, max: 40 }),
    cells: fc.array(fc.array(cellArb, { minLength: 0, maxLength: 6 }), { minLength: 40, maxLength: 40 }),
    clean: fc.oneof(
      { weight: 3, arbitrary: fc.constant(true) },
      { weight: 2, arbitrary: fc.constant(false) },
    ),
    lineEnd: fc.constantFrom('\n', '\r\n', '\r'),
    bom: fc.boolean(),
  })
  .map(({ header, nRows, cells, clean, lineEnd, bom }) => {
    const rows = Array.from({ length: nRows }, (_, i) => {
      if (clean)
        // Mostly valid: groups a/b, labels 0/1, a small feature, positive weights.
        return header.map((h, j) =>
          h === 'g'
            ? i % 3 === 0
              ? 'b'
              : 'a'
            : h === 'y'
              ? String((i >> 1) % 2)
              : String((i * (j + 1)) % 4),
        );
      return cells[i].length > 0 ? cells[i] : header.map(() => '');
    });
    return (bom ? '\ufeff' : '') + [header, ...rows].map((r) => r.join(',')).join(lineEnd);
  });

const columnArb = fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 3 }));

/** mathjs expressions over the columns: arithmetic, comparison, logic, conditionals, a few functions. */
const exprArb: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(
      'x',
      'y',
      'a_b',
      '`a-b`',
      'g',
      'nope',
      '1',
      '0',
      '-1',
      '1e308',
      'NaN',
      '"a"',
      'true',
      'pi',
    ),
    fc
      .tuple(
        tie('expr'),
        fc.constantFrom('+', '-', '*', '/', '^', '%', '==', '!=', '<', '>=', 'and', 'or'),
        tie('expr'),
      )
      .map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc
      .tuple(fc.constantFrom('abs', 'sqrt', 'log', 'floor', 'max', 'min', 'isNaN', 'not'), tie('expr'))
      .map(([f, a]) => `${f}(${a})`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
    fc.constantFrom(
      'x +',
      '(((',
      'import("fs")',
      'x = 3',
      'f(x) = x',
      '[1,2]',
      '{a: 1}',
      'x.constructor',
      '',
    ),
  ),
})).expr;

/** Mostly valid, sometimes not: `good` seven times as often as `bad`. */
const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ weight: 7, arbitrary: good }, { weight: 1, arbitrary: bad });

const alphaArb = mostly(
  fc.oneof(
    fc.constantFrom('0', '0.05', '0,0.1', '0:0.1:0.05', '1'),
    fc.double({ min: 0, max: 1, noNaN: true }).map(String),
  ),
  fc.constantFrom('-1', '2', 'abc', '', '0:1:0.00001', '0:0.1', 'NaN', '1e-400', '0x1'),
);

const binsArb = mostly<[string, string]>(
  fc.tuple(fc.constant('x'), fc.constantFrom('quantile:2', 'uniform:3', 'edges:1,2', 'categorical')),
  fc.tuple(
    columnArb,
    fc.constantFrom('quantile:0', 'uniform:-1', 'edges:', 'bogus', 'edges:2,1', 'quantile:1.5'),
  ),
).map(([c, s]) => `${c}=${s}`);

/** The output a run asks for (paths relative to its directory; `-` is stdout). */
const outputArb = fc.record(
  {
    out: mostly(
      fc.constantFrom('r.json', 'existing.json', '-', 'r.md', 'r.csv'),
      fc.constantFrom('subdir', 'missing/r.json', ''),
    ),
    plot: mostly(fc.constantFrom('p.svg', 'p.png'), fc.constantFrom('p.txt', 'subdir', 'existing.json', '-')),
    html: mostly(fc.constant('r.html'), fc.constantFrom('subdir', 'missing/r.html', '-')),
    json: fc.constant(true),
  },
  { requiredKeys: [] },
);

const commandArb = fc.constantFrom(
  ['frontier'],
  ['frontier'],
  ['frontier'],
  ['frontier', '--method', 'bracket'],
  ['sql', '--dialect', 'duckdb'],
  ['missing', '--seeds', '1', '--rate-minor', '0.5'],
  ['benchmark', '--model', 'logit', '--methods', 'eqodds', '--seeds', '1'],
  ['demo'],
  ['check'],
  ['card'],
  ['apply'],
  ['apply'],
  ['frontier', '--export-classifier'],
);

/** A classifier for data.csv's g, y, x (x numeric, group-aware), valid or edited as a hostile user would. */
const CLASSIFIER = {
  kind: 'fairlimit-classifier',
  version: 1,
  source: { name: 'data.csv', distributionSha256: '0', nRows: 4 },
  encoding: {
    groupColumns: ['g'],
    labelColumn: 'y',
    isGroupAware: true,
    features: [{ name: 'x', encoding: 'numeric' }],
  },
  groups: ['a', 'b'],
  classes: ['0', '1'],
  point: { alpha: { eo: 0.1 }, objective: 'accuracy', value: 0.5, accuracy: 0.5, violations: { eo: 0 } },
  cells: { '[0,"a"]': [0.25, 0.75], '[1,"b"]': [1, 0] },
  fallback: { policy: 'group-average', byGroup: { a: [0.5, 0.5], b: [0.5, 0.5] }, overall: [0.5, 0.5] },
  seedPolicy: 'row i draws u_i',
};
const classifierTextArb = mostly(
  fc.constant(JSON.stringify(CLASSIFIER)),
  fc.oneof(
    fc.constantFrom(
      JSON.stringify({ ...CLASSIFIER, cells: { '[0,"a"]': [1.5, -0.5] } }),
      JSON.stringify({ ...CLASSIFIER, cells: { '[0,"a"]': null } }),
      JSON.stringify({ ...CLASSIFIER, classes: ['0'] }),
      JSON.stringify({ ...CLASSIFIER, version: 2 }),
      JSON.stringify({ ...CLASSIFIER, groups: ['__proto__', 'constructor'] }),
      JSON.stringify({ ...CLASSIFIER, fallback: { ...CLASSIFIER.fallback, byGroup: { a: [0.5, 0.5] } } }),
      JSON.stringify({ ...CLASSIFIER, encoding: { ...CLASSIFIER.encoding, features: [] } }),
      '{',
      '',
    ),
    fc.json({ maxDepth: 3 }),
  ),
);

/** Options of the demo: sizes and seeds, sometimes far out of range. */
const demoOptionArb = fc.tuple(
  fc.constantFrom('--rows', '--groups', '--classes', '--seed', '--bootstrap', '--folds', '--holdout'),
  mostly(
    fc.constantFrom('2', '3', '300'),
    fc.constantFrom('0', '-1', '1e12', '1000000000000', '0.5', 'x', '', '99999999999999999999', 'Infinity'),
  ),
);

/** The text of a report file given to check and card: JSON of any shape, garbage, or a truncated report. */
const reportTextArb = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.constantFrom('[]', 'null', '{}', '{"schemaVersion":1}', '{"schemaVersion":2}', '', '{', '\u0000'),
);

const caseArb = fc.record({
  csv: csvArb,
  command: commandArb,
  group: mostly(fc.constant('g'), columnArb),
  label: mostly(fc.constant('y'), columnArb),
  options: fc.array(
    fc.oneof(
      fc.tuple(fc.constant('--eo'), alphaArb),
      fc.tuple(fc.constant('--sp'), alphaArb),
      fc.tuple(fc.constant('--features'), mostly(fc.constant('x'), fc.oneof(fc.constant(''), columnArb))),
      fc.tuple(fc.constant('--weights'), mostly(fc.constant('w'), fc.constantFrom('x', 'g', 'nope', ''))),
      fc.tuple(fc.constant('--bins'), binsArb),
      fc.tuple(
        fc.constant('--derive'),
        exprArb.map((e) => `d = ${e}`),
      ),
      fc.tuple(fc.constant('--filter'), exprArb),
      fc.tuple(
        fc.constant('--classes'),
        mostly(fc.constantFrom('2', '3'), fc.constantFrom('1', '0', '1e9', 'x')),
      ),
      fc.tuple(
        fc.constant('--group-values'),
        mostly(fc.constant('a,b'), fc.constantFrom('b', 'a,,b', '', 'zz')),
      ),
      fc.tuple(
        fc.constant('--label-map'),
        mostly(fc.constantFrom('0=1', '1=0,0=1'), fc.constantFrom('=', 'a=b=c', '')),
      ),
      fc.tuple(fc.constant('--delimiter'), fc.constantFrom(',', ';', 'tab', '', ',,')),
      fc.tuple(
        fc.constant('--skip-rows'),
        mostly(fc.constant('0'), fc.constantFrom('1', '-1', '99999999999')),
      ),
      fc.tuple(fc.constant('--na-values'), fc.constantFrom('NA', 'x,', '')),
      fc.tuple(
        fc.constant('--time-limit'),
        mostly(fc.constant('10'), fc.constantFrom('0', '-1', 'Infinity', '1e9')),
      ),
      fc.tuple(
        fc.constant('--model'),
        mostly(fc.constant('m=0.1:0.7'), fc.constantFrom('m:0.1:0.7', '=0.1:0.7', 'm=2:0.5')),
      ),
      fc.tuple(
        fc.constantFrom('--tpr', '--error-rate', '--sp-ratio', '--tpr-ratio', '--group-loss'),
        alphaArb,
      ),
      fc.tuple(
        fc.constant('--objective'),
        mostly(
          fc.constantFrom('accuracy', 'balanced-accuracy', 'cost:FP=1,FN=2'),
          fc.constantFrom('nope', 'cost:FP=-1,FN=2', 'cost:', '', '__proto__'),
        ),
      ),
      fc.tuple(
        fc.constant('--scores'),
        mostly(fc.constant('x'), fc.oneof(fc.constantFrom('', 'x,x', 'g'), columnArb)),
      ),
      fc.constant(['--interval', '--seed', '1']),
      fc.tuple(fc.constant('--level'), fc.constantFrom('0.9', '0.9999999999999999', '1', '0', 'x')),
      fc.tuple(fc.constant('--counts'), fc.constantFrom('data.csv', 'nope.csv', '*.csv', '')),
      fc.tuple(fc.constant('--seed'), fc.constantFrom('1', '-1', '99999999999999999999', 'x')),
      fc.constant(['--drop-missing']),
      fc.constant(['--no-header']),
      fc.constant(['--group-blind']),
      fc.constant(['--quiet']),
    ),
    { maxLength: 3 },
  ),
  output: outputArb,
  demoOptions: fc.array(demoOptionArb, { maxLength: 2 }),
  report: reportTextArb,
  classifier: classifierTextArb,
  exportPath: mostly(
    fc.constantFrom('h.json', 'existing.json', '-'),
    fc.constantFrom('subdir', 'data.csv', 'r.json', 'missing/h.json', ''),
  ),
  exportAlpha: fc.option(fc.constantFrom('eo=0.1', 'eo=', 'eo=0,eo=0.1', '0.1', 'zz=1'), { nil: undefined }),
  checkOptions: fc.constantFrom(['--max-gap', '0.02'], ['--max-gap', 'x'], ['--max-gap', '-5'], []),
  cardOptions: fc.constantFrom(['--format', 'hf'], ['--format', 'mct'], ['--format', 'xx'], []),
});

type FuzzCase = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** Every file under `dir` with a hash of its contents (directories as entries too). */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        out.set(`${relative(dir, path)}/`, 'dir');
        walk(path);
      } else out.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

/** A fresh directory holding the case's CSV, an existing report and an empty subdirectory; and the argv. */
function prepare(c: FuzzCase): { dir: string; argv: string[]; outputs: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'fairlimit-fuzz-'));
  writeFileSync(join(dir, 'data.csv'), c.csv);
  writeFileSync(join(dir, 'existing.json'), 'OLD');
  mkdirSync(join(dir, 'subdir'));
  const at = (p: string) => (p === '-' ? '-' : join(dir, p));
  const outputs: string[] = [];
  const command = c.command[0];
  if (command === 'check' || command === 'card') {
    writeFileSync(join(dir, 'report.json'), c.report);
    const extra = command === 'check' ? c.checkOptions : c.cardOptions;
    const argv = [command, join(dir, 'report.json'), ...extra];
    if (command === 'card' && c.output.out !== undefined)
      (argv.push('--out', at(c.output.out)), outputs.push(c.output.out));
    return { dir, argv, outputs };
  }
  if (command === 'apply') {
    writeFileSync(join(dir, 'h.json'), c.classifier);
    const out = c.output.out ?? 'p.csv';
    const argv = ['apply', join(dir, 'h.json'), join(dir, 'data.csv'), '--out', at(out)];
    if (c.options.some(([flag]) => flag === '--seed'))
      argv.push(...c.options.find(([flag]) => flag === '--seed')!);
    return { dir, argv, outputs: [out] };
  }
  // Inputs named as outputs must be refused; `--counts data.csv` reads the fixture.
  const withPaths = c.options.map((o) => (o[0] === '--counts' && o[1] !== '' ? [o[0], join(dir, o[1])] : o));
  const argv =
    command === 'demo'
      ? ['demo', '--rows', '300', '--eo', '0,0.1', ...c.demoOptions.flat()]
      : command === 'frontier' && c.command[1] === '--export-classifier'
        ? [
            'frontier',
            join(dir, 'data.csv'),
            '--group',
            c.group,
            '--label',
            c.label,
            ...withPaths.flat(),
            '--export-classifier',
            at(c.exportPath),
            ...(c.exportAlpha !== undefined ? ['--export-alpha', c.exportAlpha] : []),
          ]
        : [...c.command, join(dir, 'data.csv'), '--group', c.group, '--label', c.label, ...withPaths.flat()];
  if (c.command[1] === '--export-classifier') outputs.push(c.exportPath);
  if (command !== 'sql') {
    if (c.output.out !== undefined) (argv.push('--out', at(c.output.out)), outputs.push(c.output.out));
    if (c.output.plot !== undefined) (argv.push('--plot', at(c.output.plot)), outputs.push(c.output.plot));
    if (c.output.html !== undefined) (argv.push('--html', at(c.output.html)), outputs.push(c.output.html));
    if (c.output.json) argv.push('--json');
  }
  return { dir, argv, outputs };
}

/** The CLI's contract on any input; returns a description of the first violation, or undefined. */
function violation(
  r: { code: number | null; stdout: string; stderr: string },
  before: Map<string, string>,
  after: Map<string, string>,
  outputs: readonly string[],
): string | undefined {
  if (r.code === null || ![0, 1, 2, 3, 4].includes(r.code)) return `exit code ${r.code}`;
  if (/^\s+at .+(:\d+:\d+\)?|<anonymous>\)?)$/m.test(r.stderr)) return 'a stack trace on stderr';
  if (/Aborted|Segmentation fault|FATAL ERROR|RangeError|TypeError/.test(r.stderr))
    return 'a native abort or raw JS error';
  if (/E_INTERNAL/.test(r.stderr)) return 'an internal error (a bug, not a refusal)';
  if (r.code !== 0 && !/^fairlimit: E_[A-Z_]+: \S/.test(r.stderr))
    return 'an error message not starting "fairlimit: E_"';
  if ([...after.keys()].some((k) => k.endsWith('.tmp'))) return 'a temporary file was left';
  if (r.code !== 0) {
    for (const [k, v] of before) if (after.get(k) !== v) return `failed run changed ${k}`;
    for (const k of after.keys()) if (!before.has(k)) return `failed run wrote ${k}`;
  } else {
    for (const [k, v] of before)
      if (after.get(k) !== v && !outputs.includes(k)) return `changed unrequested ${k}`;
    for (const k of after.keys()) if (!before.has(k) && !outputs.includes(k)) return `wrote unrequested ${k}`;
  }
  return undefined;
}

/** How the in-process runs ended (exit 0, or the error code), to check that the fuzzer reaches real work. */
const outcomes = new Map<string, number>();

test(`fuzz: ${IN_PROCESS_RUNS} generated CSVs, options and expressions keep the CLI's contract (in process, seed ${SEED})`, async () => {
  await fc.assert(
    fc.asyncProperty(caseArb, async (c) => {
      const { dir, argv, outputs } = prepare(c);
      const before = snapshot(dir);
      const r = await runCli(argv);
      const code = /^fairlimit: (E_[A-Z_]+)/.exec(r.stderr)?.[1] ?? `exit ${r.code}`;
      const option = /option (--[a-z-]+)\)/.exec(r.stderr)?.[1];
      const key = r.code === 0 ? 'ok' : option ? `${code} ${option}` : code;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      if (process.env.FUZZ_DEBUG && key.includes(process.env.FUZZ_DEBUG))
        console.log(r.stderr, JSON.stringify(argv));
      const problem = violation(r, before, snapshot(dir), outputs);
      if (problem)
        throw new Error(`${problem}\nargv: ${JSON.stringify(argv)}\nstderr: ${r.stderr.slice(0, 2000)}`);
    }),
    { seed: SEED, numRuns: IN_PROCESS_RUNS, endOnFailure: true },
  );
  console.log(JSON.stringify(Object.fromEntries([...outcomes].sort((a, b) => b[1] - a[1]))));
  // The generator must reach real work (a frontier, a query), not only refusals.
  expect(outcomes.get('ok') ?? 0).toBeGreaterThanOrEqual(IN_PROCESS_RUNS / 10);
}, 240_000);

test('fuzz: a few generated cases as real child processes give the same exit code as in process', async () => {
  expect(hasDist(), 'run `npm run build` first').toBe(true);
  const cases = fc.sample(caseArb, { seed: SEED + 1, numRuns: 2 });
  for (const c of cases) {
    const { dir, argv, outputs } = prepare(c);
    const before = snapshot(dir);
    const child = await spawnCli(argv);
    const problem = violation(child, before, snapshot(dir), outputs);
    expect(problem, `argv: ${JSON.stringify(argv)}\nstderr: ${child.stderr}`).toBeUndefined();
    const again = prepare(c);
    const inProcess = await runCli(again.argv);
    expect(child.code).toBe(inProcess.code);
  }
}, 240_000);
