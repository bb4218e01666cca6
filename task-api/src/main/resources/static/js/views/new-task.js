// The new-task form with a live preview of the subtasks it would create; #/new?template=<task id> starts
// from that task's tags, variables, settings and generation parameters.
import { api, ApiError } from '../api.js';
import { h, mount, field, empty, debounce } from '../dom.js';
import { t, formatNumber } from '../i18n.js';
import { newModel, toBody, fromTask } from './task-model.js';
import { tagEditor, variableEditor } from './task-editors.js';
import { settingsEditor } from './settings-editor.js';
import { parametersEditor } from './parameters-editor.js';
import { showErrors, clearErrors } from './field-errors.js';

function newKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

export async function render(main, { can, go, query }) {
  if (!can.submit()) {
    mount(main, empty(t('form.readOnly'), t('form.readOnlyText'),
      h('p', {}, h('a', { href: '#/tasks', text: t('common.backToTasks') }))));
    return;
  }
  let limits;
  let template = null;
  try {
    const templateId = query?.get('template');
    [limits, template] = await Promise.all([api('GET', '/api/limits'), templateId ? api('GET', `/api/tasks/${templateId}`) : null]);
  } catch (e) {
    mount(main, h('div.alert#form-load-error', { role: 'alert', text: t('form.loadFailed', { error: e.message }) }));
    return;
  }
  const { model, basics: start } = template ? fromTask(template) : { model: newModel(), basics: { name: '', priority: limits.min_priority, backend: '' } };
  const name = h('input#task-name', { autocomplete: 'off', placeholder: t('form.namePlaceholder'), value: start.name });
  const priority = h('input#task-priority', { type: 'number', min: limits.min_priority, max: limits.max_priority, value: start.priority });
  const backend = h('select#task-backend', {}, h('option', { value: '', text: t('form.defaultBackend') }),
    ['ops', 'dev'].map((b) => h('option', { value: b, text: b, selected: b === start.backend })));
  const formError = h('div.alert#form-error', { role: 'alert' });
  const submit = h('button.primary#submit-task', { type: 'submit', text: t('form.submit') });
  const count = h('div.count#preview-count', { 'aria-live': 'polite', text: '—' });
  const queue = h('div.muted#preview-queue');
  const combos = h('ol#preview-combinations');
  const previewNote = h('div.muted#preview-note', { text: t('form.previewHint') });
  const idempotencyKey = newKey();

  const preview = debounce(async () => {
    const body = toBody(model, basics());
    if (!body.name) body.name = 'preview';
    previewNote.textContent = t('form.checking');
    try {
      const answer = await api('POST', '/api/tasks/preview', body);
      count.textContent = t(answer.count === 1 ? 'form.subtaskCountOne' : 'form.subtaskCount', { n: formatNumber(answer.count) });
      queue.textContent = answer.queue ? t('form.queue', { queue: answer.queue }) : '';
      mount(combos, answer.combinations.map((c) => h('li', { text: describe(c) })));
      previewNote.textContent = answer.count > answer.combinations.length ? t('form.firstShown', { n: answer.combinations.length }) : '';
    } catch (e) {
      count.textContent = '—';
      queue.textContent = '';
      mount(combos);
      const errors = e instanceof ApiError ? e.fieldErrors : [];
      previewNote.textContent = errors.length
        ? t('form.fixFirst', { errors: errors.map((x) => `${x.path} ${x.message}`).join('; ') })
        : t('form.previewUnavailable', { error: e.message });
      if (e.problem?.count) count.textContent = t('form.subtaskCount', { n: formatNumber(e.problem.count) });
    }
  }, 350);

  let settings;
  const changed = () => preview();
  const tags = tagEditor(model, changed);
  const variables = variableEditor(model, changed, () => settings.redraw(), limits);
  settings = settingsEditor(model, changed, limits);

  function basics() {
    return { name: name.value.trim(), priority: priority.value, backend: backend.value };
  }

  const form = h('form#new-task-form', { novalidate: true, 'aria-label': t('form.title') },
    template ? h('p.notice#template-note', {}, t('form.fromTemplate'), ' ', h('a', { href: `#/tasks/${template.id}`, text: template.name })) : null,
    h('div.card', {}, h('h2', { text: t('form.task') }),
      h('div.row', {}, field(t('form.name'), name, '$.name'), field(t('form.priority'), priority, '$.priority'), field(t('form.backend'), backend, '$.make_api_queue'))),
    h('div.card', {}, h('h2', { text: t('form.tags') }), h('p.muted', { text: t('form.tagsHint', { types: limits.tag_types.map((x) => t(`tagType.${x}`)).join(', ') }) }), tags),
    h('div.card', {}, h('h2', { text: t('form.variables') }), variables),
    h('div.card', {}, h('h2', { text: t('form.settings') }), settings.element),
    h('div.card', {}, h('h2', { text: t('form.parameters') }), parametersEditor(model, changed, limits)),
    formError,
    h('div.row', {}, submit, h('a', { href: '#/tasks', text: t('common.cancel'), style: 'flex:0 0 auto;align-self:center' })));
  for (const el of [name, priority, backend]) el.addEventListener('input', changed);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    formError.textContent = '';
    submit.disabled = true;
    submit.textContent = t('form.submitting');
    try {
      const task = await api('POST', '/api/tasks', toBody(model, basics()), { 'Idempotency-Key': idempotencyKey });
      go(`#/tasks/${task.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.length) showErrors(form, e.fieldErrors, formError);
      else formError.textContent = t('form.notSubmitted', { error: e.message });
      submit.disabled = false;
      submit.textContent = t('form.submit');
    }
  });

  mount(main, h('h1', { text: template ? t('form.titleFromTemplate') : t('form.title') }),
    h('div.layout-2', {}, form,
      h('aside.card.preview#preview', { 'aria-label': t('form.preview') }, h('h2', { text: t('form.preview') }), count, queue, previewNote, combos)));
  name.focus();
  preview();
}

function describe(c) {
  const tags = c.prompts.map((x) => x.value).join(', ');
  const indices = Object.entries(c.variable_indices).map(([k, v]) => `${k}=${v}`).join(' ');
  const seed = c.seed === null ? t('form.randomSeedLong') : t('form.seedN', { seed: c.seed });
  return `${indices ? `[${indices}] ` : ''}${tags} · ${c.ratio} · ${seed} · ×${c.batch_size}${c.use_polish ? ` · ${t('form.polishShort')}` : ''}`;
}
