import { expect, test } from 'vitest';
import { syntheticTable } from '../../src/data/synthetic.js';
import {
  holdoutReplicates,
  interventions,
  paperReplicates,
  runBenchmark,
  type BenchmarkOptions,
  type BenchmarkResult,
  type Intervention,
} from '../../src/interventions/index.js';
import { learners } from '../../src/learn/index.js';
import { MEASURES } from '../../src/metrics/index.js';
import { createRng } from '../../src/rng.js';
import { tableLearner } from './stand-ins.js';

/** A point may exceed FairFront at its own violation by at most this (the LP's certified dual bound is used). */
const ABOVE_FRONTIER_TOL = 1e-9;

const table = syntheticTable({ seed: 31, nRows: 1200, nFeatures: 3, levels: 4 });
const every = Object.values(interventions) as Intervention[];
/** Two knob values per method: the first and last of its default sweep. */
const twoKnobs = Object.fromEntries(
  every.map((i) => [i.method, [i.defaultKnobs[0], i.defaultKnobs[i.defaultKnobs.length - 1]]]),
);

const base: BenchmarkOptions = {
  table,
  learners: { table: tableLearner },
  interventions: every,
  seed: 7,
  seeds: 2,
  knobs: twoKnobs,
};

/** The result without wall times (which differ between runs). */
function withoutTimes(r: BenchmarkResult): unknown {
  return JSON.parse(
    JSON.stringify(r, (key, value) =>
      key === 'timing' || key === 'fitMs' || key === 'lpMs' || key.endsWith('Ms') ? undefined : value,
    ),
  );
}

for (const protocol of ['paper', 'holdout'] as const)
  test(`${protocol} protocol: evaluated on every row, no point lies above the frontier at its violation`, async () => {
    const result = await runBenchmark({ ...base, protocol });
    expect(result.points.length).toBeGreaterThan(every.length);
    for (const p of result.points) {
      expect(p.fullData.accuracy).toBeLessThanOrEqual(p.fullData.frontierDualBound + ABOVE_FRONTIER_TOL);
      expect(p.fullData.gap).toBeGreaterThanOrEqual(-1e-7);
    }
    // Every method of the registry contributed points (none skipped on binary two-group data with EO).
    expect(result.skipped).toEqual([]);
    for (const i of every) expect(result.points.some((p) => p.method === i.method)).toBe(true);
  });

test('with the real base learners (logit, gbm) no point lies above the frontier either', async () => {
  const result = await runBenchmark({
    ...base,
    seeds: 1,
    learners: { logit: learners.logit(), gbm: learners.gbm({ nEstimators: 20 }) },
  });
  expect(result.models).toEqual(['logit', 'gbm']);
  for (const p of result.points)
    expect(p.fullData.accuracy).toBeLessThanOrEqual(p.fullData.frontierDualBound + ABOVE_FRONTIER_TOL);
});

test('the same seed gives the same results, another seed different ones', async () => {
  const a = await runBenchmark(base);
  const b = await runBenchmark(base);
  expect(withoutTimes(a)).toEqual(withoutTimes(b));
  const c = await runBenchmark({ ...base, seed: 8 });
  expect(withoutTimes(c)).not.toEqual(withoutTimes(a));
});

test('each point reports mean and std over the replicates, and the gap at its mean violation', async () => {
  const result = await runBenchmark({ ...base, seeds: 3, interventions: [], includeBase: true });
  const [p] = result.points;
  expect(p.method).toBe('base');
  expect(p.accuracy.n).toBe(3);
  expect(p.accuracy.std).toBeGreaterThan(0);
  for (const m of MEASURES) expect(p.violations[m].n).toBe(3);
  expect(p.gap).toBeCloseTo(p.frontierAccuracy - p.accuracy.mean, 15);
  // The frontier curve is non-decreasing in alpha and starts at alpha = 0.
  const curve = result.frontier.points;
  expect(curve[0].alpha).toBe(0);
  for (let i = 1; i < curve.length; i++)
    expect(curve[i].accuracy).toBeGreaterThanOrEqual(curve[i - 1].accuracy - 1e-9);
});

test('progress counts every fit once and ends at its total', async () => {
  const seen: number[] = [];
  let total = 0;
  await runBenchmark({ ...base, onProgress: (p) => (seen.push(p.done), (total = p.total)) });
  expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
});

test('methods that cannot serve the measure are skipped with a reason; Reduction serves OAE (error-rate parity)', async () => {
  const result = await runBenchmark({
    ...base,
    measure: 'oae',
    seeds: 1,
    interventions: [interventions.fairprojection!, interventions.reduction!],
  });
  expect(result.skipped).toEqual([{ method: 'fairprojection', reason: expect.stringContaining('oae') }]);
  expect(result.points.some((p) => p.method === 'reduction')).toBe(true);
});

test('paper replicates: 30% and 15% bootstraps; holdout replicates: disjoint splits covering every row', () => {
  const rng = createRng(1);
  const [paper] = paperReplicates(1000, 1, { evaluation: 0.3, postFit: 0.15 }, rng);
  expect(paper.trainRows.length).toBe(1000);
  expect(paper.evaluationRows.length).toBe(300);
  expect(paper.postFitRows.length).toBe(150);
  const [split] = holdoutReplicates(1000, 1, { train: 0.6, validation: 0.2 }, rng);
  const all = [...split.trainRows, ...split.postFitRows, ...split.evaluationRows].sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  expect(split.trainRows.length).toBe(600);
  expect(split.postFitRows.length).toBe(200);
});

test('refuses an unknown protocol and zero seeds, naming the option', async () => {
  await expect(runBenchmark({ ...base, protocol: 'bogus' as 'paper' })).rejects.toMatchObject({
    code: 'E_BAD_OPTION',
    where: { option: 'protocol' },
  });
  await expect(runBenchmark({ ...base, seeds: 0 })).rejects.toMatchObject({
    code: 'E_BAD_OPTION',
    where: { option: 'seeds' },
  });
});

test('paper protocol with postFitOnAllRows: every replicate fits post-processors on all rows', () => {
  const reps = paperReplicates(
    50,
    3,
    { evaluation: 0.3, postFit: 0.15, postFitOnAllRows: true },
    createRng(1),
  );
  for (const r of reps) expect(Array.from(r.postFitRows)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  const boot = paperReplicates(50, 3, { evaluation: 0.3, postFit: 0.2 }, createRng(1));
  for (const r of boot) expect(r.postFitRows.length).toBe(10);
});
