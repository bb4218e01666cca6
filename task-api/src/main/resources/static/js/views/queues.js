// Queues: in flight against the limit, pending work, mean generation time, retry policy, endpoints whose circuit is
// open; managers pause, resume, set the limit and the retry policy.
import { api } from '../api.js';
import { h, mount, progressBar, empty, toast, field } from '../dom.js';

/** Seconds of an ISO-8601 duration as the API writes them (PT2S, PT5M, PT1H30M, PT0.5S). */
function seconds(duration) {
  const [, hours = 0, minutes = 0, secs = 0] = duration.match(/^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/) || [];
  return Number(hours) * 3600 + Number(minutes) * 60 + Number(secs);
}

function spoken(duration) {
  const s = seconds(duration);
  if (s >= 3600 && s % 3600 === 0) return `${s / 3600} h`;
  if (s >= 60 && s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}

export function render(main, { can }) {
  const list = h('div#queue-list', {}, h('p.loading', { text: 'Loading…' }));
  let timer = null;
  let editing = false;
  const retryOpen = new Set(); // queues whose retry policy editor is open, kept across redraws

  async function load() {
    try {
      const queues = await api('GET', '/api/queues');
      // The page holds still while a value is typed or a retry policy editor is open.
      if (!editing && !retryOpen.size) draw(queues);
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

  // A number input that holds the page still while it has the focus.
  function number(id, value, min, step) {
    return h(`input#${id}`, { type: 'number', min, step, value,
      onfocus: () => { editing = true; }, onblur: () => { editing = false; } });
  }

  function controls(q) {
    const maxInput = number(`queue-${q.id}-max`, q.max_concurrent_tasks, 0, 1);
    const error = h('span.field-error', { role: 'alert' });
    const save = h('button', { type: 'button', text: 'Save limit', onclick: () => patch(q, { max_concurrent_tasks: Number(maxInput.value) }, error) });
    // Starts per minute; empty removes the limit (0 in the API).
    const rateInput = number(`queue-${q.id}-rate`, q.rate_limit_per_minute ?? '', 1, 1);
    const saveRate = h('button', { type: 'button', text: 'Save rate',
      onclick: () => patch(q, { rate_limit_per_minute: rateInput.value === '' ? 0 : Number(rateInput.value) }, error) });
    const toggle = h(`button#queue-${q.id}-toggle`, { type: 'button', text: q.is_active ? 'Pause' : 'Resume',
      onclick: () => patch(q, { is_active: !q.is_active }, error) });
    const attempts = number(`queue-${q.id}-attempts`, q.max_attempts, 1, 1);
    const backoff = number(`queue-${q.id}-backoff`, seconds(q.retry_backoff), 0, 'any');
    const backoffMax = number(`queue-${q.id}-backoff-max`, seconds(q.retry_backoff_max), 0, 'any');
    const retryError = h('span.field-error', { role: 'alert' });
    const saveRetry = h('button', { type: 'button', text: 'Save retry policy', onclick: () => patch(q, {
      max_attempts: Number(attempts.value),
      retry_backoff: `PT${Number(backoff.value)}S`,
      retry_backoff_max: `PT${Number(backoffMax.value)}S`,
    }, retryError) });
    return [
      h('div.queue-controls', {}, field('Max in flight', maxInput), save, field('Starts per minute', rateInput), saveRate,
        toggle), error,
      h('details.retry-policy', { open: retryOpen.has(q.id),
        ontoggle: (e) => { if (e.target.open) retryOpen.add(q.id); else retryOpen.delete(q.id); } },
      h('summary', { text: 'Retry policy' }),
        h('div.queue-controls', {}, field('Attempts per subtask', attempts), field('First back-off (s)', backoff),
          field('Longest back-off (s)', backoffMax), saveRetry), retryError),
    ];
  }

  function card(q) {
    const inFlight = q.current_concurrent_tasks;
    const max = q.max_concurrent_tasks;
    const avg = q.avg_processing_time_seconds;
    return h('section.card.queue-card', { 'aria-label': `Queue ${q.name}`, 'data-queue': q.name },
      h('h2', {}, q.name, ' ', h(q.is_active ? 'span.status.completed' : 'span.status.cancelled', { text: q.is_active ? 'active' : 'paused' })),
      q.description ? h('p.muted', { text: q.description }) : null,
      circuits(q.open_circuits),
      h('div.label', { text: `In flight ${inFlight} of ${max}` }), progressBar(max ? (inFlight * 100) / max : 0),
      h('div.stats', {},
        h('div.stat', {}, h('div.n', { text: q.pending_tasks }), h('div.l', { text: 'pending' })),
        h('div.stat', {}, h('div.n', { text: q.completed_tasks }), h('div.l', { text: 'completed' })),
        h('div.stat', {}, h('div.n', { text: q.failed_tasks }), h('div.l', { text: 'failed' })),
        h('div.stat', {}, h('div.n', { text: avg === null ? '—' : `${avg.toFixed(1)} s` }), h('div.l', { text: 'mean time' }))),
      h('p.muted.rate', { text: q.rate_limit_per_minute === null ? 'No rate limit'
        : `At most ${q.rate_limit_per_minute} starts a minute` }),
      h('p.muted.retry', { text: q.max_attempts === 1 ? 'No retries'
        : `Up to ${q.max_attempts} attempts, back-off ${spoken(q.retry_backoff)} doubling to ${spoken(q.retry_backoff_max)}` }),
      can.manageQueues() ? controls(q) : null);
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
      retryOpen.delete(q.id);
      toast(`Queue ${q.name} updated`);
      clearTimeout(timer);
      load();
    } catch (e) {
      error.textContent = e.fieldErrors.length ? e.fieldErrors.map((x) => `${x.path.replace(/^\$\./, '')} ${x.message}`).join('; ') : e.message;
    }
  }

  mount(main, h('h1', { text: 'Queues' }), list);
  load();
  return () => clearTimeout(timer);
}
