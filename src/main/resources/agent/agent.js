// GenAI Auto support console. Plain JavaScript module, no build step, served by the service.
// The queue and the open conversation arrive as Server-Sent Events read with fetch (the bearer
// token stays in /assets/session.js's memory); when the queue's stream drops, the console polls
// the queue until the stream is back.
import { resume, signIn, signOut, currentUser, api, apiStream, ApiError } from '/assets/session.js';

const PRIORITY_RANK = { urgent: 0, high: 1, normal: 2, low: 3 };
const REASONS = {
  safety: 'Safety',
  complaint: 'Complaint',
  providers_unavailable: 'Assistant unavailable',
  user_request: 'Asked for a person',
  low_confidence: 'Assistant unsure',
};
const STATUSES = { open: 'Waiting', accepted: 'Taken over', resolved: 'Resolved', cancelled: 'Handed back' };
const AGENTS = { specs: 'Specs', maintenance: 'Maintenance', troubleshoot: 'Troubleshoot', general: 'General', human: 'Human' };
const POLL_MS = 10000;
const RECONNECT_MAX_MS = 30000;

const state = {
  user: null,
  handoffs: new Map(), // the open and taken-over handoffs, by id
  selected: null, // id of the handoff whose case is shown
  current: null, // that case, as the service sent it
  messages: new Map(), // the open case's messages by id: what the service sent, plus what arrived live
  queueStream: null, // AbortController of the queue's stream
  caseStream: null, // AbortController of the open case's stream
  poller: null,
  ticker: null,
};

const $ = (id) => document.getElementById(id);
const el = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
};
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

function describe(e) {
  if (e instanceof ApiError) return e.message;
  return (e && e.message) || 'Something went wrong. Please try again.';
}

function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function waited(iso) {
  const minutes = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60000));
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return minutes + ' min';
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? hours + ' h ' + (minutes % 60) + ' min' : Math.floor(hours / 24) + ' days';
}

// ---------------------------------------------------------------- sign in / out

async function onLogin(event) {
  event.preventDefault();
  const email = $('login-email').value.trim();
  const password = $('login-password').value;
  $('login-error').textContent = '';
  if (!email || !password) {
    $('login-error').textContent = 'Enter your email and password.';
    return;
  }
  $('login-submit').disabled = true;
  try {
    await signIn(email, password);
    $('login-password').value = '';
    await enter(currentUser());
  } catch (e) {
    $('login-error').textContent = e instanceof ApiError && e.status === 401
      ? 'That email and password do not match an account.' : describe(e);
  } finally {
    $('login-submit').disabled = false;
  }
}

async function enter(user) {
  if (!user || (user.role !== 'agent' && user.role !== 'admin')) {
    await signOut();
    showLogin('This console is for the support team. Sign in with a support account.');
    return;
  }
  state.user = user;
  $('login-view').hidden = true;
  $('console-view').hidden = false;
  $('account').hidden = false;
  $('account-email').textContent = user.email || '';
  state.ticker = setInterval(renderQueue, 30000);
  watchQueue();
  $('queue').focus();
}

function showLogin(message) {
  state.user = null;
  if (state.queueStream) state.queueStream.abort();
  state.queueStream = null;
  clearInterval(state.ticker);
  stopPolling();
  closeCase();
  state.handoffs.clear();
  $('console-view').hidden = true;
  $('account').hidden = true;
  $('login-view').hidden = false;
  $('login-error').textContent = message || '';
  setLive('idle', 'Not connected');
  $('login-email').focus();
}

async function onLogout() {
  await signOut();
  showLogin('You have signed out.');
}

// ---------------------------------------------------------------- the queue, live

function setLive(kind, text) {
  $('live').dataset.state = kind;
  $('live-text').textContent = text;
}

