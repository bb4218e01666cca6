// Line charts of the dashboard, drawn with uPlot (served from its webjar under /js/vendor/uplot/).
import { h } from '../dom.js';
import { locale, t } from '../i18n.js';

const PALETTE = ['#4f46e5', '#16a34a', '#d97706', '#dc2626', '#0891b2', '#9333ea', '#64748b'];
const DAY = 86400;
// Steps of the y axis of counts: whole numbers only.
const WHOLE_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000];
let library = null;

/** uPlot, loaded once with its style sheet. */
export function loadChartLibrary() {
  if (!library) {
    document.head.append(h('link', { rel: 'stylesheet', href: 'js/vendor/uplot/uPlot.min.css' }));
    // From the page's address, not this module's: the modules are served under a versioned path, uPlot is not.
    library = import(new URL('js/vendor/uplot/uPlot.esm.js', document.baseURI).href).then((m) => m.default);
  }
  return library;
}

/** The UTC days from..to (ISO dates) as unix seconds at midnight. */
export function dayAxis(from, to) {
  const days = [];
  for (let s = Date.parse(`${from}T00:00:00Z`) / 1000; s <= Date.parse(`${to}T00:00:00Z`) / 1000; s += DAY) days.push(s);
  return days;
}

function dayLabel(seconds) {
  return new Date(seconds * 1000).toLocaleDateString(locale(), { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
}

/**
 * A line chart into box, as wide as the box: days on x, one series per {label, values}; format writes a y value;
 * whole keeps the y axis to whole numbers (counts).
 * Returns the chart (destroy() it before drawing another).
 */
export function lineChart(uPlot, box, { days, series, format, title, whole = false }) {
  const width = () => {
    const style = getComputedStyle(box);
    return Math.max(200, Math.floor(box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)));
  };
  const opts = {
    title,
    width: width(),
    height: 220,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max ?? 1) * 1.1] } },
    axes: [
      { values: (u, splits) => splits.map(dayLabel), space: 50 },
      { values: (u, splits) => splits.map((v) => format(v)), size: 60, ...(whole ? { incrs: WHOLE_STEPS } : {}) },
    ],
    series: [
      { label: t('dashboard.day'), value: (u, v) => (v == null ? '—' : dayLabel(v)) },
      ...series.map((s, i) => ({ label: s.label, stroke: s.color || PALETTE[i % PALETTE.length], width: 2,
        points: { size: 5 }, spanGaps: false, value: (u, v) => (v == null ? '—' : format(v)) })),
    ],
    legend: { live: true },
  };
  const chart = new uPlot(opts, [days, ...series.map((s) => s.values)], box);
  // The chart follows its box's width (a phone turned, a window resized).
  const observer = new ResizeObserver(() => {
    if (Math.abs(width() - chart.width) > 1) chart.setSize({ width: width(), height: 220 });
  });
  observer.observe(box);
  const destroy = chart.destroy.bind(chart);
  chart.destroy = () => { observer.disconnect(); destroy(); };
  return chart;
}

/** The chart's figures as a table under a disclosure, for screen readers and for reading exact values. */
export function figuresTable({ days, series, format, title }) {
  const cell = (v) => (v == null ? '—' : format(v));
  return h('details.figures', {}, h('summary', { text: t('dashboard.figures') }),
    h('div.table-scroll', {}, h('table', { 'aria-label': title },
      h('thead', {}, h('tr', {}, h('th', { text: t('dashboard.day') }), series.map((s) => h('th', { text: s.label })))),
      h('tbody', {}, days.map((day, i) => h('tr', { 'data-day': new Date(day * 1000).toISOString().slice(0, 10) },
        h('td', { text: dayLabel(day) }), series.map((s) => h('td.n', { 'data-series': s.label, text: cell(s.values[i]) }))))))));
}
