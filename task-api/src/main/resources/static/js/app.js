// The single page: hash routes, the signed-in person, the role-dependent navigation and the language switch.
import { currentUser, signOut } from './api.js';
import { mount, loading, empty, h } from './dom.js';
import { t, locale, setLocale } from './i18n.js';
import * as login from './views/login.js';
import * as tasks from './views/tasks.js';
import * as newTask from './views/new-task.js';
import * as task from './views/task.js';
import * as queues from './views/queues.js';
import * as logs from './views/logs.js';
import * as gallery from './views/gallery.js';
import * as tag from './views/tag.js';
import * as dashboard from './views/dashboard.js';

const main = document.getElementById('app');
const session = { me: null };
let cleanup = null;

/** What the person's role allows: a guest only reads. */
export const can = {
  submit: () => ['admin', 'manager', 'user'].includes(role()),
  act: () => ['admin', 'manager', 'user'].includes(role()),
  manageQueues: () => ['admin', 'manager'].includes(role()),
  readLogs: () => role() === 'admin',
};

function role() {
  return session.me ? session.me.role : '';
}

export function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

export function signedIn(me) {
  session.me = me;
  showChrome();
  go('#/tasks');
}

/** The header's fixed labels in the current language. */
function translateChrome() {
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  document.getElementById('lang-switch').value = locale();
  if (session.me) document.getElementById('who-role').textContent = t(`role.${role()}`);
}

function showChrome() {
  const me = session.me;
  document.getElementById('nav').hidden = !me;
  document.getElementById('who').hidden = !me;
  translateChrome();
  if (!me) return;
  document.getElementById('who-name').textContent = me.username;
  document.getElementById('nav-new').hidden = !can.submit();
  document.getElementById('nav-logs').hidden = !can.readLogs();
}

const routes = [
  [/^#\/login$/, () => login],
  [/^#\/tasks$/, () => tasks],
  [/^#\/new(?:\?.*)?$/, () => newTask],
  [/^#\/tasks\/([0-9a-f-]+)$/i, () => task],
  [/^#\/queues$/, () => queues],
  [/^#\/dashboard$/, () => dashboard],
  [/^#\/logs$/, () => logs],
  [/^#\/gallery$/, () => gallery],
  [/^#\/tags\/([0-9a-f-]+)$/i, () => tag],
];

/** The route of {@code hash}: its view and the parts its pattern caught, or null. */
function routeOf(hash) {
  for (const [pattern, view] of routes) {
    const match = hash.match(pattern);
    if (match) return { view: view(), params: match.slice(1) };
  }
  return null;
}

async function route() {
  if (cleanup) { cleanup(); cleanup = null; }
  const hash = location.hash || '#/tasks';
  if (!session.me && hash !== '#/login') {
    location.replace('#/login');
    return;
  }
  for (const a of document.querySelectorAll('nav a')) {
    a.classList.toggle('active', hash.startsWith(`#/${a.dataset.route}`));
  }
  const query = new URLSearchParams(hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '');
  const found = routeOf(hash);
  if (found) {
    mount(main, loading());
    cleanup = (await found.view.render(main, { me: session.me, can, params: found.params, query, go, signedIn })) || null;
    return;
  }
  mount(main, empty(t('common.notFound'), t('common.notFoundText'), h('p', {}, h('a', { href: '#/tasks', text: t('common.backToTasks') }))));
}

document.getElementById('logout-button').addEventListener('click', async () => {
  await signOut();
  session.me = null;
  showChrome();
  go('#/login');
});

document.getElementById('lang-switch').addEventListener('change', (event) => {
  setLocale(event.target.value);
  translateChrome();
  route();
});

window.addEventListener('hashchange', route);

(async () => {
  translateChrome();
  // What the first view reads is asked for while the signed-in person is: one round trip, not two.
  const first = routeOf(location.hash);
  first?.view.prefetch?.(first.params);
  session.me = await currentUser();
  showChrome();
  if (!session.me) location.replace('#/login');
  else if (!location.hash || location.hash === '#/login') location.replace('#/tasks');
  route();
})();
