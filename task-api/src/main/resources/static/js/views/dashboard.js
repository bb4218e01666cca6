// The dashboard: images, failure rate, mean generation time and ratings per UTC day from the housekeeping's
// daily figures (GET /api/dashboard), and each queue's waiting and running work now, refreshed every few seconds.
import { api } from '../api.js';
import { h, mount, empty, loading, progressBar } from '../dom.js';
import { t, formatNumber } from '../i18n.js';
import { loadChartLibrary, dayAxis, lineChart, figuresTable } from './dashboard-charts.js';

const REFRESH_MS = 5000;
// Finished attempts are purged after 30 days (imagegen.maintenance.queue-task-retention), and the daily figures with them.
const RANGES = [7, 14, 30];

export function render(main, { query }) {
  let days = Number(query?.get('days')) || 14;
  const range = h('select#dashboard-days', { 'aria-label': t('dashboard.range'),
    onchange: (e) => { days = Number(e.target.value); lastDaily = ''; load(); } },
  RANGES.map((n) => h('option', { value: n, text: t('dashboard.lastDays', { n }), selected: n === days })));
  const live = h('div#dashboard-live', {}, loading());
  const charts = h('div.chart-grid#dashboard-charts', {}, loading());
  const note = h('p.muted#dashboard-note', { text: t('dashboard.dailyNote') });
  let timer = null;
  let drawn = [];
  let lastDaily = '';

  async function load() {
    clearTimeout(timer);
    try {
      const answer = await api('GET', `/api/dashboard?days=${days}`);
      drawLive(answer.queues);
      const daily = JSON.stringify([answer.from, answer.daily]);
      if (daily !== lastDaily) {
        lastDaily = daily;
        await drawCharts(answer);
      }
    } catch (e) {
      mount(live, h('div.alert', { role: 'alert', text: t('dashboard.loadFailed', { error: e.message }) }));
    }
    timer = setTimeout(load, REFRESH_MS);
  }

  function drawLive(queues) {
    mount(live, h('div.table-scroll', {}, h('table#queue-load', { 'aria-label': t('dashboard.live') },
      h('thead', {}, h('tr', {}, [t('dashboard.queue'), t('dashboard.depth'), t('dashboard.inFlight'), t('dashboard.load')]
        .map((x, i) => h(['th', 'th.n', 'th.n', 'th.hide-xs'][i], { text: x })))),
      h('tbody', {}, queues.map((q) => h('tr', { 'data-queue': q.queue },
        h('td', {}, h('strong', { text: q.queue }), q.is_active ? null : [' ', h('span.status.cancelled', { text: t('status.paused') })],
          q.description ? h('div.muted.small', { text: q.description }) : null),
        h('td.n.depth', { text: formatNumber(q.pending) }),
        h('td.n.in-flight', { text: t('dashboard.ofMax', { n: formatNumber(q.in_flight), max: formatNumber(q.max_in_flight) }) }),
        h('td.hide-xs', {}, progressBar(q.max_in_flight ? (q.in_flight * 100) / q.max_in_flight : 0))))))));
  }

  async function drawCharts(data) {
    for (const chart of drawn) chart.destroy();
    drawn = [];
    if (!data.daily.length) {
      mount(charts, empty(t('dashboard.noDays'), t('dashboard.noDaysText')));
      return;
    }
    const uPlot = await loadChartLibrary();
    const x = dayAxis(data.from, data.to);
    const queues = [...new Set(data.daily.map((d) => d.queue))];
    const cell = (queue, day) => data.daily.find((d) => d.queue === queue && d.day === day);
    const isoDays = x.map((s) => new Date(s * 1000).toISOString().slice(0, 10));
    const perQueue = (pick) => queues.map((queue) => ({ label: queue, values: isoDays.map((day) => pick(cell(queue, day))) }));
    const sum = (pick) => isoDays.map((day) => data.daily.filter((d) => d.day === day).reduce((n, d) => n + pick(d), 0));
    const count = (v) => formatNumber(Math.round(v));
    const specs = [
      ['images', t('dashboard.images'), perQueue((d) => (d ? d.completed : 0)), count],
      ['failure-rate', t('dashboard.failureRate'), perQueue((d) => (d && d.completed + d.failed ? (100 * d.failed) / (d.completed + d.failed) : null)),
        (v) => `${formatNumber(Math.round(v * 10) / 10)}%`],
      ['generation-time', t('dashboard.generationTime'), perQueue((d) => (d ? d.avg_generation_seconds : null)),
        (v) => t('unit.seconds', { n: formatNumber(Math.round(v * 10) / 10) })],
      ['ratings', t('dashboard.ratings'), [
        { label: t('dashboard.good'), values: sum((d) => d.good), color: '#16a34a' },
        { label: t('dashboard.poor'), values: sum((d) => d.poor), color: '#dc2626' }], count],
    ];
    const boxes = specs.map(([id]) => h(`figure.card.chart#chart-${id}`, { 'data-chart': id }));
    mount(charts, boxes);
    specs.forEach(([, title, series, format], i) => {
      boxes[i].setAttribute('aria-label', title);
      const chart = h('div.plot');
      boxes[i].append(chart, figuresTable({ days: x, series, format, title }));
      drawn.push(lineChart(uPlot, chart, { days: x, series, format, title, whole: format === count }));
    });
  }

  mount(main,
    h('div.page-head', {}, h('h1', { text: t('dashboard.title') }), range),
    h('section.card', { 'aria-labelledby': 'live-heading' }, h('h2#live-heading', { text: t('dashboard.live') }), live),
    h('h2', { text: t('dashboard.daily') }), note, charts);
  load();
  return () => {
    clearTimeout(timer);
    for (const chart of drawn) chart.destroy();
  };
}
