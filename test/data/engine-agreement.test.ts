import { expect, test } from 'vitest';
import { CASES, type Outcome, ROWS, SPEC, file } from './malformed-fixtures.js';
import { type CsvOptions, type TableSpec, readCsvTable } from '../../src/data/index.js';
import { aggregateWithDuckDb } from '../../src/data/duckdb/index.js';
import { distributionFromCellCounts, distributionFromTable } from '../../src/distribution/index.js';
import { FairlimitError } from '../../src/errors.js';

/**
 * `--engine auto` picks the engine by file size, so both engines must treat every malformed input the same way:
 * the same error code, line and column. Each fixture runs through both with the same spec.
 */
async function outcome(run: () => Promise<unknown>): Promise<Outcome | 'ok'> {
  try {
    await run();
    return 'ok';
  } catch (e) {
    if (!(e instanceof FairlimitError)) throw e;
    return {
      code: e.code,
      ...(e.where?.line !== undefined ? { line: e.where.line } : {}),
      ...(e.where?.column !== undefined ? { column: e.where.column } : {}),
    };
  }
}

async function bothEngines(file: string, spec: TableSpec, options: CsvOptions = {}) {
  const inProcess = await outcome(async () =>
    distributionFromTable((await readCsvTable(file, spec, options)).table),
  );
  const duckdb = await outcome(async () =>
    distributionFromCellCounts((await aggregateWithDuckDb(file, spec, options)).counts),
  );
  return { inProcess, duckdb };
}

for (const c of CASES)
  test(`both engines refuse ${c.name} with the same code and place`, async () => {
    const { inProcess, duckdb } = await bothEngines(c.file(), c.spec ?? SPEC, c.options);
    expect(inProcess).toEqual(c.expected);
    expect(duckdb).toEqual(c.expected);
  });

test('both engines accept a duplicated header with identical values and give the same distribution', async () => {
  const f = file(
    'g,y,x,x',
    ROWS.map((r) => `${r},${r.split(',')[2]}`),
  );
  const spec = { ...SPEC, features: ['x'] };
  const a = distributionFromTable((await readCsvTable(f, spec)).table).distribution;
  const b = distributionFromCellCounts((await aggregateWithDuckDb(f, spec)).counts);
  expect(b.cellKeys).toEqual(a.cellKeys);
  expect(Array.from(b.mass)).toEqual(Array.from(a.mass));
});

test('uniform and quantile bins near +-1.8e308 give finite, increasing edges, and the same cells in both engines', async () => {
  const values = ['-1.7e308', '1.7e308', '0', '1e308', '-1e308', '5', '1.79e308', '-1.79e308'];
  const f = file(
    'g,y,x',
    values.flatMap((x, i) => [`a,${i % 2},${x}`, `b,${(i + 1) % 2},${x}`]),
  );
  for (const bins of ['uniform:4', 'uniform:7', 'quantile:3', 'quantile:5']) {
    const spec: TableSpec = { ...SPEC, bins: { x: bins } };
    const { table, summary } = await readCsvTable(f, spec);
    const edges = summary.features[0].edges!;
    expect(edges.length).toBeGreaterThan(0);
    for (const [i, e] of edges.entries()) {
      expect(Number.isFinite(e)).toBe(true);
      if (i > 0) expect(e).toBeGreaterThan(edges[i - 1]);
    }
    // uniform:k edges are min + (max - min) i / k in exact arithmetic: compare in units of the span.
    if (bins.startsWith('uniform')) {
      const k = Number(bins.split(':')[1]);
      edges.forEach((e, i) => expect(e / 1.79e308).toBeCloseTo(-1 + (2 * (i + 1)) / k, 12));
    }
    const a = distributionFromTable(table).distribution;
    const b = distributionFromCellCounts((await aggregateWithDuckDb(f, spec)).counts);
    expect(b.cellKeys).toEqual(a.cellKeys);
    expect(Array.from(b.mass)).toEqual(Array.from(a.mass));
  }
});

test('derived columns read the column the expression names, in both engines (a-b vs a_b, sum, e)', async () => {
  const f = file(
    'g,y,a-b,a_b,sum,e',
    Array.from(
      { length: 12 },
      (_, i) => `${i % 2 ? 'p' : 'q'},${(i >> 1) % 2},${100 + (i % 3)},${i % 4},${i % 5},${i % 2}`,
    ),
  );
  const spec: TableSpec = {
    ...SPEC,
    features: ['z', 'w'],
    derive: ['z = `a_b` * 10 + `a-b`', 'w = sum + `e`'],
  };
  const { table } = await readCsvTable(f, spec);
  // Independent truth: the formulas applied to the rows as written above.
  expect(Array.from(table.features[0])).toEqual(
    Array.from({ length: 12 }, (_, i) => (i % 4) * 10 + 100 + (i % 3)),
  );
  expect(Array.from(table.features[1])).toEqual(Array.from({ length: 12 }, (_, i) => (i % 5) + (i % 2)));
  const a = distributionFromTable(table).distribution;
  const b = distributionFromCellCounts((await aggregateWithDuckDb(f, spec)).counts);
  expect(b.cellKeys).toEqual(a.cellKeys);
  expect(Array.from(b.mass)).toEqual(Array.from(a.mass));
  // The bare, ambiguous name is refused by both.
  const ambiguous = await bothEngines(f, { ...spec, derive: ['z = a_b * 10', 'w = sum'] });
  expect(ambiguous.inProcess).toEqual({ code: 'E_BAD_EXPRESSION' });
  expect(ambiguous.duckdb).toEqual({ code: 'E_BAD_EXPRESSION' });
});
