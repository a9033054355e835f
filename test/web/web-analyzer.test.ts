/// <reference lib="dom" />
/**
 * The in-browser analyzer in real headless Chromium, opened from file://: the same numbers and the same JSON
 * bytes as `fairlimit frontier` (the in-process CLI is the independent truth), the CLI's error messages, cancel,
 * keyboard-only use, an axe-core accessibility check, and no request leaving the page.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { ReportV1 } from '../../src/report/report-types.js';
import { createRng } from '../../src/rng.js';
import { runCli, tempDir } from '../cli/run-cli.js';
import { userStyleCsv } from './user-style-csv.js';
import {
  DATA_DIR,
  type Session,
  framePoints,
  openAnalyzer,
  useBrowser,
  screenshot,
  waitForResult,
} from './web-harness.js';

const TOL = 1e-9;
const browser = useBrowser();
const dir = tempDir('fairlimit-web-');
const userCsv = join(dir, 'loans export.csv');
writeFileSync(userCsv, userStyleCsv(7, 3000));
/** The CLI arguments that read the user CSV as the page is set up: these groups and features, label Approved. */
const userCsvArgs = (group: string, features: string): string[] => [
  userCsv,
  '--group',
  group,
  '--label',
  'Approved',
  '--features',
  features,
];

/** The page must not have logged an error, thrown, or tried to reach the network. */
function expectClean(s: Session): void {
  expect(s.problems).toEqual([]);
  expect(s.refused).toEqual([]);
  expect(s.requests.filter((u) => !/^(file|blob|data):/.test(u))).toEqual([]);
}

async function loadFile(page: Page, file: string): Promise<void> {
  await page.setInputFiles('input[data-testid="csv-file"]', file);
  await page.waitForSelector('#form:not([hidden])', { timeout: 60_000 });
}

/** Unchecks every feature except `keep`. */
async function keepFeatures(page: Page, keep: readonly string[]): Promise<void> {
  await page.click('#features-none');
  for (const f of keep) await page.check(`input[data-testid="feature"][value="${f}"]`);
}

