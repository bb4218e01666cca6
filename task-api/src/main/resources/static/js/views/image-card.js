// One subtask in the task page's grid: its image, its variable values, selection, inline rating,
// and cancel or retry of this one subtask. Live changes patch it in place (update).
import { api } from '../api.js';
import { h, mount, statusBadge, toast } from '../dom.js';
import { t } from '../i18n.js';
import { variableLabel, imageUrls, thumbnailUrl } from './variables.js';

export { variableLabel, imageUrls };

const CANCELLABLE = ['pending', 'processing'];
const RETRYABLE = ['failed', 'cancelled'];

/**
 * options: variables (the task's), canAct, selected (a Set of subtask ids), onRated(), onOpen(id),
 * onSelect(id, on), onChanged() after a cancel or retry, eager (load the image at once: the first row).
 */
export function imageCard(taskId, subtask, options) {
  const { variables, canAct, selected, onRated, onOpen, onSelect, onChanged, eager } = options;
  const sid = subtask.id;
  let current = subtask;
  const label = variableLabel(subtask, variables);
  const thumb = h('div.thumb');
  const status = h('div.card-status');
  const pick = h('input.select-image', { type: 'checkbox', 'aria-label': t('task.card.select', { label }),
    checked: selected?.has(sid), onchange: (e) => onSelect?.(sid, e.target.checked) });
  const good = h('button.good.rate-good', { type: 'button', text: t('task.card.good'), 'aria-label': t('task.card.rateGood', { label }) });
  const poor = h('button.poor.rate-poor', { type: 'button', text: t('task.card.poor'), 'aria-label': t('task.card.ratePoor', { label }) });
  const evaluation = h(`textarea#evaluation-${sid}.evaluation`, { rows: 2, placeholder: t('task.card.evaluationHint'),
    'aria-label': t('task.card.evaluationOf', { label }) });
  const save = h('button.save-evaluation', { type: 'button', text: t('task.card.saveNote') });
  const oneAction = h('button.subtask-action', { type: 'button', hidden: true, onclick: () => act() });
  const card = h('article.image-card', { 'data-subtask-id': sid, 'aria-label': label },
    thumb,
    h('div.body', {},
      h('div.card-top', {}, pick, h('div.vars', { text: label })),
      status,
      h('div.actions', {}, good, poor, oneAction), evaluation, h('div.actions', {}, save)));
  let dirty = false;
  let shownUrls = null;
  evaluation.addEventListener('input', () => { dirty = true; });

  async function rate(rating) {
    for (const b of [good, poor, save]) b.disabled = true;
    try {
      await api('PUT', `/api/tasks/${taskId}/subtasks/${sid}/rating`, { rating, evaluation: evaluation.value || null });
      dirty = false;
      current = { ...current, rating, evaluation: evaluation.value || null };
      press();
      onRated?.();
      toast(rating === 'unrated' ? t('task.card.ratingRemoved') : t(`task.card.rated.${rating}`));
    } catch (e) {
      toast(t('task.card.notSaved', { message: e.message }));
    } finally {
      enable();
    }
  }

  async function act() {
    const what = CANCELLABLE.includes(current.status) ? 'cancel' : 'retry';
    oneAction.disabled = true;
    try {
      const answer = await api('POST', `/api/tasks/${taskId}/subtasks/${sid}/${what}`);
      update({ ...current, status: answer.status, ...(what === 'retry' ? { result: null, error: null } : {}) });
      toast(t(`task.card.${what}Done`));
      onChanged?.();
    } catch (e) {
      toast(t('task.card.actionFailed', { message: e.message }));
    } finally {
      oneAction.disabled = false;
    }
  }

  function enable() {
    const done = current.status === 'completed';
    good.disabled = poor.disabled = save.disabled = evaluation.disabled = !canAct || !done;
    const action = CANCELLABLE.includes(current.status) ? 'cancel' : RETRYABLE.includes(current.status) ? 'retry' : null;
    oneAction.hidden = !canAct || !action;
    if (action) {
      oneAction.textContent = t(`task.card.${action}`);
      oneAction.className = `subtask-action ${action}-subtask`;
    }
  }

  function press() {
    good.setAttribute('aria-pressed', current.rating === 'good');
    poor.setAttribute('aria-pressed', current.rating === 'poor');
    card.dataset.rating = current.rating || 'unrated';
  }

  good.addEventListener('click', () => rate(current.rating === 'good' ? 'unrated' : 'good'));
  poor.addEventListener('click', () => rate(current.rating === 'poor' ? 'unrated' : 'poor'));
  save.addEventListener('click', () => rate(current.rating || 'unrated'));

  function drawThumb(s, urls) {
    const open = (e) => { e.preventDefault(); onOpen?.(sid); };
    if (urls.length) {
      mount(thumb, h('a.open-image', { href: urls[0], target: '_blank', rel: 'noopener', onclick: open,
        'aria-label': t('task.card.open', { label }) },
      h('img', { src: thumbnailUrl(urls[0]), alt: t('task.card.imageFor', { label }),
        loading: eager ? 'eager' : 'lazy', fetchpriority: eager ? 'high' : null, decoding: 'async',
        elementtiming: eager ? 'first-images' : null,
        onerror: (e) => e.target.replaceWith(h('span', { text: t('task.card.imageMissing') })) })));
      return;
    }
    const text = s.status === 'failed' ? (s.error || t('task.card.failed'))
      : s.status === 'processing' ? t('task.card.generating')
        : s.status === 'cancelled' ? t('task.card.cancelled') : t('task.card.waiting');
    mount(thumb, h('a.open-image.no-image', { href: '#', onclick: open, 'aria-label': t('task.card.open', { label }) },
      h('span', { text })));
  }

  /** Shows a newer state of the subtask; the image is only redrawn when its URLs change. */
  function update(s) {
    current = { ...current, ...s };
    const urls = imageUrls(current);
    const key = `${urls.join('|')}/${urls.length ? '' : current.status}`;
    if (key !== shownUrls) {
      shownUrls = key;
      drawThumb(current, urls);
    }
    mount(status, statusBadge(current.status),
      urls.length > 1 ? h('span.muted', { text: ` ${t('task.card.more', { n: urls.length - 1 })}` }) : null,
      current.retry_count ? h('span.muted', { text: ` ${t('task.card.retries', { n: current.retry_count })}` }) : null);
    card.dataset.status = current.status;
    enable();
    press();
    if (!dirty && document.activeElement !== evaluation) evaluation.value = current.evaluation || '';
  }

  update(subtask);
  return {
    element: card,
    update,
    subtask: () => current,
    setSelected: (on) => { pick.checked = on; },
    focus: () => thumb.querySelector('a')?.focus(),
  };
}
