// The editors of the new-task form: tags, variables and the four settings, kept in a plain model
// that turns into the submission body in the seed's JSON shapes.
import { h, mount, field } from '../dom.js';
import { tagPicker } from './tag-picker.js';

export const TAG_TYPES = ['prompt', 'character', 'element', 'lumina'];
export const SETTINGS = ['ratio', 'seed', 'batch_size', 'polish'];
export const SETTING_LABELS = { ratio: 'Ratio', seed: 'Seed', batch_size: 'Batch size', polish: 'Polish' };

export function newModel() {
  return {
    tags: [{ type: 'prompt', value: '', weight: 1 }],
    variables: [],
    settings: {
      ratio: { variable: false, value: '1:1', variableId: '' },
      seed: { variable: false, value: '', variableId: '' },
      batch_size: { variable: false, value: '1', variableId: '' },
      polish: { variable: false, value: false, variableId: '' },
    },
  };
}

const varId = (i) => `v${i}`;

/** A setting value as typed, in its JSON type; text that does not parse is sent as is for the server to name. */
function settingValue(setting, raw) {
  const text = typeof raw === 'string' ? raw.trim() : raw;
  switch (setting) {
    case 'seed':
      if (text === '' || text === 'random' || text === null) return null;
      return /^\d+$/.test(text) ? Number(text) : text;
    case 'batch_size':
      return /^-?\d+$/.test(text) ? Number(text) : text;
    case 'polish':
      if (typeof text === 'boolean') return text;
      return ['true', 'yes', 'on', '1'].includes(String(text).toLowerCase()) ? true
        : ['false', 'no', 'off', '0'].includes(String(text).toLowerCase()) ? false : text;
    default:
      return text;
  }
}

function lines(text) {
  return String(text || '').split('\n').map((l) => l.trim()).filter(Boolean);
}

/** The variables' values as JSON: tags for tag types, plain values for setting types. */
export function variableValues(variable) {
  return lines(variable.values).map((line) => (TAG_TYPES.includes(variable.type)
    ? { type: variable.type, value: line, weight: 1 }
    : settingValue(variable.type, line)));
}

export function toBody(model, basics) {
  const body = {
    name: basics.name,
    priority: basics.priority === '' ? undefined : (Number.isFinite(Number(basics.priority)) ? Number(basics.priority) : basics.priority),
    make_api_queue: basics.backend || null,
    prompts: model.tags.map((t) => ({ ...(t.uuid ? { uuid: t.uuid, name: t.name } : {}),
      type: t.type, value: t.value, weight: t.weight === '' ? 1 : Number(t.weight) })),
    variables: {},
  };
  model.variables.forEach((v, i) => { body.variables[varId(i)] = { type: v.type, values: variableValues(v) }; });
  for (const setting of SETTINGS) {
    const s = model.settings[setting];
    body[setting] = s.variable
      ? { value: null, is_variable: true, variable_id: s.variableId || null }
      : { value: settingValue(setting, s.value), is_variable: false, variable_id: null };
  }
  return body;
}

/** Tags: type, text and weight per row. */
export function tagEditor(model, changed) {
  const box = h('div#tags');
  function draw() {
    mount(box, model.tags.map((tag, i) => {
      const n = i + 1;
      const type = h(`select#tag-${i}-type`, { onchange: (e) => { tag.type = e.target.value; changed(); } },
        TAG_TYPES.map((t) => h('option', { value: t, text: t, selected: t === tag.type })));
      const value = h(`input#tag-${i}-value`, { value: tag.value, placeholder: 'a quiet lake at dawn',
        oninput: (e) => { tag.value = e.target.value; changed(); } });
      const weight = h(`input#tag-${i}-weight`, { type: 'number', step: '0.1', value: tag.weight,
        oninput: (e) => { tag.weight = e.target.value; changed(); } });
      const remove = h('button.danger', { type: 'button', 'aria-label': `Remove tag ${n}`, text: '✕',
        disabled: model.tags.length === 1 && !tag.value,
        onclick: () => { model.tags.splice(i, 1); draw(); changed(); } });
      return h('div.editor-row.tag-row', { 'data-path': `$.prompts[${i}]` },
        field(`Tag ${n} type`, type, `$.prompts[${i}].type`),
        h('div.field-stack', {}, field(`Tag ${n} text`, value, `$.prompts[${i}].value`), tagPicker(tag, value, type, changed)),
        field(`Tag ${n} weight`, weight, `$.prompts[${i}].weight`),
        h('div.field', {}, h('span.label', { text: '\u00a0' }), remove));
    }), h('span.field-error', { role: 'alert' }));
  }
  draw();
  const add = h('button#add-tag', { type: 'button', text: '+ Add tag',
    onclick: () => { model.tags.push({ type: 'prompt', value: '', weight: 1 }); draw(); changed(); document.getElementById(`tag-${model.tags.length - 1}-value`).focus(); } });
  return h('div', { 'data-path': '$.prompts' }, box, add);
}

