// Filters of the task page's grid: status, rating and one value per variable (shown by name),
// turned into the subtask list's query parameters (status=, rating=, variable=v0:1).
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { valueName, variableList } from './variables.js';

export const STATUSES = ['pending', 'processing', 'completed', 'failed', 'cancelled'];
export const RATINGS = ['unrated', 'good', 'poor'];

function select(id, label, options, onchange) {
  const control = h(`select#${id}`, { onchange },
    h('option', { value: '', text: t('grid.filter.any') }),
    options.map(([value, text]) => h('option', { value, text })));
  return h('div.field.filter', {}, h('label', { for: id, text: label }), control);
}

/** The filter bar; onChange(params) gets the query parameters whenever a filter changes. */
export function taskFilters(variables, onChange) {
  const state = { status: '', rating: '', values: {} };
  const changed = () => onChange(params());

  const status = select('filter-status', t('grid.filter.status'),
    STATUSES.map((s) => [s, t(`grid.status.${s}`)]), (e) => { state.status = e.target.value; changed(); });
  const rating = select('filter-rating', t('grid.filter.rating'),
    RATINGS.map((r) => [r, t(`grid.rating.${r}`)]), (e) => { state.rating = e.target.value; changed(); });
  const perVariable = variableList(variables).map((v) =>
    select(`filter-${v.key}`, t('grid.filter.variable', { key: v.key, type: v.type }),
      v.values.map((value, i) => [String(i), valueName(value)]),
      (e) => { state.values[v.key] = e.target.value; changed(); }));

  function params() {
    const query = new URLSearchParams();
    if (state.status) query.set('status', state.status);
    if (state.rating) query.set('rating', state.rating);
    for (const [key, index] of Object.entries(state.values)) if (index !== '') query.append('variable', `${key}:${index}`);
    return query;
  }

  const element = h('div.filters#task-filters', { role: 'group', 'aria-label': t('grid.filter.label') },
    status, rating, perVariable);
  return { element, params, active: () => params().toString() !== '' };
}
