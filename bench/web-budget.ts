/**
 * Budgets of the in-browser analyzer (docs/web.md): the size of web/dist (raw and gzip, HiGHS's WebAssembly
 * included), and, in Debian's headless Chromium, the time from dropping the Adult CSV (adult.data + adult.test,
 * race White or Black: 46,447 rows, 15 columns) to the first frontier on screen, with the memory of Chromium's
 * processes (peak resident set, sampled every 25 ms) and the page's JS heap.
 * Run: `npx tsx bench/web-budget.ts [runs]` (default 3 runs, each in a fresh page: a cold worker and HiGHS).
 * Data from $FAIRLIMIT_DATA (default ../shared/data).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWeb } from '../web/build.js';
import { DATA_DIR, INDEX_URL, launch } from '../test/web/web-harness.js';
import { runCli, tempDir } from '../test/cli/run-cli.js';

const runs = Number(process.argv[2] ?? 3);
const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'web/dist');

// ---- bundle size -----------------------------------------------------------------------------------------
await buildWeb();
const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;
console.log('| file | raw | gzip -9 |\n|---|---|---|');
let pageRaw = 0;
let pageGzip = 0;
for (const f of readdirSync(dist).sort()) {
  const bytes = readFileSync(join(dist, f));
  const gz = gzipSync(bytes, { level: 9 }).length;
  if (f !== 'fairlimit-core.js') {
    pageRaw += bytes.length;
    pageGzip += gz;
  }
  console.log(`| ${f} | ${kb(bytes.length)} | ${kb(gz)} |`);
}
console.log(`| **the page** (index.html, app.css, app.js) | ${kb(pageRaw)} | ${kb(pageGzip)} |`);
const wasm = readFileSync(join(root, 'node_modules/highs/build/highs.wasm'));
console.log(`\nhighs.wasm alone: ${kb(wasm.length)} raw, ${kb(gzipSync(wasm, { level: 9 }).length)} gzip.\n`);

// ---- the Adult CSV ---------------------------------------------------------------------------------------
const HEADER =
  'age,workclass,fnlwgt,education,education-num,marital-status,occupation,relationship,race,sex,capital-gain,capital-loss,hours-per-week,native-country,income';
const rows: string[] = [];
for (const name of ['adult.data', 'adult.test']) {
  for (const line of readFileSync(join(DATA_DIR, 'adult', name), 'utf8').split('\n')) {
    const fields = line.split(',').map((f) => f.trim());
    if (fields.length !== 15 || (fields[8] !== 'White' && fields[8] !== 'Black')) continue;
    fields[14] = fields[14].replace(/\.$/, '');
    rows.push(fields.join(','));
  }
}
const csv = join(tempDir('fairlimit-web-bench-'), 'adult.csv');
writeFileSync(csv, `${HEADER}\n${rows.join('\n')}\n`);
console.log(`Adult CSV: ${rows.length} rows, ${kb(statSync(csv).size)}.\n`);

// ---- time to the first frontier, memory ------------------------------------------------------------------
/** Resident set of every process below this one (Chromium's browser, renderer, GPU and utility processes). */
function treeRssBytes(): number {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(d), Number(after[1]));
      if (/chrom/i.test(comm)) rss.set(Number(d), Number(after[21]) * 4096);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  for (const [pid, bytes] of rss) {
    let p: number | undefined = pid;
    while (p !== undefined && p > 1 && p !== process.pid) p = parent.get(p);
    if (p === process.pid) total += bytes;
  }
  return total;
}

