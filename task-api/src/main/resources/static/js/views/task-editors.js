// The editors of the new-task form's tags and variables, over the plain model of task-model.js.
import { h, mount, field } from '../dom.js';
import { t } from '../i18n.js';
import { tagPicker } from './tag-picker.js';
import { TAG_TYPES, SETTINGS, varId } from './task-model.js';

/** Tags: type, text (with library suggestions) and weight per row. */
export function tagEditor(model, changed) {
  const box = h('div#tags');
  function draw() {
    mount(box, model.tags.map((tag, i) => {
      const n = i + 1;
      const type = h(`select#tag-${i}-type`, { onchange: (e) => { tag.type = e.target.value; changed(); } },
        TAG_TYPES.map((x) => h('option', { value: x, text: t(`tagType.${x}`), selected: x === tag.type })));
      const value = h(`input#tag-${i}-value`, { value: tag.value, placeholder: t('form.tagPlaceholder'),
        oninput: (e) => { tag.value = e.target.value; changed(); } });
      const weight = h(`input#tag-${i}-weight`, { type: 'number', step: '0.1', value: tag.weight,
        oninput: (e) => { tag.weight = e.target.value; changed(); } });
      const remove = h('button.danger', { type: 'button', 'aria-label': t('form.removeTag', { n }), text: '✕',
        disabled: model.tags.length === 1 && !tag.value,
        onclick: () => { model.tags.splice(i, 1); draw(); changed(); } });
      return h('div.editor-row.tag-row', { 'data-path': `$.prompts[${i}]`, 'data-tag-row': i },
        field(t('form.tagType', { n }), type, `$.prompts[${i}].type`),
        h('div.field-stack', {}, field(t('form.tagText', { n }), value, `$.prompts[${i}].value`), tagPicker(tag, value, type, changed, i)),
        field(t('form.tagWeight', { n }), weight, `$.prompts[${i}].weight`),
        h('div.field', {}, h('span.label', { text: '\u00a0' }), remove));
    }), h('span.field-error', { role: 'alert' }));
  }
  draw();
  const add = h('button#add-tag', { type: 'button', text: t('form.addTag'),
    onclick: () => { model.tags.push({ type: 'prompt', value: '', weight: 1 }); draw(); changed(); document.getElementById(`tag-${model.tags.length - 1}-value`).focus(); } });
  return h('div', { 'data-path': '$.prompts' }, box, add);
}

function typeOptions(selected, parameters) {
  const option = (x, text) => h('option', { value: x, text, selected: x === selected });
  const known = [...TAG_TYPES, ...SETTINGS, ...parameters];
  return [
    h('optgroup', { label: t('form.groupTags') }, TAG_TYPES.map((x) => option(x, t(`tagType.${x}`)))),
    h('optgroup', { label: t('form.groupSettings') }, SETTINGS.map((x) => option(x, t(`setting.${x}`)))),
    parameters.length || !known.includes(selected)
      ? h('optgroup', { label: t('form.groupParameters') },
        [...parameters, ...(known.includes(selected) ? [] : [selected])].map((x) => option(x, x)))
      : null,
  ];
}

/** Variables v0..v5: a type and one value per line; removing one renumbers those after it. */
export function variableEditor(model, changed, structureChanged, limits) {
  const box = h('div#variables');
  const add = h('button#add-variable', { type: 'button', text: t('form.addVariable') });
  function draw() {
    add.disabled = model.variables.length >= limits.max_variables;
    if (!model.variables.length) {
      mount(box, h('p.muted', { text: t('form.noVariables') }));
      return;
    }
    mount(box, model.variables.map((variable, i) => {
      const id = varId(i);
      const type = h(`select#var-${id}-type`, { onchange: (e) => { variable.type = e.target.value; structureChanged(); changed(); } },
        typeOptions(variable.type, limits.parameters || []));
      const values = h(`textarea#var-${id}-values`, { rows: 3, value: variable.values,
        placeholder: t('form.onePerLine'), oninput: (e) => { variable.values = e.target.value; changed(); } });
      const remove = h('button.danger', { type: 'button', 'aria-label': t('form.removeVariable', { id }), text: '✕',
        onclick: () => { model.variables.splice(i, 1); draw(); structureChanged(); changed(); } });
      return h('div.var-block', { 'data-path': `$.variables.${id}`, 'data-variable': id },
        h('div.var-head', {}, h('div.field', {}, h('span.label', { text: t('form.variableName') }), h('strong', { text: id })),
          field(t('form.variableType', { id }), type, `$.variables.${id}.type`),
          field(t('form.variableValues', { id }), values, `$.variables.${id}.values`),
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
