// What the browser scripts of the service's pages share: Debian's headless Chromium through
// playwright-core, expectations that name what failed, a watch on script errors, CSP violations
// and failed page files, and the check that no token is within a script's reach.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class Expectation extends Error {}

export const expect = (condition, message) => {
  if (!condition) throw new Expectation(message);
};

/** A fresh browser profile (deleted by close()) with the given context options (viewport, isMobile, ...). */
export async function launch(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'page-test-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
    ...options,
  });
  context.setDefaultTimeout(Number(process.env.CHAT_STEP_TIMEOUT_MS || 60000));
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Records script errors, CSP violations and page files (page, /assets, favicon) that did not load. */
export function watch(page, problems) {
  page.on('pageerror', (error) => problems.push('script error: ' + error.message));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(text)) {
      problems.push('console: ' + text);
    }
  });
  page.on('response', (response) => {
    if (/\/(chat(\/[^/?]+)?|assets\/[^/?]+|favicon\.ico)(\?|$)/.test(response.url())
      && ![200, 304].includes(response.status())) {
      problems.push(response.url() + ' answered ' + response.status());
    }
  });
}

/**
 * No token in web storage, document.cookie or the markup; the one cookie is the refresh token's,
 * HttpOnly, Secure, SameSite=Strict and for the auth path only.
 */
export async function expectTokensOutOfScriptReach(page, accessToken) {
  const stored = await page.evaluate(() => {
    const dump = (storage) => Array.from({ length: storage.length }, (_, i) => storage.key(i) + '=' + storage.getItem(storage.key(i)));
    return { local: dump(window.localStorage), session: dump(window.sessionStorage), cookie: document.cookie };
  });
  const readable = [...stored.local, ...stored.session, stored.cookie].join('\n');
  expect(stored.local.length === 0 && stored.session.length === 0, 'the page wrote to web storage: ' + readable);
  expect(stored.cookie === '', 'a script can read cookies: ' + stored.cookie);
  const cookies = await page.context().cookies();
  expect(cookies.length === 1, 'expected one cookie, found: ' + cookies.map((c) => c.name).join(', '));
  const [cookie] = cookies;
  expect(cookie.name === 'refresh_token' && cookie.httpOnly && cookie.secure && cookie.sameSite === 'Strict'
    && cookie.path === '/api/v1/auth', 'the refresh cookie is not locked down: ' + JSON.stringify({ ...cookie, value: '…' }));
  const markup = await page.content();
  expect(!markup.includes(cookie.value), 'the refresh token appears in the page markup');
  if (accessToken) {
    expect(!cookie.value.includes(accessToken), 'the access token is in a cookie');
    expect(!markup.includes(accessToken), 'the access token appears in the page markup');
  }
}

/** Prints what failed, at which step, with the page's problems, and a full-page screenshot of it. */
export async function reportFailure(name, step, error, problems, context, shot) {
  const what = error instanceof Expectation ? error.message : (error && error.stack) || String(error);
  console.error(`[${name}] FAILED at step "${step}": ${what}`);
  if (problems.length) console.error(`[${name}] page problems:\n  ` + problems.join('\n  '));
  const page = context && context.pages()[0];
  if (!page) return;
  try {
    await page.screenshot({ path: shot, fullPage: true });
    console.error(`[${name}] screenshot of the failure: ` + shot);
  } catch (ignored) {
    // the browser is gone
  }
}

/** Log lines of a script named `name`, and the step it is at (for the failure report). */
export function steps(name) {
  const progress = {
    current: 'start',
    log: (message) => console.log(`[${name}] ` + message),
    begin(step) {
      progress.current = step;
      progress.log('step: ' + step);
    },
  };
  return progress;
}
