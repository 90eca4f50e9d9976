// Drives the chat page (GET /chat) in Debian's headless Chromium, as an owner would:
// sign in, ask a manual question and watch the cited answer stream in, book an appointment
// through the chat, check the token is kept in memory only, and start a chat from ?q=.
//
//   node chat-page.mjs <base-url> <email> <password> <screenshot-dir> [<agent-email> <agent-password>]
//
// With a support agent's credentials, the agent also takes over the handed-off conversation and
// replies through the API, and the reply must appear on the page live, over the WebSocket.
//
// Exits 0 when every expectation holds; otherwise prints what failed and exits 1.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Expectation, expect, expectTokensOutOfScriptReach, launch, reportFailure, steps, watch } from './browser.mjs';

const [baseArg, email, password, shotsArg, agentEmail, agentPassword] = process.argv.slice(2);
if (!baseArg || !email || !password) {
  console.error('usage: node chat-page.mjs <base-url> <email> <password> [screenshot-dir] [agent-email agent-password]');
  process.exit(2);
}
const BASE = baseArg.replace(/\/+$/, '');
const SHOTS = resolve(shotsArg || 'docs/screenshots');
const progress = steps('chat-page');
const { log } = progress;
const begin = (name) => progress.begin(name);

mkdirSync(SHOTS, { recursive: true });
let browser;
let context;
const problems = [];

