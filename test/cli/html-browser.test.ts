import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { launchChromium, recordPage } from '../helpers/chromium.js';
import { runCli, tempDir } from './run-cli.js';

const artifacts = resolve(dirname(fileURLToPath(import.meta.url)), '../../artifacts');

test('the --html report renders offline in headless Chromium: an SVG chart with marks, no console errors', async () => {
  const dir = tempDir();
  const html = join(dir, 'report.html');
  const r = await runCli([
    'frontier',
    '--dataset',
    'compas',
    '--eo',
    '0:0.05:0.005',
    '--model',
    'logit=0.03:0.70',
    '--html',
    html,
    '--quiet',
  ]);
  expect(r.code).toBe(0);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const { problems, requests } = recordPage(page);
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    const chart = page.locator('figure.chart svg');
    await expect(chart.count()).resolves.toBe(1);
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(200);
    // vega's marks: the frontier line, its 11 points, the Bayes rule, the model's gap segment and diamond
    expect(await page.locator('figure.chart svg [aria-roledescription="line mark"]').count()).toBe(1);
    expect(await page.locator('figure.chart svg [aria-roledescription="point"]').count()).toBe(11 + 1);
    expect(await page.locator('figure.chart svg [aria-roledescription="rule mark"]').count()).toBe(2);
    expect(await page.locator('table').first().locator('tbody tr').count()).toBe(11);
    await expect(page.locator('h1').textContent()).resolves.toBe('Fairness limits: compas');
    expect(await page.locator('.warnings li').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]); // offline: no network at all
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'html-report.png'), fullPage: true });
    expect(existsSync(join(artifacts, 'html-report.png'))).toBe(true);
  } finally {
    await browser.close();
  }
});
