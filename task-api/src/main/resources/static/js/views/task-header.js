// The task page's header: name, status, progress and counters (patched in place by progress
// events), and the task's actions: share, cancel, retry failed, download all, use as template, delete.
import { api } from '../api.js';
import { h, mount, progressBar, statusBadge, when, toast } from '../dom.js';
import { t, formatNumber } from '../i18n.js';
import { downloadAll } from './downloads.js';

export const TERMINAL = ['completed', 'failed', 'cancelled'];

const STATS = [
  ['completed-count', 'completed_subtasks', 'task.stat.completed'],
  ['processing-count', 'processing_subtasks', 'task.stat.processing'],
  ['failed-count', 'failed_subtasks', 'task.stat.failed'],
  ['good-count', 'good_quality_images', 'task.stat.good'],
  ['poor-count', 'poor_quality_images', 'task.stat.poor'],
];

/** ctx: id, can, me, go, live (the live indicator element), onAction(what) after cancel or retry. */
export function taskHeader(initial, ctx) {
  let task = initial;
  let actionsKey = null;
  const status = h('span#task-status');
  const progress = h('div#task-progress.task-progress-bar');
  const progressText = h('strong#progress-text');
  const processed = h('div.n#processed-count');
  const numbers = Object.fromEntries(STATS.map(([id]) => [id, h(`div.n#${id}`)]));
  const actions = h('div.task-actions');
  const owner = h('span');
  const element = h('div', {},
    h('p', {}, h('a', { href: '#/tasks', text: t('task.back') })),
    h('div.card.task-head', {},
      h('div.task-title', {}, h('h1#task-name-heading', { text: task.name }), actions),
      h('div.task-progress', {}, status, progress, progressText),
      h('div.stats', {},
        h('div.stat', {}, processed, h('div.l', { text: t('task.stat.processed') })),
        STATS.map(([id, , label]) => h('div.stat', {}, numbers[id], h('div.l', { text: t(label) })))),
      h('div.muted', {}, owner, ctx.live)));

  const owns = () => ctx.me && (task.username === ctx.me.username || ['admin', 'manager'].includes(ctx.me.role));

  function button(id, text, onclick, cls = '') {
    return h(`button#${id}${cls}`, { type: 'button', text, onclick });
  }

  function drawActions() {
    const active = !TERMINAL.includes(task.status);
    const act = ctx.can.act();
    const key = [active, act, owns(), task.visibility, task.failed_subtasks > 0, task.completed_subtasks > 0].join();
    if (key === actionsKey) return;
    actionsKey = key;
    mount(actions,
      act && owns() ? button('share-task', task.visibility === 'shared' ? t('task.shared') : t('task.private'), toggleShare) : null,
      act && active ? button('cancel-task', t('task.cancel'), run('cancel', t('task.cancelled')), '.danger') : null,
      act && task.failed_subtasks > 0 ? button('retry-task', t('task.retryFailed'), run('retry', t('task.retried'))) : null,
      task.completed_subtasks > 0 ? button('download-all', t('task.downloadAll'), download) : null,
      ctx.can.submit() ? h('a.button#use-template', { href: `#/new?template=${task.id}`, text: t('task.useTemplate') }) : null,
      act && owns() ? button('delete-task', t('task.delete'), remove, '.danger') : null);
    actions.querySelector('#share-task')?.setAttribute('aria-pressed', String(task.visibility === 'shared'));
  }

  function update(next) {
    task = { ...task, ...next };
    mount(status, statusBadge(task.status));
    mount(progress, progressBar(task.progress, true));
    progressText.textContent = `${task.progress}%`;
    processed.textContent = `${formatNumber(task.processed_images)} / ${formatNumber(task.total_images)}`;
    for (const [id, field] of STATS) numbers[id].textContent = formatNumber(task[field]);
    owner.textContent = t('task.owner', { user: task.username, priority: task.priority, created: when(task.created_at) })
      + (task.completed_at ? t('task.finished', { at: when(task.completed_at) }) : '');
    drawActions();
  }

  async function toggleShare(event) {
    event.target.disabled = true;
    const visibility = task.visibility === 'shared' ? 'private' : 'shared';
    try {
      await api('PATCH', `/api/tasks/${task.id}`, { visibility });
      update({ visibility });
      toast(visibility === 'shared' ? t('task.sharedNow') : t('task.privateNow'));
    } catch (e) {
      toast(t('task.shareFailed', { message: e.message }));
      event.target.disabled = false;
    }
  }

  function run(what, done) {
    return async (event) => {
      event.target.disabled = true;
      try {
        await api('POST', `/api/tasks/${task.id}/${what}`);
        toast(done);
        await ctx.onAction(what);
      } catch (e) {
        toast(t('task.actionFailed', { message: e.message }));
        event.target.disabled = false;
      }
    };
  }

  async function download(event) {
    event.target.disabled = true;
    try {
      await downloadAll(task.id, task.name);
    } catch (e) {
      toast(t('task.downloadFailed', { message: e.message }));
    } finally {
      event.target.disabled = false;
    }
  }

  async function remove(event) {
    const b = event.target;
    if (b.dataset.confirm !== 'yes') {
      b.dataset.confirm = 'yes';
      b.textContent = t('task.deleteConfirm');
      return;
    }
    b.disabled = true;
    try {
      await api('DELETE', `/api/tasks/${task.id}`);
      toast(t('task.deleted', { name: task.name }));
      ctx.go('#/tasks');
    } catch (e) {
      toast(t('task.deleteFailed', { message: e.message }));
      b.disabled = false;
    }
  }

  update(task);
  return { element, update, task: () => task };
}
