// The task's images as a zip: all of them (GET images.zip, straight to disk for a session), or the
// selected ones (POST images.zip with their ids), saved under the task's name.
import { ApiError } from '../api.js';

const BASIC_KEY = 'imagegen.basic';

function fileName(taskName) {
  return `${(taskName || 'images').replace(/[\\/:*?"<>|]+/g, '_').slice(0, 80)}.zip`;
}

async function headers(unsafe) {
  const all = { Accept: 'application/zip, application/problem+json', 'X-Requested-With': 'XMLHttpRequest' };
  const basic = sessionStorage.getItem(BASIC_KEY);
  if (basic) {
    all.Authorization = `Basic ${basic}`;
  } else if (unsafe) {
    const answer = await fetch('api/csrf', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (answer.ok) {
      const csrf = await answer.json();
      all[csrf.header_name] = csrf.token;
    }
  }
  return all;
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function fetchZip(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: await headers(method !== 'GET') };
  if (body) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not problem+json */ }
    throw new ApiError(response.status, problem);
  }
  return response.blob();
}

/** Every completed image of the task; a session lets the browser stream it to disk. */
export async function downloadAll(taskId, taskName) {
  const path = `api/tasks/${taskId}/images.zip`;
  if (!sessionStorage.getItem(BASIC_KEY)) {
    const link = Object.assign(document.createElement('a'), { href: path, download: fileName(taskName) });
    document.body.append(link);
    link.click();
    link.remove();
    return;
  }
  save(await fetchZip('GET', path), fileName(taskName));
}

/** The images of the given subtasks (1 to 1000 completed ones). */
export async function downloadSelection(taskId, taskName, subtaskIds) {
  const blob = await fetchZip('POST', `api/tasks/${taskId}/images.zip`, { subtask_ids: [...subtaskIds] });
  save(blob, fileName(`${taskName}-selection`));
}
