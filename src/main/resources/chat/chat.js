// GenAI Auto chat page. Plain JavaScript (an ES module), no build step, served by the service itself.
// The session (access token in memory, refresh token in an HttpOnly cookie) is /assets/session.js's.
import { ApiError, accessToken, api, apiStream, currentUser, resume, signIn, signOut } from '/assets/session.js';

const AGENTS = {
  specs: 'Specs',
  maintenance: 'Maintenance',
  troubleshoot: 'Troubleshoot',
  general: 'General',
  human: 'Human',
};
const RECONNECT_MIN_MS = 1000;
const RECONNECT_MAX_MS = 30000;
const PING_EVERY_MS = 25000;

const state = {
  sessionId: null,
  vehicles: [],
  conversations: [],
  rendered: new Set(), // message ids already on screen (socket echoes are skipped)
  streaming: false,
  pendingQuestion: null,
};
const socket = { ws: null, sessionId: null, attempt: 0, timer: null, ping: null, wanted: false };

const $ = (id) => document.getElementById(id);
const el = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
};

// ---------------------------------------------------------------- HTTP

/** A sentence for the owner: the service's own message, or what a network failure means. */
function describeFailure(e) {
  if (e instanceof ApiError) return e.message;
    return (e && e.message) || 'Something went wrong. Please try again.';
}

