import { InputError, describeValue } from './errors.js';
/**
 * Seeded pseudo-random numbers. There is no default seed and no use of Math.random: every random choice in
 * fairlimit is reproducible from the seed that the report records.
 *
 * Generator: xoshiro128** (Blackman and Vigna), seeded through splitmix32 so that nearby seeds give unrelated
 * streams. `fork(stream)` derives an independent generator for replicate `stream`, so results never depend on
 * the order in which replicates run.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** An independent generator for sub-task `stream` (a non-negative integer). */
  fork(stream: number): Rng;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

function xoshiro(seedWords: readonly number[]): Rng {
  const mix = splitmix32(seedWords.reduce((a, w, i) => (Math.imul(a ^ w, 0x27d4eb2d) + i) >>> 0, 0x1234567));
  let a = mix(),
    b = mix(),
    c = mix(),
    d = mix();
  if ((a | b | c | d) === 0) a = 1;
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  return {
    // 53 random bits: two draws, as in the reference double conversion.
    next: () => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992,
    fork: (stream: number) => xoshiro([...seedWords, 0x51ed270b, stream >>> 0]),
  };
}

/** A generator for `seed` (an integer; only its low 32 bits and sign-free value are used). */
export function createRng(seed: number): Rng {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0)
    throw new InputError(
      'E_BAD_OPTION',
      `seed must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}, got ${describeValue(seed)}`,
      { option: 'seed' },
    );
  return xoshiro([seed >>> 0, Math.floor(seed / 4294967296) >>> 0]);
}

/** Uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng.next() * n);
}

/** Standard normal draw (Box-Muller). */
export function randomNormal(rng: Rng): number {
  let u = rng.next();
  while (u <= 0) u = rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Fisher-Yates permutation of 0..n-1. */
export function permutation(rng: Rng, n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/** Row indices drawn with replacement. */
export function bootstrapRows(nRows: number, size: number, rng: Rng): Int32Array {
  const out = new Int32Array(size);
  for (let i = 0; i < size; i++) out[i] = randomInt(rng, nRows);
  return out;
}
