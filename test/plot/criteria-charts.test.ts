import { type TopLevelSpec, compile } from 'vega-lite';
import { expect, test } from 'vitest';
import { syntheticTable } from '../../src/data/index.js';
import { distributionFromTable } from '../../src/distribution/index.js';
import { frontier } from '../../src/display/display-frontier.js';
import { sweepFrontier, sweepFrontierGrid } from '../../src/limits/index.js';
import { CRITERIA, CRITERION_KIND, type Criterion } from '../../src/metrics/index.js';
import {
  BOUND_SYMBOLS,
  MEASURE_AXIS_TITLES,
  OBJECTIVE_AXIS_TITLES,
  type VegaLiteSpec,
  renderSvg,
  reportSpec,
} from '../../src/plot/index.js';
import { frontierReport } from '../../src/report/index.js';

// Truth: vega-lite's own compiler and vega's renderer. Each family's curve and a grid of two new families must
// compile, carry the family's axis title (alpha, R or Z in words), the objective's y title, and render to an SVG
// whose text holds those titles.

const asTopLevel = (spec: VegaLiteSpec): TopLevelSpec => JSON.parse(JSON.stringify(spec)) as TopLevelSpec;

/** Every axis and legend title of a compiled vega spec. */
function titlesOf(spec: VegaLiteSpec): string[] {
  const vega = compile(asTopLevel(spec)).spec as unknown as Record<string, unknown>;
  const out: string[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      for (const key of ['axes', 'legends'])
        if (Array.isArray(o[key]))
          for (const a of o[key] as Record<string, unknown>[])
            if (typeof a.title === 'string') out.push(a.title);
      Object.values(o).forEach(walk);
    }
  };
  walk(vega);
  return out;
}

const table = syntheticTable({ seed: 13, nRows: 1500, nFeatures: 2, levels: 4 });
const d = distributionFromTable(table).distribution;
const BOUNDS: Readonly<Record<Criterion, readonly number[]>> = {
  sp: [0, 0.05, 0.2],
  eo: [0, 0.05, 0.2],
  oae: [0, 0.02, 0.1],
  tpr: [0, 0.05, 0.2],
  fpr: [0, 0.05, 0.2],
  errorRate: [0, 0.02, 0.1],
  spRatio: [1, 0.9, 0.8],
  tprRatio: [1, 0.9, 0.8],
  fprRatio: [1, 0.8, 0.6],
  groupLoss: [0.45, 0.5, 1],
};

test('one curve per criterion family compiles and renders with its axis titles', async () => {
  for (const c of CRITERIA) {
    const sweep = await sweepFrontier(d, { measure: c, alphas: BOUNDS[c] });
    const shown = await frontier(sweep, { chart: false });
    const spec = extractSpec(shown);
    const titles = titlesOf(spec);
    expect(titles, c).toContain(MEASURE_AXIS_TITLES[c]);
    expect(titles, c).toContain('accuracy');
    const svg = await renderSvg(spec);
    expect(svg).toContain(MEASURE_AXIS_TITLES[c].replace(/&/g, '&amp;'));
    // The table names the bound by its symbol (R for ratios, Z for group loss, alpha for differences).
    expect(JSON.stringify(shown)).toContain(BOUND_SYMBOLS[c]);
    expect(
      BOUND_SYMBOLS[c].startsWith(CRITERION_KIND[c] === 'ratio' ? 'R' : c === 'groupLoss' ? 'Z' : 'α'),
    ).toBe(true);
  }
}, 120_000);

test('a grid of two new families and a cost objective: heat map titles name both bounds and the objective', async () => {
  const grid = await sweepFrontierGrid(d, {
    x: { measure: 'tpr', alphas: [0, 0.1] },
    y: { measure: 'spRatio', alphas: [0.8, 1] },
    objective: {
      kind: 'cost',
      cost: [
        [0, 1],
        [3, 0],
      ],
    },
  });
  const shown = await frontier(grid, { chart: false });
  const spec = extractSpec(shown);
  const titles = titlesOf(spec);
  expect(titles).toEqual(
    expect.arrayContaining([
      MEASURE_AXIS_TITLES.tpr,
      MEASURE_AXIS_TITLES.spRatio,
      `FairFront (${OBJECTIVE_AXIS_TITLES.cost})`,
    ]),
  );
  // The cells hold the optimal cost, not the accuracy of the cost-optimal rule.
  const cells = (spec as { data: { values: { accuracy: number }[] } }).data.values;
  expect(cells.map((c) => c.accuracy)).toEqual(grid.points.flat().map((p) => p.value));
  expect(await renderSvg(spec)).toContain('expected cost');
});

test('a report along a ratio with balanced accuracy plots the objective value with its title', async () => {
  const report = await frontierReport(
    { table, source: { kind: 'memory', name: 't' } },
    { alphas: { tprRatio: [0.8, 0.9, 1] }, objective: { kind: 'balancedAccuracy' } },
  );
  const spec = reportSpec(report) as { layer: { data?: { values: { accuracy?: number }[] } }[] };
  const titles = titlesOf(spec);
  expect(titles).toEqual(expect.arrayContaining([MEASURE_AXIS_TITLES.tprRatio, 'balanced accuracy']));
  expect(spec.layer[0].data!.values.map((v) => v.accuracy)).toEqual(report.frontier.map((p) => p.value));
  // No Bayes-accuracy line on a balanced-accuracy axis.
  expect(JSON.stringify(spec)).not.toContain('Bayes accuracy');
});

/** The vega-lite spec inside a display bundle. */
function extractSpec(shown: unknown): VegaLiteSpec {
  const bundle = JSON.parse(JSON.stringify(shown)) as Record<string, unknown>;
  const find = (x: unknown): VegaLiteSpec | undefined => {
    if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (typeof o.$schema === 'string' && String(o.$schema).includes('vega-lite')) return o as VegaLiteSpec;
      for (const v of Object.values(o)) {
        const f = find(v);
        if (f) return f;
      }
    }
    return undefined;
  };
  const spec = find(bundle);
  if (!spec) throw new Error('no vega-lite spec in the display');
  return spec;
}
