// A task's variables as people read them: each value by its name, never by its uuid.
import { t } from '../i18n.js';

/** The name of one value of a variable: a tag's name (or its text), else the plain value. */
export function valueName(value) {
  if (value === null || value === undefined) return t('task.value.random');
  if (typeof value === 'object') return value.name || value.value || JSON.stringify(value);
  return String(value);
}

/** The variables of a task in key order (v0, v1 …): [{key, type, values}]. */
export function variableList(variables) {
  return Object.keys(variables || {}).sort().map((key) => ({
    key, type: variables[key].type, values: variables[key].values || [],
  }));
}

/** "v0: oil painting · v1: fox", from the subtask's indices and the task's variables when known. */
export function variableLabel(subtask, variables) {
  const indices = subtask.variable_indices || {};
  const parts = Object.keys(indices).sort().map((key) => {
    const values = variables?.[key]?.values;
    return values ? `${key}: ${valueName(values[indices[key]])}` : `${key} #${indices[key] + 1}`;
  });
  return parts.length ? parts.join(' · ') : t('task.noVariables');
}

/** The URLs of a subtask's images; one not yet generated has none. */
export function imageUrls(subtask) {
  return (subtask.result?.images || []).map((i) => i.url).filter(Boolean);
}

/**
 * The small copy of a task's image that grids show (GET /images/{task}/thumbnails/{file}); index.html derives it the
 * same way for its preloads. Any other URL is shown as it is.
 */
export function thumbnailUrl(url) {
  return url.replace(/^(\/?images\/[0-9a-f-]{36})\/([^/]+\.png)$/i, '$1/thumbnails/$2');
}

/** A subtask with a live change (the stream's SubtaskChange) applied. */
export function applyChange(subtask, change) {
  const result = change.images ? { ...(subtask.result || {}), images: change.images } : null;
  return { ...subtask, status: change.status, rating: change.rating, evaluation: change.evaluation,
    error: change.error, retry_count: change.retry_count, updated_at: change.updated_at, result };
}
