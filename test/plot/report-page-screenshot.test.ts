import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { runCli, tempDir } from '../cli/run-cli.js';
import { launchChromium } from '../helpers/chromium.js';

// The HTML report of a --folds run with two models, opened in Chromium at 1280 x 900 as a reader would: every
// legend entry is drawn with the symbol of its mark and a colour no other entry has, each colour is a mark's
// colour, both ends of each gap are drawn, and neither the figure nor the tables overflow the window.

const artifacts = resolve(import.meta.dirname, '../../artifacts');

interface LegendEntry {
  readonly label: string;
  readonly d: string;
  readonly stroke: string;
  readonly dash: string;
  readonly fillOpacity: string;
}

test('the --folds report page: legend symbols and colours match the marks, and the page fits 1280 px', async () => {
  const dir = tempDir();
  const html = join(dir, 'report.html');
  const r = await runCli([
    'demo',
    '--eo',
    '0:0.1:0.02',
    '--folds',
    '3',
    '--model',
    'logit=0.03:0.70',
    '--model',
    'forest=0.1:0.735',
    '--out',
    join(dir, 'report.json'),
    '--html',
    html,
    '--quiet',
  ]);
  expect(r.code).toBe(0);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    const svg = page.locator('figure.chart svg');
    const legend: LegendEntry[] = await svg.evaluate((root) =>
      Array.from(root.querySelectorAll('.role-legend-entry .role-scope > g > g')).map((g) => {
        const symbol = g.querySelector('.role-legend-symbol path')!;
        return {
          label: g.querySelector('.role-legend-label text')!.textContent!,
          d: symbol.getAttribute('d')!,
          stroke: symbol.getAttribute('stroke')!,
          dash: symbol.getAttribute('stroke-dasharray') ?? '',
          fillOpacity: symbol.getAttribute('fill-opacity') ?? '1',
        };
      }),
    );
    const byLabel = new Map(legend.map((e) => [e.label, e]));
    expect(legend.map((e) => e.label)).toEqual([
      'FairFront (exact LP, in sample)',
      'achievable held-out accuracy',
      'held-out accuracy of the fitted rule, at its held-out violation',
      'Bayes accuracy (no constraint)',
      'epistemic gap (up to FairFront at the model’s violation)',
      'held-out gap (to the achievable held-out accuracy at the model’s violation)',
      'logit',
      'forest',
    ]);
    // every entry its own colour
    expect(new Set(legend.map((e) => e.stroke)).size).toBe(legend.length);
    // the symbol of each mark: vega draws a 'stroke' as a horizontal segment, our gap symbol as a vertical one
    const horizontal = /^M-([\d.]+),0L\1,0$/;
    const vertical = /^M0,-([\d.]+)L0,\1$/;
    const kind = (e: LegendEntry) =>
      horizontal.test(e.d)
        ? e.dash
          ? 'dashed line'
          : 'line'
        : vertical.test(e.d)
          ? e.dash
            ? 'dashed segment'
            : 'segment'
          : /A/.test(e.d)
            ? 'circle'
            : /^M-([\d.]+),0L0,-\1L\1,0L0,\1Z$/.test(e.d)
              ? 'diamond'
              : e.d;
    expect(legend.map(kind)).toEqual([
      'line',
      'dashed line',
      'circle',
      'dashed line',
      'segment',
      'dashed segment',
      'diamond',
      'diamond',
    ]);
    for (const e of legend)
      if (kind(e).includes('line') || kind(e).includes('segment')) expect(e.fillOpacity).toBe('0');

    // each legend colour is the colour of the marks it explains
    const marks = await svg.evaluate((root) => {
      const colourOf = (el: Element) => el.getAttribute('stroke') ?? el.getAttribute('fill') ?? '';
      const of = (selector: string) => Array.from(root.querySelectorAll(selector)).map(colourOf);
      return {
        lines: of('.mark-line.role-mark path'),
        points: Array.from(root.querySelectorAll('.mark-symbol.role-mark path')).map((p) => ({
          fill: p.getAttribute('fill') ?? '',
          diamond: !/A/.test(p.getAttribute('d') ?? ''),
        })),
        rules: Array.from(root.querySelectorAll('.mark-rule.role-mark line')).map((l) => ({
          stroke: l.getAttribute('stroke') ?? '',
          dash: l.getAttribute('stroke-dasharray') ?? '',
          vertical: l.getAttribute('x2') === '0',
        })),
      };
    });
    const colour = (label: string) => byLabel.get(label)!.stroke;
    expect(marks.lines).toEqual([
      colour('FairFront (exact LP, in sample)'),
      colour('achievable held-out accuracy'),
    ]);
    const heldOutPoints = marks.points.filter(
      (p) => p.fill === colour('held-out accuracy of the fitted rule, at its held-out violation'),
    );
    expect(heldOutPoints.length).toBe(6); // one per alpha, at its held-out violation
    const diamonds = marks.points.filter((p) => p.diamond).map((p) => p.fill);
    expect(diamonds).toEqual([colour('logit'), colour('forest')]);
    // both ends of the gap bracket: a solid segment per model up to FairFront, a dashed one to the held-out curve
    const gaps = marks.rules.filter((l) => l.vertical);
    expect(
      gaps.filter((l) => l.stroke === colour('epistemic gap (up to FairFront at the model’s violation)'))
        .length,
    ).toBe(2);
    const heldOutGaps = gaps.filter(
      (l) =>
        l.stroke === colour('held-out gap (to the achievable held-out accuracy at the model’s violation)'),
    );
    expect(heldOutGaps.length).toBe(2);
    expect(heldOutGaps.every((l) => l.dash !== '')).toBe(true);

    // the figure fits one window; nothing on the page is wider than the window
    const box = (await svg.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(800);
    expect(box.height).toBeLessThanOrEqual(900);
    const plotArea = await svg.evaluate(
      (root) => root.querySelector('.role-frame path.background')!.getBoundingClientRect().width,
    );
    expect(plotArea / box.width).toBeGreaterThan(0.6); // the legend below the plot, not beside it
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    const tables = await page
      .locator('.table-box')
      .evaluateAll((boxes) => boxes.map((b) => ({ scroll: b.scrollWidth, client: b.clientWidth })));
    expect(tables.length).toBeGreaterThan(2);
    for (const t of tables) expect(t.scroll).toBeLessThanOrEqual(t.client); // the --folds table fits, no scrolling
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'report-page-folds.png'), fullPage: true });
  } finally {
    await browser.close();
  }
});