/** Holds the queue's stream open for as long as someone is signed in, reconnecting with backoff. */
async function watchQueue() {
  const controller = new AbortController();
  state.queueStream = controller;
  let attempt = 0;
  while (state.user && !controller.signal.aborted) {
    setLive('connecting', 'Connecting…');
    try {
      await apiStream('/api/v1/handoffs/events', undefined, (name, data) => {
        attempt = 0;
        onQueueEvent(name, data);
      }, { signal: controller.signal });
      // The service ends a stream after a while (or when a replica stops): reconnect at once.
    } catch (e) {
      if (controller.signal.aborted) return;
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
        showLogin(e.status === 403 ? 'This console is for the support team.' : 'Your session has ended. Please sign in again.');
        return;
      }
      attempt += 1;
    }
    if (!state.user || controller.signal.aborted) return;
    if (attempt > 0) {
      startPolling();
      const base = Math.min(RECONNECT_MAX_MS, 1000 * 2 ** attempt);
      setLive('reconnecting', 'Reconnecting… (checking every ' + POLL_MS / 1000 + ' s)');
      await sleep(base / 2 + Math.random() * (base / 2));
    }
  }
}

function onQueueEvent(name, data) {
  if (name === 'queue') {
    stopPolling();
    replaceQueue([...(data.open || []), ...(data.accepted || [])]);
    setLive('live', 'Live');
  } else if (name === 'handoff') {
    const known = state.handoffs.has(data.id);
    upsert(data);
    if (!known && data.status === 'open') {
      announce('New handoff: ' + (REASONS[data.reason] || data.reason) + ', ' + data.priority + ' priority.');
    }
    if (data.id === state.selected && state.current) {
      state.current.handoff = data;
      renderCaseHead();
    }
  }
}

function replaceQueue(handoffs) {
  state.handoffs.clear();
  for (const h of handoffs) state.handoffs.set(h.id, h);
  renderQueue();
}

function upsert(handoff) {
  if (handoff.status === 'open' || handoff.status === 'accepted') {
    state.handoffs.set(handoff.id, handoff);
  } else {
    state.handoffs.delete(handoff.id);
  }
  renderQueue();
}

/** The fallback while the stream is down: the queue read every few seconds. */
function startPolling() {
  if (state.poller) return;
  const poll = async () => {
    try {
      const [open, accepted] = await Promise.all([
        api('GET', '/api/v1/handoffs?status=open&limit=100'),
        api('GET', '/api/v1/handoffs?status=accepted&limit=100'),
      ]);
      replaceQueue([...open.items, ...accepted.items]);
    } catch (ignored) {
      // the service is away: the next round tries again
    }
  };
  poll();
  state.poller = setInterval(poll, POLL_MS);
}

function stopPolling() {
  clearInterval(state.poller);
  state.poller = null;
}

function announce(text) {
  $('announcer').textContent = text;
}

const urgentFirst = (a, b) => (PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority])
  || (new Date(a.createdAt) - new Date(b.createdAt));

function renderQueue() {
  const all = [...state.handoffs.values()].sort(urgentFirst);
  const waiting = all.filter((h) => h.status === 'open');
  const taken = all.filter((h) => h.status === 'accepted');
  fillList($('waiting-list'), waiting);
  fillList($('taken-list'), taken);
  $('waiting-count').textContent = String(waiting.length);
  $('taken-count').textContent = String(taken.length);
  $('waiting-empty').hidden = waiting.length > 0;
  $('taken-empty').hidden = taken.length > 0;
}

function fillList(list, handoffs) {
  list.replaceChildren(...handoffs.map((h) => {
    const item = el('li');
    const button = el('button', 'handoff-item');
    button.type = 'button';
    button.dataset.id = h.id;
    button.dataset.priority = h.priority;
    if (h.id === state.selected) button.setAttribute('aria-current', 'true');
    const head = el('span', 'handoff-head');
    head.append(el('span', 'badge priority priority-' + h.priority, h.priority),
      el('span', 'handoff-reason', REASONS[h.reason] || h.reason),
      el('span', 'handoff-age', (h.status === 'open' ? 'waiting ' : 'raised ') + waited(h.createdAt)));
    button.append(head);
    if (h.status === 'accepted') {
      button.append(el('span', 'handoff-owner', h.assignedAgentId === state.user.id ? 'You took it over' : 'Another agent has it'));
    }
    if (h.summary) button.append(el('span', 'handoff-summary', h.summary));
    button.addEventListener('click', () => openCase(h.id));
    item.append(button);
    return item;
  }));
}