function newKey() {
  if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// ---------------------------------------------------------------- sign in / out

async function onLogin(event) {
  event.preventDefault();
  const email = $('login-email').value.trim();
  const password = $('login-password').value;
  const error = $('login-error');
  error.textContent = '';
  if (!email || !password) {
    error.textContent = 'Enter your email and password.';
    (email ? $('login-password') : $('login-email')).focus();
    return;
  }
  $('login-submit').disabled = true;
  try {
    await signIn(email, password);
  } catch (e) {
    error.textContent = e.status === 401 || e.status === 400 || e.status === 422
      ? 'That email and password do not match an account.'
      : describeFailure(e);
    $('login-password').focus();
    return;
  } finally {
    $('login-submit').disabled = false;
  }
  $('login-password').value = '';
  await enterChat();
}

async function enterChat() {
  $('login-view').hidden = true;
  $('chat-view').hidden = false;
  $('account').hidden = false;
  $('account-email').textContent = (currentUser() || {}).email || '';
  resetConversation();
  await Promise.all([loadVehicles(), loadConversations()]);
  const question = state.pendingQuestion;
  state.pendingQuestion = null;
  for (const hint of document.querySelectorAll('.pending')) hint.remove();
  if (question) {
    await send(question);
  } else {
    $('composer-input').focus();
  }
}

function signedOut(message) {
  closeSocket();
  state.sessionId = null;
  state.conversations = [];
  state.vehicles = [];
  state.rendered.clear();
  $('message-log').replaceChildren();
  $('conversation-list').replaceChildren();
  $('chat-view').hidden = true;
  $('account').hidden = true;
  $('login-view').hidden = false;
  $('login-error').textContent = message || '';
  setConnection('idle', 'Not connected');
  $('login-email').focus();
}

async function onLogout() {
  await signOut();
  signedOut('You have signed out.');
}

// ---------------------------------------------------------------- vehicles and conversations

async function loadVehicles() {
  try {
    const page = await api('GET', '/api/v1/vehicles');
    state.vehicles = (page && page.items) || [];
  } catch (e) {
    state.vehicles = [];
  }
  const select = $('vehicle-select');
  select.replaceChildren();
  for (const v of state.vehicles) {
    const vin = v.vin ? ' · VIN …' + String(v.vin).slice(-6) : '';
    const option = el('option', null, [v.make, v.model, v.modelYear].filter(Boolean).join(' ') + vin);
    option.value = v.id;
    select.append(option);
  }
  $('vehicle-picker').hidden = state.vehicles.length === 0;
}

function selectedVehicleId() {
  return state.vehicles.length ? $('vehicle-select').value || null : null;
}

async function loadConversations() {
  try {
    const page = await api('GET', '/api/v1/conversations?limit=50&offset=0');
    state.conversations = (page && page.items) || [];
  } catch (e) {
    if (e.status === 401) return;
    state.conversations = [];
  }
  const open = state.conversations.find((c) => c.id === state.sessionId);
  if (open && open.title) $('conversation-title').textContent = open.title;
  if (open && open.status === 'handed_off') $('handoff-banner').hidden = false;
  renderConversationList();
}

function renderConversationList() {
  const list = $('conversation-list');
  list.replaceChildren();
  for (const c of state.conversations) {
    const item = el('li');
    const button = el('button', 'conversation-link');
    button.type = 'button';
    button.dataset.id = c.id;
    button.append(el('span', 'conversation-name', c.title || 'Conversation'));
    const meta = [];
    if (c.status === 'handed_off') meta.push('with our team');
    if (c.status === 'closed') meta.push('closed');
    if (c.updatedAt) meta.push(formatWhen(c.updatedAt));
    button.append(el('span', 'conversation-meta', meta.join(' · ')));
    if (c.id === state.sessionId) button.setAttribute('aria-current', 'page');
    button.addEventListener('click', () => openConversation(c.id));
    const remove = el('button', 'conversation-delete', '×');
    remove.type = 'button';
    remove.setAttribute('aria-label', 'Delete conversation “' + (c.title || 'Conversation') + '”');
    remove.addEventListener('click', () => deleteConversation(c));
    item.append(button, remove);
    list.append(item);
  }
  $('conversation-empty').hidden = state.conversations.length > 0;
}

function formatWhen(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

async function deleteConversation(c) {
  if (!window.confirm('Delete this conversation and its messages?')) return;
  try {
    await api('DELETE', '/api/v1/conversations/' + encodeURIComponent(c.id));
    if (c.id === state.sessionId) resetConversation();
    await loadConversations();
    $('new-conversation').focus();
  } catch (e) {
    showError(describeFailure(e));
  }
}

function resetConversation() {
  closeSocket();
  state.sessionId = null;
  state.rendered.clear();
  $('message-log').replaceChildren();
  $('conversation-title').textContent = 'New conversation';
  $('handoff-banner').hidden = true;
  $('quick-start').hidden = false;
  showError('');
  setConnection('idle', 'Not connected');
  renderConversationList();
}

async function openConversation(id) {
  if (state.streaming) return;
  try {
    const data = await api('GET', '/api/v1/conversations/' + encodeURIComponent(id));
    resetConversation();
    state.sessionId = id;
    renderConversation(data);
    connectSocket(id);
    $('composer-input').focus();
  } catch (e) {
    showError(describeFailure(e));
  }
}

function renderConversation(data) {
  const conversation = data.conversation || {};
  $('conversation-title').textContent = conversation.title || 'Conversation';
  $('handoff-banner').hidden = conversation.status !== 'handed_off';
  if (conversation.vehicleId && state.vehicles.some((v) => v.id === conversation.vehicleId)) {
    $('vehicle-select').value = conversation.vehicleId;
  }
  const log = $('message-log');
  log.replaceChildren();
  for (const m of data.messages || []) {
    state.rendered.add(m.id);
    if (m.role === 'user') {
      log.append(userMessage(m.content, m.id));
    } else {
      const view = assistantMessage(m.role === 'agent' ? 'human' : m.agent);
      view.item.dataset.id = m.id;
      renderAnswer(view.text, m.content || '');
      if (m.role === 'agent') {
        view.author.textContent = 'Service team';
      } else {
        setAgent(view, m.agent, m.confidence);
        setSources(view, m.sources);
        addFeedback(view, m.id, m.feedbackRating);
      }
      view.item.dataset.state = 'done';
      log.append(view.item);
    }
  }
  $('quick-start').hidden = log.children.length > 0;
  renderConversationList();
  scrollToEnd();
}

// ---------------------------------------------------------------- message views

function userMessage(text, id) {
  const item = el('li', 'message message-user');
  if (id) item.dataset.id = id;
  item.append(el('span', 'visually-hidden', 'You: '));
  item.append(el('p', 'message-text', text));
  return item;
}

function assistantMessage(agent) {
  const item = el('li', 'message message-assistant');
  item.dataset.state = 'streaming';
  const head = el('div', 'message-head');
  const author = el('span', 'message-author', agent === 'human' ? 'Service team' : 'Assistant');
  const badge = el('span', 'badge');
  badge.hidden = true;
  const confidence = el('span', 'confidence');
  confidence.hidden = true;
  head.append(author, el('span', 'visually-hidden', ': '), badge, confidence);
  const text = el('div', 'message-text');
  const footer = el('div', 'message-footer');
  item.append(head, text, footer);
  return { item, author, badge, confidence, text, footer, sources: null };
}

function setAgent(view, agent, confidence) {
  if (!agent) return;
  view.badge.hidden = false;
  view.badge.textContent = AGENTS[agent] || agent;
  view.badge.dataset.agent = agent;
  view.badge.setAttribute('title', 'Answered by the ' + (AGENTS[agent] || agent).toLowerCase() + ' agent');
  if (typeof confidence === 'number' && agent !== 'human') {
    view.confidence.hidden = false;
    view.confidence.textContent = 'confidence ' + Math.round(confidence * 100) + '%';
  }
}

/**
 * An answer as the owner reads it, built from its text with DOM nodes only (never as HTML): blank
 * lines separate blocks; a block of "| a | b |" lines is a table (the first row its header); lines
 * starting "- ", "• " or "1. " are a list; "[n]" markers point at the numbered sources.
 */
function renderAnswer(node, text) {
  node.replaceChildren();
  for (const block of String(text).split(/\n\s*\n/)) {
    const lines = block.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
    if (lines.length === 0) continue;
    const tableLines = lines.filter((line) => line.startsWith('|'));
    if (tableLines.length >= 2) {
      node.append(table(tableLines));
      const after = lines.filter((line) => !line.startsWith('|'));
      if (after.length) node.append(paragraph(after.join(' ')));
    } else if (lines.every((line) => /^([-•*]|\d+[.)])\s+/.test(line))) {
      const ordered = /^\d/.test(lines[0]);
      const list = el(ordered ? 'ol' : 'ul', 'answer-list');
      // Quoted steps keep the manual's numbers: step 5 stays step 5.
      if (ordered) list.start = parseInt(lines[0], 10);
      for (const line of lines) {
        const li = el('li');
        appendCited(li, line.replace(/^([-•*]|\d+[.)])\s+/, ''));
        list.append(li);
      }
      node.append(list);
    } else {
      node.append(paragraph(lines.join('\n')));
    }
  }
}