/** Variables v0..v5: a type and one value per line; removing one renumbers those after it. */
export function variableEditor(model, changed, structureChanged, limits) {
  const box = h('div#variables');
  const add = h('button#add-variable', { type: 'button', text: '+ Add variable' });
  function draw() {
    add.disabled = model.variables.length >= limits.max_variables;
    if (!model.variables.length) {
      mount(box, h('p.muted', { text: 'No variables: the task makes one subtask. Add one to try several prompts, characters, ratios or seeds in one go.' }));
      return;
    }
    mount(box, model.variables.map((variable, i) => {
      const id = varId(i);
      const type = h(`select#var-${id}-type`, { onchange: (e) => { variable.type = e.target.value; structureChanged(); changed(); } },
        h('optgroup', { label: 'Tags' }, TAG_TYPES.map((t) => h('option', { value: t, text: t, selected: t === variable.type }))),
        h('optgroup', { label: 'Settings' }, SETTINGS.map((t) => h('option', { value: t, text: t, selected: t === variable.type }))));
      const values = h(`textarea#var-${id}-values`, { rows: 3, value: variable.values,
        placeholder: 'one value per line', oninput: (e) => { variable.values = e.target.value; changed(); } });
      const remove = h('button.danger', { type: 'button', 'aria-label': `Remove variable ${id}`, text: '✕',
        onclick: () => { model.variables.splice(i, 1); draw(); structureChanged(); changed(); } });
      return h('div.var-block', { 'data-path': `$.variables.${id}`, 'data-variable': id },
        h('div.var-head', {}, h('div.field', {}, h('span.label', { text: 'Name' }), h('strong', { text: id })),
          field(`${id} type`, type, `$.variables.${id}.type`),
          field(`${id} values (one per line)`, values, `$.variables.${id}.values`),
          h('div.field', {}, h('span.label', { text: '\u00a0' }), remove)),
        h('span.field-error', { role: 'alert' }));
    }));
  }
  add.addEventListener('click', () => {
    model.variables.push({ type: 'prompt', values: '' });
    draw(); structureChanged(); changed();
    document.getElementById(`var-${varId(model.variables.length - 1)}-values`).focus();
  });
  draw();
  return h('div', { 'data-path': '$.variables' }, box, add, h('span.field-error', { role: 'alert' }));
}

/** Ratio, seed, batch size and polish: each a fixed value or bound to a variable of its type; choices from /api/limits. */
export function settingsEditor(model, changed, limits) {
  const box = h('div#settings');
  function fixedControl(setting, s) {
    const id = `${setting}-value`;
    switch (setting) {
      case 'ratio':
        return h(`select#${id}`, { onchange: (e) => { s.value = e.target.value; changed(); } },
          limits.ratios.map((r) => h('option', { value: r, text: r, selected: r === s.value })));
      case 'polish':
        return h(`input#${id}`, { type: 'checkbox', checked: s.value === true, onchange: (e) => { s.value = e.target.checked; changed(); } });
      case 'seed':
        return h(`input#${id}`, { inputmode: 'numeric', placeholder: 'random', value: s.value, oninput: (e) => { s.value = e.target.value; changed(); } });
      default:
        return h(`input#${id}`, { type: 'number', min: limits.min_batch_size, max: limits.max_batch_size, value: s.value, oninput: (e) => { s.value = e.target.value; changed(); } });
    }
  }
  function draw() {
    mount(box, SETTINGS.map((setting) => {
      const s = model.settings[setting];
      const candidates = model.variables.map((v, i) => ({ id: varId(i), type: v.type })).filter((v) => v.type === setting);
      if (s.variable && !candidates.some((c) => c.id === s.variableId)) s.variableId = candidates[0]?.id || '';
      const mode = h(`select#${setting}-mode`, { 'aria-label': `${SETTING_LABELS[setting]} mode`,
        onchange: (e) => { s.variable = e.target.value === 'variable'; draw(); changed(); } },
        h('option', { value: 'fixed', text: 'fixed', selected: !s.variable }),
        h('option', { value: 'variable', text: 'variable', selected: s.variable }));
      const control = s.variable
        ? (candidates.length
          ? h(`select#${setting}-variable`, { 'aria-label': `${SETTING_LABELS[setting]} variable`, onchange: (e) => { s.variableId = e.target.value; changed(); } },
            candidates.map((c) => h('option', { value: c.id, text: c.id, selected: c.id === s.variableId })))
          : h('span.muted', { text: `Add a variable of type ${setting} first.` }))
        : fixedControl(setting, s);
      if (!s.variable) control.setAttribute('aria-label', SETTING_LABELS[setting]);
      return h('div', { 'data-path': `$.${setting}` },
        h('div.setting', {}, h('label', { for: control.id || `${setting}-mode`, text: SETTING_LABELS[setting] }), mode, control),
        h('span.field-error', { role: 'alert' }));
    }));
  }
  draw();
  return { element: box, redraw: draw };
}
