// The task's live updates: server-sent events (progress and subtasks), or polling when the page
// signs in with HTTP Basic (an EventSource cannot send that header) or the stream is unavailable.
// The stream names the subtasks the page shows (subtask=<id>) and brings only their changes; when the
// page shows others it is opened again with theirs, and its first event carries their current state,
// so no change is lost in between. The indicator element counts the stream's connections and what
// they brought (data-connections, data-events, data-bytes), so the cost of watching a task can be measured.
import { canStream } from '../api.js';
import { t } from '../i18n.js';

const POLL_EVERY = 2000;

/**
 * handlers: onProgress(TaskProgress), onChanges([SubtaskChange]), poll() (reads what polling needs).
 * Answers {start, stop, show(ids)}; the stream opens once the page told which subtasks it shows.
 * indicator shows the mode.
 */
export function taskLive(taskId, indicator, handlers) {
  let source = null;
  let timer = null;
  let stopped = false;
  let wanted = false;
  let shown = null; // the ids of the subtasks shown, once known
  let shownKey = null;
  let events = 0;
  let bytes = 0;
  let connections = 0;

  function count(event) {
    events += 1;
    // The event's name, its data and the field names and line ends around them.
    bytes += new TextEncoder().encode(event.data || '').length + event.type.length + 14;
    indicator.dataset.events = String(events);
    indicator.dataset.bytes = String(bytes);
  }

  function read(event) {
    count(event);
    try {
      return JSON.parse(event.data);
    } catch {
      return null;
    }
  }

  function poll() {
    if (source) { source.close(); source = null; }
    indicator.textContent = t('task.live.polling');
    clearInterval(timer);
    timer = setInterval(() => handlers.poll(), POLL_EVERY);
  }

  function url() {
    const params = new URLSearchParams();
    if (shown.length) shown.forEach((id) => params.append('subtask', id));
    else params.set('subtask', '');
    return `api/tasks/${taskId}/events?${params}`;
  }

  function start() {
    wanted = true;
    if (stopped || timer || source) return;
    if (!canStream()) { poll(); return; }
    if (shown) open();
  }

  function open() {
    let opened = false;
    const stream = new EventSource(url());
    source = stream;
    stream.onopen = () => {
      opened = true;
      connections += 1;
      indicator.dataset.connections = String(connections);
      indicator.textContent = t('task.live.live');
    };
    stream.addEventListener('progress', (e) => {
      const progress = read(e);
      if (progress) handlers.onProgress(progress);
    });
    stream.addEventListener('subtasks', (e) => {
      const data = read(e);
      if (data && Array.isArray(data.changes)) handlers.onChanges(data.changes);
    });
    stream.onerror = () => {
      // No stream endpoint, or it broke: fall back to polling; a live stream that drops reconnects by itself.
      if (stream === source && (!opened || stream.readyState === EventSource.CLOSED)) poll();
    };
  }

  /** The page shows these subtasks now: the stream is opened again for them when they are others. */
  function show(ids) {
    const key = ids.join(',');
    if (key === shownKey) return;
    shown = ids;
    shownKey = key;
    if (!wanted || stopped || timer) return;
    if (source) { source.close(); source = null; }
    if (canStream()) open();
  }

  function stop() {
    wanted = false;
    if (source) { source.close(); source = null; }
    clearInterval(timer);
    timer = null;
    indicator.textContent = '';
  }

  return {
    start,
    stop,
    show,
    /** Stops for good: the page was left. */
    close() { stopped = true; stop(); },
  };
}