function paragraph(text) {
  const p = el('p', 'answer-paragraph');
  appendCited(p, text);
  return p;
}

function table(lines) {
  const cells = (line) => line.replace(/^\|/, '').replace(/\|$/, '').split('|').map((cell) => cell.trim());
  const rows = lines.filter((line) => !/^\|[\s:|-]+\|$/.test(line));
  if (rows.length === 0) return paragraph(lines.join('\n'));
  const wrap = el('div', 'answer-table-wrap');
  const t = el('table', 'answer-table');
  const head = el('thead');
  const headRow = el('tr');
  for (const cell of cells(rows[0])) headRow.append(el('th', null, cell));
  head.append(headRow);
  const body = el('tbody');
  for (const line of rows.slice(1)) {
    const tr = el('tr');
    for (const cell of cells(line)) {
      const td = el('td');
      appendCited(td, cell);
      tr.append(td);
    }
    body.append(tr);
  }
  t.append(head, body);
  wrap.append(t);
  return wrap;
}

/** Text with its "[n]" citation markers set apart as references to the numbered sources. */
function appendCited(parent, text) {
  const parts = String(text).split(/(\[\d+\])/);
  for (const part of parts) {
    if (/^\[\d+\]$/.test(part)) {
      const sup = el('sup', 'cite', part);
      sup.title = 'Source ' + part.slice(1, -1);
      parent.append(sup);
    } else if (part) {
      parent.append(document.createTextNode(part));
    }
  }
}

function setSources(view, sources) {
  if (!Array.isArray(sources) || sources.length === 0) return;
  if (view.sources) view.sources.remove();
  const box = el('div', 'sources');
  box.append(el('p', 'sources-title', 'Sources'));
  const list = el('ol', 'source-list');
  for (const s of sources) {
    const label = (s.title || s.sourceName || 'Document') + (s.section ? ' — ' + s.section : '');
    const li = el('li', 'source', label);
    if (s.sourceName) li.title = s.sourceName;
    list.append(li);
  }
  box.append(list);
  view.item.insertBefore(box, view.footer);
  view.sources = box;
}

