// One task: live progress (server-sent events, or polling every second), the image grid, cancel and retry.
import { api, canStream } from '../api.js';
import { h, mount, progressBar, statusBadge, empty, loading, when, toast } from '../dom.js';
import { imageCard } from './image-card.js';

const TERMINAL = ['completed', 'failed', 'cancelled'];
const PAGE = 200;

export async function render(main, { params, can, me }) {
  const id = params[0];
  let task;
  try {
    task = await api('GET', `/api/tasks/${id}`);
  } catch (e) {
    mount(main, e.status === 404 ? empty('Task not found', 'It does not exist, was deleted, or belongs to someone else.',
      h('p', {}, h('a', { href: '#/tasks', text: 'Back to the tasks' })))
      : h('div.alert', { role: 'alert', text: `Could not load the task: ${e.message}` }));
    return;
  }
  const cards = new Map();
  const header = h('div');
  const grid = h('div.grid#image-grid', { 'aria-label': 'Images' });
  const gridState = h('div#grid-state', {}, loading('Loading the images…'));
  const live = h('span.muted#live-mode');
  let stopped = false;
  let source = null;
  let pollTimer = null;
  let refreshing = null;
  let again = false;

  function stat(idName, n, label) {
    return h('div.stat', {}, h(`div.n#${idName}`, { text: n }), h('div.l', { text: label }));
  }

  function drawHeader() {
    const t = task;
    const active = !TERMINAL.includes(t.status);
    const cancel = can.act() && active ? h('button.danger#cancel-task', { type: 'button', text: 'Cancel task', onclick: act('cancel', 'Cancelled the pending work') }) : null;
    const owns = me && (t.username === me.username || ['admin', 'manager'].includes(me.role));
    const share = can.act() && owns ? h('button#share-task', { type: 'button', 'aria-pressed': String(t.visibility === 'shared'),
      text: t.visibility === 'shared' ? 'Shared · make private' : 'Private · share', onclick: toggleShare }) : null;
    const retry = can.act() && t.failed_subtasks > 0 ? h('button#retry-task', { type: 'button', text: 'Retry failed', onclick: act('retry', 'Failed images queued again') }) : null;
    mount(header,
      h('p', {}, h('a', { href: '#/tasks', text: '← Tasks' })),
      h('div.card', {},
        h('div.row', {}, h('h1', { id: 'task-name-heading', text: t.name, style: 'margin:0' }),
          h('div', { style: 'flex:0 0 auto;display:flex;gap:.5rem' }, share, cancel, retry)),
        h('div.row', { style: 'align-items:center;margin-top:.75rem' },
          h('div', { style: 'flex:0 0 auto' }, h('span#task-status', {}, statusBadge(t.status))),
          h('div#task-progress', { style: 'flex:1 1 300px' }, progressBar(t.progress, true)),
          h('strong#progress-text', { style: 'flex:0 0 auto', text: `${t.progress}%` })),
        h('div.stats', {},
          stat('processed-count', `${t.processed_images} / ${t.total_images}`, 'processed'),
          stat('completed-count', t.completed_subtasks, 'completed'),
          stat('processing-count', t.processing_subtasks, 'generating'),
          stat('failed-count', t.failed_subtasks, 'failed'),
          stat('good-count', t.good_quality_images, 'rated good'),
          stat('poor-count', t.poor_quality_images, 'rated poor')),
        h('div.muted', {}, `Owner ${t.username} · priority ${t.priority} · created ${when(t.created_at)}`,
          t.completed_at ? ` · finished ${when(t.completed_at)}` : '', live)));
  }

  async function toggleShare(event) {
    event.target.disabled = true;
    const visibility = task.visibility === 'shared' ? 'private' : 'shared';
    try {
      await api('PATCH', `/api/tasks/${id}`, { visibility });
      task = { ...task, visibility };
      toast(visibility === 'shared' ? 'Shared with everyone signed in' : 'Only you and staff see it now');
      drawHeader();
    } catch (e) {
      toast(`Could not change who sees it: ${e.message}`);
      event.target.disabled = false;
    }
  }

  function act(what, done) {
    return async (event) => {
      event.target.disabled = true;
      try {
        await api('POST', `/api/tasks/${id}/${what}`);
        toast(done);
        startLive();
        await refresh();
      } catch (e) {
        toast(`Could not ${what}: ${e.message}`);
        event.target.disabled = false;
      }
    };
  }

  async function loadSubtasks() {
    let all = [];
    let cursor = null;
    for (let page = 0; page < 50; page++) {
      const query = new URLSearchParams({ limit: PAGE });
      if (cursor) query.set('after', cursor);
      const page = await api('GET', `/api/tasks/${id}/subtasks?${query}`);
      all = all.concat(page.items);
      cursor = page.next;
      if (!cursor) break;
    }
    return all;
  }

  function drawGrid(subtasks) {
    if (!subtasks.length) {
      mount(gridState, empty('No images yet', 'They appear here as the workers finish them.'));
      return;
    }
    gridState.replaceChildren();
    for (const s of subtasks) {
      let card = cards.get(s.id);
      if (!card) {
        card = imageCard(id, s, task.variables, can.act(), () => refreshTask());
        cards.set(s.id, card);
        grid.append(card.element);
      } else {
        card.update(s);
      }
    }
  }

  async function refreshTask() {
    task = await api('GET', `/api/tasks/${id}`);
    drawHeader();
  }

  /** One refresh at a time; a request during one runs once more after it. */
  async function refresh() {
    if (refreshing) { again = true; return refreshing; }
    refreshing = (async () => {
      try {
        // The task first: subtasks read after it are at least as new, so a finished task never
        // shows a subtask still generating once live updates stop.
        const t = await api('GET', `/api/tasks/${id}`);
        const subtasks = await loadSubtasks();
        task = t;
        drawHeader();
        drawGrid(subtasks);
        if (TERMINAL.includes(task.status)) stopLive();
      } catch (e) {
        live.textContent = ` · refresh failed: ${e.message}`;
      } finally {
        refreshing = null;
        if (again && !stopped) { again = false; refresh(); }
      }
    })();
    return refreshing;
  }

  function poll() {
    if (source) { source.close(); source = null; }
    live.textContent = ' · updating every second';
    clearInterval(pollTimer);
    pollTimer = setInterval(refresh, 1000);
  }

  function startLive() {
    if (stopped || pollTimer || source) return;
    if (!canStream()) { poll(); return; }
    let opened = false;
    source = new EventSource(`api/tasks/${id}/events`);
    source.onopen = () => { opened = true; live.textContent = ' · live'; };
    source.addEventListener('progress', () => refresh());
    source.onerror = () => {
      // No stream endpoint, or it broke: fall back to polling; a live stream that drops reconnects by itself.
      if (!opened || source.readyState === EventSource.CLOSED) poll();
    };
  }

  function stopLive() {
    if (source) { source.close(); source = null; }
    clearInterval(pollTimer);
    pollTimer = null;
    live.textContent = '';
  }

  drawHeader();
  mount(main, header, h('h2', { text: 'Images' }), gridState, grid);
  await refresh();
  if (!TERMINAL.includes(task.status)) startLive();
  return () => { stopped = true; stopLive(); };
}
