// The selected images of a task (kept across pages): download them as a zip, or compare two.
import { h, toast } from '../dom.js';
import { t } from '../i18n.js';
import { downloadSelection } from './downloads.js';

const MAX = 1000;

/** options: openCompare([a, b]), onChange(ids) when the selection is cleared. */
export function selectionBar(task, { openCompare, onChange }) {
  const chosen = new Map();
  const ids = new Set();
  const count = h('span#selection-count');
  const download = h('button#download-selection', { type: 'button', text: t('grid.selection.download'), onclick: fetchZip });
  const compare = h('button#compare-selection', { type: 'button', text: t('grid.selection.compare'),
    onclick: () => openCompare([...chosen.keys()]) });
  const clear = h('button#clear-selection.link', { type: 'button', text: t('grid.selection.clear'),
    onclick: () => { chosen.clear(); ids.clear(); draw(); onChange(ids); } });
  const element = h('div.selection-bar#selection-bar', { role: 'region', 'aria-label': t('grid.selection.label') },
    count, download, compare, clear);

  function draw() {
    element.hidden = chosen.size === 0;
    count.textContent = t('grid.selection.count', { n: chosen.size });
    const completed = [...chosen.values()].filter((s) => s.status === 'completed').length;
    download.disabled = completed === 0 || completed > MAX;
    compare.disabled = chosen.size !== 2;
  }

  async function fetchZip() {
    const wanted = [...chosen.values()].filter((s) => s.status === 'completed').map((s) => s.id);
    download.disabled = true;
    try {
      await downloadSelection(task.id, task.name, wanted);
      toast(t('grid.selection.downloaded', { n: wanted.length }));
    } catch (e) {
      toast(t('grid.selection.failed', { message: e.message }));
    } finally {
      draw();
    }
  }

  draw();
  return {
    element,
    ids,
    toggle(subtask, on) {
      if (on) { chosen.set(subtask.id, subtask); ids.add(subtask.id); } else { chosen.delete(subtask.id); ids.delete(subtask.id); }
      draw();
    },
  };
}
