// Drives the chat page (GET /chat) on a 390×844 phone screen in Debian's headless Chromium:
// an owner registers (the service's validation shown at the field), signs out and in again; an
// owner with a Volta reads a tyre-pressure answer rendered as a real table, opens its citation and
// reads the passage, uses the conversation list that slides over the chat, and reloads without
// being signed out. The message list must keep most of the screen.
//
//   node chat-phone.mjs <base-url> <owner-email> <owner-password> <screenshot-dir>
//
// Exits 0 when every expectation holds; otherwise prints what failed and exits 1.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Expectation, expect, expectTokensOutOfScriptReach, launch, reportFailure, steps, watch } from './browser.mjs';

const [baseArg, ownerEmail, ownerPassword, shotsArg] = process.argv.slice(2);
if (!baseArg || !ownerEmail || !ownerPassword) {
  console.error('usage: node chat-phone.mjs <base-url> <owner-email> <owner-password> [screenshot-dir]');
  process.exit(2);
}
const BASE = baseArg.replace(/\/+$/, '');
const SHOTS = resolve(shotsArg || 'docs/screenshots');
// The share of the screen's height the message list must have on a phone.
const MESSAGES_SHARE = 0.6;

const progress = steps('chat-phone');
const { log } = progress;
const begin = (name) => progress.begin(name);

mkdirSync(SHOTS, { recursive: true });
let browser;
const problems = [];

