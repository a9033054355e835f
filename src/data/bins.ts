import { InputError } from '../errors.js';

/**
 * Per-column discretization (`--bins COL=SPEC`). Every numeric spec maps a value x to the number of edges <=
 * x, so edges e1 < ... < em give m + 1 right-open bins (-inf, e1), [e1, e2), ..., [em, inf):
 * `edges:20,25,...,70` gives the twelve age buckets of docs/design.md, Reference data sets: "<20, <25, ...,
 * <70, >=70".
 */
export type BinSpec =
  | { readonly kind: 'edges'; readonly edges: readonly number[] }
  | { readonly kind: 'quantile'; readonly count: number }
  | { readonly kind: 'uniform'; readonly count: number }
  | { readonly kind: 'categorical' };

/** A column's bins as applied: the spec and the edges actually used. */
export interface AppliedBins {
  readonly spec: BinSpec;
  readonly edges?: readonly number[];
}

/**
 * Most bins one column may have. Every bin multiplies the number of cells (LP columns), and `quantile:k`
 * builds k - 1 edges: a count in the millions cannot give a useful frontier and exhausts memory first.
 */
export const MAX_BIN_COUNT = 10_000;

/**
 * Spans up to this size go through the textbook formula min + (max - min) i / k; wider ones (near +-1.8e308,
 * where max - min overflows) through the convex combination (min / k)(k - i) + (max / k) i, which cannot.
 * The SQL emitter uses the same test and formulas, so both engines compute the same edges bit for bit.
 */
export const SAFE_SPAN = 1e300;

function positiveCount(text: string, spec: string, option: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(n) || n < 1)
    throw new InputError(
      'E_BAD_BINS',
      `the bin count in "${spec}" must be a positive integer, got "${text}"`,
      { option },
    );
  if (n > MAX_BIN_COUNT)
    throw new InputError(
      'E_BAD_BINS',
      `the bin count in "${spec}" is ${text}; at most ${MAX_BIN_COUNT} bins per column`,
      { option },
    );
  return n;
}

/**
 * Parses `edges:e1,e2,...`, `quantile:k`, `uniform:k` or `categorical`.
 * @throws InputError E_BAD_BINS (naming the option and the offending text)
 */
export function parseBinSpec(text: string, option = '--bins'): BinSpec {
  const t = text.trim();
  if (t === 'categorical') return { kind: 'categorical' };
  const colon = t.indexOf(':');
  const kind = colon < 0 ? t : t.slice(0, colon);
  const arg = colon < 0 ? '' : t.slice(colon + 1);
  if (kind === 'quantile' || kind === 'uniform') return { kind, count: positiveCount(arg, t, option) };
  if (kind === 'edges') {
    const parts = arg.split(',').map((p) => p.trim());
    if (parts.length >= MAX_BIN_COUNT)
      throw new InputError(
        'E_BAD_BINS',
        `"${t.slice(0, 40)}..." has ${parts.length} edges; at most ${MAX_BIN_COUNT - 1} (${MAX_BIN_COUNT} bins per column)`,
        { option },
      );
    const edges = parts.map((p) => {
      const v = Number(p);
      if (p === '' || !Number.isFinite(v))
        throw new InputError('E_BAD_BINS', `bin edge "${p}" in "${t}" is not a finite number`, { option });
      return v;
    });
    for (let i = 1; i < edges.length; i++)
      if (!(edges[i] > edges[i - 1]))
        throw new InputError(
          'E_BAD_BINS',
          `bin edges must increase strictly, got ${edges[i - 1]} then ${edges[i]}`,
          { option },
        );
    return { kind: 'edges', edges };
  }
  throw new InputError(
    'E_BAD_BINS',
    `unknown bin spec "${t}" (use edges:a,b,..., quantile:k, uniform:k or categorical)`,
    { option },
  );
}

/**
 * Parses `COL=SPEC` (the CLI form).
 * @throws InputError E_BAD_BINS
 */
export function parseColumnBins(text: string, option = '--bins'): { column: string; spec: BinSpec } {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new InputError('E_BAD_BINS', `a bin spec is COLUMN=SPEC, got "${text}"`, { option });
  return { column: text.slice(0, eq).trim(), spec: parseBinSpec(text.slice(eq + 1), option) };
}

/**
 * Bins in either form that users write: a record by column (`{ age: 'quantile:5' }` or `{ age: BinSpec }`, as
 * the library has always taken) or the command line's `COL=SPEC` strings (`['age=quantile:5']`, as the CLI and
 * the browser core take). One form everywhere would break one set of users; both are read the same way.
 */
export type BinsOption = Readonly<Record<string, BinSpec | string>> | readonly string[];

