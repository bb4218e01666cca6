// Queues: in flight against the limit, pending work, mean generation time, endpoints whose circuit is open;
// managers pause, resume and set the limit.
import { api, rows } from '../api.js';
import { h, mount, progressBar, empty, toast, field } from '../dom.js';

export function render(main, { can }) {
  const list = h('div#queue-list', {}, h('p.loading', { text: 'Loading…' }));
  let timer = null;
  let editing = false;

  async function load() {
    try {
      const queues = rows(await api('GET', '/api/queues'));
      if (!editing) draw(queues);
    } catch (e) {
      mount(list, h('div.alert', { role: 'alert', text: `Could not load the queues: ${e.message}` }));
    }
    timer = setTimeout(load, 2000);
  }

  function draw(queues) {
    if (!queues.length) {
      mount(list, empty('No queues', 'Queues are created by the schema migrations.'));
      return;
    }
    mount(list, h('div.grid', {}, queues.map(card)));
  }

  function card(q) {
    const inFlight = q.current_concurrent_tasks ?? q.processing_tasks ?? 0;
    const max = q.max_concurrent_tasks ?? 0;
    const avg = q.avg_processing_time_seconds;
    const controls = [];
    if (can.manageQueues()) {
      const maxInput = h(`input#queue-${q.id}-max`, { type: 'number', min: 0, value: max,
        onfocus: () => { editing = true; }, onblur: () => { editing = false; } });
      const error = h('span.field-error', { role: 'alert' });
      const save = h('button', { type: 'button', text: 'Save limit', onclick: () => patch(q, { max_concurrent_tasks: Number(maxInput.value) }, error) });
      const toggle = h(`button#queue-${q.id}-toggle`, { type: 'button', text: q.is_active ? 'Pause' : 'Resume',
        onclick: () => patch(q, { is_active: !q.is_active }, error) });
      controls.push(h('div.queue-controls', {}, field('Max in flight', maxInput), save, toggle), error);
    }
    return h('section.card.queue-card', { 'aria-label': `Queue ${q.name}`, 'data-queue': q.name },
      h('h2', {}, q.name, ' ', h(q.is_active ? 'span.status.completed' : 'span.status.cancelled', { text: q.is_active ? 'active' : 'paused' })),
      q.description ? h('p.muted', { text: q.description }) : null,
      circuits(q.open_circuits ?? []),
      h('div.label', { text: `In flight ${inFlight} of ${max}` }), progressBar(max ? (inFlight * 100) / max : 0),
      h('div.stats', {},
        h('div.stat', {}, h('div.n', { text: q.pending_tasks ?? 0 }), h('div.l', { text: 'pending' })),
        h('div.stat', {}, h('div.n', { text: q.completed_tasks ?? 0 }), h('div.l', { text: 'completed' })),
        h('div.stat', {}, h('div.n', { text: q.failed_tasks ?? 0 }), h('div.l', { text: 'failed' })),
        h('div.stat', {}, h('div.n', { text: avg == null ? '—' : `${Number(avg).toFixed(1)} s` }), h('div.l', { text: 'mean time' }))),
      controls);
  }

  // One warning per endpoint that stopped answering on a worker: its work for this queue waits there.
  function circuits(open) {
    if (!open.length) return null;
    return h('ul.circuits', { 'aria-label': 'Failing endpoints' }, open.map((c) =>
      h('li.circuit-open', { role: 'status', 'data-endpoint': c.endpoint },
        h('span.status.warn', { text: 'circuit open' }), ' ',
        h('strong', { text: `${c.endpoint} (${c.backend_type})` }),
        ` on ${c.worker_id} since ${new Date(c.since).toLocaleTimeString()}`,
        c.last_error ? h('div.circuit-error', { text: c.last_error }) : null)));
  }

  async function patch(q, change, error) {
    error.textContent = '';
    try {
      await api('PATCH', `/api/queues/${q.id}`, change);
      editing = false;
      toast(`Queue ${q.name} updated`);
      clearTimeout(timer);
      load();
    } catch (e) {
      error.textContent = e.fieldErrors.length ? e.fieldErrors.map((x) => x.message).join('; ') : e.message;
    }
  }

  mount(main, h('h1', { text: 'Queues' }), list);
  load();
  return () => clearTimeout(timer);
}
