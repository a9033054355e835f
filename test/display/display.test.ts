import path from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { syntheticTable } from '../../src/data/index.js';
import { distributionFromTable } from '../../src/distribution/index.js';
import { JUPYTER_DISPLAY, VEGA_LITE_MIME, isDisplayable } from '../../src/display/mime-bundle.js';
import { benchmark, frontier, missing, show, table } from '../../src/display/index.js';
import { InputError } from '../../src/errors.js';
import type { BenchmarkPointV1, BenchmarkSectionV1 } from '../../src/report/index.js';
import { sweepFrontier, sweepFrontierGrid } from '../../src/limits/index.js';
import type { MissingStudy } from '../../src/missing/index.js';

const dist = distributionFromTable(
  syntheticTable({ seed: 5, nRows: 400, nGroups: 2, nClasses: 2, nFeatures: 2, levels: 3, groupShift: 0.7 }),
).distribution;
const alphas = [0, 0.05, 0.1, 0.3];

interface SpecLayer {
  readonly data?: { readonly values: Record<string, unknown>[] };
  readonly mark: string | { readonly type: string; readonly strokeDash?: number[] };
}
const layersOf = (spec: object): SpecLayer[] => (spec as { layer: SpecLayer[] }).layer;
/** The vega-lite data values of one layer (default the first: the curve or the points). */
const layerValues = (spec: object, layer = 0): Record<string, unknown>[] =>
  layersOf(spec)[layer].data?.values ?? [];
/** The data values of every layer drawn with `mark`. */
const valuesOf = (spec: object, mark: string): Record<string, unknown>[] =>
  layersOf(spec)
    .filter((l) => (typeof l.mark === 'string' ? l.mark : l.mark.type) === mark)
    .flatMap((l) => l.data?.values ?? []);

