// Drives the support console (GET /agent) and the owners' chat page (GET /chat) side by side in
// Debian's headless Chromium: a support agent has the console open; an owner asks the assistant a
// manual question in the chat page, then asks for a person; the handoff appears in the console
// without a reload, below an urgent one; the agent opens it, sees the conversation with its sources,
// the owner, the vehicle and its service history, the reason and the passages used, takes it over
// and replies; the owner sees the reply in the chat page, answers, and the agent sees that live;
// the agent resolves it (the owner's banner goes), then takes the urgent one and hands it back.
//
//   node agent-console.mjs <base-url> <owner-email> <owner-password> <agent-email> <agent-password> <screenshot-dir>
//
// Exits 0 when every expectation holds; otherwise prints what failed and exits 1.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [baseArg, ownerEmail, ownerPassword, agentEmail, agentPassword, shotsArg] = process.argv.slice(2);
if (!baseArg || !ownerEmail || !ownerPassword || !agentEmail || !agentPassword) {
  console.error('usage: node agent-console.mjs <base-url> <owner-email> <owner-password> <agent-email> <agent-password> [screenshot-dir]');
  process.exit(2);
}
const BASE = baseArg.replace(/\/+$/, '');
const SHOTS = resolve(shotsArg || 'docs/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const STEP_TIMEOUT_MS = Number(process.env.CONSOLE_STEP_TIMEOUT_MS || 60000);
const REPLY = 'Hello Robin, I am Sam from the service team. Let me check the tyre pressures for you.';
const OWNER_ANSWER = 'Thank you, the car is parked at home.';

class Expectation extends Error {}
const expect = (condition, message) => {
  if (!condition) throw new Expectation(message);
};
const log = (message) => console.log('[agent-console] ' + message);

let step = 'start';
const begin = (name) => {
  step = name;
  log('step: ' + name);
};

mkdirSync(SHOTS, { recursive: true });
let browser;
let agentPage;
const problems = [];

try {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const settings = { viewport: { width: 1280, height: 860 }, locale: 'en-GB', timezoneId: 'Europe/Berlin' };
  // Two people, two browser profiles: each keeps its own session cookie.
  const agentContext = await browser.newContext(settings);
  const ownerContext = await browser.newContext({ ...settings, viewport: { width: 900, height: 860 } });
  agentContext.setDefaultTimeout(STEP_TIMEOUT_MS);
  ownerContext.setDefaultTimeout(STEP_TIMEOUT_MS);
  agentPage = await agentContext.newPage();
  const ownerPage = await ownerContext.newPage();
  watch(agentPage, 'console');
  watch(ownerPage, 'chat');
  let consoleLoads = 0;
  agentPage.on('framenavigated', (frame) => {
    if (frame === agentPage.mainFrame()) consoleLoads += 1;
  });

  // ------------------------------------------------------------------ the agent opens the console
  begin('the agent signs in to the console');
  const opened = await agentPage.goto(BASE + '/agent', { waitUntil: 'domcontentloaded' });
  expect(opened && opened.status() === 200, 'GET /agent answered ' + (opened && opened.status()));
  await agentPage.getByRole('heading', { name: 'Support sign-in' }).waitFor();
  await agentPage.getByLabel('Email').fill(agentEmail);
  await agentPage.getByLabel('Password').fill(agentPassword);
  await agentPage.getByRole('button', { name: 'Sign in' }).click();
  await agentPage.locator('#live[data-state="live"]').waitFor();
  const urgent = agentPage.locator('#waiting-list .handoff-item[data-priority="urgent"]');
  await urgent.first().waitFor();
  const before = await agentPage.locator('#waiting-list .handoff-item').count();
  log(`${before} handoff(s) waiting when the console opened`);

  // ------------------------------------------------------------------ the owner asks, then asks for a person
  begin('the owner asks a manual question in the chat page');
  await ownerPage.goto(BASE + '/chat', { waitUntil: 'domcontentloaded' });
  await ownerPage.locator('#login-form').getByLabel('Email').fill(ownerEmail);
  await ownerPage.locator('#login-form').getByLabel('Password').fill(ownerPassword);
  await ownerPage.locator('#login-form').getByRole('button', { name: 'Sign in' }).click();
  await ownerPage.getByLabel('Your message').waitFor();
  await ask(ownerPage, 'What tyre pressure should my Volta have?');
  begin('the owner asks for a person');
  await ask(ownerPage, 'I would like to talk to a person please');
  await ownerPage.locator('#handoff-banner').waitFor({ state: 'visible' });

  // ------------------------------------------------------------------ it appears in the console, live
  begin('the handoff appears in the open console without a reload');
  const raised = agentPage.locator('#waiting-list .handoff-item', { hasText: 'Asked for a person' });
  await raised.first().waitFor();
  expect(consoleLoads === 1, `the console page was loaded ${consoleLoads} times: it must update without a reload`);
  const priorities = await agentPage.locator('#waiting-list .handoff-item').evaluateAll(
    (items) => items.map((item) => item.dataset.priority));
  expect(priorities[0] === 'urgent', 'the urgent handoff is not first: ' + priorities.join(', '));
  expect(priorities.indexOf('normal') > priorities.lastIndexOf('urgent'), 'urgent handoffs are not first: ' + priorities.join(', '));
  expect((await agentPage.locator('#announcer').textContent()).includes('New handoff'),
    'the new handoff was not announced to screen readers');
  await agentPage.screenshot({ path: join(SHOTS, 'agent-queue.png') });

  // ------------------------------------------------------------------ the case
  begin('the agent opens the case');
  await raised.first().click();
  await agentPage.locator('#case').waitFor({ state: 'visible' });
  const facts = await agentPage.locator('#case-facts').textContent();
  expect(facts.includes('Reason: Asked for a person') && facts.includes('normal') && facts.includes('Status: Waiting'),
    'the reason, priority or status is missing: ' + facts);
  const owner = await agentPage.locator('#owner-facts').textContent();
  expect(owner.includes('Robin Example') && owner.includes('Kestrel Volta 2024') && owner.includes('VIN'),
    'the owner or vehicle is missing: ' + owner);
  expect(!/@/.test(owner), 'the owner facts show an e-mail address: ' + owner);
  const history = await agentPage.locator('#history-rows').textContent();
  expect(history.includes('Brake fluid replaced'), 'the service history is missing: ' + history);
  const roles = await agentPage.locator('#message-log .message').evaluateAll(
    (items) => items.map((item) => item.className.replace('message message-', '')));
  expect(roles.join(',') === 'user,assistant,user,assistant', 'the conversation is not all there: ' + roles.join(','));
  expect(await agentPage.locator('#message-log .message-assistant .message-sources li').count() > 0,
    "the answer's sources are not shown");
  expect(await agentPage.locator('#message-log time').first().getAttribute('datetime'), 'messages have no timestamp');
  expect(await agentPage.locator('#passage-list .passage').count() > 0, 'the manual passages used are not listed');
  await agentPage.locator('#passage-list .passage').first().getByText('Read the passage').click();
  const passage = await agentPage.locator('#passage-list .passage-text p').first().textContent();
  expect(/kPa|bar|psi/.test(passage), 'the first passage does not read like the tyre-pressure section: ' + passage);
  expect(await agentPage.locator('#reply-input').isDisabled(), 'the reply box is open before the agent took over');

  begin('the agent takes it over and replies');
  await agentPage.getByRole('button', { name: 'Take over' }).click();
  await agentPage.locator('#case-facts', { hasText: 'Status: Taken over' }).waitFor();
  await agentPage.locator('#reply-input:enabled').waitFor();
  await agentPage.getByLabel('Reply to the owner').fill(REPLY);
  await agentPage.getByRole('button', { name: 'Send reply' }).click();
  await agentPage.locator('#message-log .message-agent', { hasText: REPLY }).waitFor();

  begin('the owner sees the reply in the chat page');
  const shown = ownerPage.locator('#message-log .message-assistant', { hasText: REPLY });
  await shown.waitFor({ timeout: 20000 }).catch(() => {
    throw new Expectation("the agent's reply did not appear in the owner's chat page");
  });

  begin("the agent sees the owner's answer live");
  await ownerPage.getByLabel('Your message').fill(OWNER_ANSWER);
  await ownerPage.getByRole('button', { name: 'Send', exact: true }).click();
  await agentPage.locator('#message-log .message-user', { hasText: OWNER_ANSWER }).waitFor({ timeout: 20000 })
    .catch(() => {
      throw new Expectation("the owner's new message did not appear in the open case");
    });
  expect(consoleLoads === 1, 'the console reloaded while the case was open');
  expect(await agentPage.locator('#message-log .message-agent', { hasText: REPLY }).count() === 1,
    "the agent's own reply is not shown exactly once after the owner answered");
  await agentPage.locator('#case-view').evaluate((view) => { view.scrollTop = 0; });
  await agentPage.screenshot({ path: join(SHOTS, 'agent-conversation.png') });

  begin('the agent resolves it');
  await agentPage.getByRole('button', { name: 'Resolve' }).click();
  await agentPage.locator('#case-facts', { hasText: 'Status: Resolved' }).waitFor();
  await agentPage.locator('.handoff-item', { hasText: 'Asked for a person' }).waitFor({ state: 'detached' });
  await ownerPage.locator('#handoff-banner').waitFor({ state: 'hidden', timeout: 20000 }).catch(() => {
    throw new Expectation("the owner's handoff banner stayed after the handoff was resolved");
  });

  begin('the agent takes the urgent one and hands it back');
  await urgent.first().click();
  await agentPage.locator('#case-facts', { hasText: 'Reason: Safety' }).waitFor();
  await agentPage.getByRole('button', { name: 'Take over' }).click();
  await agentPage.locator('#case-facts', { hasText: 'Status: Taken over' }).waitFor();
  await agentPage.getByRole('button', { name: 'Hand back to the assistant' }).click();
  await agentPage.locator('#case-facts', { hasText: 'Status: Handed back' }).waitFor();

  begin('the agent signs out');
  await agentPage.getByRole('button', { name: 'Sign out' }).click();
  await agentPage.getByRole('heading', { name: 'Support sign-in' }).waitFor();
  expect(await agentPage.locator('#console-view').isHidden(), 'the queue is still shown after signing out');

  expect(problems.length === 0, 'the pages reported problems:\n  ' + problems.join('\n  '));
  log('all expectations hold; screenshots in ' + SHOTS);
  process.exitCode = 0;
} catch (error) {
  const what = error instanceof Expectation ? error.message : (error && error.stack) || String(error);
  console.error(`[agent-console] FAILED at step "${step}": ${what}`);
  if (problems.length) console.error('[agent-console] page problems:\n  ' + problems.join('\n  '));
  if (agentPage) {
    await agentPage.screenshot({ path: join(SHOTS, 'agent-failure.png'), fullPage: true }).catch(() => {});
  }
  process.exitCode = 1;
} finally {
  if (browser) await browser.close().catch(() => {});
}

/** Records script errors, CSP violations and failed requests for a page's own files. */
function watch(page, name) {
  page.on('pageerror', (error) => problems.push(name + ': script error: ' + error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
      problems.push(name + ': console: ' + message.text());
    }
  });
  page.on('response', (response) => {
    if (/\/(agent|chat|assets)\/[^/?]+\.(js|css)(\?|$)/.test(response.url()) && response.status() !== 200) {
      problems.push(name + ': ' + response.url() + ' answered ' + response.status());
    }
  });
}

/** Sends a message in the chat page and waits until its answer is complete. */
async function ask(page, text) {
  const answers = page.locator('#message-log .message-assistant');
  const count = await answers.count();
  await page.getByLabel('Your message').fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const answer = answers.nth(count);
  await answer.and(page.locator('[data-state="done"], [data-state="error"]')).waitFor();
  expect(await answer.getAttribute('data-state') === 'done', 'the answer to "' + text + '" failed');
}
