// The task's live updates: server-sent events (progress and subtasks), or polling when the page
// signs in with HTTP Basic (an EventSource cannot send that header) or the stream is unavailable.
// The indicator element counts the stream's connections and what they brought (data-connections,
// data-events, data-bytes), so the cost of watching a task can be measured.
import { canStream } from '../api.js';
import { t } from '../i18n.js';

const POLL_EVERY = 2000;

/**
 * handlers: onProgress(TaskProgress), onChanges([SubtaskChange]), poll() (reads what polling needs).
 * Answers {start, stop}; indicator shows the mode.
 */
export function taskLive(taskId, indicator, handlers) {
  let source = null;
  let timer = null;
  let stopped = false;
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

  function start() {
    if (stopped || timer || source) return;
    if (!canStream()) { poll(); return; }
    let opened = false;
    source = new EventSource(`api/tasks/${taskId}/events`);
    source.onopen = () => {
      opened = true;
      connections += 1;
      indicator.dataset.connections = String(connections);
      indicator.textContent = t('task.live.live');
    };
    source.addEventListener('progress', (e) => {
      const progress = read(e);
      if (progress) handlers.onProgress(progress);
    });
    source.addEventListener('subtasks', (e) => {
      const data = read(e);
      if (data && Array.isArray(data.changes)) handlers.onChanges(data.changes);
    });
    source.onerror = () => {
      // No stream endpoint, or it broke: fall back to polling; a live stream that drops reconnects by itself.
      if (!opened || source.readyState === EventSource.CLOSED) poll();
    };
  }

  function stop() {
    if (source) { source.close(); source = null; }
    clearInterval(timer);
    timer = null;
    indicator.textContent = '';
  }

  return {
    start,
    stop,
    /** Stops for good: the page was left. */
    close() { stopped = true; stop(); },
  };
}
