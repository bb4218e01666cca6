// System logs for admins, newest first, filtered by level.
import { api, rows } from '../api.js';
import { h, mount, empty, when, field } from '../dom.js';

export function render(main, { can }) {
  if (!can.readLogs()) {
    mount(main, empty('Admins only', 'System logs are for admins.'));
    return;
  }
  const level = h('select#log-level', {}, ['', 'DEBUG', 'INFO', 'WARN', 'ERROR'].map((l) => h('option', { value: l, text: l || 'Any level' })));
  const list = h('div#log-list', {}, h('p.loading', { text: 'Loading…' }));

  async function load() {
    const query = new URLSearchParams();
    if (level.value) query.set('level', level.value);
    try {
      const logs = rows(await api('GET', `/api/system-logs?${query}`));
      mount(list, logs.length
        ? h('table', { 'aria-label': 'System logs' },
          h('thead', {}, h('tr', {}, ['Time', 'Level', 'Component', 'Message'].map((t) => h('th', { text: t })))),
          h('tbody', {}, logs.map((l) => h('tr', {},
            h('td', { text: when(l.created_at) }),
            h('td', {}, h(`span.status.${String(l.log_level || l.level).toLowerCase() === 'error' ? 'failed' : 'pending'}`, { text: l.log_level || l.level || '' })),
            h('td', { text: l.component || '' }),
            h('td', {}, l.message || '', l.details ? h('pre.muted', { text: JSON.stringify(l.details) }) : null)))))
        : empty('No log entries', level.value ? 'Nothing at this level.' : 'The services write here when they start and stop.'));
    } catch (e) {
      mount(list, h('div.alert', { role: 'alert', text: `Could not load the logs: ${e.message}` }));
    }
  }
  level.addEventListener('change', load);
  mount(main, h('h1', { text: 'System logs' }), h('div.card', {}, h('div.toolbar', {}, field('Level', level)), list));
  load();
}
