// The task list (own and shared tasks; staff see all): fuzzy search, status and owner filters,
// progress bars; refreshes itself while work runs.
import { api } from '../api.js';
import { h, mount, field, progressBar, statusBadge, empty, loading, when, debounce } from '../dom.js';
import { t } from '../i18n.js';

const STATUSES = ['', 'pending', 'processing', 'completed', 'failed', 'cancelled'];

export function render(main, { can, go, me }) {
  const search = h('input#task-search', { type: 'search', placeholder: t('tasks.searchPlaceholder'), autocomplete: 'off' });
  const status = h('select#status-filter', {}, STATUSES.map((s) => h('option', { value: s, text: s ? t(`status.${s}`) : t('tasks.anyStatus') })));
  const mine = h('input#mine-filter', { type: 'checkbox' });
  const list = h('div#task-list', {}, loading());
  const more = h('button#load-more', { type: 'button', text: t('tasks.loadMore'), hidden: true });
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
      mount(list, h('div.alert', { role: 'alert', text: t('tasks.loadFailed', { error: e.message }) }));
    }
    clearTimeout(timer);
    if (shown.some((x) => ['pending', 'processing'].includes(x.status))) timer = setTimeout(() => load(), 2000);
  }

  function draw() {
    if (!shown.length) {
      const filtered = search.value.trim() || status.value || mine.checked;
      mount(list, empty(filtered ? t('tasks.noMatch') : t('tasks.none'),
        filtered ? t('tasks.noMatchText') : (can.submit() ? t('tasks.noneSubmit') : t('tasks.noneRead')),
        !filtered && can.submit() ? h('p', {}, h('a', { href: '#/new', text: t('nav.new') })) : null));
      return;
    }
    const heads = [[t('tasks.name'), 'th'], [t('tasks.status'), 'th'], [t('tasks.progress'), 'th'], [t('tasks.images'), 'th.hide-xs'],
      [t('tasks.owner'), 'th.hide-sm'], [t('tasks.created'), 'th.hide-sm']];
    mount(list, h('div.table-scroll', {}, h('table.task-table', { 'aria-label': t('tasks.title') },
      h('thead', {}, h('tr', {}, heads.map(([text, tag]) => h(tag, { text })))),
      h('tbody', {}, shown.map(row)))));
  }

  function row(x) {
    const link = h('a', { href: `#/tasks/${x.id}`, text: x.name });
    return h('tr.clickable', { 'data-task-id': x.id, onclick: (e) => { if (e.target !== link) go(`#/tasks/${x.id}`); } },
      h('td.name', {}, link, x.visibility === 'shared' ? [' ', h('span.badge', { text: t('tasks.shared') })] : null),
      h('td', {}, statusBadge(x.status)),
      h('td', {}, h('div.progress-cell', {}, progressBar(x.progress), h('span.muted', { text: `${x.progress}%` }))),
      h('td.hide-xs', { text: `${x.processed_images} / ${x.total_images}` }),
      h('td.hide-sm', { text: x.username }),
      h('td.hide-sm', { text: when(x.created_at) }));
  }

  const reload = debounce(() => load(), 250);
  search.addEventListener('input', reload);
  status.addEventListener('change', () => load());
  mine.addEventListener('change', () => load());
  more.addEventListener('click', () => load(true));

  mount(main,
    h('div.page-head', {}, h('h1', { text: t('tasks.title') }),
      can.submit() ? h('a.button.primary#new-task-link', { href: '#/new', text: t('nav.new') }) : null),
    h('div.card', {},
      h('div.toolbar', {}, h('div.grow', {}, field(t('tasks.search'), search)), field(t('tasks.status'), status),
        can.submit() ? h('label.inline', {}, mine, ` ${t('tasks.onlyMine')}`) : null),
      list, more));
  load();
  return () => clearTimeout(timer);
}