async function downloadText(page: Page, testid: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`[data-testid="${testid}"]`),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** The CLI's report on the page's cells: the page solves the exact LP on the chosen columns (`--estimate cells`). */
async function cliJson(argv: readonly string[]): Promise<string> {
  const r = await runCli(['frontier', ...argv, '--estimate', 'cells', '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

function expectSamePoints(
  points: Record<string, string>[],
  report: ReportV1,
  measures: readonly string[],
): void {
  expect(points).toHaveLength(report.frontier.length);
  points.forEach((p, i) => {
    const q = report.frontier[i];
    expect(Math.abs(Number(p.accuracy) - q.accuracy)).toBeLessThanOrEqual(TOL);
    for (const m of measures) expect(Number(p[m])).toBe(q.alpha[m as 'sp' | 'eo' | 'oae']);
  });
}

describe('user-style CSV (generated)', () => {
  test('an EO sweep with bins and a predictions column gives the CLI numbers to 1e-9 and the same JSON bytes', async () => {
    const s = await openAnalyzer(browser());
    const { page } = s;
    await loadFile(page, userCsv);
    await expect(page.locator('#file-status').textContent()).resolves.toContain('3000 rows, 9 columns');
    await page.selectOption('select[data-testid="group"]', 'Gender');
    await page.selectOption('select[data-testid="label"]', 'Approved');
    await page.selectOption('select[data-testid="predictions"]', 'Model A');
    await keepFeatures(page, ['Region', 'Age (years)', 'Prior defaults']);
    await page.fill('[data-testid="bins"]', 'Age (years)=edges:25,35,50,65');
    await page.fill('input[data-testid="eo"]', '0:0.1:0.02');
    await page.click('button[data-testid="run"]');
    await waitForResult(page);
    await expect(page.locator('[data-testid="error"]').isHidden()).resolves.toBe(true);
    const argv = [
      ...userCsvArgs('Gender', 'Region,Age (years),Prior defaults'),
      '--bins',
      'Age (years)=edges:25,35,50,65',
      '--predictions',
      'Model A',
      '--eo',
      '0:0.1:0.02',
    ];
    const json = await cliJson(argv);
    const report = JSON.parse(json) as ReportV1;
    expect(report.frontier).toHaveLength(6);
    const points = await framePoints(page);
    expectSamePoints(points, report, ['eo']);
    expect(points[0].sp).toBeUndefined(); // only constrained measures carry their alpha
    // the placed model and its gap
    const gaps = await page.$$eval('[data-testid="model-point"]', (rows) =>
      rows.map((r) => Number((r as HTMLElement).dataset.gap)),
    );
    expect(gaps).toHaveLength(1);
    expect(Math.abs(gaps[0] - report.models![0].gap)).toBeLessThanOrEqual(TOL);
    // the JSON report: the CLI's bytes
    const downloaded = await downloadText(page, 'download-json');
    expect(downloaded.name).toBe('loans export.fairlimit.json');
    expect(downloaded.text).toBe(json);
    // chart with one point per alpha and the model
    await expect(page.locator('#chart svg.marks').count()).resolves.toBe(1);
    // model cards and the HTML report download and name the data
    const md = await downloadText(page, 'download-md');
    expect(md.name).toBe('loans export.model-card.md');
    expect(md.text).toContain('## Fairness of Model A, against the limits of its data');
    const hf = await downloadText(page, 'download-hf');
    expect(hf.name).toBe('README.md'); // a Hub model repository's card file
    expect(hf.text).toMatch(
      /^---\nlicense: unknown\n[\s\S]*model-index:[\s\S]*\n---\n\n## Fairness of Model A/,
    );
    const mct = await downloadText(page, 'download-mct');
    expect(JSON.parse(mct.text).quantitative_analysis.performance_metrics.length).toBeGreaterThan(6);
    const html = await downloadText(page, 'download-html');
    expect(html.text).toContain('<h1>Fairness limits: loans export.csv</h1>');
    const svg = await downloadText(page, 'download-svg');
    expect(svg.text.startsWith('<svg')).toBe(true);
    await screenshot(page, 'web-user-csv.png');
    expectClean(s);
    await s.context.close();
  });

  test('an SP and OAE constraint with an intersectional group gives the CLI numbers, with data-sp and data-oae', async () => {
    const s = await openAnalyzer(browser());
    const { page } = s;
    await loadFile(page, userCsv);
    await page.selectOption('select[data-testid="group"]', ['Region', 'Gender']);
    await page.selectOption('select[data-testid="label"]', 'Approved');
    await keepFeatures(page, ['Age (years)', 'Prior defaults']);
    await page.fill('[data-testid="bins"]', 'Age (years)=quantile:4');
    await page.fill('input[data-testid="eo"]', '');
    await page.fill('input[data-testid="sp"]', '0:0.2:0.05');
    await page.fill('input[data-testid="oae"]', '0.1');
    await page.click('button[data-testid="run"]');
    await waitForResult(page);
    const report = JSON.parse(
      await cliJson([
        ...userCsvArgs('Region,Gender', 'Age (years),Prior defaults'),
        '--bins',
        'Age (years)=quantile:4',
        '--sp',
        '0:0.2:0.05',
        '--oae',
        '0.1',
      ]),
    ) as ReportV1;
    const points = await framePoints(page);
    expectSamePoints(points, report, ['sp', 'oae', 'eo']);
    expect(points.map((p) => p.oae)).toEqual(points.map(() => '0.1'));
    expectClean(s);
    await s.context.close();
  });
  test('held-out and bootstrap estimates, when asked, give the CLI JSON bytes', async () => {
    const s = await openAnalyzer(browser());
    const { page } = s;
    await loadFile(page, userCsv);
    await page.selectOption('select[data-testid="group"]', 'Gender');
    await page.selectOption('select[data-testid="label"]', 'Approved');
    await keepFeatures(page, ['Region', 'Prior defaults']);
    await page.fill('input[data-testid="eo"]', '0,0.05');
    await page.click('#more-constraints summary');
    await page.fill('#holdout', '0.3');
    await page.fill('#bootstrap', '5');
    await page.fill('#seed', '11');
    await page.click('button[data-testid="run"]');
    await waitForResult(page);
    await expect(page.locator('[data-testid="error"]').isHidden()).resolves.toBe(true);
    const json = await cliJson([
      ...userCsvArgs('Gender', 'Region,Prior defaults'),
      '--eo',
      '0,0.05',
      '--holdout',
      '0.3',
      '--bootstrap',
      '5',
      '--seed',
      '11',
    ]);
    expect((JSON.parse(json) as ReportV1).estimation).toBeDefined();
    expect((await downloadText(page, 'download-json')).text).toBe(json);
    // the estimation columns appear beside the exact ones
    expect(await page.locator('#frontier-table thead th').count()).toBeGreaterThan(8);
    expectClean(s);
    await s.context.close();
  });
});

describe('raw COMPAS file', () => {
  const compas = join(DATA_DIR, 'compas/compas-scores-two-years.csv');
  const present = existsSync(compas);
  if (!present) console.warn(`SKIPPED: the raw COMPAS test needs ${compas} (set FAIRLIMIT_DATA)`);
  test.runIf(present)(
    'race x is_recid on four features with filters gives the CLI numbers to 1e-9',
    async () => {
      const s = await openAnalyzer(browser());
      const { page } = s;
      await loadFile(page, compas);
      await expect(page.locator('#file-status').textContent()).resolves.toContain('7214 rows');
      await page.selectOption('select[data-testid="group"]', 'race');
      await page.selectOption('select[data-testid="label"]', 'is_recid');
      await keepFeatures(page, ['age_cat', 'c_charge_degree', 'sex', 'priors_count']);
      await page.fill('[data-testid="bins"]', 'priors_count=edges:1,2,4,8,16');
      await page.click('#more-data summary');
      await page.fill('#filter', 'is_recid != -1\nc_charge_degree != "O"');
      await page.fill('#group-values', 'African-American,Caucasian');
      await page.fill('input[data-testid="eo"]', '0:0.05:0.01');
      await page.click('button[data-testid="run"]');
      await waitForResult(page);
      const json = await cliJson([
        compas,
        '--group',
        'race',
        '--label',
        'is_recid',
        '--features',
        'sex,age_cat,priors_count,c_charge_degree', // the page lists features in the file's column order
        '--bins',
        'priors_count=edges:1,2,4,8,16',
        '--filter',
        'is_recid != -1',
        '--filter',
        'c_charge_degree != "O"',
        '--group-values',
        'African-American,Caucasian',
        '--eo',
        '0:0.05:0.01',
      ]);
      const report = JSON.parse(json) as ReportV1;
      expect(report.data.groups.map((g) => g.name)).toEqual(['African-American', 'Caucasian']);
      expectSamePoints(await framePoints(page), report, ['eo']);
      expect((await downloadText(page, 'download-json')).text).toBe(json);
      await screenshot(page, 'web-compas.png');
      expectClean(s);
      await s.context.close();
    },
  );
});

describe('bad input', () => {
  test('a ragged CSV shows the CLI message (code, line, file) and no results', async () => {
    const bad = join(dir, 'ragged.csv');
    writeFileSync(bad, 'g,y,x\na,0,1\nb,1\na,1,0\n');
    const cli = await runCli(['frontier', bad, '--group', 'g', '--label', 'y']);
    expect(cli.code).not.toBe(0);
    const expected = cli.stderr.trim().replace(`${dir}/`, '');
    expect(expected).toMatch(
      /^fairlimit: E_RAGGED_LINE: line has 2 fields, expected 3 \(file ragged\.csv, line 3\)$/,
    );
    const s = await openAnalyzer(browser());
    const { page } = s;
    await page.setInputFiles('input[data-testid="csv-file"]', bad);
    await page.waitForSelector('[data-testid="error"]:not([hidden])');
    await expect(page.locator('[data-testid="error"]').textContent()).resolves.toBe(expected);
    await expect(page.locator('[data-testid="frontier-point"]').count()).resolves.toBe(0);
    await screenshot(page, 'web-bad-csv.png');
    expect(s.refused).toEqual([]);
    expect(s.problems).toEqual([]);
    await s.context.close();
  });

  test('a bad alpha and a bad bin spec show the CLI messages', async () => {
    const s = await openAnalyzer(browser());
    const { page } = s;
    await loadFile(page, userCsv);
    await page.selectOption('select[data-testid="group"]', 'Gender');
    await page.selectOption('select[data-testid="label"]', 'Approved');
    for (const [field, value, argv] of [
      ['input[data-testid="eo"]', '0:1:0', ['--eo', '0:1:0']],
      ['[data-testid="bins"]', 'Score=quantile:zero', ['--bins', 'Score=quantile:zero']],
    ] as const) {
      await page.fill(field, value);
      await page.click('button[data-testid="run"]');
      await page.waitForSelector('[data-testid="error"]:not([hidden])');
      const cli = await runCli(['frontier', userCsv, '--group', 'Gender', '--label', 'Approved', ...argv]);
      expect(cli.code).not.toBe(0);
      // the CLI's code and message; where the CLI names its option, the page names its own control
      await expect(page.locator('[data-testid="error"]').textContent()).resolves.toBe(
        cli.stderr
          .trim()
          .replace(`${dir}/`, '')
          .replace('(option --bins)', '(the "Bins" field)')
          .replace('(option --eo)', '(the "Equalized odds" field)'),
      );
      await page.fill(field, field.includes('eo') ? '0:0.1:0.01' : '');
    }
    expect(s.refused).toEqual([]);
    await s.context.close();
  });
});

describe('interaction', () => {
  test('cancel stops a long sweep, keeps the page usable, and a new run then succeeds', async () => {
    const s = await openAnalyzer(browser());
    const { page } = s;
    await loadFile(page, userCsv);
    await page.selectOption('select[data-testid="group"]', 'Region');
    await page.selectOption('select[data-testid="label"]', 'Approved');
    // Income and Score make nearly every row its own cell: 5001 LPs on about 3000 cells, long enough to cancel
    await keepFeatures(page, ['Age (years)', 'Gender', 'Income k€', 'Score']);
    await page.fill('input[data-testid="eo"]', '0:1:0.0002');
    await page.click('button[data-testid="run"]');
    await page.waitForFunction(() =>
      document.getElementById('run-status')!.textContent!.startsWith('Solving'),
    );
    // the page still answers while the worker solves
    await page.click('#more-constraints summary');
    await expect(page.locator('#models').isVisible()).resolves.toBe(true);
    await page.click('[data-testid="cancel"]');
    await expect(page.locator('#run-status').textContent()).resolves.toBe('Cancelled.');
    await expect(page.locator('button[data-testid="run"]').isEnabled()).resolves.toBe(true);
    await expect(page.locator('[data-testid="frontier-point"]').count()).resolves.toBe(0);
    await page.fill('input[data-testid="eo"]', '0,0.05');
    await page.click('button[data-testid="run"]');
    await waitForResult(page);
    await expect(page.locator('[data-testid="frontier-point"]').count()).resolves.toBe(2);
    expectClean(s);
    await s.context.close();
  });

  test('keyboard only: choose a file, the roles and the alphas, run, and reach the results', async () => {
    const s = await openAnalyzer(browser());
    const { page } = s;
    /** Presses Tab until the element matching `selector` has the focus (fails after 80 presses). */
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 80; i++) {
        if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    await tabTo('input[data-testid="csv-file"]');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
    await chooser.setFiles(userCsv);
    await page.waitForSelector('#form:not([hidden])');
    await tabTo('select[data-testid="group"]');
    await page.keyboard.type('Gender');
    await tabTo('select[data-testid="label"]');
    await page.keyboard.type('Approved');
    await tabTo('input[data-testid="eo"]');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0,0.1');
    await tabTo('button[data-testid="run"]');
    await page.keyboard.press('Enter');
    await waitForResult(page);
    await expect(page.locator('select[data-testid="group"]').inputValue()).resolves.toBe('Gender');
    await expect(page.locator('select[data-testid="label"]').inputValue()).resolves.toBe('Approved');
    await expect(page.locator('[data-testid="frontier-point"]').count()).resolves.toBe(2);
    // the focus moves to the results, and a download is reachable with Tab and Enter
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('results');
    await tabTo('[data-testid="download-json"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('loans export.fairlimit.json');
    await screenshot(page, 'web-keyboard.png');
    expectClean(s);
    await s.context.close();
  });

  test('axe-core finds no serious or critical accessibility violation, before and after a run', async () => {
    const s = await openAnalyzer(browser());
    const { page } = s;
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const audit = async () => {
      // evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run(
                context: Document,
                options: object,
              ): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
            };
          }
        ).axe;
        const r = await axe.run(document, { preload: false }); // no fetch of the page's own CSS
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
      });
      return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    };
    await expect(audit()).resolves.toEqual([]);
    await loadFile(page, userCsv);
    await page.selectOption('select[data-testid="group"]', 'Gender');
    await page.selectOption('select[data-testid="label"]', 'Approved');
    await page.selectOption('select[data-testid="predictions"]', 'Model A');
    await keepFeatures(page, ['Region', 'Prior defaults']);
    await page.click('button[data-testid="run"]');
    await waitForResult(page);
    await expect(audit()).resolves.toEqual([]);
    expectClean(s);
    await s.context.close();
  });
});