/**
 * The bins of either form by column, each spec parsed.
 * @throws InputError E_BAD_BINS (a bad spec, a column given twice, a value that is neither form)
 */
export function binsByColumn(bins: BinsOption | undefined, option = '--bins'): Map<string, BinSpec> {
  const out = new Map<string, BinSpec>();
  if (bins === undefined) return out;
  const add = (column: string, spec: BinSpec) => {
    if (out.has(column))
      throw new InputError('E_BAD_BINS', `bins for "${column}" are given twice`, { column, option });
    out.set(column, spec);
  };
  if (Array.isArray(bins)) {
    for (const text of bins as readonly unknown[]) {
      if (typeof text !== 'string')
        throw new InputError('E_BAD_BINS', `a bin spec is a "COLUMN=SPEC" string, got ${String(text)}`, {
          option,
        });
      const { column, spec } = parseColumnBins(text, option);
      add(column, spec);
    }
    return out;
  }
  if (typeof bins !== 'object' || bins === null)
    throw new InputError(
      'E_BAD_BINS',
      'bins are a record by column ({ age: "quantile:5" }) or a list of "COLUMN=SPEC" strings',
      { option },
    );
  for (const [column, b] of Object.entries(bins as Readonly<Record<string, BinSpec | string>>))
    add(column, typeof b === 'string' ? parseBinSpec(b, option) : b);
  return out;
}

/** The command line's `COL=SPEC` texts of bins in either form (specs given as text are kept as written). */
export function binTexts(bins: BinsOption | undefined): string[] {
  if (bins === undefined) return [];
  if (Array.isArray(bins)) return [...(bins as readonly string[])];
  return Object.entries(bins as Readonly<Record<string, BinSpec | string>>).map(
    ([column, b]) => `${column}=${typeof b === 'string' ? b : formatBinSpec(b)}`,
  );
}

/** A spec as its text: `edges:0,18,30`, `quantile:5`, `uniform:10`, `categorical`. */
export function formatBinSpec(spec: BinSpec): string {
  switch (spec.kind) {
    case 'edges':
      return `edges:${spec.edges.join(',')}`;
    case 'categorical':
      return 'categorical';
    default:
      return `${spec.kind}:${spec.count}`;
  }
}

/** Bin index of x: the number of edges <= x (binary search). */
export function binIndex(edges: readonly number[], x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Edges for `quantile:k` (inner quantiles i/k, i = 1..k-1, by linear interpolation between order statistics,
 * the "type 7" rule of R and numpy; repeated edges from ties collapse) or `uniform:k` (k equal-width bins
 * between the minimum and the maximum). `values` are finite.
 */
export function edgesFor(spec: BinSpec, values: Float64Array): number[] {
  if (spec.kind === 'edges') return [...spec.edges];
  if (spec.kind === 'categorical') return [];
  const sorted = Float64Array.from(values).sort();
  return edgesFromOrderStatistics(spec, sorted.length, (r) => sorted[r]);
}

/** The 0-based ranks of the order statistics that `quantile:k` edges of n values read (type 7). */
export function quantileRanks(k: number, n: number): number[] {
  const ranks = new Set<number>();
  for (let i = 1; i < k; i++) {
    const lo = Math.floor(((n - 1) * i) / k);
    ranks.add(lo).add(Math.min(n - 1, lo + 1));
  }
  return [...ranks].sort((a, b) => a - b);
}

/**
 * `edgesFor` from n values given by their order statistics (`at(r)`, 0-based; for `uniform` only ranks 0 and
 * n - 1 are read, for `quantile` the ranks of `quantileRanks`): so that an engine that returns a few order
 * statistics gets the edges of the same floating-point operations as the rows in memory.
 */
export function edgesFromOrderStatistics(
  spec: Extract<BinSpec, { kind: 'quantile' | 'uniform' }>,
  n: number,
  at: (rank: number) => number,
): number[] {
  const raw: number[] = [];
  const k = spec.count;
  if (spec.kind === 'uniform') {
    const min = at(0);
    const max = at(n - 1);
    const safe = max <= min + SAFE_SPAN;
    for (let i = 1; i < k; i++)
      raw.push(safe ? min + ((max - min) * i) / k : (min / k) * (k - i) + (max / k) * i);
  } else {
    for (let i = 1; i < k; i++) {
      const h = ((n - 1) * i) / k;
      const lo = Math.floor(h);
      const hi = Math.min(n - 1, lo + 1);
      const t = h - lo;
      const [a, b] = [at(lo), at(hi)];
      raw.push(b <= a + SAFE_SPAN ? a + t * (b - a) : a * (1 - t) + b * t);
    }
  }
  const out: number[] = [];
  for (const e of raw) if (out.length === 0 || e > out[out.length - 1]) out.push(e);
  return out;
}
