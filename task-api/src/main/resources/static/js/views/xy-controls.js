// The XY grid's choices: the variable on each axis, one value of every other variable, and which
// window of each axis' values is shown.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { valueName } from './variables.js';

/** onLayout({x, y, fixed, x0, y0}) whenever a choice changes; start() reports the first layout. */
export function xyControls(variables, onLayout, size) {
  const axisX = h('select#xy-x');
  const axisY = h('select#xy-y');
  const fixedBox = h('div.xy-fixed#xy-fixed');
  const xNav = h('span.xy-nav');
  const yNav = h('span.xy-nav');
  let x0 = 0;
  let y0 = 0;
  const fixed = {};

  const option = (v) => h('option', { value: v.key, text: `${v.key} · ${v.type}` });
  axisX.append(...variables.map(option));
  axisY.append(h('option', { value: '', text: t('xy.none') }), ...variables.map(option));
  axisX.value = variables[0]?.key || '';
  axisY.value = variables[1]?.key || '';

  const byKey = (key) => variables.find((v) => v.key === key) || null;

  function shift(axis, by) {
    if (axis === 'x') x0 += by; else y0 += by;
    report();
  }

  function windowNav(box, axis, start, count) {
    box.replaceChildren();
    if (count <= size) return;
    const end = Math.min(start + size, count);
    box.append(
      h('button', { type: 'button', id: `xy-${axis}-prev`, text: '‹', 'aria-label': t(`xy.${axis}.prev`), disabled: start === 0,
        onclick: () => shift(axis, -size) }),
      h('span.muted', { text: t('xy.window', { from: start + 1, to: end, count }) }),
      h('button', { type: 'button', id: `xy-${axis}-next`, text: '›', 'aria-label': t(`xy.${axis}.next`), disabled: end >= count,
        onclick: () => shift(axis, size) }));
  }

  function drawFixed() {
    fixedBox.replaceChildren(...variables.filter((v) => v.key !== axisX.value && v.key !== axisY.value).map((v) => {
      fixed[v.key] = fixed[v.key] || 0;
      const select = h(`select#xy-fixed-${v.key}`, { onchange: (e) => { fixed[v.key] = Number(e.target.value); report(); } },
        v.values.map((value, i) => h('option', { value: String(i), text: valueName(value) })));
      select.value = String(fixed[v.key]);
      return h('div.field', {}, h('label', { for: select.id, text: t('xy.fixed', { key: v.key, type: v.type }) }), select);
    }));
  }

  function report() {
    const x = byKey(axisX.value);
    const y = axisY.value === axisX.value ? null : byKey(axisY.value);
    const only = Object.fromEntries(Object.entries(fixed).filter(([key]) => key !== x?.key && key !== y?.key));
    windowNav(xNav, 'x', x0, x.values.length);
    windowNav(yNav, 'y', y0, y ? y.values.length : 0);
    onLayout({ x, y, fixed: only, x0, y0 });
  }

  function changed() {
    if (axisY.value === axisX.value) axisY.value = '';
    x0 = 0;
    y0 = 0;
    drawFixed();
    report();
  }
  axisX.addEventListener('change', changed);
  axisY.addEventListener('change', changed);

  const element = h('div.card.xy-controls', {},
    h('div.row', {},
      h('div.field', {}, h('label', { for: 'xy-x', text: t('xy.axisX') }), axisX, xNav),
      h('div.field', {}, h('label', { for: 'xy-y', text: t('xy.axisY') }), axisY, yNav)),
    fixedBox);
  return { element, start: () => { drawFixed(); report(); } };
}
