// Drives the operator console (GET /admin) in Debian's headless Chromium, as an operator would:
// sign in, create a gateway key and set its limits, call the gateway with that key as a client
// would and see the call's spend, flip a provider's switches and see the states change, upload a
// manual and watch its ingestion progress until it is listed, and compare two evaluation runs.
//
//   node operator-console.mjs <base-url> <admin-email> <admin-password> <screenshot-dir> <manual-file>
//        <agent-email> <agent-password>
//
// Exits 0 when every expectation holds; otherwise prints what failed and exits 1.
import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Expectation, expect, expectTokensOutOfScriptReach, launch, reportFailure, steps, watch } from './browser.mjs';

const [baseArg, email, password, shotsArg, manual, agentEmail, agentPassword] = process.argv.slice(2);
if (!baseArg || !email || !password || !manual || !agentEmail || !agentPassword) {
  console.error('usage: node operator-console.mjs <base-url> <admin-email> <admin-password> <screenshot-dir> '
    + '<manual-file> <agent-email> <agent-password>');
  process.exit(2);
}
const BASE = baseArg.replace(/\/+$/, '');
const SHOTS = resolve(shotsArg || 'docs/screenshots');
// 100 prompt tokens at 0.80 USD and 25 completion tokens at 4.00 USD per million (the fake provider's usage).
const CALL_COST = '$0.000180';
const KEY_NAME = 'Fleet telematics app';
const progress = steps('operator-console');
const { log } = progress;
const begin = (name) => progress.begin(name);

mkdirSync(SHOTS, { recursive: true });
let browser;
let context;
const problems = [];

