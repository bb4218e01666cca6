// Queues: in flight against the limit, pending work, mean generation time, retry policy, endpoints whose circuit is
// open; managers pause, resume, set the limit and the retry policy.
import { api } from '../api.js';
import { h, mount, progressBar, empty, toast, field, loading } from '../dom.js';
import { t, locale } from '../i18n.js';

/** Seconds of an ISO-8601 duration as the API writes them (PT2S, PT5M, PT1H30M, PT0.5S). */
function seconds(duration) {
  const [, hours = 0, minutes = 0, secs = 0] = duration.match(/^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/) || [];
  return Number(hours) * 3600 + Number(minutes) * 60 + Number(secs);
}

function spoken(duration) {
  const s = seconds(duration);
  if (s >= 3600 && s % 3600 === 0) return t('unit.hours', { n: s / 3600 });
  if (s >= 60 && s % 60 === 0) return t('unit.minutes', { n: s / 60 });
  return t('unit.seconds', { n: s });
}

export function render(main, { can }) {
  const list = h('div#queue-list', {}, loading());
  let timer = null;
  let editing = false;
  const retryOpen = new Set(); // queues whose retry policy editor is open, kept across redraws

  async function load() {
    try {
      const queues = await api('GET', '/api/queues');
      // The page holds still while a value is typed or a retry policy editor is open.
      if (!editing && !retryOpen.size) draw(queues);
    } catch (e) {
      mount(list, h('div.alert', { role: 'alert', text: t('queues.loadFailed', { error: e.message }) }));
    }
    timer = setTimeout(load, 2000);
  }

  function draw(queues) {
    if (!queues.length) {
      mount(list, empty(t('queues.none'), t('queues.noneText')));
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
    const save = h('button', { type: 'button', text: t('queues.saveLimit'), onclick: () => patch(q, { max_concurrent_tasks: Number(maxInput.value) }, error) });
    // Starts per minute; empty removes the limit (0 in the API).
    const rateInput = number(`queue-${q.id}-rate`, q.rate_limit_per_minute ?? '', 1, 1);
    const saveRate = h('button', { type: 'button', text: t('queues.saveRate'),
      onclick: () => patch(q, { rate_limit_per_minute: rateInput.value === '' ? 0 : Number(rateInput.value) }, error) });
    const toggle = h(`button#queue-${q.id}-toggle`, { type: 'button', text: q.is_active ? t('queues.pause') : t('queues.resume'),
      onclick: () => patch(q, { is_active: !q.is_active }, error) });
    const attempts = number(`queue-${q.id}-attempts`, q.max_attempts, 1, 1);
    const backoff = number(`queue-${q.id}-backoff`, seconds(q.retry_backoff), 0, 'any');
    const backoffMax = number(`queue-${q.id}-backoff-max`, seconds(q.retry_backoff_max), 0, 'any');
    const retryError = h('span.field-error', { role: 'alert' });
    const saveRetry = h('button', { type: 'button', text: t('queues.saveRetry'), onclick: () => patch(q, {
      max_attempts: Number(attempts.value),
      retry_backoff: `PT${Number(backoff.value)}S`,
      retry_backoff_max: `PT${Number(backoffMax.value)}S`,
    }, retryError) });
    return [
      h('div.queue-controls', {}, field(t('queues.maxInFlight'), maxInput), save, field(t('queues.startsPerMinute'), rateInput), saveRate,
        toggle), error,
      h('details.retry-policy', { open: retryOpen.has(q.id),
        ontoggle: (e) => { if (e.target.open) retryOpen.add(q.id); else retryOpen.delete(q.id); } },
      h('summary', { text: t('queues.retryPolicy') }),
        h('div.queue-controls', {}, field(t('queues.attempts'), attempts), field(t('queues.firstBackoff'), backoff),
          field(t('queues.longestBackoff'), backoffMax), saveRetry), retryError),
    ];
  }

  function card(q) {
    const inFlight = q.current_concurrent_tasks;
    const max = q.max_concurrent_tasks;
    const avg = q.avg_processing_time_seconds;
    return h('section.card.queue-card', { 'aria-label': t('queues.queue', { name: q.name }), 'data-queue': q.name },
      h('h2', {}, q.name, ' ', h(q.is_active ? 'span.status.completed' : 'span.status.cancelled', { text: q.is_active ? t('status.active') : t('status.paused') })),
      q.description ? h('p.muted', { text: q.description }) : null,
      circuits(q.open_circuits),
      h('div.label', { text: t('queues.inFlightOf', { n: inFlight, max }) }), progressBar(max ? (inFlight * 100) / max : 0),
      h('div.stats', {},
        h('div.stat', {}, h('div.n', { text: q.pending_tasks }), h('div.l', { text: t('status.pending') })),
        h('div.stat', {}, h('div.n', { text: q.completed_tasks }), h('div.l', { text: t('status.completed') })),
        h('div.stat', {}, h('div.n', { text: q.failed_tasks }), h('div.l', { text: t('status.failed') })),
        h('div.stat', {}, h('div.n', { text: avg === null ? '—' : t('unit.seconds', { n: avg.toFixed(1) }) }), h('div.l', { text: t('queues.meanTime') }))),
      h('p.muted.rate', { text: q.rate_limit_per_minute === null ? t('queues.noRateLimit')
        : t('queues.rateSummary', { n: q.rate_limit_per_minute }) }),
      h('p.muted.retry', { text: q.max_attempts === 1 ? t('queues.noRetries')
        : t('queues.retrySummary', { n: q.max_attempts, first: spoken(q.retry_backoff), max: spoken(q.retry_backoff_max) }) }),
      can.manageQueues() ? controls(q) : null);
  }

  // One warning per endpoint that stopped answering on a worker: its work for this queue waits there.
  function circuits(open) {
    if (!open.length) return null;
    return h('ul.circuits', { 'aria-label': t('queues.failingEndpoints') }, open.map((c) =>
      h('li.circuit-open', { role: 'status', 'data-endpoint': c.endpoint },
        h('span.status.warn', { text: t('queues.circuitOpen') }), ' ',
        h('strong', { text: `${c.endpoint} (${c.backend_type})` }),
        ` ${t('queues.circuitSince', { worker: c.worker_id, since: new Date(c.since).toLocaleTimeString(locale()) })}`,
        c.last_error ? h('div.circuit-error', { text: c.last_error }) : null)));
  }

  async function patch(q, change, error) {
    error.textContent = '';
    try {
      await api('PATCH', `/api/queues/${q.id}`, change);
      editing = false;
      retryOpen.delete(q.id);
      toast(t('queues.updated', { name: q.name }));
      clearTimeout(timer);
      load();
    } catch (e) {
      error.textContent = e.fieldErrors.length ? e.fieldErrors.map((x) => `${x.path.replace(/^\$\./, '')} ${x.message}`).join('; ') : e.message;
    }
  }

  mount(main, h('h1', { text: t('queues.title') }), list);
  load();
  return () => clearTimeout(timer);
}