// ---------------------------------------------------------------- one case

async function openCase(id) {
  closeCase();
  state.selected = id;
  renderQueue();
  $('case-placeholder').hidden = true;
  try {
    const data = await api('GET', '/api/v1/handoffs/' + encodeURIComponent(id));
    if (state.selected !== id) return;
    renderCase(data);
    watchCase(id);
    $('case-title').focus();
  } catch (e) {
    $('case-placeholder').hidden = false;
    $('case-placeholder').textContent = describe(e);
  }
}

function closeCase() {
  if (state.caseStream) state.caseStream.abort();
  state.caseStream = null;
  state.selected = null;
  state.current = null;
  state.messages.clear();
  $('message-log').replaceChildren();
  $('case').hidden = true;
  $('case-placeholder').hidden = false;
  $('case-placeholder').textContent = 'Choose a handoff to see its conversation.';
}

/** The open case's conversation, live: the owner's messages as they are sent, answers as they finish. */
async function watchCase(id) {
  let attempt = 0;
  while (state.selected === id) {
    const controller = new AbortController();
    state.caseStream = controller;
    try {
      await apiStream('/api/v1/handoffs/' + encodeURIComponent(id) + '/events', undefined,
        (name, data) => onCaseEvent(id, name, data), { signal: controller.signal });
      attempt = 0;
    } catch (e) {
      if (controller.signal.aborted || (e instanceof ApiError && e.status >= 400 && e.status < 500)) return;
      attempt += 1;
    }
    if (state.selected !== id) return;
    await sleep(Math.min(RECONNECT_MAX_MS, 1000 * 2 ** attempt));
    // Whatever happened while the stream was away: read the case again.
    if (state.selected === id && attempt > 0) refreshCase(id);
  }
}

function onCaseEvent(id, name, data) {
  if (state.selected !== id) return;
  switch (name) {
    case 'user_message':
      addMessages([{ id: data.messageId, role: 'user', content: data.content, createdAt: data.createdAt }]);
      break;
    case 'agent_message':
      if (!state.messages.has(data.messageId)) refreshCase(id);
      break;
    case 'done':
    case 'handoff':
      // A finished answer (with its sources) or a new state: the stored case says it exactly.
      refreshCase(id);
      break;
    default:
      break;
  }
}

async function refreshCase(id) {
  try {
    const data = await api('GET', '/api/v1/handoffs/' + encodeURIComponent(id));
    if (state.selected === id) renderCase(data);
  } catch (ignored) {
    // the next event tries again
  }
}

function renderCase(data) {
  state.current = data;
  $('case').hidden = false;
  const conversation = data.conversation.conversation;
  $('case-title').textContent = conversation.title || 'Conversation';
  $('case-title').tabIndex = -1;
  $('case-summary').textContent = data.handoff.summary ? 'Handoff note: ' + data.handoff.summary : '';
  $('case-summary').hidden = !data.handoff.summary;
  renderCaseHead();
  addMessages(data.conversation.messages);
  renderOwner(data);
  renderHistory(data.serviceHistory);
  renderPassages(data.passages);
}