const browser = await launch();
const results: {
  totalMs: number;
  readMs: number;
  solveMs: number;
  peakMb: number;
  idleMb: number;
  heapMb: number;
}[] = [];
for (let run = 0; run < runs; run++) {
  const page = await browser.newPage();
  await page.goto(INDEX_URL, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  const idle = treeRssBytes();
  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRssBytes())), 25);
  const t0 = performance.now();
  await page.setInputFiles('input[data-testid="csv-file"]', csv);
  await page.waitForSelector('#form:not([hidden])', { timeout: 120_000 });
  const tRead = performance.now();
  await page.selectOption('select[data-testid="group"]', 'sex');
  await page.selectOption('select[data-testid="label"]', 'income');
  await page.click('#features-none');
  for (const f of ['age', 'education-num', 'marital-status', 'relationship', 'hours-per-week'])
    await page.check(`input[data-testid="feature"][value="${f}"]`);
  await page.fill(
    '[data-testid="bins"]',
    'age=edges:20,25,30,35,40,45,50,55,60,65,70\nhours-per-week=edges:10,15,20,25,30,35,40,45,50,55,60,65,70',
  );
  await page.fill('input[data-testid="eo"]', '0:0.1:0.01');
  const tRun = performance.now();
  await page.click('button[data-testid="run"]');
  await page.waitForSelector('[data-testid="frontier-point"], [data-testid="error"]:not([hidden])', {
    timeout: 120_000,
  });
  const t1 = performance.now();
  clearInterval(sampler);
  const status = await page.locator('#run-status').textContent();
  const error = await page.locator('[data-testid="error"]').textContent();
  if (error) throw new Error(error);
  const cdp = await page.context().newCDPSession(page);
  const metrics = (await cdp.send('Performance.enable'), await cdp.send('Performance.getMetrics')).metrics;
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  const points = await page.locator('[data-testid="frontier-point"]').count();
  const first = await page.locator('[data-testid="frontier-point"]').first().getAttribute('data-accuracy');
  console.log(`run ${run + 1}: ${points} points, FairFront(EO 0) = ${first}; worker: ${status}`);
  results.push({
    totalMs: t1 - t0,
    readMs: tRead - t0,
    solveMs: t1 - tRun,
    peakMb: peak / 2 ** 20,
    idleMb: idle / 2 ** 20,
    heapMb: heap / 2 ** 20,
  });
  await page.close();
}
await browser.close();
// The same frontier from the CLI, in process, at the same moment: a baseline for a loaded machine.
const cliMs: number[] = [];
for (let run = 0; run < runs; run++) {
  const t = performance.now();
  const r = await runCli([
    'frontier',
    csv,
    '--group',
    'sex',
    '--label',
    'income',
    '--features',
    'age,education-num,marital-status,relationship,hours-per-week',
    '--bins',
    'age=edges:20,25,30,35,40,45,50,55,60,65,70',
    '--bins',
    'hours-per-week=edges:10,15,20,25,30,35,40,45,50,55,60,65,70',
    '--eo',
    '0:0.1:0.01',
    '--json',
  ]);
  cliMs.push(performance.now() - t);
  if (r.code !== 0) throw new Error(r.stderr);
  if (run === 0)
    console.log(
      `CLI: FairFront(EO 0) = ${(JSON.parse(r.stdout) as { frontier: { accuracy: number }[] }).frontier[0].accuracy}`,
    );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  '\n| run | drop to first frontier | drop to columns | Run to frontier | Chromium RSS idle | peak | page JS heap |',
);
console.log('|---|---|---|---|---|---|---|');
results.forEach((r, i) =>
  console.log(
    `| ${i + 1} | ${(r.totalMs / 1000).toFixed(2)} s | ${(r.readMs / 1000).toFixed(2)} s | ${(r.solveMs / 1000).toFixed(2)} s | ${r.idleMb.toFixed(0)} MB | ${r.peakMb.toFixed(0)} MB | ${r.heapMb.toFixed(0)} MB |`,
  ),
);
console.log(
  `\nCLI (in process, same CSV and flags): median ${(median(cliMs) / 1000).toFixed(2)} s over ${runs} runs`,
);
// What a user waits for: drop -> columns listed, then Run -> frontier (the scripted clicks in between excluded).
console.log(
  `\nmedian wait (drop -> columns + Run -> frontier) ${(median(results.map((r) => r.readMs + r.solveMs)) / 1000).toFixed(2)} s (target < 3 s); median drop -> first frontier with the scripted choices ${(median(results.map((r) => r.totalMs)) / 1000).toFixed(2)} s; peak RSS above idle ${median(results.map((r) => r.peakMb - r.idleMb)).toFixed(0)} MB`,
);
