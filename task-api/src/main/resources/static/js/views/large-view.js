// The large view of one image: its full prompt, seed, ratio, variables, rating and evaluation, read
// with GET /api/tasks/{id}/subtasks/{sid} when shown. Arrow keys move to the neighbouring image,
// Escape closes; a pinned image stays on the left to compare two side by side.
import { api } from '../api.js';
import { h, mount, statusBadge, loading } from '../dom.js';
import { t } from '../i18n.js';
import { variableLabel, imageUrls } from './variables.js';

const KEYS = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

function promptText(prompts) {
  return (prompts || []).map((p) => (p.weight !== undefined && p.weight !== null && p.weight !== 1
    ? `(${p.value}:${p.weight})` : p.value)).join(', ');
}

function detail(term, cls, value) {
  return [h('dt', { text: term }), h(`dd.${cls}`, { text: value === null || value === undefined || value === '' ? '—' : String(value) })];
}

function pane(s, variables) {
  const urls = imageUrls(s);
  const sent = s.result?.metadata?.prompt;
  const prompt = promptText(s.prompts);
  return h('section.lv-pane', { 'data-subtask-id': s.id },
    h('div.lv-image', {}, urls.length
      ? urls.map((url) => h('img', { src: url, alt: variableLabel(s, variables) }))
      : h('div.lv-none', {}, statusBadge(s.status), s.error ? h('p', { text: s.error }) : null)),
    h('dl.lv-details', {},
      detail(t('xy.detail.variables'), 'lv-variables', variableLabel(s, variables)),
      detail(t('xy.detail.prompt'), 'lv-prompt', prompt),
      sent && sent !== prompt ? detail(t('xy.detail.promptSent'), 'lv-prompt-sent', sent) : null,
      detail(t('xy.detail.seed'), 'lv-seed', s.seed ?? s.result?.seed),
      detail(t('xy.detail.ratio'), 'lv-ratio', s.ratio),
      detail(t('xy.detail.status'), 'lv-status', t(`grid.status.${s.status}`)),
      detail(t('xy.detail.rating'), 'lv-rating', t(`grid.rating.${s.rating || 'unrated'}`)),
      detail(t('xy.detail.evaluation'), 'lv-evaluation', s.evaluation)));
}

/**
 * Opens the large view on subtask startId. nav.move(id, direction) answers the neighbour's id or null;
 * onClose(id) is called with the id shown last. compareWith pins that subtask on the left at once.
 */
export function openLargeView(taskId, variables, startId, nav, onClose, compareWith = null) {
  const cache = new Map();
  let current = startId;
  let pinned = compareWith;
  const panes = h('div.lv-panes');
  const pin = h('button#lv-pin', { type: 'button' });
  const close = h('button#lv-close', { type: 'button', text: t('xy.view.close'), 'aria-label': t('xy.view.closeLabel') });
  const dialog = h('div.overlay#large-view', { role: 'dialog', 'aria-modal': 'true', 'aria-label': t('xy.view.label'), tabindex: '-1' },
    h('div.lv-box', {},
      h('div.lv-bar', {}, h('span.muted', { text: t('xy.view.keys') }), h('span.lv-buttons', {}, pin, close)),
      panes));

  function read(sid) {
    if (!cache.has(sid)) cache.set(sid, api('GET', `/api/tasks/${taskId}/subtasks/${sid}`));
    return cache.get(sid);
  }

  async function draw() {
    pin.textContent = pinned ? t('xy.view.unpin') : t('xy.view.pin');
    pin.setAttribute('aria-pressed', String(Boolean(pinned)));
    dialog.classList.toggle('comparing', Boolean(pinned));
    const shown = current;
    if (!panes.childElementCount) mount(panes, loading());
    try {
      const wanted = pinned ? [pinned, current] : [current];
      const subtasks = await Promise.all(wanted.map(read));
      if (shown !== current) return;
      mount(panes, subtasks.map((s) => pane(s, variables)));
    } catch (e) {
      mount(panes, h('div.alert', { role: 'alert', text: t('xy.view.failed', { message: e.message }) }));
    }
  }

  function shut() {
    document.removeEventListener('keydown', onKey, true);
    dialog.remove();
    onClose?.(current);
  }

  function onKey(e) {
    if (e.key === 'Escape') { e.preventDefault(); shut(); return; }
    const direction = KEYS[e.key];
    if (!direction) return;
    e.preventDefault();
    const next = nav.move(current, direction);
    if (next) { current = next; draw(); }
  }

  pin.addEventListener('click', () => { pinned = pinned ? null : current; draw(); });
  close.addEventListener('click', shut);
  dialog.addEventListener('click', (e) => { if (e.target === dialog) shut(); });
  document.addEventListener('keydown', onKey, true);
  document.body.append(dialog);
  dialog.focus();
  draw();
  return { close: shut };
}