function renderCaseHead() {
  const h = state.current.handoff;
  const facts = $('case-facts');
  facts.replaceChildren(
    el('span', 'badge priority priority-' + h.priority, h.priority),
    el('span', 'fact', 'Reason: ' + (REASONS[h.reason] || h.reason)),
    el('span', 'fact', 'Status: ' + (STATUSES[h.status] || h.status)),
    el('span', 'fact', 'Raised ' + when(h.createdAt)));
  const mine = h.status === 'accepted' && h.assignedAgentId === state.user.id;
  const mayEnd = h.status === 'open' || mine || (h.status === 'accepted' && state.user.role === 'admin');
  $('take-over').hidden = h.status !== 'open';
  $('hand-back').hidden = !mayEnd;
  $('resolve').hidden = !mayEnd;
  $('reply-input').disabled = !mine;
  $('reply-send').disabled = !mine;
  $('reply-hint').textContent = mine ? 'The owner sees your reply at once in their chat.'
    : h.status === 'open' ? 'Take the handoff over to reply.'
      : h.status === 'accepted' ? 'Another agent has taken this handoff over.'
        : 'This handoff is ' + (STATUSES[h.status] || h.status).toLowerCase() + '.';
}

/**
 * Adds messages to the open case, in the order they were written. Reads of the case and live
 * events may arrive in any order: what is on screen is only ever added to, never replaced, so a
 * read that started before a reply was sent cannot take the reply away again.
 */
function addMessages(messages) {
  for (const m of messages) if (m.id) state.messages.set(m.id, m);
  const ordered = [...state.messages.values()].sort((a, b) => new Date(a.createdAt) - new Date(b.createdAt));
  const log = $('message-log');
  const atEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  let next = log.firstElementChild;
  for (const m of ordered) {
    if (next && next.id === 'm-' + m.id) {
      next = next.nextElementSibling;
    } else {
      const existing = document.getElementById('m-' + m.id);
      if (existing) existing.remove();
      log.insertBefore(messageView(m), next);
    }
  }
  if (atEnd) log.scrollTop = log.scrollHeight;
}

function messageView(m) {
  const item = el('li', 'message message-' + m.role);
  item.id = 'm-' + m.id;
  item.tabIndex = -1;
  const head = el('p', 'message-head');
  const author = m.role === 'user' ? ownerName()
    : m.role === 'agent' ? 'Support agent' : m.role === 'assistant' ? 'Assistant' : m.role;
  head.append(el('span', 'message-author', author));
  if (m.role === 'assistant' && m.agent) {
    head.append(el('span', 'badge', AGENTS[m.agent] || m.agent));
    if (typeof m.confidence === 'number' && m.agent !== 'human') {
      head.append(el('span', 'confidence', 'confidence ' + Math.round(m.confidence * 100) + '%'));
    }
  }
  const time = el('time', 'message-time', when(m.createdAt));
  time.dateTime = m.createdAt || '';
  head.append(time);
  item.append(head, el('p', 'message-text', m.content || ''));
  if (m.role === 'assistant' && Array.isArray(m.sources) && m.sources.length) {
    const sources = el('ol', 'message-sources');
    sources.setAttribute('aria-label', 'Sources of this answer');
    for (const s of m.sources) sources.append(el('li', null, label(s)));
    item.append(sources);
  }
  return item;
}

function ownerName() {
  const owner = state.current && state.current.owner;
  return owner && owner.fullName ? owner.fullName + ' (owner)' : 'Owner';
}

const label = (s) => (s.title || s.sourceName || 'Document') + (s.section ? ' — ' + s.section : '');

function renderOwner(data) {
  const facts = $('owner-facts');
  facts.replaceChildren();
  const add = (term, value) => {
    if (value === null || value === undefined || value === '') return;
    facts.append(el('dt', null, term), el('dd', null, String(value)));
  };
  add('Owner', data.owner ? data.owner.fullName : 'No customer profile');
  const v = data.vehicle;
  if (v) {
    add('Vehicle', [v.make, v.model, v.modelYear].filter(Boolean).join(' '));
    add('VIN', v.vin);
    add('Powertrain', v.powertrain);
    add('Mileage', v.mileageKm.toLocaleString() + ' km');
  } else {
    add('Vehicle', 'None named in this conversation');
  }
  if (data.owner && data.owner.vehicleCount > 1) add('Vehicles owned', data.owner.vehicleCount);
}

