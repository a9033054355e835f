/**
 * In-process CSV counting against embedded DuckDB (docs/scale.md, In-process reader): the same seeded synthetic
 * CSV (default 2 M rows, about 31 MB: age, income, education, region, sex, y), the same options (three features,
 * `income` in quantile bins), timed side by side in one run, each engine run `runs` times, alternating; the
 * distributions are compared bit for bit. DuckDB uses its default threads (2 on the reference machine).
 * Run: `nice -n 10 npx tsx bench/csv-reader.ts [--rows 2e6] [--runs 3]`. Prints a markdown table.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readCsvTable, type TableSpec } from '../src/data/index.js';
import { aggregateWithDuckDb } from '../src/data/duckdb/index.js';
import { distributionFromCellCounts, distributionFromTable } from '../src/distribution/index.js';
import { createRng, randomNormal } from '../src/rng.js';

const SPEC: TableSpec = {
  group: 'sex',
  label: 'y',
  features: ['age', 'income', 'region'],
  bins: { income: 'quantile:10' },
};

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
    const age = 17 + Math.floor(rng.next() * 73);
    const education = 1 + Math.floor(rng.next() * 16);
    const income = Math.exp(9 + 0.8 * randomNormal(rng) + 0.02 * education);
    const region = regions[Math.floor(rng.next() * regions.length)];
    const y = rng.next() < 1 / (1 + Math.exp(3 - 0.04 * (age - 17) - 0.15 * education)) ? 1 : 0;
    chunk.push(`${age},${income.toFixed(0)},${education},${region},${sex},${y}`);
    if (chunk.length === 100_000 || i === nRows - 1) {
      if (!out.write(`${chunk.join('\n')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk.length = 0;
    }
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return file;
}

const nRows = arg('--rows', 2e6);
const runs = arg('--runs', 3);
const dir = mkdtempSync(path.join(tmpdir(), 'fairlimit-csv-bench-'));
try {
  const file = await writeCsv(dir, nRows, 20231);
  const mb = statSync(file).size / 1e6;
  const inProcess = async () => distributionFromTable((await readCsvTable(file, SPEC)).table).distribution;
  const duckDb = async () => distributionFromCellCounts((await aggregateWithDuckDb(file, SPEC)).counts);
  const times: Record<'in-process' | 'duckdb', number[]> = { 'in-process': [], duckdb: [] };
  let same = true;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const a = await inProcess();
    const t1 = performance.now();
    const b = await duckDb();
    const t2 = performance.now();
    times['in-process'].push((t1 - t0) / 1000);
    times.duckdb.push((t2 - t1) / 1000);
    same &&= JSON.stringify(a) === JSON.stringify(b);
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const mIn = median(times['in-process']);
  const mDuck = median(times.duckdb);
  console.log(
    `${nRows} rows, ${mb.toFixed(1)} MB; features age, income (quantile:10), region; group sex; label y.`,
  );
  console.log(`Median of ${runs} alternating runs; distributions bit-identical: ${same}.\n`);
  console.log('| engine | median s | rows/s | runs (s) |\n|---|---|---|---|');
  for (const [name, m, xs] of [
    ['in-process', mIn, times['in-process']],
    ['duckdb', mDuck, times.duckdb],
  ] as const)
    console.log(
      `| ${name} | ${m.toFixed(2)} | ${Math.round(nRows / m).toLocaleString('en')} | ${xs.map((x) => x.toFixed(2)).join(', ')} |`,
    );
  console.log(`\nin-process / DuckDB: ${(mIn / mDuck).toFixed(2)}x`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
