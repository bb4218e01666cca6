// The new-task form with a live preview of the subtasks it would create.
import { api, ApiError } from '../api.js';
import { h, mount, field, empty, debounce } from '../dom.js';
import { newModel, toBody, tagEditor, variableEditor, settingsEditor } from './task-editors.js';
import { showErrors, clearErrors } from './field-errors.js';

function newKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

export async function render(main, { can, go }) {
  if (!can.submit()) {
    mount(main, empty('Read-only account', 'Your role can read tasks but not submit them.',
      h('p', {}, h('a', { href: '#/tasks', text: 'Back to the tasks' }))));
    return;
  }
  let limits;
  try {
    limits = await api('GET', '/api/limits');
  } catch (e) {
    mount(main, h('div.alert', { role: 'alert', text: `Could not load the form: ${e.message}` }));
    return;
  }
  const model = newModel();
  const name = h('input#task-name', { autocomplete: 'off', placeholder: 'Lake at dawn, three styles' });
  const priority = h('input#task-priority', { type: 'number', min: limits.min_priority, max: limits.max_priority, value: limits.min_priority });
  const backend = h('select#task-backend', {}, h('option', { value: '', text: 'default' }),
    h('option', { value: 'ops', text: 'ops' }), h('option', { value: 'dev', text: 'dev' }));
  const formError = h('div.alert#form-error', { role: 'alert' });
  const submit = h('button.primary#submit-task', { type: 'submit', text: 'Submit task' });
  const count = h('div.count#preview-count', { 'aria-live': 'polite', text: '—' });
  const queue = h('div.muted#preview-queue');
  const combos = h('ol#preview-combinations');
  const previewNote = h('div.muted#preview-note', { text: 'Type a prompt to see what this task makes.' });
  const idempotencyKey = newKey();

  const preview = debounce(async () => {
    const body = toBody(model, basics());
    if (!body.name) body.name = 'preview';
    previewNote.textContent = 'Checking…';
    try {
      const answer = await api('POST', '/api/tasks/preview', body);
      count.textContent = `${answer.count} subtask${answer.count === 1 ? '' : 's'}`;
      queue.textContent = answer.queue ? `Queue: ${answer.queue}` : '';
      mount(combos, answer.combinations.map((c) => h('li', { text: describe(c) })));
      previewNote.textContent = answer.count > answer.combinations.length ? `First ${answer.combinations.length} shown.` : '';
    } catch (e) {
      count.textContent = '—';
      queue.textContent = '';
      mount(combos);
      const errors = e instanceof ApiError ? e.fieldErrors : [];
      previewNote.textContent = errors.length
        ? `To fix first: ${errors.map((x) => `${x.path} ${x.message}`).join('; ')}`
        : `Preview unavailable: ${e.message}`;
      if (e.problem?.count) count.textContent = `${e.problem.count} subtasks`;
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

  const form = h('form#new-task-form', { novalidate: true, 'aria-label': 'New task' },
    h('div.card', {}, h('h2', { text: 'Task' }),
      h('div.row', {}, field('Name', name, '$.name'), field('Priority', priority, '$.priority'), field('Backend', backend, '$.make_api_queue'))),
    h('div.card', {}, h('h2', { text: 'Tags' }), h('p.muted', { text: `Fixed tags go into every image. Types: ${limits.tag_types.join(', ')}.` }), tags),
    h('div.card', {}, h('h2', { text: 'Variables' }), variables),
    h('div.card', {}, h('h2', { text: 'Settings' }), settings.element),
    formError,
    h('div.row', {}, submit, h('a', { href: '#/tasks', text: 'Cancel', style: 'flex:0 0 auto;align-self:center' })));
  for (const el of [name, priority, backend]) el.addEventListener('input', changed);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    formError.textContent = '';
    submit.disabled = true;
    submit.textContent = 'Submitting…';
    try {
      const task = await api('POST', '/api/tasks', toBody(model, basics()), { 'Idempotency-Key': idempotencyKey });
      go(`#/tasks/${task.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.length) showErrors(form, e.fieldErrors, formError);
      else formError.textContent = `The task was not submitted: ${e.message}`;
      submit.disabled = false;
      submit.textContent = 'Submit task';
    }
  });

  mount(main, h('h1', { text: 'New task' }),
    h('div.layout-2', {}, form,
      h('aside.card.preview#preview', { 'aria-label': 'Preview' }, h('h2', { text: 'Preview' }), count, queue, previewNote, combos)));
  name.focus();
  preview();
}

function describe(c) {
  const tags = c.prompts.map((t) => t.value).join(', ');
  const indices = Object.entries(c.variable_indices).map(([k, v]) => `${k}=${v}`).join(' ');
  const seed = c.seed === null ? 'random seed' : `seed ${c.seed}`;
  return `${indices ? `[${indices}] ` : ''}${tags} · ${c.ratio} · ${seed} · ×${c.batch_size}${c.use_polish ? ' · polish' : ''}`;
}
