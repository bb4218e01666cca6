// System logs for admins, newest first, filtered by service (component) and level.
import { api } from '../api.js';
import { h, mount, empty, when, field, loading } from '../dom.js';
import { t } from '../i18n.js';

export function render(main, { can }) {
  if (!can.readLogs()) {
    mount(main, empty(t('logs.adminsOnly'), t('logs.adminsOnlyText')));
    return;
  }
  const level = h('select#log-level', {}, ['', 'DEBUG', 'INFO', 'WARN', 'ERROR'].map((l) => h('option', { value: l, text: l || t('logs.anyLevel') })));
  // The services write under their own name; a change made in psql under the session's application name.
  const component = h('select#log-component', {}, ['', 'task_api', 'dispatcher', 'generator_worker', 'database']
    .map((c) => h('option', { value: c, text: c || t('logs.anyService') })));
  const list = h('div#log-list', {}, loading());

  async function load() {
    const query = new URLSearchParams();
    if (level.value) query.set('level', level.value);
    if (component.value) query.set('component', component.value);
    try {
      const logs = (await api('GET', `/api/system-logs?${query}`)).items;
      mount(list, logs.length
        ? h('div.table-scroll', {}, h('table', { 'aria-label': t('logs.title') },
          h('thead', {}, h('tr', {}, [t('logs.time'), t('logs.level'), t('logs.component'), t('logs.message')].map((x) => h('th', { text: x })))),
          h('tbody', {}, logs.map((l) => h('tr', {},
            h('td', { text: when(l.created_at) }),
            h('td', {}, h(`span.status.${l.log_level === 'ERROR' ? 'failed' : 'pending'}`, { text: l.log_level })),
            h('td', { text: l.component }),
            h('td', {}, l.message, l.details ? h('pre.muted', { text: JSON.stringify(l.details) }) : null))))))
        : empty(t('logs.none'), level.value || component.value ? t('logs.noneFiltered') : t('logs.noneText')));
    } catch (e) {
      mount(list, h('div.alert', { role: 'alert', text: t('logs.loadFailed', { error: e.message }) }));
    }
  }
  level.addEventListener('change', load);
  component.addEventListener('change', load);
  mount(main, h('h1', { text: t('logs.title') }),
    h('div.card', {}, h('div.toolbar', {}, field(t('logs.service'), component), field(t('logs.level'), level)), list));
  load();
}
