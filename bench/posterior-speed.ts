/**
 * Wall time of the default estimate (`fairlimit frontier FILE.csv` without named cells) at three sizes: raw Adult
 * (32 561 rows, 14 columns; header added, fnlwgt kept as a feature), 20 000 rows of 8 columns, and 1e6 rows of 8
 * columns (the learners fit on a 20 000-row sample, the cells count every row). Library call, as the CLI makes it.
 * Run: `nice -n 10 npx tsx bench/posterior-speed.ts [adult] [20k] [1m]`.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsvTable } from '../src/data/csv/read-csv-table.js';
import { referenceDataDir } from '../src/data/reference/data-dir.js';
import type { EncodedTable } from '../src/data/table.js';
import { mixturePopulation } from '../src/limits/estimate/mixture-population.js';
import { posteriorFrontier } from '../src/limits/estimate/posterior-frontier.js';
import { createRng } from '../src/rng.js';

const ADULT_HEADER =
  'age,workclass,fnlwgt,education,education_num,marital,occupation,relationship,race,sex,capital_gain,capital_loss,hours,country,income';

async function adult(): Promise<EncodedTable> {
  const raw = readFileSync(join(referenceDataDir(), 'adult', 'adult.data'), 'utf8');
  const file = join(mkdtempSync(join(tmpdir(), 'fairlimit-speed-')), 'adult.csv');
  const body = raw
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.replace(/, /g, ','));
  writeFileSync(file, `${ADULT_HEADER}\n${body.join('\n')}\n`);
  return (await readCsvTable(file, { group: 'sex', label: 'income' })).table;
}

function mixture(n: number): EncodedTable {
  // Two informative columns (three classes use both), six noise columns: 8 feature columns.
  return mixturePopulation({
    groupShare: [0.6, 0.4],
    classRate: [
      [0.55, 0.45],
      [0.7, 0.3],
    ],
    mean: [
      [
        [-0.9, 0],
        [0.9, 0],
      ],
      [
        [-0.5, 0],
        [0.5, 0],
      ],
    ],
    noiseColumns: 7,
  }).sample(n, createRng(1));
}

const cases: Record<string, () => Promise<EncodedTable>> = {
  adult,
  '20k': async () => mixture(20_000),
  '1m': async () => mixture(1_000_000),
};
const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(cases);
for (const name of names) {
  const table = await cases[name]();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const est = await posteriorFrontier(table, { alphas: [{ eo: 0 }, { eo: 0.05 }], seed: 1 });
  const used = process.cpuUsage(cpu);
  console.log(
    `${name}: ${table.nRows} rows x ${table.features.length} columns: ${((performance.now() - started) / 1000).toFixed(1)} s wall, ` +
      `${((used.user + used.system) / 1e6).toFixed(1)} s CPU; learners ${est.learnerOfFold.join(',')}; ` +
      est.points
        .map((p) => `[${p.lower.toFixed(4)}, ${p.estimate.toFixed(4)}, ${p.upper.toFixed(4)}]`)
        .join(' '),
  );
}
