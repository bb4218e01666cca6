// The new-task form's four settings: ratio, seed, batch size and polish, each a fixed value or bound to a
// variable of its type; choices from /api/limits.
import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { SETTINGS, varId } from './task-model.js';

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
        return h(`input#${id}`, { inputmode: 'numeric', placeholder: t('form.randomSeed'), value: s.value, oninput: (e) => { s.value = e.target.value; changed(); } });
      default:
        return h(`input#${id}`, { type: 'number', min: limits.min_batch_size, max: limits.max_batch_size, value: s.value, oninput: (e) => { s.value = e.target.value; changed(); } });
    }
  }
  function draw() {
    mount(box, SETTINGS.map((setting) => {
      const s = model.settings[setting];
      const label = t(`setting.${setting}`);
      const candidates = model.variables.map((v, i) => ({ id: varId(i), type: v.type })).filter((v) => v.type === setting);
      if (s.variable && !candidates.some((c) => c.id === s.variableId)) s.variableId = candidates[0]?.id || '';
      const mode = h(`select#${setting}-mode`, { 'aria-label': t('form.settingMode', { setting: label }),
        onchange: (e) => { s.variable = e.target.value === 'variable'; draw(); changed(); } },
        h('option', { value: 'fixed', text: t('form.fixed'), selected: !s.variable }),
        h('option', { value: 'variable', text: t('form.variable'), selected: s.variable }));
      const control = s.variable
        ? (candidates.length
          ? h(`select#${setting}-variable`, { 'aria-label': t('form.settingVariable', { setting: label }), onchange: (e) => { s.variableId = e.target.value; changed(); } },
            candidates.map((c) => h('option', { value: c.id, text: c.id, selected: c.id === s.variableId })))
          : h('span.muted', { text: t('form.addVariableFirst', { type: label }) }))
        : fixedControl(setting, s);
      if (!s.variable) control.setAttribute('aria-label', label);
      return h('div', { 'data-path': `$.${setting}` },
        h('div.setting', {}, h('label', { for: control.id || `${setting}-mode`, text: label }), mode, control),
        h('span.field-error', { role: 'alert' }));
    }));
  }
  draw();
  return { element: box, redraw: draw };
}