try {
  browser = await launch({ viewport: { width: 1200, height: 820 } });
  context = browser.context;
  // The page's WebSockets pass through here unchanged, so the test can cut one like a network would.
  const sockets = [];
  await context.routeWebSocket(/\/ws\//, (ws) => {
    sockets.push({ page: ws, server: ws.connectToServer() });
  });
  const page = context.pages()[0] || (await context.newPage());
  watch(page, problems);

  // ------------------------------------------------------------------ sign in
  begin('open the page and sign in');
  const opened = await page.goto(BASE + '/chat', { waitUntil: 'domcontentloaded' });
  expect(opened && opened.status() === 200, 'GET /chat answered ' + (opened && opened.status()));
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.locator('#login-form').getByLabel('Email').fill(email);
  await page.locator('#login-form').getByLabel('Password').fill(password);
  await page.screenshot({ path: join(SHOTS, 'chat-login.png') });
  await page.locator('#login-form').getByLabel('Password').fill(password + '-wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#login-error').filter({ hasText: /\S/ }).waitFor();
  log('wrong password: ' + (await page.locator('#login-error').textContent()));
  expect(await page.locator('#chat-view').isHidden(), 'a wrong password signed in');
  await page.locator('#login-form').getByLabel('Password').fill(password);
  const tokens = await signIn(page);
  await page.getByRole('navigation', { name: 'Conversations' }).waitFor();
  expect(await page.locator('#account-email').textContent() === email, 'the signed-in email is not shown');
  await page.getByLabel('Vehicle').waitFor({ timeout: 10000 }).catch(() => {
    throw new Expectation('the owner has a vehicle but no vehicle selector is shown');
  });
  const vehicles = await page.locator('#vehicle-select option').count();
  log('vehicles offered: ' + vehicles);
  expect(vehicles >= 1, 'the owner has a vehicle but no vehicle selector is shown');

  // ------------------------------------------------------------------ a manual question, streamed and cited
  begin('ask a manual question');
  const first = await ask(page, 'What tyre pressure should my Volta have?');
  log(`answer (${first.agent}, ${first.tokenEvents} token events, shown in ${first.updates} steps): ${first.text}`);
  expect(first.tokenEvents >= 2, `the answer did not stream: ${first.tokenEvents} token event(s)`);
  expect(first.updates >= 1, 'the page showed none of the answer before it was complete');
  expect(first.sources.length >= 1, 'the answer shows no source');
  expect(first.sources.every((s) => s.trim().length > 0), 'a source has no title');
  expect(first.agent, 'the answering agent is not shown');
  expect(/\d/.test(first.confidence), 'the confidence is not shown: "' + first.confidence + '"');
  log('sources: ' + first.sources.join(' | '));
  await waitForConnection(page);
  await page.screenshot({ path: join(SHOTS, 'chat-answer.png') });

  begin('the live connection comes back by itself');
  await page.evaluate(() => {
    const status = document.getElementById('connection');
    window.__connectionStates = [];
    new MutationObserver(() => window.__connectionStates.push(status.dataset.state))
      .observe(status, { attributes: true, attributeFilter: ['data-state'] });
  });
  const socketsBefore = sockets.length;
  const cut = sockets[sockets.length - 1];
  await cut.server.close({ code: 1012, reason: 'service restart' });
  await cut.page.close({ code: 1012, reason: 'service restart' });
  await waitForConnection(page);
  const states = await page.evaluate(() => window.__connectionStates);
  log('connection states after the cut: ' + states.join(' → '));
  expect(states.includes('reconnecting'), 'the page did not say it was reconnecting: ' + states.join(', '));
  expect(sockets.length > socketsBefore, 'the page did not open a new socket');

  begin('give feedback on the answer');
  const answer = page.locator('#message-log .message-assistant').last();
  await answer.getByRole('button', { name: 'Helpful', exact: true }).click();
  await answer.getByLabel('Comment (optional)').fill('Clear and quick.');
  const feedback = page.waitForResponse((r) => /\/api\/v1\/conversations\/[^/]+\/feedback$/.test(r.url()));
  await answer.getByRole('button', { name: 'Send feedback' }).click();
  const feedbackStatus = (await feedback).status();
  expect(feedbackStatus === 204, 'feedback answered ' + feedbackStatus);
  await answer.getByText('Thank you for your feedback.').waitFor();

  // ------------------------------------------------------------------ booking through the chat
  begin('book an appointment through the chat');
  await page.getByRole('button', { name: 'New conversation' }).click();
  await page.getByRole('button', { name: 'Book an oil change', exact: true }).waitFor();
  const proposal = await ask(page, 'Book an oil change', { quickStart: true });
  log(`proposal (${proposal.agent}): ${proposal.text}`);
  expect(proposal.agent === 'maintenance', 'the booking request was answered by "' + proposal.agent + '", not maintenance');
  expect(/confirm|shall i|should i|would you like|reply .?yes/i.test(proposal.text),
    'the maintenance agent did not ask for confirmation: ' + proposal.text);
  const booked = await ask(page, 'yes');
  log(`confirmation (${booked.agent}): ${booked.text}`);
  expect(/booked|confirmed|scheduled|reserved/i.test(booked.text), 'no booking confirmation in: ' + booked.text);
  expect(!/not booked|could not|couldn't|failed|no longer available/i.test(booked.text),
    'the booking was not made: ' + booked.text);
  await page.screenshot({ path: join(SHOTS, 'chat-booking.png') });
  const listed = await page.locator('#conversation-list .conversation-link').count();
  expect(listed >= 2, `the sidebar lists ${listed} conversation(s), expected both`);

  // ------------------------------------------------------------------ the tokens stay out of reach of scripts
  begin('check the access token is kept in memory and the refresh token in an HttpOnly cookie');
  await expectTokensOutOfScriptReach(page, tokens.accessToken);

  begin('a reload keeps the owner signed in');
  const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/refresh'));
  await page.reload({ waitUntil: 'domcontentloaded' });
  expect((await refreshed).status() === 200, 'the session was not restored from the cookie');
  await page.locator('#chat-view').waitFor({ state: 'visible' });
  expect(await page.locator('#login-view').isHidden(), 'the sign-in form shows after a reload');
  expect(await page.locator('#account-email').textContent() === email, 'another user after the reload');
  await expectTokensOutOfScriptReach(page, tokens.accessToken);

  // ------------------------------------------------------------------ ?q= starts a conversation after sign-in
  begin('sign out, then start a conversation from ?q=');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  const left = await context.cookies();
  expect(left.length === 0, 'signing out left cookies: ' + left.map((c) => c.name).join(', '));
  const question = 'How do I reset the tyre pressure warning light?';
  await page.goto(BASE + '/chat?q=' + encodeURIComponent(question), { waitUntil: 'domcontentloaded' });
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  expect(!page.url().includes('q='), 'the question stays in the address bar: ' + page.url());
  expect(await page.locator('#chat-view').isHidden(), 'signed in again after signing out');
  await page.getByText(question).first().waitFor();
  await page.locator('#login-form').getByLabel('Email').fill(email);
  await page.locator('#login-form').getByLabel('Password').fill(password);
  await signIn(page);
  const started = await lastAnswer(page);
  const asked = await page.locator('#message-log .message-user').first().textContent();
  expect(asked.includes(question), 'the ?q= question was not sent: ' + asked);
  expect(started.text.length > 0, 'no answer to the ?q= question');
  log(`?q= answer (${started.agent}): ${started.text}`);

  begin('keyboard and landmarks');
  const landmarks = await page.evaluate(() => ({
    main: document.querySelectorAll('main:not([hidden])').length,
    nav: document.querySelectorAll('nav').length,
    live: document.getElementById('message-log').getAttribute('aria-live'),
    unlabelled: Array.from(document.querySelectorAll('input, select, textarea'))
      .filter((e) => e.offsetParent !== null && !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
      .map((e) => e.id || e.name),
  }));
  expect(landmarks.main === 1 && landmarks.nav === 1, 'landmarks: ' + JSON.stringify(landmarks));
  expect(landmarks.live === 'polite', 'the message log is not a polite live region');
  expect(landmarks.unlabelled.length === 0, 'fields without a label: ' + landmarks.unlabelled.join(', '));
  await page.locator('#composer-input').focus();
  await page.keyboard.type('Thanks');
  const viaKeyboard = page.waitForResponse((r) => r.url().endsWith('/api/v1/chat/stream'));
  await page.keyboard.press('Enter');
  expect((await viaKeyboard).status() === 200, 'Enter in the message box did not send');
  await lastAnswer(page);

  // ------------------------------------------------------------------ explicit request for a person
  begin('ask for a person');
  await page.getByRole('button', { name: 'New conversation' }).click();
  const human = await ask(page, 'Talk to a person', { quickStart: true });
  log(`handoff (${human.agent}): ${human.text}`);
  await page.locator('#handoff-banner').waitFor({ state: 'visible' });
  expect((await page.locator('#handoff-banner').textContent()).trim().length > 0, 'the handoff banner is empty');
  if (agentEmail && agentPassword) {
    begin('a person from the service team replies, live');
    expect(human.handoffId, 'no handoff event in the stream of "Talk to a person"');
    await waitForConnection(page);
    const agent = await apiCall('POST', '/api/v1/auth/login', { email: agentEmail, password: agentPassword });
    await apiCall('POST', `/api/v1/handoffs/${human.handoffId}/accept`, undefined, agent.accessToken);
    const reply = 'Hello, I am looking at your request now.';
    await apiCall('POST', `/api/v1/handoffs/${human.handoffId}/messages`, { content: reply }, agent.accessToken);
    const shown = page.locator('#message-log .message-assistant', { hasText: reply });
    await shown.waitFor({ timeout: 15000 }).catch(() => {
      throw new Expectation("the agent's reply did not appear on the page");
    });
    expect(await shown.locator('.badge').getAttribute('data-agent') === 'human', 'the reply is not marked as from a person');
    expect(await shown.count() === 1, "the agent's reply is shown more than once");
  }
  await page.screenshot({ path: join(SHOTS, 'chat-handoff.png') });

  begin('sign out');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();

  expect(problems.length === 0, 'the page reported problems:\n  ' + problems.join('\n  '));
  log('all expectations hold; screenshots in ' + SHOTS);
  process.exitCode = 0;
} catch (error) {
  await reportFailure('chat-page', progress.current, error, problems, context, join(SHOTS, 'chat-failure.png'));
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
}

