// The task's images as a zip: all of them (GET images.zip, straight to disk for a session), or the
// selected ones (POST images.zip with their ids), saved under the task's name.
import { apiFile, inSession } from '../api.js';

function fileName(taskName) {
  return `${(taskName || 'images').replace(/[\\/:*?"<>|]+/g, '_').slice(0, 80)}.zip`;
}

/** Lets the browser save what href answers, under name. */
function follow(href, name) {
  const link = Object.assign(document.createElement('a'), { href, download: name });
  document.body.append(link);
  link.click();
  link.remove();
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  follow(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Every completed image of the task; a session lets the browser stream it to disk. */
export async function downloadAll(taskId, taskName) {
  const path = `api/tasks/${taskId}/images.zip`;
  if (inSession()) follow(path, fileName(taskName));
  else save(await apiFile('GET', path), fileName(taskName));
}

/** The images of the given subtasks (1 to 1000 completed ones). */
export async function downloadSelection(taskId, taskName, subtaskIds) {
  const blob = await apiFile('POST', `/api/tasks/${taskId}/images.zip`, { subtask_ids: [...subtaskIds] });
  save(blob, fileName(`${taskName}-selection`));
}