try {
  browser = await launch({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const { context } = browser;
  const page = context.pages()[0] || (await context.newPage());
  watch(page, problems);
  const login = page.locator('#login-form');
  const registration = page.locator('#register-form');

  // ------------------------------------------------------------------ registration
  begin('register, with the service refusing a weak password first');
  await page.goto(BASE + '/chat', { waitUntil: 'domcontentloaded' });
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByRole('heading', { name: 'Create an account' }).waitFor();
  const email = 'phone-' + Date.now() + '@example.com';
  const password = 'Road-ready-2026';
  await registration.getByLabel('Full name').fill('Robin Phone');
  await registration.getByLabel('Email').fill(email);
  await registration.getByLabel('Password').fill('short1');
  const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/register'));
  await page.getByRole('button', { name: 'Create account' }).click();
  expect((await refused).status() === 422, 'a weak password was not refused');
  const passwordError = page.locator('#register-password-error');
  await passwordError.filter({ hasText: /\S/ }).waitFor();
  const said = await passwordError.textContent();
  log('the service said: ' + said);
  expect(/at least 10 characters/.test(said), 'the password error does not say why: ' + said);
  expect(await registration.getByLabel('Password').getAttribute('aria-invalid') === 'true', 'the password field is not marked invalid');
  await page.screenshot({ path: join(SHOTS, 'chat-register.png') });
  await registration.getByLabel('Password').fill(password);
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/register'));
  await page.getByRole('button', { name: 'Create account' }).click();
  const createdResponse = await created;
  expect(createdResponse.status() === 202, 'registration answered ' + createdResponse.status());
  expect(!('accessToken' in (await createdResponse.json())), 'registration answered with a session');
  await page.locator('#chat-view').waitFor({ state: 'visible' });
  expect(await page.locator('#account-email').textContent() === email, 'registered, but not as ' + email);

  begin('sign out, then sign in with the new account');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  expect((await context.cookies()).length === 0, 'signing out left the session cookie');
  await signIn(page, login, email, password);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();

  begin('register the same address again: answered as any registration, then sent to sign in');
  await page.getByRole('button', { name: 'Create an account' }).click();
  await registration.getByLabel('Full name').fill('Someone Else');
  await registration.getByLabel('Email').fill(email);
  await registration.getByLabel('Password').fill('Other-pass-2026');
  const again = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/register'));
  const tried = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
  await page.getByRole('button', { name: 'Create account' }).click();
  expect((await again).status() === 202, 'a taken address was answered ' + (await again).status());
  expect((await tried).status() === 401, 'the other password signed in: ' + (await tried).status());
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  expect((await page.locator('#login-error').textContent()).includes('sign in with its password'),
    'the sign-in form does not say to use the existing password');
  expect(await login.getByLabel('Email').inputValue() === email, 'the address was not carried to the sign-in form');
  expect((await context.cookies()).length === 0, 'a session cookie was set for the taken address');

  // ------------------------------------------------------------------ a table answer on a phone
  begin('an owner with a Volta asks for tyre pressures');
  await signIn(page, login, ownerEmail, ownerPassword);
  expect(await page.locator('#sidebar').isHidden(), 'the conversation list covers the chat on a phone');
  expect(await page.getByRole('button', { name: 'Conversations' }).getAttribute('aria-expanded') === 'false',
    'the conversation list button does not say the list is closed');
  await page.getByLabel('Vehicle').waitFor();
  await page.getByLabel('Your message').fill('What tyre pressure should my Volta have?');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const answer = page.locator('#message-log .message-assistant').last();
  await answer.and(page.locator('[data-state="done"], [data-state="error"]')).waitFor();
  expect(await answer.getAttribute('data-state') === 'done', 'the answer failed');

  begin('the answer shows a real table');
  const table = answer.locator('table');
  expect(await table.count() >= 1, 'no table in the answer: ' + (await answer.locator('.message-text').textContent()));
  const headers = (await table.first().locator('th').allTextContents()).map((t) => t.trim());
  const cells = (await table.first().locator('td').allTextContents()).map((t) => t.trim());
  log('table header: ' + headers.join(' | '));
  log('table cells: ' + cells.join(' | '));
  expect(headers.includes('Tyre size'), 'the table has no "Tyre size" column: ' + headers.join(', '));
  expect(cells.some((c) => /^\d{3}\/\d{2} R\d{2}/.test(c)), 'no tyre size in the table cells');
  expect(cells.some((c) => /\d+ \/ \d+ kPa/.test(c)), 'no pressure in the table cells');
  const shownText = await answer.locator('.message-text').textContent();
  expect(!shownText.includes('|'), 'raw table pipes are shown: ' + shownText);
  expect(!/\[\d+:/.test(shownText), 'an inline "[n: Title]" citation is shown: ' + shownText);

  begin('the messages have most of the screen');
  const layout = await page.evaluate(() => ({
    viewport: window.innerHeight,
    messages: document.getElementById('message-log').getBoundingClientRect().height,
    header: document.querySelector('.topbar').getBoundingClientRect().height,
    head: document.querySelector('.chat-head').getBoundingClientRect().height,
    composer: document.getElementById('composer').getBoundingClientRect().height,
    pageWidth: document.documentElement.scrollWidth,
  }));
  const share = layout.messages / layout.viewport;
  log(`messages ${Math.round(layout.messages)} of ${layout.viewport} px (${Math.round(share * 100)} %); top bar `
    + `${Math.round(layout.header)}, conversation head ${Math.round(layout.head)}, composer ${Math.round(layout.composer)}`);
  expect(share >= MESSAGES_SHARE, `the messages get ${Math.round(share * 100)} % of the screen's height`);
  expect(layout.pageWidth <= 390, 'the page scrolls sideways: ' + layout.pageWidth + ' px wide');
  await answer.locator('table').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'chat-phone-table.png') });

  // ------------------------------------------------------------------ a citation opens its passage
  begin('open the citation');
  const firstSource = (await answer.locator('.source').first().textContent()).trim();
  const marker = answer.locator('.message-text .cite').first();
  const number = await marker.textContent();
  expect(await answer.locator('.message-text .cite').count() >= 1, 'the answer has no citation marker');
  await marker.click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ state: 'visible' });
  const documentTitle = (await page.locator('#citation-document').textContent()).trim();
  const section = (await page.locator('#citation-section').textContent()).trim();
  const passage = (await page.locator('#citation-passage').textContent()).trim();
  log(`citation [${number}]: ${documentTitle} — ${section}: ${passage.slice(0, 160)}…`);
  expect(number === '1', 'the first marker is not [1] but ' + number);
  expect(firstSource.startsWith(documentTitle) && documentTitle.length > 0,
    `the dialog shows "${documentTitle}", the sources list "${firstSource}"`);
  expect(section.length > 0 && firstSource.includes(section), 'the section is not shown: ' + section);
  expect(/kPa/.test(passage), 'the passage does not hold the cited figures: ' + passage);
  expect(await page.locator('#citation-passage table').count() === 1 && !passage.includes('|'),
    'the passage\'s table is not shown as a table: ' + passage);
  await page.screenshot({ path: join(SHOTS, 'chat-phone-citation.png') });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  expect(await page.evaluate(() => document.activeElement.classList.contains('cite')),
    'closing the passage did not return to its marker');

  // ------------------------------------------------------------------ the conversation list
  begin('the conversation list slides in and out');
  await page.getByRole('button', { name: 'Conversations' }).click();
  await page.locator('#sidebar').waitFor({ state: 'visible' });
  const listed = page.locator('#conversation-list .conversation-link');
  expect(await listed.count() === 1, 'the owner\'s conversation is not listed');
  await listed.first().click();
  await page.locator('#sidebar').waitFor({ state: 'hidden' });
  await answer.locator('table').first().waitFor();

  // ------------------------------------------------------------------ reload
  begin('a reload keeps the owner signed in');
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.locator('#chat-view').waitFor({ state: 'visible' });
  expect(await page.locator('#login-view').isHidden(), 'the sign-in form shows after a reload');
  expect(await page.locator('#account-email').textContent() === ownerEmail, 'another user after the reload');
  await expectTokensOutOfScriptReach(page);

  expect(problems.length === 0, 'the page reported problems:\n  ' + problems.join('\n  '));
  log('all expectations hold; screenshots in ' + SHOTS);
  process.exitCode = 0;
} catch (error) {
  await reportFailure('chat-phone', progress.current, error, problems, browser && browser.context, join(SHOTS, 'chat-phone-failure.png'));
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
}

async function signIn(page, form, email, password) {
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#chat-view').waitFor({ state: 'visible' }).catch(async () => {
    throw new Expectation('not signed in: ' + (await page.locator('#login-error').textContent()));
  });
  expect(await page.locator('#account-email').textContent() === email, 'signed in, but not as ' + email);
}