/** Submits the sign-in form; returns the access token the page got and the refresh token its cookie holds. */
async function signIn(page) {
  const login = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const response = await login;
  expect(response.status() === 200, 'sign-in answered ' + response.status() + ': ' + (await response.text()));
  const body = await response.json();
  expect(body.accessToken, 'sign-in returned no access token');
  expect(!('refreshToken' in body), 'the refresh token is in the body the page can read');
  expect(response.request().headers()['x-session'] === 'cookie', 'the page did not ask for the session cookie');
  await page.locator('#chat-view').waitFor({ state: 'visible' });
  const cookie = (await page.context().cookies()).find((c) => c.name === 'refresh_token');
  expect(cookie, 'no refresh cookie after sign-in');
  return { accessToken: body.accessToken, refreshToken: cookie.value };
}

/** Sends a question (typed, or a quick-start button) and waits for the complete answer. */
async function ask(page, text, { quickStart = false } = {}) {
  const before = await page.locator('#message-log .message-assistant').count();
  // Counts how often the answer's text changes while it streams in.
  await page.evaluate((index) => {
    window.__streamUpdates = 0;
    const log = document.getElementById('message-log');
    const observer = new MutationObserver(() => {
      const answer = log.querySelectorAll('.message-assistant')[index];
      if (!answer) return;
      const now = answer.querySelector('.message-text').textContent;
      if (answer.dataset.state === 'streaming' && now !== window.__lastStreamText && !answer.querySelector('.typing')) {
        window.__streamUpdates += 1;
      }
      window.__lastStreamText = now;
      if (answer.dataset.state !== 'streaming') observer.disconnect();
    });
    observer.observe(log, { childList: true, subtree: true, characterData: true, attributes: true });
  }, before);
  const stream = page.waitForResponse((r) => r.url().endsWith('/api/v1/chat/stream'));
  if (quickStart) {
    await page.getByRole('button', { name: text, exact: true }).click();
  } else {
    await page.getByLabel('Your message').fill(text);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
  }
  await page.locator('#message-log .message-assistant').nth(before).waitFor();
  const result = await lastAnswer(page);
  result.updates = await page.evaluate(() => window.__streamUpdates);
  const response = await stream;
  expect(response.status() === 200, 'POST /api/v1/chat/stream answered ' + response.status());
  expect((response.headers()['content-type'] || '').startsWith('text/event-stream'),
    'the chat stream is not text/event-stream: ' + response.headers()['content-type']);
  const body = await response.text();
  result.tokenEvents = (body.match(/^event: ?token$/gm) || []).length;
  const handoff = body.match(/^event: ?handoff\ndata: ?(.*)$/m);
  result.handoffId = handoff ? JSON.parse(handoff[1]).handoffId : null;
  return result;
}

/** Waits until the last answer is complete and reads it. */
async function lastAnswer(page) {
  const answer = page.locator('#message-log .message-assistant').last();
  await answer.and(page.locator('[data-state="done"], [data-state="error"]')).waitFor();
  const state = await answer.getAttribute('data-state');
  if (state === 'error') {
    throw new Expectation('the answer failed: ' + (await answer.locator('.error').allTextContents()).join(' '));
  }
  return {
    text: (await answer.locator('.message-text').textContent()).trim(),
    agent: await answer.locator('.badge').getAttribute('data-agent'),
    confidence: (await answer.locator('.confidence').textContent()) || '',
    sources: await answer.locator('.source').allTextContents(),
  };
}

/** Calls the API as another client would (the support agent); returns the JSON body, if any. */
async function apiCall(method, path, body, token) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = 'Bearer ' + token;
  const response = await fetch(BASE + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  expect(response.ok, `${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** The live-update socket of the open conversation reaches "Connected". */
async function waitForConnection(page) {
  await page.locator('#connection[data-state="connected"]').waitFor({ timeout: 15000 }).catch(async () => {
    throw new Expectation('the live connection did not come up: ' + (await page.locator('#connection').textContent()).trim());
  });
}
