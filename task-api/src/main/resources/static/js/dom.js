// Small DOM helpers: build elements without a framework.
import { t, formatDateTime } from './i18n.js';

/** h('div.card#id', {attrs}, ...children): an element with classes, id, attributes and children. */
export function h(spec, attrs = {}, ...children) {
  const [, tag = 'div', rest = ''] = spec.match(/^([a-z0-9-]*)(.*)$/i);
  const el = document.createElement(tag || 'div');
  for (const part of rest.match(/[.#][^.#]+/g) || []) {
    if (part[0] === '.') el.classList.add(part.slice(1));
    else el.id = part.slice(1);
  }
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'text') el.textContent = value;
    else if (key === 'value') el.value = value;
    else if (key === 'checked') el.checked = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of el. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A labelled form field; the label points at the control so it can be found by its label. */
export function field(labelText, control, path) {
  const error = h('span.field-error', { role: 'alert' });
  const wrap = h('div.field', path ? { 'data-path': path } : {}, h('label', { for: control.id, text: labelText }), control, error);
  return wrap;
}

export function progressBar(percent, big = false) {
  const p = Math.max(0, Math.min(100, Number(percent) || 0));
  return h(big ? 'div.progress.big' : 'div.progress',
    { role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': p, 'aria-label': t('common.progress') },
    h('span', { style: `width:${p}%` }));
}

/** A status (pending, processing, completed, failed, cancelled, active, paused) in the page's language. */
export function statusText(status) {
  return status ? t(`status.${status}`) : '—';
}

export function statusBadge(status) {
  return h(`span.status.${status || 'unknown'}`, { 'data-status': status || '', text: statusText(status) });
}

export function empty(title, text, ...extra) {
  return h('div.empty', {}, h('strong', { text: title }), text ? h('span', { text }) : null, ...extra);
}

export function loading(text = t('common.loading')) {
  return h('p.loading', { text });
}

export function when(value) {
  return formatDateTime(value);
}

let toastTimer;
export function toast(text) {
  const el = document.getElementById('toast');
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, 3500);
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
