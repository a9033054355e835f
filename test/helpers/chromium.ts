/**
 * Headless Chromium for the browser tests (the in-browser analyzer, the HTML report, the browser bundle): Debian's
 * chromium driven by playwright-core. The tests fail, never skip, when it is absent.
 */
import { existsSync } from 'node:fs';
import { type Browser, type Page, chromium } from 'playwright-core';

/** Debian's chromium (apt-get install -y chromium; `npm test` installs it when run as root). */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches headless Chromium, or fails with the command that installs it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Collects what a page reports: console errors and warnings and uncaught page errors (`problems`), and the URL of
 * every request it makes (`requests`).
 */
export function recordPage(page: Page): { readonly problems: string[]; readonly requests: string[] } {
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (req) => requests.push(req.url()));
  return { problems, requests };
}
