// The signed-in session of a GenAI Auto page, shared by every page of the service.
//
// The access token lives in this module's memory only; the refresh token lives in an HttpOnly,
// Secure, SameSite=Strict cookie scoped to /api/v1/auth that no script can read. A page that is
// reloaded calls resume(), which trades the cookie for a new access token. Every call to the auth
// endpoints carries "X-Session: cookie": the service keeps the refresh token in the cookie only
// for requests that say so, and accepts the cookie only from them (another site cannot set that
// header without a CORS preflight this service never grants).
//
//   import { resume, signIn, api } from '/assets/session.js';
//   const user = (await resume()) || (await signIn(email, password));
//   const page = await api('GET', '/api/v1/conversations');

const AUTH = '/api/v1/auth';
const SESSION_HEADER = { 'X-Session': 'cookie' };
// Refresh this long before the access token expires, so a slow request never carries a dead one.
const REFRESH_MARGIN_SECONDS = 60;

const session = { token: null, user: null, timer: null, refreshing: null };

/** A failed call: the HTTP status (0 when the service could not be reached) and the error code. */
export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details === undefined ? null : details;
  }
}

/** Restores the session from the refresh cookie (after a reload): the user, or null when there is none. */
export async function resume() {
  if (session.token) return currentUser();
  try {
    await refresh();
    return currentUser();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return null;
    throw e;
  }
}

/** Signs in; throws ApiError (401 for a wrong password, 429 when locked out for a while). */
export async function signIn(email, password) {
  accept(await authCall('/login', { email, password }));
  return currentUser();
}

/**
 * Registers an owner, then signs in with the same e-mail and password: fields are
 * { email, password, fullName, phone? }. The service answers a registration alike whether or not
 * the address already had an account, so only the sign-in can fail (401: the address has an
 * account with another password).
 */
export async function register(fields) {
  await authCall('/register', fields);
  return signIn(fields.email, fields.password);
}

/** Ends the session on the service (the cookie is cleared) and here. */
export async function signOut() {
  try {
    await authorized((headers) => send('POST', AUTH + '/logout', undefined, { ...headers, ...SESSION_HEADER }));
  } catch (ignored) {
    // Signed out here either way; a session the service still knows expires with its token.
  }
  end();
}

/** The signed-in user ({ id, email, role, displayName, ... }) or null. */
export function currentUser() {
  return session.user ? { ...session.user } : null;
}

/** The current access token, for the WebSocket's auth message; null when signed out. */
export function accessToken() {
  return session.token;
}

/**
 * Calls the API with the bearer token: JSON in (or a FormData/Blob as is), JSON out (null for
 * 204). A 401 refreshes the token once and repeats the call; throws ApiError.
 */
export async function api(method, path, body) {
  const response = await authorized((headers) => send(method, path, body, headers));
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

/**
 * Calls an endpoint that answers with Server-Sent Events (POST with a JSON body, or GET when body
 * is undefined) and calls onEvent(name, data) for each event, data parsed from JSON when it is.
 * Resolves when the stream ends; throws ApiError when the call is refused. A long-lived stream is
 * ended from the page with an AbortController: apiStream(path, undefined, onEvent, { signal }).
 */
export async function apiStream(path, body, onEvent, { signal } = {}) {
  const method = body === undefined ? 'GET' : 'POST';
  const response = await authorized((headers) =>
    send(method, path, body, { ...headers, Accept: 'text/event-stream' }, signal));
  if (!response.body) throw new ApiError(response.status, 'no_stream', 'The service sent no event stream.');
  await readEvents(response.body, onEvent);
}

// ---------------------------------------------------------------------------------------------

async function authorized(call) {
  if (!session.token) await refresh();
  let response = await call({ Authorization: 'Bearer ' + session.token });
  if (response.status === 401) {
    await refresh();
    response = await call({ Authorization: 'Bearer ' + session.token });
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

/** One refresh at a time: parallel callers that meet a 401 wait for the same new token. */
function refresh() {
  if (!session.refreshing) {
    session.refreshing = authCall('/refresh')
      .then(accept)
      .catch((e) => {
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
          const wasSignedIn = session.user !== null;
          end();
          if (wasSignedIn) window.dispatchEvent(new CustomEvent('session-ended'));
        }
        throw e;
      })
      .finally(() => {
        session.refreshing = null;
      });
  }
  return session.refreshing;
}

async function authCall(path, body) {
  const response = await send('POST', AUTH + path, body, SESSION_HEADER);
  if (!response.ok) throw await errorFrom(response);
  return response.json();
}

async function send(method, path, body, headers, signal) {
  const all = { Accept: 'application/json', ...headers };
  let payload = body;
  if (body !== undefined && !(body instanceof FormData) && !(body instanceof Blob)) {
    all['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  try {
    return await fetch(path, { method, headers: all, body: payload, credentials: 'same-origin', cache: 'no-store', signal });
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'unreachable', 'The service could not be reached. Check your connection and try again.');
  }
}

function accept(tokens) {
  session.token = tokens.accessToken;
  if (tokens.user) session.user = tokens.user;
  clearTimeout(session.timer);
  const seconds = Number(tokens.expiresIn) || 0;
  if (seconds > 0) {
    const after = Math.max(seconds / 2, seconds - REFRESH_MARGIN_SECONDS);
    // A failed scheduled refresh is not an error yet: the next call tries again and says so.
    session.timer = setTimeout(() => refresh().catch(() => {}), after * 1000);
  }
}

function end() {
  clearTimeout(session.timer);
  session.timer = null;
  session.token = null;
  session.user = null;
}

async function errorFrom(response) {
  let code = 'http_' + response.status;
  let message = 'The service answered ' + response.status + '.';
  let details = null;
  try {
    const body = await response.json();
    if (body && body.error) {
      code = body.error.code || code;
      message = body.error.message || message;
      details = body.error.details || null;
    }
  } catch (ignored) {
    // not JSON: keep the generic message
  }
  return new ApiError(response.status, code, message, details);
}

/** Reads a text/event-stream body: blocks separated by a blank line, "event:" and "data:" fields. */
async function readEvents(stream, onEvent) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const dispatch = (block) => {
    let name = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':') || line === '') continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') name = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length === 0) return;
    let parsed;
    try {
      parsed = JSON.parse(data.join('\n'));
    } catch (ignored) {
      parsed = data.join('\n');
    }
    onEvent(name, parsed);
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      dispatch(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
    }
  }
  buffer += decoder.decode();
  if (buffer.trim()) dispatch(buffer);
}
