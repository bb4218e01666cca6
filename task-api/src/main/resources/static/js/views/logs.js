// System logs for admins, newest first, filtered by service (component) and level.
import { api } from '../api.js';
import { h, mount, empty, when, field } from '../dom.js';

export function render(main, { can }) {
  if (!can.readLogs()) {
    mount(main, empty('Admins only', 'System logs are for admins.'));
    return;
  }
  const level = h('select#log-level', {}, ['', 'DEBUG', 'INFO', 'WARN', 'ERROR'].map((l) => h('option', { value: l, text: l || 'Any level' })));
  // The services write under their own name; a change made in psql under the session's application name.
  const component = h('select#log-component', {}, ['', 'task_api', 'dispatcher', 'generator_worker', 'database']
    .map((c) => h('option', { value: c, text: c || 'Any service' })));
  const list = h('div#log-list', {}, h('p.loading', { text: 'Loading…' }));

  async function load() {
    const query = new URLSearchParams();
    if (level.value) query.set('level', level.value);
    if (component.value) query.set('component', component.value);
    try {
      const logs = (await api('GET', `/api/system-logs?${query}`)).items;
      mount(list, logs.length
        ? h('table', { 'aria-label': 'System logs' },
          h('thead', {}, h('tr', {}, ['Time', 'Level', 'Component', 'Message'].map((t) => h('th', { text: t })))),
          h('tbody', {}, logs.map((l) => h('tr', {},
            h('td', { text: when(l.created_at) }),
            h('td', {}, h(`span.status.${l.log_level === 'ERROR' ? 'failed' : 'pending'}`, { text: l.log_level })),
            h('td', { text: l.component }),
            h('td', {}, l.message, l.details ? h('pre.muted', { text: JSON.stringify(l.details) }) : null)))))
        : empty('No log entries', level.value || component.value
          ? 'Nothing for this service and level.'
          : 'The services write here when they start and stop, when a queue changes and when something fails.'));
    } catch (e) {
      mount(list, h('div.alert', { role: 'alert', text: `Could not load the logs: ${e.message}` }));
    }
  }
  level.addEventListener('change', load);
  component.addEventListener('change', load);
  mount(main, h('h1', { text: 'System logs' }),
    h('div.card', {}, h('div.toolbar', {}, field('Service', component), field('Level', level)), list));
  load();
}
