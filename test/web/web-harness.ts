/// <reference lib="dom" />
/**
 * Shared set-up of the in-browser analyzer tests: build web/dist once, open it from file:// in Debian's headless
 * Chromium (playwright-core), refuse every request that is not file:, blob: or data:, and collect console
 * errors, page errors and refused requests.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildWeb } from '../../web/build.js';
import { launchChromium } from '../helpers/chromium.js';

export { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.js';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = join(root, 'artifacts');
export const INDEX_URL = pathToFileURL(join(root, 'web/dist/index.html')).href;
/** Reference data: $FAIRLIMIT_DATA or ../shared/data beside the repository. */
export const DATA_DIR = process.env.FAIRLIMIT_DATA ?? resolve(root, '../shared/data');

let built: Promise<void> | undefined;
/** Builds web/dist (once per test file). */
export function ensureBuilt(): Promise<void> {
  built ??= buildWeb();
  return built;
}

/** Headless Chromium (the shared launcher of the browser tests). */
export const launch = launchChromium;

/**
 * Builds the page and launches Chromium once for the calling test file (vitest hooks), closing it after the last
 * test; returns the running browser.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    await ensureBuilt();
    browser = await launch();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not running (useBrowser registers a beforeAll hook)');
    return browser;
  };
}

export interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and warnings, uncaught page errors. */
  readonly problems: string[];
  /** Every request URL the page or its workers made. */
  readonly requests: string[];
  /** Requests refused because they would leave the machine. */
  readonly refused: string[];
}

const LOCAL_URL = /^(file|blob|data):/;

/** A fresh context and page on the built analyzer, with the network cut and problems recorded. */
export async function openAnalyzer(
  browser: Browser,
  options: { bypassCSP?: boolean } = {},
): Promise<Session> {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1200, height: 900 },
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
  });
  const problems: string[] = [];
  const requests: string[] = [];
  const refused: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (LOCAL_URL.test(url)) return route.continue();
    refused.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('worker', (w) =>
    w.on('console', (m) => m.type() === 'error' && problems.push(`worker: ${m.text()}`)),
  );
  await page.goto(INDEX_URL, { waitUntil: 'load' });
  return { context, page, problems, requests, refused };
}

/** Waits until the run finished: frontier points, or a shown error. */
export async function waitForResult(page: Page, timeout = 90_000): Promise<void> {
  await page.waitForSelector('[data-testid="frontier-point"], [data-testid="error"]:not([hidden])', {
    timeout,
  });
}

/** Reads the frontier points the page shows (its testing hooks). */
export async function framePoints(page: Page): Promise<Record<string, string>[]> {
  return page.$$eval('[data-testid="frontier-point"]', (rows) =>
    rows.map((r) => ({ ...(r as HTMLElement).dataset }) as Record<string, string>),
  );
}

/** Saves a full-page screenshot under artifacts/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path, fullPage: true });
  return path;
}
