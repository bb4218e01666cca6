// The XY grid: one variable along each axis, every other variable fixed to one value (a filter), rows
// and columns labelled with the values' names. At most WINDOW values per axis are shown at once, so a
// 100 × 100 task still reads one page of at most WINDOW² subtasks. Arrow keys move between cells;
// a cell opens the large view, where the arrows move along the axes too. The ids of the cells shown
// are told (onShown) whenever they change, so the live stream brings theirs only.
import { api } from '../api.js';
import { h, mount, statusBadge, loading } from '../dom.js';
import { t } from '../i18n.js';
import { valueName, variableList, imageUrls, applyChange, thumbnailUrl } from './variables.js';
import { openLargeView } from './large-view.js';
import { xyControls } from './xy-controls.js';

export const WINDOW = 8;
const MOVES = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] };

export function xyGrid(task, onShown = () => {}) {
  const variables = variableList(task.variables);
  const table = h('div.xy-scroll#xy-scroll');
  const state = h('div#xy-state');
  const cells = new Map(); // subtask id → {x, y, subtask, element}
  let byCell = new Map(); // "x,y" → subtask id
  let layout = null;
  let seq = 0;

  const controls = xyControls(variables, (next) => { layout = next; load(); }, WINDOW);

  function indexRange(start, count) {
    return Array.from({ length: Math.min(WINDOW, count - start) }, (_, i) => start + i);
  }

  async function load() {
    const { x, y, fixed, x0, y0 } = layout;
    const cols = indexRange(x0, x.values.length);
    const rows = y ? indexRange(y0, y.values.length) : [null];
    const params = new URLSearchParams({ limit: 500 });
    cols.forEach((c) => params.append('variable', `${x.key}:${c}`));
    if (y) rows.forEach((r) => params.append('variable', `${y.key}:${r}`));
    for (const [key, index] of Object.entries(fixed)) params.append('variable', `${key}:${index}`);
    const mine = ++seq;
    mount(state, loading(t('xy.loading')));
    try {
      const page = await api('GET', `/api/tasks/${task.id}/subtasks?${params}`);
      if (mine !== seq) return;
      state.replaceChildren();
      draw(cols, rows, page.items);
      onShown([...cells.keys()]);
    } catch (e) {
      if (mine === seq) {
        mount(state, h('div.alert', { role: 'alert', text: t('xy.failed', { message: e.message }) }));
        onShown([...cells.keys()]);
      }
    }
  }

  function cellContent(s) {
    const urls = s ? imageUrls(s) : [];
    if (urls.length) return h('img', { src: thumbnailUrl(urls[0]), alt: '', loading: 'lazy', decoding: 'async' });
    return s ? statusBadge(s.status) : h('span.muted', { text: '—' });
  }

  function draw(cols, rows, items) {
    const { x, y } = layout;
    cells.clear();
    byCell = new Map();
    const found = new Map(items.map((s) => [`${s.variable_indices[x.key]},${y ? s.variable_indices[y.key] : ''}`, s]));
    const head = h('tr', {}, h('th.xy-corner', { scope: 'col', text: y ? `${y.key} ╲ ${x.key}` : x.key }),
      cols.map((c) => h('th.xy-col', { scope: 'col', text: valueName(x.values[c]) })));
    const body = rows.map((r, yi) => h('tr', {},
      h('th.xy-row', { scope: 'row', text: y ? valueName(y.values[r]) : '' }),
      cols.map((c, xi) => {
        const s = found.get(`${c},${y ? r : ''}`);
        const label = [valueName(x.values[c]), y ? valueName(y.values[r]) : null].filter(Boolean).join(' · ');
        const element = h('button.xy-cell', { type: 'button', 'data-x': xi, 'data-y': yi, 'aria-label': label,
          'data-subtask-id': s?.id || '', disabled: !s, onclick: () => s && open(s.id) }, cellContent(s));
        if (s) {
          cells.set(s.id, { x: xi, y: yi, subtask: s, element });
          byCell.set(`${xi},${yi}`, s.id);
        }
        return h('td', {}, element);
      })));
    mount(table, h('table.xy#xy-grid', {}, h('thead', {}, head), h('tbody', {}, body)));
  }

  function neighbour(sid, direction) {
    const here = cells.get(sid);
    if (!here) return null;
    const [dx, dy] = MOVES[direction];
    return byCell.get(`${here.x + dx},${here.y + dy}`) || null;
  }

  function open(sid) {
    openLargeView(task.id, task.variables, sid, { move: neighbour }, (last) => cells.get(last)?.element.focus());
  }

  table.addEventListener('keydown', (e) => {
    const direction = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' }[e.key];
    const sid = e.target.dataset?.subtaskId;
    if (!direction || !sid) return;
    const next = neighbour(sid, direction);
    if (next) { e.preventDefault(); cells.get(next).element.focus(); }
  });

  const element = h('section.xy-view#xy-view', {}, controls.element, state, table);
  controls.start();
  return {
    element,
    apply(changes) {
      for (const change of changes) {
        const cell = cells.get(change.id);
        if (!cell) continue;
        cell.subtask = applyChange(cell.subtask, change);
        mount(cell.element, cellContent(cell.subtask));
      }
    },
    reload: () => layout && load(),
  };
}
