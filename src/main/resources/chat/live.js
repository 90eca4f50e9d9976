// The chat page's live connection: a WebSocket per open conversation (signed in with the access
// token in its first message), the state shown in the top bar, reconnection with jittered backoff.
import { accessToken } from '/assets/session.js';

const RECONNECT_MIN_MS = 1000;
const RECONNECT_MAX_MS = 30000;
const PING_EVERY_MS = 25000;

const socket = { ws: null, sessionId: null, onFrame: null, attempt: 0, timer: null, ping: null, wanted: false };
const $ = (id) => document.getElementById(id);

export function setConnection(kind, text) {
  $('connection').dataset.state = kind;
  $('connection-text').textContent = text;
}

/** Follows one conversation: frames other than the connection's own go to onFrame(frame). */
export function connectSocket(sessionId, onFrame) {
  closeSocket();
  socket.sessionId = sessionId;
  socket.onFrame = onFrame;
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
    if (frame.type === 'ready') {
      ready();
    } else {
      socket.onFrame(frame);
    }
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

export function closeSocket() {
  socket.wanted = false;
  clearTimeout(socket.timer);
  clearInterval(socket.ping);
  const ws = socket.ws;
  socket.ws = null;
  if (ws && ws.readyState <= 1) ws.close(1000, 'leaving');
}

function ready() {
  socket.attempt = 0;
  setConnection('connected', 'Connected');
  clearInterval(socket.ping);
  socket.ping = setInterval(() => {
    if (socket.ws && socket.ws.readyState === 1) socket.ws.send(JSON.stringify({ type: 'ping' }));
  }, PING_EVERY_MS);
}

/** Back online: try at once rather than after the backoff. */
export function reconnectNow() {
  if (socket.wanted && !socket.ws) {
    clearTimeout(socket.timer);
    socket.attempt = 0;
    openSocket();
  }
}
