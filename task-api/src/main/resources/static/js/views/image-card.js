// One subtask in the task page's grid: its images, its variable values, and inline rating.
import { api } from '../api.js';
import { h, mount, statusBadge, toast } from '../dom.js';

function valueText(value) {
  if (value === null || value === undefined) return 'random';
  if (typeof value === 'object') return value.name || value.value || JSON.stringify(value);
  return String(value);
}

/** "v0: oil painting · v1: fox", from the subtask's indices and the task's variables when known. */
export function variableLabel(subtask, variables) {
  const indices = subtask.variable_indices || {};
  const parts = Object.keys(indices).sort().map((id) => {
    const values = variables?.[id]?.values;
    return values ? `${id}: ${valueText(values[indices[id]])}` : `${id} #${indices[id] + 1}`;
  });
  return parts.length ? parts.join(' · ') : 'no variables';
}

export function imageUrls(subtask) {
  // A result's images are objects ({url, width, height, seed}); a subtask not yet generated has no result.
  return (subtask.result?.images || []).map((i) => i.url).filter(Boolean);
}

export function imageCard(taskId, subtask, variables, canAct, rated) {
  const sid = subtask.id;
  const label = variableLabel(subtask, variables);
  const thumb = h('div.thumb');
  const status = h('span');
  const good = h('button.good.rate-good', { type: 'button', text: 'Good', 'aria-label': `Rate ${label} good`, disabled: !canAct });
  const poor = h('button.poor.rate-poor', { type: 'button', text: 'Poor', 'aria-label': `Rate ${label} poor`, disabled: !canAct });
  const evaluation = h(`textarea#evaluation-${sid}.evaluation`, { rows: 2, placeholder: 'What works, what does not…', disabled: !canAct,
    'aria-label': `Evaluation of ${label}` });
  const save = h('button.save-evaluation', { type: 'button', text: 'Save note', disabled: !canAct });
  const card = h('article.image-card', { 'data-subtask-id': sid, 'aria-label': label },
    thumb, h('div.body', {}, h('div.vars', { text: label }), status,
      h('div.actions', {}, good, poor), evaluation, h('div.actions', {}, save)));
  let current = { rating: 'unrated', urls: '' };
  let dirty = false;
  evaluation.addEventListener('input', () => { dirty = true; });

  async function rate(rating) {
    for (const b of [good, poor, save]) b.disabled = true;
    try {
      await api('PUT', `/api/tasks/${taskId}/subtasks/${sid}/rating`, { rating, evaluation: evaluation.value || null });
      dirty = false;
      current.rating = rating;
      press();
      rated();
      toast(rating === 'unrated' ? 'Rating removed' : `Rated ${rating}`);
    } catch (e) {
      toast(`Not saved: ${e.message}`);
    } finally {
      enable();
    }
  }
  function enable() {
    const done = card.dataset.status === 'completed';
    good.disabled = poor.disabled = save.disabled = evaluation.disabled = !canAct || !done;
  }
  function press() {
    good.setAttribute('aria-pressed', current.rating === 'good');
    poor.setAttribute('aria-pressed', current.rating === 'poor');
    card.dataset.rating = current.rating;
  }
  good.addEventListener('click', () => rate(current.rating === 'good' ? 'unrated' : 'good'));
  poor.addEventListener('click', () => rate(current.rating === 'poor' ? 'unrated' : 'poor'));
  save.addEventListener('click', () => rate(current.rating));

  function update(s) {
    const urls = imageUrls(s);
    if (urls.join('|') !== current.urls || !urls.length) {
      current.urls = urls.join('|');
      mount(thumb, urls.length
        ? h('a', { href: urls[0], target: '_blank', rel: 'noopener', style: 'display:contents' },
          h('img', { src: urls[0], alt: `Image for ${label}`, loading: 'lazy', onerror: (e) => e.target.replaceWith(h('span', { text: 'Image not available' })) }))
        : h('span', { text: s.status === 'failed' ? (s.error || 'failed') : (s.status === 'processing' ? 'Generating…' : 'Waiting…') }));
    }
    mount(status, statusBadge(s.status), urls.length > 1 ? h('span.muted', { text: ` +${urls.length - 1} more` }) : null);
    card.dataset.status = s.status;
    enable();
    current.rating = s.rating || 'unrated';
    press();
    if (!dirty && document.activeElement !== evaluation) evaluation.value = s.evaluation || '';
  }
  update(subtask);
  return { element: card, update };
}