describe('static host and embedding', () => {
  const HOST = 'https://static.fairlimit.test';
  const distDir = join(dirname(fileURLToPath(import.meta.url)), '../../web/dist');
  const EMBED_PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>embed</title></head><body>
<script type="module">
import { analyzeCsv, modelCard } from './fairlimit-core.js';
window.analyze = async (text, name, options) => {
  const { report, json } = await analyzeCsv(new File([text], name), options);
  return { json, card: modelCard(report, 'md') };
};
window.ready = true;
</script></body></html>`;

  /** A context whose only host is a fake static server answered from web/dist (nothing goes out). */
  async function staticHost() {
    const context = await browser().newContext({ acceptDownloads: true });
    const refused: string[] = [];
    const problems: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${HOST}/`)) {
        const path = new URL(url).pathname.slice(1);
        if (path === 'embed.html') return route.fulfill({ body: EMBED_PAGE, contentType: 'text/html' });
        const file = join(distDir, path);
        if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
        const type = path.endsWith('.js')
          ? 'text/javascript'
          : path.endsWith('.css')
            ? 'text/css'
            : 'text/html';
        return route.fulfill({ body: readFileSync(file), contentType: type });
      }
      if (/^(blob|data):/.test(url)) return route.continue();
      refused.push(url);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    return { context, page, refused, problems };
  }

  test('the page served over https from a static host gives the CLI numbers', async () => {
    const { context, page, refused, problems } = await staticHost();
    await page.goto(`${HOST}/index.html`);
    await loadFile(page, userCsv);
    await page.selectOption('select[data-testid="group"]', 'Region');
    await page.selectOption('select[data-testid="label"]', 'Approved');
    await keepFeatures(page, ['Gender', 'Prior defaults']);
    await page.fill('input[data-testid="eo"]', '0,0.03');
    await page.click('button[data-testid="run"]');
    await waitForResult(page);
    const report = JSON.parse(
      await cliJson([...userCsvArgs('Region', 'Gender,Prior defaults'), '--eo', '0,0.03']),
    ) as ReportV1;
    expectSamePoints(await framePoints(page), report, ['eo']);
    expect(refused).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('fairlimit-core.js imported as an ES module by another page returns the CLI JSON bytes and a card', async () => {
    const { context, page, refused, problems } = await staticHost();
    await page.goto(`${HOST}/embed.html`);
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    const text = readFileSync(userCsv, 'utf8');
    const options = {
      group: 'Gender',
      label: 'Approved',
      features: 'Region,Prior defaults',
      eo: '0:0.1:0.05',
    };
    const out = await page.evaluate(
      ([t, o]) =>
        (
          window as unknown as {
            analyze(t: string, n: string, o: object): Promise<{ json: string; card: string }>;
          }
        ).analyze(t as string, 'loans export.csv', o as object),
      [text, options] as const,
    );
    const json = await cliJson([...userCsvArgs('Gender', 'Region,Prior defaults'), '--eo', '0:0.1:0.05']);
    expect(out.json).toBe(json);
    expect(out.card).toMatch(/^## Fairness limits of the data: /);
    expect(refused).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

// ---- input a newcomer drops on the page: a binary file renamed .csv, a file without a header (declared and its
// columns named, as --no-header --columns), repeated column names, and hints naming the page's own controls.

const errorText = (page: Page) => page.locator('[data-testid="error"]').textContent();
const loaded = (page: Page) => page.waitForSelector('#form:not([hidden])', { timeout: 60_000 });

describe('input a newcomer drops', () => {
  test('a binary file renamed .csv gives a short clean error and the page keeps its width', async () => {
    const rng = createRng(3);
    const bytes = Uint8Array.from({ length: 64 * 1024 }, () => Math.floor(rng.next() * 256));
    const file = join(dir, 'photo.csv');
    writeFileSync(file, bytes);
    const s = await openAnalyzer(browser());
    const { page } = s;
    await page.setInputFiles('input[data-testid="csv-file"]', file);
    await page.waitForSelector('[data-testid="error"]:not([hidden])', { timeout: 60_000 });
    const text = (await errorText(page))!;
    expect(text).toMatch(/^fairlimit: E_[A-Z_]+: /);
    expect(text).toContain('this does not look like a text (CSV) file');
    expect(text.length).toBeLessThanOrEqual(400);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(text).not.toMatch(/\ufffd\ufffd/); // runs of unreadable bytes collapse to one mark
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(1200); // the viewport: no horizontal stretch
    await screenshot(page, 'web-binary-file.png');
    await s.context.close();
  });

  test('a file without a header is declared and its columns named, and gives the CLI bytes of --no-header --columns', async () => {
    const rng = createRng(11);
    const rows = Array.from({ length: 600 }, () => {
      const g = rng.next() < 0.4 ? 'b' : 'a';
      const x = Math.floor(rng.next() * 4);
      const y = rng.next() < 0.2 + 0.15 * x + (g === 'a' ? 0.1 : 0) ? 1 : 0;
      return `${g},${x},${y}`;
    });
    const file = join(dir, 'no header.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const s = await openAnalyzer(browser());
    const { page } = s;
    await page.setInputFiles('input[data-testid="csv-file"]', file);
    await loaded(page);
    await page.click('#csv-options summary');
    await page.check('[data-testid="no-header"]');
    await page.fill('[data-testid="column-names"]', 'group,x,outcome');
    await page.locator('[data-testid="column-names"]').dispatchEvent('change');
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll<HTMLOptionElement>('#group option')).some(
        (o) => o.value === 'group',
      ),
    );
    const names = await page.$$eval('#group option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(names).toEqual(['group', 'x', 'outcome']);
    await expect(page.locator('#file-status').textContent()).resolves.toContain('600 rows');
    await page.selectOption('select[data-testid="group"]', 'group');
    await page.selectOption('select[data-testid="label"]', 'outcome');
    await page.fill('input[data-testid="eo"]', '0,0.05,0.1');
    await page.click('button[data-testid="run"]');
    await waitForResult(page);
    await expect(page.locator('#command-text').textContent()).resolves.toContain(
      '--no-header --columns group,x,outcome',
    );
    const cli = await runCli([
      'frontier',
      file,
      '--no-header',
      '--columns',
      'group,x,outcome',
      '--group',
      'group',
      '--label',
      'outcome',
      '--eo',
      '0,0.05,0.1',
      '--estimate',
      'cells', // the page solves the exact LP on the chosen columns
      '--json',
    ]);
    expect(cli.code).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="download-json"]'),
    ]);
    expect(readFileSync((await download.path())!, 'utf8')).toBe(cli.stdout);
    expect(s.problems).toEqual([]);
    await s.context.close();
  });

  test('repeated column names are marked, and only the first one can be chosen as a feature', async () => {
    const file = join(dir, 'twice.csv');
    writeFileSync(file, 'g,score,y,score\na,1,0,1\nb,2,1,2\na,3,1,3\nb,1,0,1\n');
    const s = await openAnalyzer(browser());
    const { page } = s;
    await page.setInputFiles('input[data-testid="csv-file"]', file);
    await loaded(page);
    const labels = await page.$$eval('#label option', (os) => os.map((o) => o.textContent ?? ''));
    expect(labels.filter((l) => l.startsWith('score'))).toEqual([
      'score (numbers, 3 values) [1st of 2 columns named score]',
      'score (numbers, 3 values) [2nd of 2 columns named score; the first is used]',
    ]);
    const boxes = await page.$$eval('input[data-testid="feature"]', (bs) =>
      bs.map((b) => ({
        value: (b as HTMLInputElement).value,
        disabled: (b as HTMLInputElement).disabled,
        text: b.parentElement!.textContent!.trim(),
      })),
    );
    expect(boxes.filter((b) => b.value === 'score')).toEqual([
      { value: 'score', disabled: false, text: 'score' },
      { value: 'score', disabled: true, text: 'score (repeated name)' },
    ]);
    await s.context.close();
  });

  test("an error hint names the page's control, not the command-line option", async () => {
    const file = join(dir, 'gaps.csv');
    // The missing value is in the group column: a feature with one would be left out of the default features.
    writeFileSync(file, 'g,x,y\na,1,0\n,2,1\na,2,1\nb,1,0\nb,2,1\n');
    const cli = await runCli(['frontier', file, '--group', 'g', '--label', 'y']);
    expect(cli.stderr).toContain('--drop-missing'); // the CLI names its option ...
    const s = await openAnalyzer(browser());
    const { page } = s;
    await page.setInputFiles('input[data-testid="csv-file"]', file);
    await loaded(page);
    await page.selectOption('select[data-testid="group"]', 'g');
    await page.selectOption('select[data-testid="label"]', 'y');
    await page.click('button[data-testid="run"]');
    await waitForResult(page);
    const text = (await errorText(page))!;
    // ... the page the box to tick, with the same code and place
    expect(text).toMatch(/^fairlimit: E_MISSING_VALUE: /);
    expect(text).toContain('the "Drop rows with a missing value" box');
    expect(text).not.toContain('--');
    await s.context.close();
  });
});
