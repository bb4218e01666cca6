// The single page: hash routes, the signed-in person, and the role-dependent navigation.
import { currentUser, signOut } from './api.js';
import { mount, loading, empty, h } from './dom.js';
import * as login from './views/login.js';
import * as tasks from './views/tasks.js';
import * as newTask from './views/new-task.js';
import * as task from './views/task.js';
import * as queues from './views/queues.js';
import * as logs from './views/logs.js';
import * as gallery from './views/gallery.js';
import * as tag from './views/tag.js';

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

function showChrome() {
  const me = session.me;
  document.getElementById('nav').hidden = !me;
  document.getElementById('who').hidden = !me;
  if (!me) return;
  document.getElementById('who-name').textContent = me.username;
  document.getElementById('who-role').textContent = role();
  document.getElementById('nav-new').hidden = !can.submit();
  document.getElementById('nav-logs').hidden = !can.readLogs();
}

const routes = [
  [/^#\/login$/, () => login],
  [/^#\/tasks$/, () => tasks],
  [/^#\/new$/, () => newTask],
  [/^#\/tasks\/([0-9a-f-]+)$/i, () => task],
  [/^#\/queues$/, () => queues],
  [/^#\/logs$/, () => logs],
  [/^#\/gallery$/, () => gallery],
  [/^#\/tags\/([0-9a-f-]+)$/i, () => tag],
];

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
  for (const [pattern, view] of routes) {
    const match = hash.match(pattern);
    if (match) {
      mount(main, loading());
      cleanup = (await view().render(main, { me: session.me, can, params: match.slice(1), go, signedIn })) || null;
      return;
    }
  }
  mount(main, empty('Nothing here', 'This page does not exist.', h('p', {}, h('a', { href: '#/tasks', text: 'Back to the tasks' }))));
}

document.getElementById('logout-button').addEventListener('click', async () => {
  await signOut();
  session.me = null;
  showChrome();
  go('#/login');
});

window.addEventListener('hashchange', route);

(async () => {
  session.me = await currentUser();
  showChrome();
  if (!session.me) location.replace('#/login');
  else if (!location.hash || location.hash === '#/login') location.replace('#/tasks');
  route();
})();