function addFeedback(view, messageId, rating) {
  if (!messageId) return;
  const box = el('div', 'feedback');
  const label = el('span', 'feedback-label', 'Was this helpful?');
  const up = feedbackButton('Helpful', 1);
  const down = feedbackButton('Not helpful', -1);
  const form = el('form', 'feedback-form');
  form.hidden = true;
  const commentId = 'comment-' + messageId;
  const commentLabel = el('label', null, 'Comment (optional)');
  commentLabel.htmlFor = commentId;
  const comment = el('input');
  comment.type = 'text';
  comment.id = commentId;
  comment.maxLength = 1000;
  const submit = el('button', 'button-quiet', 'Send feedback');
  submit.type = 'submit';
  form.append(commentLabel, comment, submit);
  const status = el('span', 'feedback-status');
  status.setAttribute('role', 'status');
  let chosen = rating === 1 || rating === -1 ? rating : null;
  const paint = () => {
    up.setAttribute('aria-pressed', String(chosen === 1));
    down.setAttribute('aria-pressed', String(chosen === -1));
  };
  const choose = (value) => {
    chosen = value;
    paint();
    form.hidden = false;
    status.textContent = '';
    comment.focus();
  };
  up.addEventListener('click', () => choose(1));
  down.addEventListener('click', () => choose(-1));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (chosen === null) return;
    submit.disabled = true;
    try {
      const body = { messageId, rating: chosen };
      if (comment.value.trim()) body.comment = comment.value.trim();
      await api('POST', '/api/v1/conversations/' + encodeURIComponent(state.sessionId) + '/feedback', body);
      form.hidden = true;
      status.textContent = 'Thank you for your feedback.';
    } catch (e) {
      status.textContent = 'Feedback not sent: ' + describeFailure(e);
    } finally {
      submit.disabled = false;
    }
  });
  paint();
  box.append(label, up, down, form, status);
  view.footer.append(box);
}

function feedbackButton(label, value) {
  const button = el('button', 'feedback-button');
  button.type = 'button';
  button.dataset.rating = String(value);
  button.title = label;
  button.setAttribute('aria-label', label);
  button.setAttribute('aria-pressed', 'false');
  button.append(thumb(value < 0));
  return button;
}

/** A thumb icon drawn in the page (no image request, no icon font). */
function thumb(down) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '20');
  svg.setAttribute('height', '20');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const group = document.createElementNS(ns, 'g');
  if (down) group.setAttribute('transform', 'rotate(180 12 12)');
  const cuff = document.createElementNS(ns, 'rect');
  for (const [k, v] of [['x', '2'], ['y', '10'], ['width', '4'], ['height', '11'], ['rx', '1']]) cuff.setAttribute(k, v);
  const hand = document.createElementNS(ns, 'path');
  hand.setAttribute('d', 'M8 21h9.2a2 2 0 0 0 2-1.6l1.3-6.6a2 2 0 0 0-2-2.4H14l.8-4.2A1.9 1.9 0 0 0 12.9 4L8 10z');
  group.append(cuff, hand);
  svg.append(group);
  return svg;
}

function showHandoff(data) {
  if (data && (data.status === 'resolved' || data.status === 'cancelled')) {
    // The person has finished (or handed the conversation back): the assistant answers again.
    $('handoff-banner').hidden = true;
    const note = el('li', 'message-system', data.message || 'The service team has closed the handoff.');
    $('message-log').append(note);
    scrollToEnd();
    return;
  }
  $('handoff-text').textContent = (data && data.message)
    || 'A person from our service team will reply in this conversation.';
  $('handoff-banner').hidden = false;
}

function showError(message) {
  $('chat-error').textContent = message || '';
}

function scrollToEnd() {
  const log = $('message-log');
  log.scrollTop = log.scrollHeight;
}

// ---------------------------------------------------------------- sending (Server-Sent Events)

