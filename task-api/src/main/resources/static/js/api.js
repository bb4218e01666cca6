// Talks to task-api: session login (the login form, with the session's CSRF token from /api/csrf),
// or HTTP Basic kept in sessionStorage when the server offers no session. Errors carry the problem+json body.
// Every call asks for answers (problem+json included) in the page's language.
import { locale, t } from './i18n.js';

const BASIC_KEY = 'imagegen.basic';
const SIGNED_IN_KEY = 'imagegen.signedIn';
let csrf = null;
const early = new Map(); // path → {answer, at}: GETs started before the page asked for them (prefetch)
const EARLY_FOR = 10000;

/** An answer other than 2xx: status, and the problem+json body when there is one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

function basic() {
  return sessionStorage.getItem(BASIC_KEY);
}

/** The session's CSRF token: {header_name, parameter_name, token} (GET /api/csrf), or null when none is served. */
async function sessionToken() {
  const response = await fetch('api/csrf', { credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': locale() } });
  return response.ok ? response.json() : null;
}

function headers(extra = {}, unsafe = false) {
  const all = { Accept: 'application/json, application/problem+json', 'Accept-Language': locale(),
    'X-Requested-With': 'XMLHttpRequest', ...extra };
  if (basic()) all.Authorization = `Basic ${basic()}`;
  else if (unsafe && csrf) all[csrf.header_name] = csrf.token;
  return all;
}

/**
 * Calls the API; JSON in and out, or a Blob (a picked file) sent as it is under its own type.
 * Retries once with a fresh CSRF token when the session's token changed.
 */
export async function api(method, path, body, extraHeaders = {}) {
  const started = method === 'GET' && early.get(path);
  if (started) {
    early.delete(path);
    // A prefetch that failed (signed out meanwhile) is asked again, now that the caller knows who is in.
    if (Date.now() - started.at < EARLY_FOR) return started.answer.catch(() => call(method, path, body, extraHeaders));
  }
  return call(method, path, body, extraHeaders);
}

async function call(method, path, body, extraHeaders) {
  return read(await send(method, path, body, extraHeaders));
}

/** Calls the API for a file (a zip): the answer as a Blob, or an ApiError with its problem+json. */
export async function apiFile(method, path, body) {
  const response = await send(method, path, body, { Accept: 'application/zip, application/problem+json' });
  return response.ok ? response.blob() : read(response);
}

/** The answer to a call with this page's credentials, sent again once with a fresh CSRF token when it changed. */
async function send(method, path, body, extraHeaders) {
  const unsafe = !['GET', 'HEAD'].includes(method);
  const blob = body instanceof Blob;
  const type = blob ? body.type || 'application/octet-stream' : 'application/json';
  const once = () => fetch(path.replace(/^\//, ''), {
    method,
    credentials: 'same-origin',
    headers: headers(body === undefined ? extraHeaders : { 'Content-Type': type, ...extraHeaders }, unsafe),
    body: body === undefined || blob ? body : JSON.stringify(body),
  });
  let response = await once();
  if (response.status === 403 && unsafe && !basic()) {
    csrf = await sessionToken();
    response = await once();
  }
  return response;
}

/** The answer's JSON, or an ApiError with its problem+json. */
async function read(response) {
  return parse(response.ok, response.status, await response.text());
}

function parse(ok, status, text) {
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = { detail: text.slice(0, 200) }; }
  }
  if (!ok) throw new ApiError(status, data);
  return data;
}

/** Signs in: the session login form when the server has one, else HTTP Basic. Returns /api/me. */
export async function signIn(username, password) {
  sessionStorage.removeItem(BASIC_KEY);
  const token = await sessionToken();
  if (token) {
    const form = new URLSearchParams({ username, password, [token.parameter_name]: token.token });
    const answer = await fetch('login', { method: 'POST', credentials: 'same-origin', body: form,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': locale() } });
    // A refused login is redirected to /login?error; asking /api/me then would only answer 401.
    if (new URL(answer.url).searchParams.has('error')) {
      throw new ApiError(401, { title: 'Unauthorized', detail: t('login.refused') });
    }
    csrf = await sessionToken(); // the token changes when the session is authenticated
  } else {
    const bytes = new TextEncoder().encode(`${username}:${password}`);
    sessionStorage.setItem(BASIC_KEY, btoa(String.fromCharCode(...bytes)));
  }
  try {
    const me = await api('GET', '/api/me');
    sessionStorage.setItem(SIGNED_IN_KEY, '1');
    return me;
  } catch (e) {
    sessionStorage.removeItem(BASIC_KEY);
    throw e;
  }
}

// The GETs index.html started before the modules loaded (window.imagegenEarly), taken when they were asked with the
// credentials and the language this page asks with; otherwise they are asked again.
const boot = window.imagegenEarly;
delete window.imagegenEarly;
if (boot && boot.basic === basic() && boot.lang === locale()) {
  for (const [path, response] of Object.entries(boot.answers)) {
    const answer = response.then(({ ok, status, text }) => parse(ok, status, text));
    answer.catch(() => {});
    early.set(path, { answer, at: boot.at });
  }
}

/**
 * Starts a GET the page is about to ask for, while /api/me still runs, when this tab signed in before;
 * the next api('GET', path) within a few seconds takes its answer instead of asking again.
 */
export function prefetch(path) {
  if (!sessionStorage.getItem(SIGNED_IN_KEY) || early.has(path)) return;
  const answer = call('GET', path, undefined, {});
  answer.catch(() => {});
  early.set(path, { answer, at: Date.now() });
}

/**
 * The signed-in person, or null; asks the server only when this tab signed in before. The CSRF token is
 * only needed by the first change, so it is asked for alongside, not before.
 */
export async function currentUser() {
  if (!sessionStorage.getItem(SIGNED_IN_KEY)) return null;
  try {
    if (!basic() && !csrf) {
      sessionToken().then((token) => { csrf = csrf || token; }, () => {});
    }
    return await api('GET', '/api/me');
  } catch {
    sessionStorage.removeItem(SIGNED_IN_KEY);
    return null;
  }
}

export async function signOut() {
  const wasBasic = basic();
  sessionStorage.removeItem(BASIC_KEY);
  sessionStorage.removeItem(SIGNED_IN_KEY);
  if (!wasBasic) {
    const token = csrf || (await sessionToken());
    const form = new URLSearchParams(token ? { [token.parameter_name]: token.token } : {});
    await fetch('logout', { method: 'POST', credentials: 'same-origin', body: form }).catch(() => {});
  }
  csrf = null;
}

/** Whether this page signed in to a session (its cookie goes with links and streams), not with HTTP Basic. */
export function inSession() {
  return !basic();
}

/** Whether live server-sent events can be used (they carry the session cookie, not a Basic header). */
export function canStream() {
  return inSession() && typeof EventSource !== 'undefined';
}
