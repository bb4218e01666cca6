// One task at any size: a header patched by progress events, and either the paged image grid or the
// XY grid, both patched by the stream's subtask changes. The task and the first page of images are
// asked for together, on a fresh load while the signed-in person is (prefetch); nothing re-reads the
// subtasks on an event.
import { api, prefetch as askEarly } from '../api.js';
import { h, mount, empty } from '../dom.js';
import { t } from '../i18n.js';
import { taskHeader, TERMINAL } from './task-header.js';
import { subtaskGrid, firstPage, firstPagePath } from './subtask-grid.js';
import { xyGrid } from './xy-grid.js';
import { taskLive } from './task-live.js';

/** What render reads first, asked for while the page still checks who is signed in. */
export function prefetch([id]) {
  askEarly(`/api/tasks/${id}`);
  askEarly(firstPagePath(id));
}

export async function render(main, { params, can, me, go }) {
  const id = params[0];
  const page = firstPage(id);
  page.catch(() => {});
  let task;
  try {
    task = await api('GET', `/api/tasks/${id}`);
  } catch (e) {
    mount(main, e.status === 404 ? empty(t('task.notFound'), t('task.notFoundHint'),
      h('p', {}, h('a', { href: '#/tasks', text: t('task.backToTasks') })))
      : h('div.alert', { role: 'alert', text: t('task.loadFailed', { message: e.message }) }));
    return;
  }

  const indicator = h('span.muted#live-mode');
  const body = h('div#task-body');
  let view = null;
  let finishing = null;
  const restart = () => { clearTimeout(finishing); finishing = null; live.start(); };
  const refreshTask = async () => header.update(await api('GET', `/api/tasks/${id}`));

  const live = taskLive(id, indicator, {
    onProgress(progress) {
      header.update(progress);
      // The stream's last subtask changes may follow the last progress event: stop a moment later,
      // then read the header and the cards shown once more.
      if (TERMINAL.includes(progress.status) && !finishing) {
        finishing = setTimeout(() => {
          live.stop();
          refreshTask().catch(() => {});
          view?.reload();
        }, 1500);
      }
    },
    onChanges: (changes) => view?.apply(changes),
    async poll() {
      await refreshTask();
      view?.reload();
      if (TERMINAL.includes(header.task().status)) live.stop();
    },
  });

  const header = taskHeader(task, {
    can, me, go, live: indicator,
    async onAction() {
      await refreshTask();
      view?.reload();
      restart();
    },
  });

  const gridOptions = {
    canAct: can.act(),
    onRated: () => refreshTask().catch(() => {}),
    onChanged: () => { restart(); refreshTask().catch(() => {}); },
  };
  const hasVariables = Object.keys(task.variables || {}).length > 0;
  const tabs = ['grid', 'xy'].map((name) => h(`button#tab-${name}`, { type: 'button', role: 'tab', text: t(`task.tab.${name}`),
    onclick: () => show(name) }));

  function show(name, first = null) {
    for (const tab of tabs) tab.setAttribute('aria-selected', String(tab.id === `tab-${name}`));
    // The stream follows the cards of the view shown, not those of a view left while it was loading.
    let created = null;
    const onShown = (ids) => { if (view === created) live.show(ids); };
    created = name === 'xy' ? xyGrid(task, onShown) : subtaskGrid(task, { ...gridOptions, onShown }, first);
    view = created;
    mount(body, view.element);
  }

  mount(main, header.element,
    h('div.task-tabs', { role: 'tablist', 'aria-label': t('task.tabs') }, hasVariables ? tabs : h('h2', { text: t('task.images') })),
    body);
  show('grid', page);
  if (!TERMINAL.includes(task.status)) live.start();
  return () => { clearTimeout(finishing); live.close(); };
}
