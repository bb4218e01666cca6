// The task page's image grid: one page of subtasks at a time (cursor paging, filters), so the page
// stays small whatever the task's size. Live changes patch the cards shown; nothing is re-read. The
// ids of the cards shown are told (onShown) whenever the page shown changes, so the live stream
// brings theirs only.
import { api } from '../api.js';
import { h, mount, empty, loading } from '../dom.js';
import { t } from '../i18n.js';
import { imageCard } from './image-card.js';
import { taskFilters } from './task-filters.js';
import { applyChange } from './variables.js';
import { arrowKeys, columns, step } from './grid-keys.js';
import { openLargeView } from './large-view.js';
import { selectionBar } from './selection-bar.js';

export const PAGE = 48;

/** options: canAct, onRated(), onChanged(), onShown(ids); first: a promise of the first page, already asked for. */
export function subtaskGrid(task, options, first = null) {
  const { canAct, onRated, onChanged, onShown = () => {} } = options;
  const cards = new Map();
  const grid = h('div.grid#image-grid', { 'aria-label': t('grid.label') });
  const state = h('div#grid-state', {}, loading(t('grid.loading')));
  const pageText = h('span#page-text.muted');
  const prev = h('button#page-prev', { type: 'button', text: t('grid.page.prev'), onclick: () => go(index - 1) });
  const next = h('button#page-next', { type: 'button', text: t('grid.page.next'), onclick: () => go(index + 1) });
  const selection = selectionBar(task, { openCompare, onChange: (ids) => { for (const [sid, c] of cards) c.setSelected(ids.has(sid)); } });
  const filters = taskFilters(task.variables, () => { cursors = [null]; go(0); });
  let cursors = [null];
  let index = 0;
  let order = [];
  let waiting = null;
  let loadSeq = 0;

  function query() {
    const params = filters.params();
    params.set('limit', PAGE);
    if (cursors[index]) params.set('after', cursors[index]);
    return params;
  }

  function fetchPage() {
    return api('GET', `/api/tasks/${task.id}/subtasks?${query()}`);
  }

  async function go(to, page = null) {
    if (to < 0 || to >= cursors.length) return;
    index = to;
    const seq = ++loadSeq;
    waiting = new Map();
    // The pager stays usable while a page loads: a reload in the background (the stream's end, polling)
    // must not swallow a click on Next.
    pager();
    try {
      const answer = await (page || fetchPage());
      if (seq !== loadSeq) return;
      cursors[index + 1] = answer.next || undefined;
      cursors.length = answer.next ? index + 2 : index + 1;
      const same = answer.items.length === order.length && answer.items.every((s, i) => s.id === order[i]);
      if (same) answer.items.forEach((s) => cards.get(s.id).update(s));
      else draw(answer.items);
      onShown(order);
    } catch (e) {
      if (seq === loadSeq) {
        mount(state, h('div.alert', { role: 'alert', text: t('grid.failed', { message: e.message }) }));
        onShown(order);
      }
    } finally {
      if (seq === loadSeq) { waiting = null; pager(); }
    }
  }

  function draw(items) {
    cards.clear();
    order = items.map((s) => s.id);
    const late = waiting;
    grid.replaceChildren(...items.map((s, i) => {
      const card = imageCard(task.id, s, { variables: task.variables, canAct, selected: selection.ids, eager: i < 12,
        onRated, onChanged, onOpen: openView, onSelect: (sid, on) => selection.toggle(card.subtask(), on) });
      const change = late?.get(s.id);
      if (change && Date.parse(change.updated_at) >= Date.parse(s.updated_at)) card.update(applyChange(s, change));
      cards.set(s.id, card);
      return card.element;
    }));
    if (items.length) state.replaceChildren();
    else mount(state, filters.active() ? empty(t('grid.noneMatch'), t('grid.noneMatchHint'))
      : empty(t('grid.none'), t('grid.noneHint')));
  }

  function pager() {
    prev.disabled = index === 0;
    next.disabled = index + 1 >= cursors.length;
    const total = filters.active() ? null : Math.max(1, Math.ceil(task.total_images / PAGE));
    pageText.textContent = total ? t('grid.page.of', { n: index + 1, total }) : t('grid.page.n', { n: index + 1 });
  }

  /** Large-view neighbours: left and right step through the page, up and down by a row of the grid. */
  const nav = {
    move(sid, direction) {
      const to = step(order.indexOf(sid), direction, order.length, columns(grid));
      return to >= 0 ? order[to] : null;
    },
  };

  function openView(sid, compareWith = null) {
    openLargeView(task.id, task.variables, sid, nav, (last) => cards.get(last)?.focus(), compareWith);
  }

  function openCompare([a, b]) {
    openView(b, a);
  }

  arrowKeys(grid, 'a.open-image');
  const element = h('section.task-grid', {},
    h('div.card.grid-controls', {}, filters.element,
      h('div.toolbar', {}, h('button#grid-refresh', { type: 'button', text: t('grid.refresh'), onclick: () => go(index) }))),
    selection.element, state, grid,
    h('nav.pager', { 'aria-label': t('grid.page.label') }, prev, pageText, next));
  go(0, first);

  return {
    element,
    /** Applies the stream's subtask changes to the cards on this page; the others are not shown. */
    apply(changes) {
      for (const change of changes) {
        waiting?.set(change.id, change);
        const card = cards.get(change.id);
        if (card) card.update(applyChange(card.subtask(), change));
      }
    },
    /** Re-reads the page shown (the polling fallback, or after an action). */
    reload: () => go(index),
  };
}

/** The path of the first page as the grid asks for it, so that it can be asked for together with the task. */
export function firstPagePath(taskId) {
  return `/api/tasks/${taskId}/subtasks?${new URLSearchParams({ limit: PAGE })}`;
}

export function firstPage(taskId) {
  return api('GET', firstPagePath(taskId));
}
