// Opens the API documentation (GET /docs, Swagger UI) in Debian's headless Chromium, as a
// developer would: the operations render from /openapi.json, one opens with its schemas, and the
// page neither breaks its content security policy nor fetches anything from another origin.
//
//   node docs-page.mjs <base-url> <screenshot-dir>
//
// Exits 0 when every expectation holds; otherwise prints what failed and exits 1.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [baseArg, shotsArg] = process.argv.slice(2);
if (!baseArg) {
  console.error('usage: node docs-page.mjs <base-url> [screenshot-dir]');
  process.exit(2);
}
const BASE = baseArg.replace(/\/+$/, '');
const ORIGIN = new URL(BASE).origin;
const SHOTS = resolve(shotsArg || 'docs/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const STEP_TIMEOUT_MS = Number(process.env.DOCS_STEP_TIMEOUT_MS || 60000);

class Expectation extends Error {}
const expect = (condition, message) => {
  if (!condition) throw new Expectation(message);
};
const log = (message) => console.log('[docs-page] ' + message);

const profile = mkdtempSync(join(tmpdir(), 'docs-page-profile-'));
mkdirSync(SHOTS, { recursive: true });
const problems = [];
const elsewhere = [];
let context;
let step = 'start';

try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  // Every request the page makes, answered or not: none may leave this origin.
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(ORIGIN + '/') && !url.startsWith('data:')) elsewhere.push(request.method() + ' ' + url);
  });
  const page = context.pages()[0] || (await context.newPage());
  // The browser's own report of each refused resource or inline style/script.
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(event.violatedDirective + ' ' + (event.blockedURI || '') + ' ' + (event.sample || ''));
    });
  });
  page.on('pageerror', (error) => problems.push('script error: ' + error.message));
  page.on('console', (message) => {
    // Failed loads are reported with their address below.
    if (message.type() === 'error' && !/^Failed to load resource/.test(message.text())) {
      problems.push('console: ' + message.text());
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(response.url() + ' answered ' + response.status());
  });

  step = 'open /docs';
  log('step: ' + step);
  const opened = await page.goto(BASE + '/docs', { waitUntil: 'domcontentloaded' });
  expect(opened && opened.status() === 200, 'GET /docs answered ' + (opened && opened.status()));
  const policy = opened.headers()['content-security-policy'] || '';
  expect(/script-src 'self'/.test(policy) && !/script-src[^;]*unsafe/.test(policy), 'scripts are not limited to this origin: ' + policy);
  await page.getByRole('heading', { level: 1, name: 'GenAI Auto API' }).waitFor();
  await page.getByRole('main').waitFor();

  step = 'the operations render from /openapi.json';
  log('step: ' + step);
  await page.locator('.opblock').first().waitFor();
  const operations = await page.locator('.opblock').count();
  log(operations + ' operations rendered');
  expect(operations >= 60, 'only ' + operations + ' operations rendered');
  expect(await page.locator('#swagger-ui').getAttribute('aria-busy') === 'false', 'the page still says it is busy');
  for (const tag of ['Auth', 'Chat', 'OpenAI-compatible gateway', 'Chat socket', 'API documentation']) {
    expect(await page.locator('.opblock-tag', { hasText: tag }).count() > 0, 'no section for ' + tag);
  }

  step = 'an operation opens with its parameters, responses and schemas';
  log('step: ' + step);
  const booking = page.locator('.opblock-post', { has: page.locator('[data-path="/api/v1/appointments"]') }).first();
  await booking.locator('.opblock-summary-control').click();
  await booking.locator('.responses-wrapper').waitFor();
  await booking.locator('.response-col_status', { hasText: '409' }).first().waitFor();
  expect(await booking.getByText('**Access:**').count() === 0, 'markdown left unrendered');
  await booking.getByText('Access:', { exact: false }).first().waitFor();
  await booking.locator('button.tablinks', { hasText: 'Schema' }).first().click();
  await booking.locator('.model-box').first().waitFor();
  await page.screenshot({ path: join(SHOTS, 'api-docs.png') });

  step = 'the page kept to its policy and this origin';
  log('step: ' + step);
  const violations = await page.evaluate(() => window.__violations);
  expect(violations.length === 0, 'content security policy violations:\n  ' + violations.join('\n  '));
  expect(elsewhere.length === 0, 'requests to other origins:\n  ' + elsewhere.join('\n  '));
  expect(problems.length === 0, 'the page reported problems:\n  ' + problems.join('\n  '));
  log('all expectations held');
} catch (error) {
  console.error('[docs-page] FAILED at step "' + step + '": ' + (error instanceof Expectation ? error.message : error.stack));
  if (problems.length) console.error('[docs-page] page problems:\n  ' + problems.join('\n  '));
  process.exitCode = 1;
} finally {
  if (context) await context.close();
  rmSync(profile, { recursive: true, force: true });
}