async function send(text) {
  const message = text.trim();
  if (!message || state.streaming || !currentUser()) return;
  state.streaming = true;
  showError('');
  $('composer-send').disabled = true;
  $('quick-start').hidden = true;
  const log = $('message-log');
  const mine = userMessage(message);
  log.append(mine);
  const view = assistantMessage();
  view.text.append(el('span', 'typing', 'Thinking…'));
  log.append(view.item);
  log.setAttribute('aria-busy', 'true');
  scrollToEnd();
  const body = { message, idempotencyKey: newKey() };
  if (state.sessionId) body.sessionId = state.sessionId;
  const vehicleId = selectedVehicleId();
  if (vehicleId) body.vehicleId = vehicleId;
  let finished = false;
  try {
    await apiStream('/api/v1/chat/stream', body, (name, data) => {
      finished = onStreamEvent(name, data, view, mine) || finished;
    });
    if (!finished) throw new Error('The answer was interrupted. Please try again.');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      signedOut('Your session has ended. Please sign in again.');
      return;
    }
    failed(view, describeFailure(e));
  } finally {
    state.streaming = false;
    $('composer-send').disabled = false;
    log.setAttribute('aria-busy', 'false');
    scrollToEnd();
  }
}

/** Applies one streamed event to the answer being written; true once the answer is complete. */
function onStreamEvent(name, data, view, mine) {
  switch (name) {
    case 'session': {
      if (data.messageId) {
        state.rendered.add(data.messageId);
        mine.dataset.id = data.messageId;
      }
      if (data.sessionId && data.sessionId !== state.sessionId) {
        state.sessionId = data.sessionId;
        connectSocket(data.sessionId);
      }
      return false;
    }
    case 'agent':
      setAgent(view, data.agent, data.confidence);
      if (data.agent === 'human') view.author.textContent = 'Service team';
      return false;
    case 'token': {
      const typing = view.text.querySelector('.typing');
      if (typing) typing.remove();
      view.text.append(document.createTextNode(data.text || ''));
      scrollToEnd();
      return false;
    }
    case 'sources':
      setSources(view, data);
      return false;
    case 'handoff':
      showHandoff(data);
      return false;
    case 'done': {
      if (data.messageId) {
        state.rendered.add(data.messageId);
        view.item.dataset.id = data.messageId;
      }
      if (typeof data.answer === 'string' && data.answer) {
        renderAnswer(view.text, data.answer);
      }
      setAgent(view, data.agent, data.confidence);
      setSources(view, data.sources);
      if (data.handoff) showHandoff();
      if (data.degraded) {
        view.footer.append(el('p', 'degraded', 'Answered in reduced mode: the language model was unavailable.'));
      }
      addFeedback(view, data.messageId);
      view.item.dataset.state = 'done';
      loadConversations();
      return true;
    }
    case 'error':
      failed(view, (data && data.message) || 'Something went wrong. Please try again.');
      return true;
    default:
      return false;
  }
}

function failed(view, message) {
  const typing = view.text.querySelector('.typing');
  if (typing) typing.remove();
  view.item.dataset.state = 'error';
  view.item.classList.add('message-error');
  view.footer.append(el('p', 'error', message));
}

// ---------------------------------------------------------------- live updates (WebSocket)

function setConnection(kind, text) {
  $('connection').dataset.state = kind;
  $('connection-text').textContent = text;
}

function connectSocket(sessionId) {
  closeSocket();
  socket.sessionId = sessionId;
  socket.wanted = true;
  socket.attempt = 0;
  openSocket();
}

function openSocket() {
  if (!socket.wanted || !accessToken()) return;
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = scheme + '//' + window.location.host + '/ws/' + encodeURIComponent(socket.sessionId);
  setConnection('connecting', 'Connecting…');
  let ws;
  try {
    ws = new WebSocket(url);
  } catch (e) {
    scheduleReconnect();
    return;
  }
  socket.ws = ws;
  ws.addEventListener('open', () => {
    ws.send(JSON.stringify({ type: 'auth', token: accessToken() }));
  });
  ws.addEventListener('message', (event) => {
    let frame;
    try {
      frame = JSON.parse(event.data);
    } catch (ignored) {
      return;
    }
    onSocketFrame(frame);
  });
  ws.addEventListener('close', (event) => {
    if (socket.ws !== ws) return;
    socket.ws = null;
    clearInterval(socket.ping);
    if (event.code === 4401 || event.code === 4403) {
      socket.wanted = false;
      setConnection('offline', event.code === 4401 ? 'Not connected: please sign in again' : 'Not connected');
      return;
    }
    scheduleReconnect();
  });
}

function scheduleReconnect() {
  if (!socket.wanted) return;
  const base = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** socket.attempt);
  const delay = Math.round(base / 2 + Math.random() * (base / 2));
  socket.attempt += 1;
  setConnection('reconnecting', 'Reconnecting in ' + Math.max(1, Math.round(delay / 1000)) + ' s…');
  clearTimeout(socket.timer);
  socket.timer = setTimeout(openSocket, delay);
}

