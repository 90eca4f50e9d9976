// GenAI Auto chat page. Plain JavaScript (an ES module), no build step, served by the service itself.
// The session (access token in memory, refresh token in an HttpOnly cookie) is /assets/session.js's.
import { ApiError, api, apiStream, currentUser, resume, signOut } from '/assets/session.js';
import { describeFailure, initAccount, showSignIn } from '/chat/account.js';
import {
  addFeedback, appendStreamed, assistantMessage, el, initCitations, setAgent, setSources, showAnswer, userMessage,
} from '/chat/messages.js';
import { closeSocket, connectSocket, reconnectNow, setConnection } from '/chat/live.js';

const state = {
  sessionId: null,
  vehicles: [],
  conversations: [],
  rendered: new Set(), // message ids already on screen (socket echoes are skipped)
  streaming: false,
  pendingQuestion: null,
};

const $ = (id) => document.getElementById(id);

function newKey() {
  if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// ---------------------------------------------------------------- sign in / out

async function enterChat() {
  $('login-view').hidden = true;
  $('chat-view').hidden = false;
  $('account').hidden = false;
  $('nav-toggle').hidden = false;
  setNav(WIDE.matches);
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
  $('nav-toggle').hidden = true;
  setConnection('idle', 'Not connected');
  showSignIn(message);
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
    connectSocket(id, onSocketFrame);
    closeNavOnPhone();
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
      if (m.role === 'agent') {
        view.author.textContent = 'Service team';
        view.text.textContent = m.content || '';
      } else {
        setAgent(view, m.agent, m.confidence);
        setSources(view, m.sources);
        showAnswer(view, m.content || '');
        addFeedback(view, m.id, m.feedbackRating, sendFeedback);
      }
      view.item.dataset.state = 'done';
      log.append(view.item);
    }
  }
  $('quick-start').hidden = log.children.length > 0;
  renderConversationList();
  scrollToEnd();
}

function sendFeedback(body) {
  return api('POST', '/api/v1/conversations/' + encodeURIComponent(state.sessionId) + '/feedback', body);
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
        connectSocket(data.sessionId, onSocketFrame);
      }
      return false;
    }
    case 'agent':
      setAgent(view, data.agent, data.confidence);
      if (data.agent === 'human') view.author.textContent = 'Service team';
      return false;
    case 'token':
      appendStreamed(view, data.text || '');
      scrollToEnd();
      return false;
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
      setAgent(view, data.agent, data.confidence);
      setSources(view, data.sources);
      if (typeof data.answer === 'string' && data.answer) {
        showAnswer(view, data.answer);
      }
      if (data.handoff) showHandoff();
      if (data.degraded) {
        view.footer.append(el('p', 'degraded', 'Answered in reduced mode: the language model was unavailable.'));
      }
      addFeedback(view, data.messageId, null, sendFeedback);
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

function onSocketFrame(frame) {
  const data = frame.data || {};
  switch (frame.type) {
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
  input.style.height = '';
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
    $('login-title').after(el('p', 'hint pending', 'After signing in, we will ask: “' + state.pendingQuestion + '”'));
  }
  initAccount(enterChat);
  initCitations();
  initNav();
  $('logout').addEventListener('click', onLogout);
  $('new-conversation').addEventListener('click', () => {
    if (state.streaming) return;
    resetConversation();
    closeNavOnPhone();
    $('composer-input').focus();
  });
  $('composer').addEventListener('submit', onComposerSubmit);
  const input = $('composer-input');
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $('composer').requestSubmit();
    }
  });
  // One line to start with, growing with the text (up to the style sheet's max-height).
  input.addEventListener('input', () => {
    input.style.height = 'auto';
    input.style.height = input.scrollHeight + 2 + 'px';
  });
  for (const button of document.querySelectorAll('.quick')) {
    button.addEventListener('click', () => send(button.dataset.question));
  }
  window.addEventListener('online', reconnectNow);
  window.addEventListener('offline', () => setConnection('offline', 'Offline'));
  window.addEventListener('session-ended', () => signedOut('Your session has ended. Please sign in again.'));
  start();
}

/** A reload keeps the owner signed in: the session comes back from its cookie. */
async function start() {
  let user = null;
  let problem = '';
  try {
    user = await resume();
  } catch (e) {
    problem = describeFailure(e);
  }
  if (user) {
    await enterChat();
  } else {
    showSignIn(problem);
  }
}

// ---------------------------------------------------------------- the conversation list

// Wide windows show the list beside the chat (the button folds it away); on a phone it slides
// over the chat when asked for and leaves the screen to the messages otherwise.
const WIDE = window.matchMedia('(min-width: 48.01rem)');

function initNav() {
  $('nav-toggle').addEventListener('click', () => {
    const open = $('chat-view').dataset.nav !== 'open';
    setNav(open);
    if (open && !WIDE.matches) $('new-conversation').focus();
  });
  $('nav-close').addEventListener('click', () => {
    setNav(false);
    $('nav-toggle').focus();
  });
  $('nav-backdrop').addEventListener('click', () => setNav(false));
  $('sidebar').addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !WIDE.matches) {
      setNav(false);
      $('nav-toggle').focus();
    }
  });
  WIDE.addEventListener('change', () => setNav(WIDE.matches));
}

function setNav(open) {
  $('chat-view').dataset.nav = open ? 'open' : 'closed';
  $('nav-toggle').setAttribute('aria-expanded', String(open));
  $('nav-backdrop').hidden = !open || WIDE.matches;
}

function closeNavOnPhone() {
  if (!WIDE.matches) setNav(false);
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', init);
} else {
  init();
}