describe('frontier of a sweep', async () => {
  const sweep = await sweepFrontier(dist, { measure: 'eo', alphas });
  const shown = await frontier(sweep);

  test('implements the Jupyter display protocol with the four MIME types', () => {
    expect(isDisplayable(shown)).toBe(true);
    const bundle = shown[JUPYTER_DISPLAY]();
    expect(Object.keys(bundle).sort()).toEqual(
      [VEGA_LITE_MIME, 'image/svg+xml', 'text/html', 'text/plain'].sort(),
    );
    expect(bundle).toBe(shown.bundle);
    expect(Symbol.for('Jupyter.display')).toBe(JUPYTER_DISPLAY);
  });

  test('prints its text table when logged or converted to a string', () => {
    expect(inspect(shown)).toBe(shown.bundle['text/plain']);
    expect(String(shown)).toBe(shown.bundle['text/plain']);
  });

  test('tables every point with its accuracy to six decimals', () => {
    const text = shown.bundle['text/plain'];
    for (const p of sweep.points) expect(text).toContain(p.accuracy.toFixed(6));
    const html = shown.bundle['text/html'];
    expect(html.match(/<tr>/g)?.length).toBe(1 + sweep.points.length); // header + one row per alpha
  });

  test('the chart carries the sweep itself and the Bayes accuracy', () => {
    const spec = shown.bundle[VEGA_LITE_MIME] as object;
    expect(layerValues(spec).map((v) => [v.alpha, v.accuracy])).toEqual(
      sweep.points.map((p) => [p.alpha.eo, p.accuracy]),
    );
    expect(layerValues(spec, 1)[0].bayes).toBe(sweep.bayesAccuracy);
    expect((spec as { $schema: string }).$schema).toMatch(/vega-lite\/v5\.json$/);
  });

  test('the SVG is a rendered chart with the measure as axis title, inlined in the HTML', () => {
    const svg = shown.bundle['image/svg+xml']!;
    expect(svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    expect(svg).toContain('equalized odds tolerance α_EO');
    expect(shown.bundle['text/html']).toContain(svg);
  });
});

test('named sweeps overlay as series; different measures are refused', async () => {
  const eo = await sweepFrontier(dist, { measure: 'eo', alphas });
  const eoSp = await sweepFrontier(dist, { measure: 'eo', alphas, fixed: { sp: 0.02 } });
  const shown = await frontier({ 'EO only': eo, 'EO + SP': eoSp });
  const values = valuesOf(shown.bundle[VEGA_LITE_MIME] as object, 'line');
  expect(values.filter((v) => v.series === 'EO + SP').map((v) => v.accuracy)).toEqual(
    eoSp.points.map((p) => p.accuracy),
  );
  // Adding a constraint never raises the frontier.
  eo.points.forEach((p, i) => expect(eoSp.points[i].accuracy).toBeLessThanOrEqual(p.accuracy + 1e-9));
  const sp = await sweepFrontier(dist, { measure: 'sp', alphas });
  await expect(frontier({ eo, sp })).rejects.toMatchObject({ code: 'E_BAD_OPTION' });
});

test('a grid is drawn as a heat map with one labelled cell per alpha pair', async () => {
  const grid = await sweepFrontierGrid(dist, {
    x: { measure: 'sp', alphas: [0, 0.1] },
    y: { measure: 'eo', alphas: [0, 0.05, 0.2] },
  });
  const shown = await frontier(grid);
  const values = (
    shown.bundle[VEGA_LITE_MIME] as { data: { values: { x: number; y: number; accuracy: number }[] } }
  ).data.values;
  expect(values.length).toBe(6);
  expect(values.find((v) => v.x === 0.1 && v.y === 0.05)?.accuracy).toBe(grid.points[1][1].accuracy);
  expect(shown.bundle['text/plain']).toContain(grid.points[1][2].accuracy.toFixed(6));
});

test('table escapes HTML, formats numbers and refuses an empty table', () => {
  const t = table([{ name: '<b>&', value: 0.123456, n: 3 }], { title: 'T' });
  expect(t.bundle['text/html']).toContain('&lt;b&gt;&amp;');
  expect(t.bundle['text/html']).not.toContain('<b>&');
  expect(t.bundle['text/plain']).toContain('0.1235');
  expect(t.bundle['image/svg+xml']).toBeUndefined();
  expect(() => table([])).toThrow(InputError);
});

const summary = (mean: number, std = 0, n = 2) => ({ mean, std, n });

test('benchmark tables every point by model then gap, and draws each method as a curve with error bars', async () => {
  const point = (
    method: string,
    knob: number | null,
    accuracy: number,
    violation: number,
    frontierAccuracy: number,
  ): BenchmarkPointV1 => ({
    model: 'logit',
    method,
    knobName: knob === null ? null : 'alpha',
    knob,
    accuracy: summary(accuracy, 0.01),
    violations: { sp: summary(0.1), eo: summary(violation, 0.002), oae: summary(0.01) },
    brierScore: summary(0.2),
    frontierAccuracy,
    frontierDualBound: frontierAccuracy,
    gap: frontierAccuracy - accuracy,
    fullData: {
      accuracy,
      violations: { sp: 0.1, eo: violation, oae: 0.01 },
      frontierAccuracy,
      frontierDualBound: frontierAccuracy,
      gap: frontierAccuracy - accuracy,
    },
  });
  const section: BenchmarkSectionV1 = {
    dataset: 'toy<1>',
    measure: 'eo',
    protocol: 'paper',
    seed: 1,
    seeds: 2,
    shares: { evaluation: 0.3, postFit: 0.15 },
    isGroupAware: true,
    nCells: 10,
    models: ['logit'],
    methods: ['base', 'eqodds'],
    bayesAccuracy: 0.8,
    frontier: [
      { alpha: 0, accuracy: 0.7, dualBound: 0.7 },
      { alpha: 0.2, accuracy: 0.8, dualBound: 0.8 },
    ],
    points: [
      point('base', null, 0.75, 0.2, 0.8),
      point('eqodds', 0.05, 0.69, 0.01, 0.705),
      point('eqodds', 0, 0.68, 0.005, 0.7),
    ],
    skipped: [{ method: 'caleqodds', reason: 'binary only' }],
  };
  const shown = await benchmark(section);
  const lines = shown.bundle['text/plain'].split('\n');
  const rows = lines.filter((l) => l.startsWith('logit'));
  expect(rows.map((l) => l.split(/\s{2,}/)[1])).toEqual(['eqodds', 'eqodds', 'base']); // by gap: 0.015, 0.02, 0.05
  expect(rows[0]).toContain('0.6900 ± 0.0100');
  expect(rows[0]).toContain('0.0150');
  expect(shown.bundle['text/plain']).toContain('skipped caleqodds: binary only');
  expect(shown.bundle['text/html']).toContain('toy&lt;1&gt;');
  // One line per (model, method) through its knobs in knob order, at the mean violation and accuracy, with
  // ±1 std error bars on both axes.
  const spec = shown.bundle[VEGA_LITE_MIME] as object;
  const curves = layersOf(spec).filter((l) => typeof l.mark !== 'string' && l.mark.type === 'line');
  const methods = curves[1].data!.values;
  expect(methods.map((v) => [v.series, v.knob, v.violation, v.accuracy])).toEqual([
    ['logit base', '', 0.2, 0.75],
    ['logit eqodds', 'alpha = 0', 0.005, 0.68],
    ['logit eqodds', 'alpha = 0.05', 0.01, 0.69],
  ]);
  expect(methods.map((v) => [v.accuracyLow, v.accuracyHigh])).toEqual([
    [0.75 - 0.01, 0.75 + 0.01],
    [0.68 - 0.01, 0.68 + 0.01],
    [0.69 - 0.01, 0.69 + 0.01],
  ]);
  expect(curves[0].data!.values.map((v) => v.accuracy)).toEqual([0.7, 0.8]); // FairFront
});

test('missing study shows the complete curve and one mean curve per setting, and tables the drops', async () => {
  const study: MissingStudy = {
    source: 'toy',
    columns: ['x'],
    groupNames: ['a', 'b'],
    minorityGroup: 1,
    measure: 'eo',
    alphas: [0, 0.1],
    fixed: {},
    seed: 1,
    seeds: 2,
    isGroupAware: true,
    modes: 'fixed',
    complete: { accuracy: [0.7, 0.75], bayesAccuracy: 0.75, nCells: 8, nRows: 100 },
    settings: [
      {
        scenario: '10%/50%',
        mechanism: { kind: 'mcar', rateByGroup: [0.1, 0.5] },
        strategy: 'mode',
        failedRuns: 0,
        missingRate: [],
        addsCells: false,
        inSampleInflated: false,
        accuracy: [summary(0.6, 0.01), summary(0.65, 0.02)],
        drop: [summary(0.1, 0.01), summary(0.1, 0.02)],
        bayesAccuracy: summary(0.65),
        nCells: summary(6.5),
        nRows: summary(100),
      },
    ],
    runs: [],
    failures: [],
  };
  const shown = await missing(study);
  const spec = shown.bundle[VEGA_LITE_MIME] as object;
  expect(valuesOf(spec, 'line').map((v) => [v.series, v.alpha, v.accuracy])).toEqual([
    ['complete data', 0, 0.7],
    ['complete data', 0.1, 0.75],
    ['10%/50%', 0, 0.6],
    ['10%/50%', 0.1, 0.65],
  ]);
  // The complete data is the dashed reference; the setting is solid.
  expect(layersOf(spec).map((l) => (typeof l.mark === 'string' ? undefined : l.mark.strokeDash))).toEqual([
    [6, 4],
    undefined,
  ]);
  const row = shown.bundle['text/plain'].split('\n').find((l) => l.startsWith('10%/50%'))!;
  expect(row).toContain('0.1000 ± 0.0200');
  expect(row).toContain('6.5');
});

test('show refuses to run outside a tslab kernel, and refuses a promise', async () => {
  const t = table([{ a: 1 }]);
  expect(() => show(t)).toThrow(/tslab/);
  expect(() => show(Promise.resolve(t) as never)).toThrow(/promise/);
});

test('a tslab kernel process is recognized from its argv, and nothing else is', async () => {
  const { isTslabKernelProcess } = await import('../../src/display/tslab-kernel.js');
  const tslabBin = path.resolve(import.meta.dirname, '../../node_modules/.bin/tslab');
  expect(isTslabKernelProcess(['node', tslabBin, 'kernel', '--config-path', 'x.json'])).toBe(true);
  expect(isTslabKernelProcess(['node', tslabBin, 'install'])).toBe(false);
  expect(isTslabKernelProcess(process.argv)).toBe(false);
  expect(isTslabKernelProcess(['node'])).toBe(false);
});