function renderHistory(visits) {
  $('history-rows').replaceChildren(...visits.map((visit) => {
    const row = el('tr');
    const service = el('td', null, visit.serviceType);
    if (visit.description) service.append(el('span', 'visit-note', visit.description));
    row.append(el('td', null, visit.serviceDate), service,
      el('td', null, visit.mileageKm === null || visit.mileageKm === undefined ? '' : visit.mileageKm.toLocaleString()),
      el('td', null, visit.dealer || ''));
    return row;
  }));
  $('history-table').hidden = visits.length === 0;
  $('history-empty').hidden = visits.length > 0;
}

function renderPassages(passages) {
  $('passage-list').replaceChildren(...passages.map((p) => {
    const item = el('li', 'passage');
    item.append(el('span', 'passage-title', label(p)));
    const meta = [];
    if (p.sourceName) meta.push(p.sourceName);
    meta.push('relevance ' + Math.round(p.score * 100) + '%');
    item.append(el('span', 'passage-meta', meta.join(' · ')));
    const cited = el('span', 'passage-meta', 'Cited in ');
    const links = el('span', 'passage-links');
    p.citedBy.forEach((messageId, n) => {
      const link = el('a', null, 'answer ' + (n + 1));
      link.href = '#m-' + messageId;
      link.addEventListener('click', (event) => {
        event.preventDefault();
        const target = document.getElementById('m-' + messageId);
        if (target) {
          target.scrollIntoView({ block: 'center' });
          target.focus();
        }
      });
      links.append(link);
    });
    cited.append(links);
    item.append(cited);
    if (p.excerpt) {
      const passage = el('details', 'passage-text');
      passage.append(el('summary', null, 'Read the passage'), el('p', null, p.excerpt));
      item.append(passage);
    }
    return item;
  }));
  $('passages-empty').hidden = passages.length > 0;
}

// ---------------------------------------------------------------- actions

async function act(button, path, after) {
  const id = state.selected;
  $('case-error').textContent = '';
  button.disabled = true;
  try {
    const result = await api('POST', '/api/v1/handoffs/' + encodeURIComponent(id) + path);
    if (state.selected !== id) return;
    if (after) after(result);
    await refreshCase(id);
  } catch (e) {
    $('case-error').textContent = describe(e);
    refreshCase(id);
  } finally {
    button.disabled = false;
  }
}

async function onReply(event) {
  event.preventDefault();
  const input = $('reply-input');
  const content = input.value.trim();
  if (!content || !state.selected) return;
  $('reply-send').disabled = true;
  $('case-error').textContent = '';
  try {
    const message = await api('POST', '/api/v1/handoffs/' + encodeURIComponent(state.selected) + '/messages', { content });
    input.value = '';
    addMessages([message]);
    const log = $('message-log');
    log.scrollTop = log.scrollHeight;
    input.focus();
  } catch (e) {
    $('case-error').textContent = 'Reply not sent: ' + describe(e);
  } finally {
    $('reply-send').disabled = false;
  }
}

function init() {
  $('login-form').addEventListener('submit', onLogin);
  $('logout').addEventListener('click', onLogout);
  $('take-over').addEventListener('click', () => act($('take-over'), '/accept', () => $('reply-input').focus()));
  $('hand-back').addEventListener('click', () => act($('hand-back'), '/hand-back',
    () => announce('Handed back: the assistant answers this owner again.')));
  $('resolve').addEventListener('click', () => act($('resolve'), '/resolve', () => announce('Resolved.')));
  $('reply-form').addEventListener('submit', onReply);
  $('reply-input').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      $('reply-form').requestSubmit();
    }
  });
  window.addEventListener('session-ended', () => showLogin('Your session has ended. Please sign in again.'));
  resume().then(
    (user) => (user ? enter(user) : showLogin('')),
    () => showLogin('The service could not be reached. Try again in a moment.'));
}

init();
