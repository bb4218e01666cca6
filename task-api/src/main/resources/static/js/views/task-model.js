// The new-task form's plain model: tags (with their library identity: uuid, name, header image), variables
// (one value per line, with the library identity of each tag value), the four settings and the fixed generation
// parameters (a variable of a parameter's type sets that parameter); it turns into the
// submission body in the seed's JSON shapes, and is filled from an existing task to use it as a template.

export const TAG_TYPES = ['prompt', 'character', 'element', 'lumina'];
export const SETTINGS = ['ratio', 'seed', 'batch_size', 'polish'];

const SETTING_DEFAULTS = { ratio: '1:1', seed: '', batch_size: '1', polish: false };

export const varId = (i) => `v${i}`;

export function newModel() {
  return {
    tags: [{ type: 'prompt', value: '', weight: 1 }],
    variables: [],
    settings: Object.fromEntries(SETTINGS.map((s) => [s, { variable: false, value: SETTING_DEFAULTS[s], variableId: '' }])),
    parameters: [],
  };
}

/** Whether a variable's type is a generation parameter (steps, cfg_scale …), not a tag type or a setting. */
function isParameter(type) {
  return Boolean(type) && !TAG_TYPES.includes(type) && !SETTINGS.includes(type);
}

/** A tag's library identity (uuid, name, header image), as far as it has one. */
export function identity(tag) {
  const out = {};
  for (const key of ['uuid', 'name', 'header_img']) if (tag[key]) out[key] = tag[key];
  return out;
}

/** A setting value as typed, in its JSON type; text that does not parse is sent as is for the server to name. */
function settingValue(setting, raw) {
  const text = typeof raw === 'string' ? raw.trim() : raw;
  switch (setting) {
    case 'seed':
      if (text === '' || text === 'random' || text === null) return null;
      return /^\d+$/.test(text) ? Number(text) : text;
    case 'batch_size':
      return /^-?\d+$/.test(text) ? Number(text) : text;
    case 'polish':
      if (typeof text === 'boolean') return text;
      return ['true', 'yes', 'on', '1'].includes(String(text).toLowerCase()) ? true
        : ['false', 'no', 'off', '0'].includes(String(text).toLowerCase()) ? false : text;
    case 'ratio':
      return text;
    default: // a generation parameter: a number or a flag when it reads as one
      if (text === 'true' || text === 'false') return text === 'true';
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  }
}

function lines(text) {
  return String(text || '').split('\n').map((l) => l.trim()).filter(Boolean);
}

/** The variables' values as JSON: tags (with their library identity) for tag types, plain values otherwise. */
export function variableValues(variable) {
  return lines(variable.values).map((line) => {
    if (!TAG_TYPES.includes(variable.type)) return settingValue(variable.type, line);
    const known = (variable.library || {})[line];
    return { ...(known ? identity(known) : {}), type: variable.type, value: line, weight: known?.weight ?? 1 };
  });
}

export function toBody(model, basics) {
  const body = {
    name: basics.name,
    priority: basics.priority === '' ? undefined : (Number.isFinite(Number(basics.priority)) ? Number(basics.priority) : basics.priority),
    make_api_queue: basics.backend || null,
    prompts: model.tags.map((x) => ({ ...identity(x), type: x.type, value: x.value, weight: x.weight === '' ? 1 : Number(x.weight) })),
    variables: {},
  };
  model.variables.forEach((v, i) => { body.variables[varId(i)] = { type: v.type, values: variableValues(v) }; });
  for (const setting of SETTINGS) {
    const s = model.settings[setting];
    body[setting] = s.variable
      ? { value: null, is_variable: true, variable_id: s.variableId || null }
      : { value: settingValue(setting, s.value), is_variable: false, variable_id: null };
  }
  const parameters = {};
  for (const p of model.parameters) {
    if (p.name && String(p.value ?? '').trim() !== '') parameters[p.name] = settingValue(p.name, p.value);
  }
  // A variable of a parameter's type is the axis it varies along: the first of each type takes the parameter.
  model.variables.forEach((v, i) => {
    if (isParameter(v.type) && !parameters[v.type]?.is_variable) parameters[v.type] = { is_variable: true, variable_id: varId(i) };
  });
  if (Object.keys(parameters).length) body.parameters = parameters;
  return body;
}

/** A plain value of a variable as one line of text ({"value": x} objects included). */
function line(value) {
  const plain = value !== null && typeof value === 'object' && !Array.isArray(value) ? value.value : value;
  return plain === null || plain === undefined ? 'random' : String(plain);
}

/**
 * The model and basics of an existing task (GET /api/tasks/{id}), to submit again after edits. Its variables are
 * renumbered v0, v1 … in name order, and the settings bound to them follow.
 */
export function fromTask(task) {
  const model = newModel();
  const tags = (task.prompts || []).map((x) => ({ ...identity(x), type: x.type || 'prompt', value: x.value, weight: x.weight ?? 1 }));
  if (tags.length) model.tags = tags;
  const names = Object.keys(task.variables || {}).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)) || a.localeCompare(b));
  const renamed = {};
  model.variables = names.map((name, i) => {
    renamed[name] = varId(i);
    const v = task.variables[name];
    if (!TAG_TYPES.includes(v.type)) return { type: v.type, values: v.values.map(line).join('\n') };
    const library = {};
    for (const tag of v.values) library[tag.value] = { ...identity(tag), weight: tag.weight ?? 1 };
    return { type: v.type, values: v.values.map((tag) => tag.value).join('\n'), library };
  });
  for (const setting of SETTINGS) {
    const s = task[setting];
    if (!s) continue;
    const value = s.value === null || s.value === undefined ? SETTING_DEFAULTS[setting] : (setting === 'polish' ? s.value : String(s.value));
    model.settings[setting] = { variable: Boolean(s.is_variable), value, variableId: renamed[s.variable_id] || '' };
  }
  for (const [name, value] of Object.entries(task.parameters || {})) {
    // One taken from a variable is bound again to the variable of its type, renumbered or not.
    if (value !== null && typeof value === 'object' && value.is_variable) continue;
    model.parameters.push({ name, value: line(value) });
  }
  const basics = { name: task.name, priority: task.priority, backend: task.make_api_queue || '' };
  return { model, basics };
}
