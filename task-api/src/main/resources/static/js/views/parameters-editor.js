// The new-task form's fixed generation parameters (steps, cfg_scale, sampler …, the names /api/limits lists): one
// row each, a name and a value. A variable of a parameter's type sets that parameter for each of its values instead.
import { h, mount } from '../dom.js';
import { t } from '../i18n.js';

export function parametersEditor(model, changed, limits) {
  const names = limits.parameters || [];
  const box = h('div#parameters');
  const add = h('button#add-parameter', { type: 'button', text: t('form.addParameter'), disabled: !names.length,
    onclick: () => {
      const taken = new Set(model.parameters.map((p) => p.name));
      model.parameters.push({ name: names.find((n) => !taken.has(n)) || names[0], value: '' });
      draw();
      changed();
      document.getElementById(`parameter-${model.parameters.length - 1}-value`).focus();
    } });
  function draw() {
    if (!model.parameters.length) {
      mount(box, h('p.muted', { text: t('form.noParameters') }));
      return;
    }
    mount(box, model.parameters.map((p, i) => {
      const known = names.includes(p.name) ? names : [...names, p.name];
      const name = h(`select#parameter-${i}-name`, { 'aria-label': t('form.parameterName', { n: i + 1 }),
        onchange: (e) => { p.name = e.target.value; draw(); changed(); } },
      known.map((n) => h('option', { value: n, text: n, selected: n === p.name })));
      const value = h(`input#parameter-${i}-value`, { 'aria-label': t('form.parameterValue', { name: p.name }), value: p.value,
        autocomplete: 'off', oninput: (e) => { p.value = e.target.value; changed(); } });
      const remove = h('button.danger', { type: 'button', 'aria-label': t('form.removeParameter', { name: p.name }), text: '✕',
        onclick: () => { model.parameters.splice(i, 1); draw(); changed(); } });
      return h('div', { 'data-path': `$.parameters.${p.name}` },
        h('div.setting', {}, name, value, remove),
        h('span.field-error', { role: 'alert' }));
    }));
  }
  draw();
  return h('div', { 'data-path': '$.parameters' }, h('p.muted', { text: t('form.parametersHint') }), box, add,
    h('span.field-error', { role: 'alert' }));
}
