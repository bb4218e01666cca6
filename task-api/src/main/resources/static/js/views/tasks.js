// The task list (own and shared tasks; staff see all): fuzzy search, status and owner filters,
// progress bars; refreshes itself while work runs.
import { api } from '../api.js';
import { h, mount, field, progressBar, statusBadge, empty, loading, when, debounce } from '../dom.js';

const STATUSES = ['', 'pending', 'processing', 'completed', 'failed', 'cancelled'];

export function render(main, { can, go, me }) {
  const search = h('input#task-search', { type: 'search', placeholder: 'Name or prompt text…', autocomplete: 'off' });
  const status = h('select#status-filter', {}, STATUSES.map((s) => h('option', { value: s, text: s || 'Any status' })));
  const mine = h('input#mine-filter', { type: 'checkbox' });
  const list = h('div#task-list', {}, loading());
  const more = h('button#load-more', { type: 'button', text: 'Load more', hidden: true });
  let cursor = null;
  let timer = null;
  let shown = [];

  async function load(append = false) {
    const params = new URLSearchParams();
    if (search.value.trim()) params.set('q', search.value.trim());
    if (status.value) params.set('status', status.value);
    if (mine.checked) params.set('user', me.username);
    if (append && cursor) params.set('after', cursor);
    try {
      const page = await api('GET', `/api/tasks?${params}`);
      shown = append ? shown.concat(page.items) : page.items;
      cursor = page.next;
      more.hidden = !cursor;
      draw();
    } catch (e) {
      mount(list, h('div.alert', { role: 'alert', text: `Could not load the tasks: ${e.message}` }));
    }
    clearTimeout(timer);
    if (shown.some((t) => ['pending', 'processing'].includes(t.status))) timer = setTimeout(() => load(), 2000);
  }

  function draw() {
    if (!shown.length) {
      const filtered = search.value.trim() || status.value || mine.checked;
      mount(list, empty(filtered ? 'No task matches' : 'No tasks yet',
        filtered ? 'Try other words or another status.' : (can.submit() ? 'Submit the first one.' : 'Tasks people submit appear here.'),
        !filtered && can.submit() ? h('p', {}, h('a', { href: '#/new', text: 'New task' })) : null));
      return;
    }
    mount(list, h('table', { 'aria-label': 'Tasks' },
      h('thead', {}, h('tr', {}, ['Name', 'Status', 'Progress', 'Images', 'Owner', 'Created'].map((t, i) =>
        h(i >= 4 ? 'th.hide-sm' : 'th', { text: t })))),
      h('tbody', {}, shown.map(row))));
  }

  function row(t) {
    const link = h('a', { href: `#/tasks/${t.id}`, text: t.name });
    return h('tr.clickable', { 'data-task-id': t.id, onclick: (e) => { if (e.target !== link) go(`#/tasks/${t.id}`); } },
      h('td', {}, link, t.visibility === 'shared' ? [' ', h('span.badge', { text: 'shared' })] : null),
      h('td', {}, statusBadge(t.status)),
      h('td', {}, h('div.row', {}, progressBar(t.progress), h('span.muted', { text: `${t.progress}%` }))),
      h('td', { text: `${t.processed_images} / ${t.total_images}` }),
      h('td.hide-sm', { text: t.username }),
      h('td.hide-sm', { text: when(t.created_at) }));
  }

  const reload = debounce(() => load(), 250);
  search.addEventListener('input', reload);
  status.addEventListener('change', () => load());
  mine.addEventListener('change', () => load());
  more.addEventListener('click', () => load(true));

  mount(main,
    h('div.page-head', {}, h('h1', { text: 'Tasks' }),
      can.submit() ? h('a.button.primary#new-task-link', { href: '#/new', text: 'New task' }) : null),
    h('div.card', {},
      h('div.toolbar', {}, h('div.grow', {}, field('Search', search)), field('Status', status),
        can.submit() ? h('label.inline', {}, mine, ' only mine') : null),
      list, more));
  load();
  return () => clearTimeout(timer);
}
