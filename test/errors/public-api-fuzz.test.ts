import fc from 'fast-check';
import { expect, test } from 'vitest';
import * as api from '../../src/index.js';
import { FairlimitError } from '../../src/errors.js';

/**
 * Every function the package exports, called as a hostile user would: null, undefined, wrong types, NaN,
 * Infinity, proxies, frozen objects, huge and sparse arrays and prototype keys, as the whole argument or as one
 * field of an otherwise valid options object. Each call must end in a coded FairlimitError or a result, never a
 * TypeError, a RangeError or a hang. Seeded and bounded (a few seconds).
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261208);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const sparse = (length: number) => {
  const a: number[] = [0];
  a.length = length;
  return a;
};
const trap = new Proxy(
  {},
  {
    get: (_t, key) => (key === 'then' ? undefined : Number.NaN),
    ownKeys: () => ['eo', 'group', 'label'],
    getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true, value: Number.NaN }),
  },
);
const protoKeys = JSON.parse('{"__proto__": 1, "constructor": 2, "toString": 3}');

const HOSTILE: readonly unknown[] = [
  null,
  undefined,
  Number.NaN,
  Infinity,
  -Infinity,
  -1,
  0,
  1e308,
  '',
  '0.05',
  'eo',
  true,
  Symbol('s'),
  10n,
  [],
  [Number.NaN],
  [0, undefined],
  sparse(1e9),
  new Float64Array(3),
  Object.freeze({ group: 'g', label: 'y' }),
  Object.freeze([]),
  trap,
  protoKeys,
  {},
  () => 1,
];

/** Exported functions (not classes, not namespaces). */
const functions = Object.entries(api).filter(
  ([name, f]) => typeof f === 'function' && !/^[A-Z]/.test(name),
) as [string, (...args: unknown[]) => unknown][];

/** Field names that public options objects use. */
const FIELDS = [
  'group',
  'label',
  'alpha',
  'alphas',
  'measure',
  'seed',
  'objective',
  'scores',
  'eo',
  'nRows',
  'constraint',
];

const callArb = fc.record({
  fn: fc.constantFrom(...functions),
  args: fc.array(
    fc.oneof(
      fc.constantFrom(...HOSTILE),
      fc
        .tuple(fc.constantFrom(...FIELDS), fc.constantFrom(...HOSTILE))
        .map(([k, v]) => ({ group: 'g', label: 'y', [k]: v })),
    ),
    { maxLength: 3 },
  ),
});

/** Why a call broke the contract, or undefined. */
async function violation(fn: (...args: unknown[]) => unknown, args: unknown[]): Promise<string | undefined> {
  try {
    const result = fn(...args);
    if (result instanceof Promise)
      await Promise.race([
        result,
        new Promise((_, reject) => setTimeout(() => reject(new Error('no answer in 5 s')), 5000)),
      ]);
  } catch (e) {
    if (e instanceof FairlimitError) return undefined;
    return `${(e as Error)?.name}: ${(e as Error)?.message}`;
  }
  return undefined;
}

test(`every exported function given hostile arguments ends in a coded error or a result (${RUNS} calls, seed ${SEED})`, async () => {
  const failures = new Map<string, string>();
  const calls = fc.sample(callArb, { seed: SEED, numRuns: RUNS });
  const elapsed = new Map<string, number>();
  for (const { fn, args } of calls) {
    const t0 = performance.now();
    const problem = await violation(fn[1], args);
    elapsed.set(fn[0], (elapsed.get(fn[0]) ?? 0) + performance.now() - t0);
    if (problem && !failures.has(fn[0]))
      failures.set(fn[0], `${problem} <- ${fc.stringify(args).slice(0, 200)}`);
  }
  if (process.env.FUZZ_DEBUG) console.log([...elapsed].sort((a, b) => b[1] - a[1]).slice(0, 8));
  expect(Object.fromEntries(failures)).toEqual({});
}, 60_000);