function closeSocket() {
  socket.wanted = false;
  clearTimeout(socket.timer);
  clearInterval(socket.ping);
  const ws = socket.ws;
  socket.ws = null;
  if (ws && ws.readyState <= 1) ws.close(1000, 'leaving');
}

function onSocketFrame(frame) {
  const data = frame.data || {};
  switch (frame.type) {
    case 'ready':
      socket.attempt = 0;
      setConnection('connected', 'Connected');
      clearInterval(socket.ping);
      socket.ping = setInterval(() => {
        if (socket.ws && socket.ws.readyState === 1) socket.ws.send(JSON.stringify({ type: 'ping' }));
      }, PING_EVERY_MS);
      break;
    case 'agent_message':
      if (data.messageId && state.rendered.has(data.messageId)) break;
      if (data.messageId) state.rendered.add(data.messageId);
      appendAgentMessage(data);
      break;
    case 'handoff':
      showHandoff(data);
      break;
    case 'done':
      // An answer this tab did not ask for (another tab or device): show the stored conversation.
      if (!state.streaming && data.messageId && !state.rendered.has(data.messageId) && state.sessionId) {
        refreshOpenConversation();
      }
      break;
    default:
      break; // pong, and the events of this tab's own stream, which arrive over SSE
  }
}

function appendAgentMessage(data) {
  const view = assistantMessage('human');
  const author = String(data.author || '').trim();
  view.author.textContent = author ? author.charAt(0).toUpperCase() + author.slice(1) : 'Service team';
  setAgent(view, 'human');
  view.text.textContent = data.content || '';
  view.item.dataset.state = 'done';
  if (data.messageId) view.item.dataset.id = data.messageId;
  $('message-log').append(view.item);
  $('quick-start').hidden = true;
  scrollToEnd();
}

async function refreshOpenConversation() {
  const id = state.sessionId;
  try {
    const data = await api('GET', '/api/v1/conversations/' + encodeURIComponent(id));
    if (state.sessionId !== id || state.streaming) return;
    state.rendered.clear();
    renderConversation(data);
  } catch (ignored) {
    // the next event tries again
  }
}

// ---------------------------------------------------------------- wiring

function onComposerSubmit(event) {
  event.preventDefault();
  const input = $('composer-input');
  const text = input.value;
  if (!text.trim() || state.streaming) return;
  input.value = '';
  send(text);
}

function init() {
  const params = new URLSearchParams(window.location.search);
  const q = params.get('q');
  if (q && q.trim()) {
    state.pendingQuestion = q.trim().slice(0, 4000);
    // The question is held in memory; it leaves the address bar and the history entry.
    params.delete('q');
    const rest = params.toString();
    window.history.replaceState(null, '', window.location.pathname + (rest ? '?' + rest : '') + window.location.hash);
    $('login-error').textContent = '';
    $('login-title').after(el('p', 'hint pending', 'After signing in, we will ask: “' + state.pendingQuestion + '”'));
  }
  $('login-form').addEventListener('submit', onLogin);
  $('logout').addEventListener('click', onLogout);
  $('new-conversation').addEventListener('click', () => {
    if (state.streaming) return;
    resetConversation();
    $('composer-input').focus();
  });
  $('composer').addEventListener('submit', onComposerSubmit);
  $('composer-input').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $('composer').requestSubmit();
    }
  });
  for (const button of document.querySelectorAll('.quick')) {
    button.addEventListener('click', () => send(button.dataset.question));
  }
  window.addEventListener('online', () => {
    if (socket.wanted && !socket.ws) {
      clearTimeout(socket.timer);
      socket.attempt = 0;
      openSocket();
    }
  });
  window.addEventListener('offline', () => setConnection('offline', 'Offline'));
  window.addEventListener('session-ended', () => signedOut('Your session has ended. Please sign in again.'));
  start();
}

/** A reload keeps the owner signed in: the session comes back from its cookie. */
async function start() {
  let user = null;
  try {
    user = await resume();
  } catch (e) {
    $('login-error').textContent = describeFailure(e);
  }
  if (user) {
    await enterChat();
  } else {
    $('login-view').hidden = false;
    $('login-email').focus();
  }
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', init);
} else {
  init();
}