try {
  // Budgets and the spend chart count UTC days; so does the browser here.
  browser = await launch({ viewport: { width: 1360, height: 900 }, timezoneId: 'UTC' });
  context = browser.context;
  const page = context.pages()[0] || (await context.newPage());
  watch(page, problems);
  watchConsoleFiles(page);
  // Revoking and deleting ask for confirmation; the operator agrees.
  page.on('dialog', (dialog) => dialog.accept());

  // ------------------------------------------------------------------ who may use it
  begin('a support agent is turned away');
  const opened = await page.goto(BASE + '/admin', { waitUntil: 'domcontentloaded' });
  expect(opened && opened.status() === 200, 'GET /admin answered ' + (opened && opened.status()));
  const agent = await signIn(page, agentEmail, agentPassword);
  await page.getByRole('heading', { name: 'Administrators only' }).waitFor();
  expect(await page.locator('#console-view').isHidden(), 'a support agent sees the console');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();

  begin('the operator signs in');
  const { accessToken } = await signIn(page, email, password);
  await page.getByRole('navigation', { name: 'Console sections' }).waitFor();
  await page.getByRole('heading', { name: 'API keys', level: 2 }).waitFor();

  // ------------------------------------------------------------------ API keys
  begin('create a key and see its secret once');
  await page.getByLabel('Name', { exact: true }).fill(KEY_NAME);
  // Owned by a user (the support agent here), whose limits then cover all of that user's keys.
  await page.getByLabel('Owner\'s user id (optional)').fill(agent.user.id);
  const creation = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/api-keys') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Create key' }).click();
  const createdResponse = await creation;
  expect(createdResponse.status() === 201, 'creating the key answered ' + createdResponse.status());
  const created = await createdResponse.json();
  const keyId = created.apiKey.id;
  await page.locator('#new-key').waitFor({ state: 'visible' });
  const secret = await page.locator('#new-key-secret').inputValue();
  expect(secret === created.key && secret.startsWith('gak_'), 'the page does not show the new secret: ' + secret);
  const keyRow = page.locator(`tr[data-key-id="${keyId}"]`);
  await keyRow.waitFor();
  expect((await keyRow.textContent()).includes(created.apiKey.prefix), 'the key list does not show the prefix');
  expect(!(await keyRow.textContent()).includes(secret), 'the key list shows the secret');

  begin('set the key\'s limits');
  await page.getByRole('button', { name: `Limits of ${KEY_NAME}` }).click();
  const dialog = page.getByRole('dialog', { name: `Limits of ${KEY_NAME}` });
  await dialog.waitFor();
  await dialog.getByLabel('Budget per day (USD)').fill('5');
  await dialog.getByLabel('Budget per month (USD)').fill('100');
  await dialog.getByLabel('Downgrade to the cheap model').check();
  await dialog.getByLabel('Requests per minute').fill('120');
  const saving = page.waitForResponse((r) => r.url().endsWith(`/api/v1/llm/keys/${keyId}/limits`) && r.request().method() === 'PUT');
  await dialog.getByRole('button', { name: 'Save limits' }).click();
  const saved = await saving;
  expect(saved.status() === 200, 'saving the limits answered ' + saved.status() + ': ' + (await saved.text()));
  await dialog.waitFor({ state: 'hidden' });
  await keyRow.locator('.limits-cell', { hasText: '$5.00/day' }).waitFor();
  const limitsText = await keyRow.locator('.limits-cell').textContent();
  log('limits shown: ' + limitsText);
  expect(/\$100\.00\/month/.test(limitsText) && /downgrade/.test(limitsText) && /120 req\/min/.test(limitsText),
    'the key\'s limits are not shown: ' + limitsText);

  begin('set the limits of the key\'s owner');
  await page.getByRole('button', { name: `Limits of the owner of ${KEY_NAME}` }).click();
  const ownerDialog = page.getByRole('dialog', { name: `Limits of the owner of ${KEY_NAME}` });
  await ownerDialog.getByText('No limits are set for this user').waitFor();
  await ownerDialog.getByLabel('Budget per month (USD)').fill('50');
  const ownerSaving = page.waitForResponse((r) => r.url().endsWith(`/api/v1/llm/users/${agent.user.id}/limits`)
    && r.request().method() === 'PUT');
  await ownerDialog.getByRole('button', { name: 'Save limits' }).click();
  expect((await ownerSaving).status() === 200, 'saving the owner\'s limits failed');
  await ownerDialog.waitFor({ state: 'hidden' });
  await page.screenshot({ path: join(SHOTS, 'admin-keys.png') });

  // ------------------------------------------------------------------ a client calls the gateway with the key
  begin('a client calls the gateway with the new key');
  const completion = await fetch(BASE + '/v1/chat/completions', {
    method: 'POST',
    headers: { Authorization: 'Bearer ' + secret, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'balanced', messages: [{ role: 'user', content: 'How often should I rotate my tyres?' }] }),
  });
  const answerText = await completion.text();
  expect(completion.status === 200, 'the gateway answered ' + completion.status + ': ' + answerText);
  log('gateway answer: ' + JSON.parse(answerText).choices[0].message.content);

  // ------------------------------------------------------------------ spend
  begin('see the call\'s spend per key');
  await page.getByRole('link', { name: 'Spend' }).click();
  await page.getByRole('heading', { name: 'Spend', level: 2 }).waitFor();
  expect(new URL(page.url()).hash === '#spend', 'the address does not name the section: ' + page.url());
  await page.getByLabel('Group by', { exact: true }).selectOption('key');
  const spendRow = page.locator(`#spend-body tr[data-group="${keyId}"]`);
  // The ledger is written in the background: ask again until the call is in the report.
  for (let attempt = 0; attempt < 40 && (await spendRow.count()) === 0; attempt++) {
    const report = page.waitForResponse((r) => r.url().includes('/api/v1/llm/usage?'));
    await page.getByRole('button', { name: 'Show spend' }).click();
    await report;
    await page.waitForTimeout(250);
  }
  await spendRow.waitFor({ timeout: 1000 }).catch(() => {
    throw new Expectation('the key\'s spend never appeared in the report');
  });
  const spendText = await spendRow.textContent();
  log('spend row: ' + spendText);
  expect(spendText.includes(KEY_NAME), 'the spend row does not name the key: ' + spendText);
  expect(spendText.includes(CALL_COST), `the spend row does not show ${CALL_COST}: ${spendText}`);
  const bars = await page.locator('#spend-chart svg rect').count();
  expect(bars >= 1, 'the chart draws no bar');
  expect((await page.locator('#spend-legend').textContent()).includes(KEY_NAME), 'the legend does not name the key');
  await page.getByLabel('Group by', { exact: true }).selectOption('user');
  await page.getByRole('button', { name: 'Show spend' }).click();
  const userRow = page.locator(`#spend-body tr[data-group="${agent.user.id}"]`);
  await userRow.waitFor();
  const userText = await userRow.textContent();
  expect(userText.includes(`owner of ${KEY_NAME}`) && userText.includes(CALL_COST), 'the owner\'s spend row: ' + userText);
  await page.getByLabel('Group by', { exact: true }).selectOption('model');
  await page.getByRole('button', { name: 'Show spend' }).click();
  await page.locator('#spend-body tr', { hasText: 'openrouter/anthropic/claude-3.5-haiku' }).waitFor();
  await page.getByLabel('Group by', { exact: true }).selectOption('key');
  await page.getByRole('button', { name: 'Show spend' }).click();
  await spendRow.waitFor();
  await page.screenshot({ path: join(SHOTS, 'admin-spend.png') });

  // ------------------------------------------------------------------ providers
  begin('disable and enable a provider');
  await page.getByRole('link', { name: 'Providers' }).click();
  const provider = page.locator('tr[data-provider="openrouter"]');
  await provider.waitFor();
  expect((await provider.locator('[data-field="routing"]').textContent()) === 'enabled', 'openrouter does not start enabled');
  await page.getByRole('button', { name: 'Disable: openrouter' }).click();
  await provider.locator('[data-field="routing"]', { hasText: 'disabled' }).waitFor();
  const refused = await fetch(BASE + '/v1/chat/completions', {
    method: 'POST',
    headers: { Authorization: 'Bearer ' + secret, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'openrouter/anthropic/claude-3.5-haiku', messages: [{ role: 'user', content: 'Hi' }] }),
  });
  log('a call to the disabled provider answered ' + refused.status);
  expect(refused.status === 503, 'a call to the disabled provider answered ' + refused.status);
  await page.getByRole('button', { name: 'Enable: openrouter' }).click();
  await provider.locator('[data-field="routing"]', { hasText: /^enabled$/ }).waitFor();

  begin('hold a breaker open and reset it');
  await page.getByRole('button', { name: 'Force breaker open: openrouter' }).click();
  await provider.locator('[data-field="circuit"]', { hasText: 'held open' }).waitFor();
  await page.getByRole('button', { name: 'Reset breaker: openrouter' }).click();
  await provider.locator('[data-field="circuit"]', { hasText: 'closed' }).waitFor();
  const local = page.locator('tr[data-provider="extractive"]');
  expect((await local.getByRole('button').count()) === 0, 'the local responder has switches');

  // ------------------------------------------------------------------ evaluations
  begin('run two evaluations and compare them');
  await page.getByRole('link', { name: 'Evaluations' }).click();
  await page.getByRole('heading', { name: 'Evaluation runs' }).waitFor();
  await page.getByLabel('Retrieval').selectOption('hybrid');
  await page.getByRole('button', { name: 'Run the bundled questions' }).click();
  await page.locator('#runs-body tr').first().waitFor();
  await page.getByLabel('Retrieval').selectOption('text');
  await page.getByRole('button', { name: 'Run the bundled questions' }).click();
  await page.waitForFunction(() => document.querySelectorAll('#runs-body tr[data-run-id]').length >= 2
    && Array.from(document.querySelectorAll('#runs-body tr[data-run-id] .badge'))
      .every((badge) => badge.textContent === 'succeeded'), null, { timeout: 5 * 60000 });
  await page.getByRole('button', { name: 'Compare' }).click();
  await page.locator('#comparison').waitFor({ state: 'visible' });
  const metrics = await page.locator('#comparison-body tr').count();
  expect(metrics === 5, `the comparison shows ${metrics} metrics, not 5`);
  const mrr = await page.locator('#comparison-body tr[data-metric="mrr"]').textContent();
  log('MRR row: ' + mrr);
  expect(/MRR\d\.\d{3}\d\.\d{3}(±0\.000 \(same\)|[+−]\d\.\d{3} \((better|worse)\))/.test(mrr), 'the MRR row is incomplete: ' + mrr);
  await page.screenshot({ path: join(SHOTS, 'admin-evaluations.png') });

  // ------------------------------------------------------------------ revoke
  begin('revoke the key');
  await page.getByRole('link', { name: 'API keys' }).click();
  await page.getByRole('button', { name: `Revoke ${KEY_NAME}` }).click();
  await keyRow.locator('.badge', { hasText: 'revoked' }).waitFor();
  const afterRevoke = await fetch(BASE + '/v1/models', { headers: { Authorization: 'Bearer ' + secret } });
  expect(afterRevoke.status === 401, 'the revoked key still works: ' + afterRevoke.status);

  // ------------------------------------------------------------------ knowledge base
  begin('upload a manual and watch its ingestion');
  await page.getByRole('link', { name: 'Knowledge base' }).click();
  await page.getByRole('heading', { name: 'Upload a document' }).waitFor();
  const fileName = basename(manual);
  await page.getByLabel('File').setInputFiles(manual);
  await page.getByLabel('Title (optional)').fill('Kestrel Volta owner\'s manual (test)');
  await page.getByLabel('Make (optional)').fill('Kestrel');
  await page.getByLabel('Model (optional)').fill('Volta');
  await page.evaluate(() => {
    // Every state the job's row shows, in order, as the operator would have seen it.
    window.__jobStates = [];
    const list = document.getElementById('jobs-list');
    new MutationObserver(() => {
      const job = list.querySelector('.job');
      if (!job) return;
      const shown = job.dataset.status + ' | ' + job.querySelector('.job-state').textContent;
      if (window.__jobStates[window.__jobStates.length - 1] !== shown) window.__jobStates.push(shown);
    }).observe(list, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const upload = page.waitForResponse((r) => r.url().endsWith('/api/v1/documents') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  const uploaded = await upload;
  log('upload answered ' + uploaded.status() + ' ' + (uploaded.headers().location || ''));
  expect(uploaded.status() === 202, 'the upload answered ' + uploaded.status() + ', not 202 with a job');
  const job = page.locator('#jobs-list .job', { hasText: fileName });
  await job.waitFor();
  await page.locator('#jobs-list .job[data-status="done"]').waitFor({ timeout: 5 * 60000 });
  const states = await page.evaluate(() => window.__jobStates);
  log('job states shown: ' + states.join(' → '));
  expect(states.length >= 2, 'the page showed no progress before the job was done: ' + states.join(' → '));
  expect(!/^(done|failed)/.test(states[0]), 'the first state shown was already final: ' + states[0]);
  expect(/^done \| Done: \d+ passages, a new document$/.test(states[states.length - 1]),
    'the job did not end done with a new document: ' + states.join(' → '));
  await page.getByLabel('Vehicle model').fill('Volta');
  await page.getByRole('button', { name: 'Show documents' }).click();
  const listed = page.locator('#documents-body tr', { hasText: 'Kestrel Volta owner\'s manual (test)' });
  await listed.waitFor();
  const listedText = await listed.textContent();
  log('listed: ' + listedText);
  expect(/ready/.test(listedText) && /Kestrel Volta/.test(listedText), 'the document is not listed as ready: ' + listedText);
  await page.screenshot({ path: join(SHOTS, 'admin-knowledge.png') });

  // ------------------------------------------------------------------ memory-only token, landmarks
  begin('the token stays in memory and the page is labelled');
  await expectTokensOutOfScriptReach(page, accessToken);
  const landmarks = await page.evaluate(() => ({
    main: document.querySelectorAll('main:not([hidden])').length,
    unlabelled: Array.from(document.querySelectorAll('input, select, textarea, button'))
      .filter((e) => e.offsetParent !== null && !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
        && !(e.tagName === 'BUTTON' && e.textContent.trim()))
      .map((e) => e.id || e.name || e.outerHTML.slice(0, 60)),
  }));
  expect(landmarks.main === 1, 'visible main landmarks: ' + landmarks.main);
  expect(landmarks.unlabelled.length === 0, 'controls without a label: ' + landmarks.unlabelled.join(', '));

  begin('a reload keeps the operator signed in, in the same section');
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.getByRole('heading', { name: 'Knowledge base', level: 2 }).waitFor();
  expect(await page.locator('#login-view').isHidden(), 'a reload signed the operator out');

  begin('sign out');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();

  expect(problems.length === 0, 'the page reported problems:\n  ' + problems.join('\n  '));
  log('all expectations hold; screenshots in ' + SHOTS);
  process.exitCode = 0;
} catch (error) {
  await reportFailure('operator-console', progress.current, error, problems, context, join(SHOTS, 'admin-failure.png'));
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
}

/** The console's own files must load like the shared ones browser.mjs watches. */
function watchConsoleFiles(page) {
  page.on('response', (response) => {
    if (/^\/admin(\/[^/]+)?$/.test(new URL(response.url()).pathname) && ![200, 304].includes(response.status())) {
      problems.push(response.url() + ' answered ' + response.status());
    }
  });
}

/** Fills and submits the sign-in form and waits for the service's answer. */
async function signIn(page, who, secretWord) {
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(who);
  await page.getByLabel('Password').fill(secretWord);
  const login = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const response = await login;
  expect(response.status() === 200, 'sign-in answered ' + response.status() + ': ' + (await response.text()));
  return response.json();
}
