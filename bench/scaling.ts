/**
 * Scaling report (docs/scale.md): time and peak memory of (1) aggregation, in-process CSV vs embedded DuckDB,
 * for
 * 1e4..1e7 rows of a synthetic CSV generated here into a temporary directory (never committed), and (2) the LP,
 * an EO sweep of 21 alphas, for 1e3..1e5 cells (2 groups x 2 classes) plus 2e4 cells x 4 groups x 5 classes, on
 * worst-case instances (counts from a wide range, so no two cells share a posterior and nothing merges) and
 * realistic ones (integer counts of about 10 rows per cell, so many cells merge). Each measurement runs in its
 * own child process, so that its peak RSS (`process.resourceUsage().maxRSS`) is its own. Slopes are least-squares
 * fits of log(cost) on log(size).
 * Run: `npx tsx bench/scaling.ts [--max-rows 1e7] [--in-process-max-rows 1e6] [--max-cells 1e5]`.
 * Prints a markdown report on stdout (docs/scale.md holds the last run).
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { experimentFromMasses, certifiedBracket } from '../src/blackwell/index.js';
import { readCsvTable, type TableSpec } from '../src/data/index.js';
import { aggregateWithDuckDb } from '../src/data/duckdb/index.js';
import {
  distributionFromCellCounts,
  distributionFromTable,
  normalizeDistribution,
  type Distribution,
} from '../src/distribution/index.js';
import { SolverError } from '../src/errors.js';
import { sweepFrontier } from '../src/limits/index.js';
import { linspace } from '../src/numeric.js';
import { createRng, randomNormal, type Rng } from '../src/rng.js';

const SELF = fileURLToPath(import.meta.url);
const SPEC: TableSpec = {
  group: 'sex',
  label: 'y',
  features: ['age', 'income', 'education', 'region'],
  bins: { age: 'edges:20,25,30,35,40,45,50,55,60,65,70', income: 'quantile:10' },
};
const SWEEP_ALPHAS = linspace(0, 0.2, 21);
const LP_TIME_LIMIT_SECONDS = 600;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Writes `nRows` rows of the synthetic CSV (seeded) and returns its path. */
async function writeCsv(dir: string, nRows: number, seed: number): Promise<string> {
  const file = path.join(dir, `rows-${nRows}.csv`);
  const out = createWriteStream(file);
  const rng = createRng(seed);
  const regions = ['north', 'south', 'east', 'west', 'center', 'coast', 'hills', 'islands'];
  out.write('age,income,education,region,sex,y\n');
  const chunk: string[] = [];
  for (let i = 0; i < nRows; i++) {
    const sex = rng.next() < 0.45 ? 'F' : 'M';
    const age = 17 + rng.next() * 73;
    const education = 1 + Math.floor(rng.next() * 16);
    const income = Math.exp(10 + 0.8 * randomNormal(rng) + 0.02 * education);
    const region = regions[Math.floor(rng.next() * regions.length)];
    const z = -3 + 0.04 * (age - 17) + 0.15 * education + (sex === 'M' ? 0.5 : 0) + 0.3 * randomNormal(rng);
    const y = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    chunk.push(`${age.toFixed(1)},${income.toFixed(2)},${education},${region},${sex},${y}`);
    if (chunk.length === 100_000 || i === nRows - 1) {
      if (!out.write(`${chunk.join('\n')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk.length = 0;
    }
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return file;
}

/** A K x A x C distribution: `worst` draws every weight log-uniformly in [1, 1e6] (no merges), `realistic` drops
 * about 10 K rows on skewed cells, each row's (s, y) from a cell posterior (integer counts, many merges). */
function lpInstance(
  kind: 'worst' | 'realistic',
  nCells: number,
  nGroups: number,
  nClasses: number,
  rng: Rng,
): Distribution {
  const n = nCells * nGroups * nClasses;
  const w = new Float64Array(n);
  if (kind === 'worst') for (let i = 0; i < n; i++) w[i] = Math.exp(rng.next() * Math.log(1e6));
  else {
    const states = nGroups * nClasses;
    const bias = Float64Array.from({ length: states }, () => 0.5 + rng.next());
    for (let k = 0; k < nCells; k++) {
      const rows = 1 + Math.floor(-Math.log(1 - rng.next()) * 9); // exponential, mean about 10
      const tilt = randomNormal(rng);
      for (let r = 0; r < rows; r++) {
        let u = rng.next() * states;
        let t = 0;
        // p(t | cell) proportional to bias[t] * exp(tilt * t / states)
        const p = Array.from(bias, (b, j) => b * Math.exp((tilt * j) / states));
        const total = p.reduce((a, b) => a + b, 0);
        u = (u / states) * total;
        while (t < states - 1 && u > p[t]) u -= p[t++];
        w[k * states + t] += 1;
      }
    }
    // Every (group, label) pair needs mass: one row each in cell 0.
    for (let t = 0; t < states; t++) w[t] += 1;
  }
  return normalizeDistribution(
    {
      cellKeys: Array.from({ length: nCells }, (_, k) => `x=${k}`),
      groupNames: Array.from({ length: nGroups }, (_, s) => `g${s}`),
      classNames: Array.from({ length: nClasses }, (_, y) => `c${y}`),
      isGroupAware: false,
    },
    w,
    new Float64Array(0),
    n,
  );
}

interface Measurement {
  readonly ms: number;
  readonly maxRssMb: number;
  readonly [key: string]: unknown;
}

/** Runs one measurement in a child process; null when it failed or timed out. */
function measure(args: string[], timeoutSeconds: number): (Measurement & { error?: string }) | null {
  const r = spawnSync(
    process.execPath,
    [...process.execArgv, '--max-old-space-size=8192', SELF, 'child', ...args],
    {
      encoding: 'utf8',
      timeout: timeoutSeconds * 1000,
      maxBuffer: 1 << 24,
    },
  );
  const line = r.stdout?.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line)
    return {
      ms: Number.NaN,
      maxRssMb: Number.NaN,
      error: `${r.signal ?? `exit ${r.status}`}: ${(r.stderr ?? '').trim().split('\n').slice(-2).join(' ')}`,
    };
  return JSON.parse(line.slice(7)) as Measurement;
}

async function child(args: string[]): Promise<void> {
  const [what, ...rest] = args;
  const t0 = performance.now();
  let extra: Record<string, unknown> = {};
  if (what === 'agg') {
    const [engine, file] = rest;
    const d =
      engine === 'duckdb'
        ? distributionFromCellCounts((await aggregateWithDuckDb(file, SPEC)).counts)
        : distributionFromTable((await readCsvTable(file, SPEC)).table).distribution;
    extra = { nCells: d.nCells, nRows: d.nRows };
  } else if (what === 'lp') {
    const [kind, k, a, c, mode] = rest;
    const d = lpInstance(
      kind as 'worst' | 'realistic',
      Number(k),
      Number(a),
      Number(c),
      createRng(Number(k) + 7 * Number(a)),
    );
    const build = performance.now();
    const alphas = mode === 'sweep' ? SWEEP_ALPHAS : [0.05];
    try {
      const sweep = await sweepFrontier(d, {
        measure: 'eo',
        alphas,
        timeLimitSeconds: LP_TIME_LIMIT_SECONDS,
      });
      extra = {
        nLpCells: sweep.model.nLpCells,
        nNonzeros: sweep.model.nNonzeros,
        algorithm: sweep.model.algorithm,
        alphas: alphas.length,
        accuracyAt0: sweep.points[0].accuracy,
        maxGap: Math.max(...sweep.points.map((p) => p.dualBound - p.accuracy)),
        setupMs: build - t0,
      };
    } catch (e) {
      if (!(e instanceof SolverError)) throw e;
      // One LP too large: the certified bracket of docs/design.md (Blackwell, cuts and continuous features)
      // (quantized posteriors below, cuts above).
      const { experiment } = experimentFromMasses(d);
      const b = await certifiedBracket(experiment, { alpha: { eo: 0.05 }, levels: [4, 8, 16] });
      extra = {
        fallback: `certified bracket [${b.lower.toFixed(5)}, ${b.upper.toFixed(5)}] after ${e.code}`,
      };
    }
  }
  const ms = performance.now() - t0;
  console.log(`RESULT ${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, ...extra })}`);
}

/** Least-squares slope of log(y) on log(x). */
function slope(points: readonly [number, number][]): number {
  const p = points.filter(([x, y]) => x > 0 && y > 0 && Number.isFinite(y));
  if (p.length < 2) return Number.NaN;
  const lx = p.map(([x]) => Math.log(x));
  const ly = p.map(([, y]) => Math.log(y));
  const mx = lx.reduce((a, b) => a + b, 0) / p.length;
  const my = ly.reduce((a, b) => a + b, 0) / p.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < p.length; i++) {
    num += (lx[i] - mx) * (ly[i] - my);
    den += (lx[i] - mx) ** 2;
  }
  return num / den;
}

const fmt = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '—');

async function report(): Promise<void> {
  const maxRows = arg('--max-rows', 1e7);
  const inProcessMaxRows = arg('--in-process-max-rows', 1e6);
  const maxCells = arg('--max-cells', 1e5);
  const dir = mkdtempSync(path.join(tmpdir(), 'fairlimit-scaling-'));
  const out: string[] = [];
  const log = (s: string) => {
    out.push(s);
    console.log(s);
  };
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : 'all';
  try {
    if (only !== 'lp') {
      log(
        `## Aggregation (${SPEC.features!.join(', ')}; age edges, income quantile:10; group sex, label y)\n`,
      );
      log(
        '| rows | CSV MB | cells | DuckDB s | DuckDB peak RSS MB | in-process s | in-process peak RSS MB |',
      );
      log('|---:|---:|---:|---:|---:|---:|---:|');
      const duck: [number, number][] = [];
      const duckMem: [number, number][] = [];
      const inproc: [number, number][] = [];
      const inprocMem: [number, number][] = [];
      for (let n = 1e4; n <= maxRows; n *= 10) {
        const file = await writeCsv(dir, n, 42);
        const mb = statSync(file).size / 1e6;
        const d = measure(['agg', 'duckdb', file], 900);
        const p = n <= inProcessMaxRows ? measure(['agg', 'in-process', file], 900) : null;
        if (d && !d.error) {
          duck.push([n, d.ms]);
          duckMem.push([n, d.maxRssMb]);
        }
        if (p && !p.error) {
          inproc.push([n, p.ms]);
          inprocMem.push([n, p.maxRssMb]);
        }
        log(
          `| ${n.toExponential(0)} | ${fmt(mb, 1)} | ${d?.nCells ?? '—'} | ${d?.error ?? fmt(d!.ms / 1000)} | ${fmt(d?.maxRssMb ?? NaN, 0)} | ${p ? (p.error ?? fmt(p.ms / 1000)) : 'not run'} | ${fmt(p?.maxRssMb ?? NaN, 0)} |`,
        );
        rmSync(file);
      }
      log(
        `\nSlopes (log-log): DuckDB time ${fmt(slope(duck))}, memory ${fmt(slope(duckMem))}; in-process time ${fmt(slope(inproc))}, memory ${fmt(slope(inprocMem))}.\n`,
      );
    }
    if (only !== 'agg') {
      log(`## LP: EO sweep of ${SWEEP_ALPHAS.length} alphas in [0, 0.2] (one model, warm starts)\n`);
      log(
        '| instance | cells | groups x classes | LP cells after merging | nonzeros | algorithm | time s | peak RSS MB | note |',
      );
      log('|---|---:|---|---:|---:|---|---:|---:|---|');
      const series: Record<string, [number, number][]> = { worst: [], realistic: [] };
      const runs: [string, number, number, number, string][] = [];
      for (const kind of ['worst', 'realistic'])
        for (let k = 1e3; k <= maxCells; k *= 10) runs.push([kind, k, 2, 2, 'sweep']);
      runs.push(
        ['worst', 2e4, 4, 5, 'single'],
        ['realistic', 2e4, 4, 5, 'single'],
        ['realistic', 2e4, 4, 5, 'sweep'],
      );
      for (const [kind, k, a, c, mode] of runs) {
        const m = measure(['lp', kind, String(k), String(a), String(c), mode], 1800);
        if (m && !m.error && a === 2 && mode === 'sweep') series[kind].push([k, m.ms]);
        log(
          `| ${kind}${mode === 'single' ? ', one alpha (0.05)' : ''} | ${k.toExponential(0)} | ${a} x ${c} | ${m?.nLpCells ?? '—'} | ${m?.nNonzeros ?? '—'} | ${m?.algorithm ?? '—'} | ${m?.error ? '—' : fmt(m!.ms / 1000)} | ${fmt(m?.maxRssMb ?? NaN, 0)} | ${m?.error ?? m?.fallback ?? ''} |`,
        );
      }
      log(
        `\nSlopes (log-log, 2 x 2 sweeps): worst case ${fmt(slope(series.worst))}, realistic ${fmt(slope(series.realistic))}.`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') await child(process.argv.slice(3));
else await report();
