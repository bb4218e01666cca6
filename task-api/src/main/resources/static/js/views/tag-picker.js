// Suggestions from the tag library under a tag's text: picking one makes the tag the library's
// (its uuid, name and prompt text); characters show their header images.
import { api } from '../api.js';
import { h, mount, debounce } from '../dom.js';

export function tagPicker(tag, valueInput, typeSelect, changed) {
  const list = h('ul.suggestions.picker', { role: 'listbox', 'aria-label': 'Library tags' });
  const picked = h('span.muted.picked', { text: tag.uuid ? `library: ${tag.name || tag.value}` : '' });

  const search = debounce(async () => {
    const q = valueInput.value.trim();
    if (!q || document.activeElement !== valueInput) { list.replaceChildren(); return; }
    try {
      const found = (await api('GET', `/api/tags?${new URLSearchParams({ q, type: tag.type, limit: 6 })}`)).items;
      mount(list, found.map((t) => h('li', { role: 'option' },
        h('button.link.pick', { type: 'button', onmousedown: (e) => e.preventDefault(), onclick: () => pick(t) },
          t.type === 'character' && t.header_img ? h('img.avatar', { src: t.header_img, alt: '' }) : null,
          h('span', { text: t.name }), ' ',
          h('span.muted', { text: [t.name_zh, t.name_en].filter(Boolean).join(' · ') })))));
    } catch {
      list.replaceChildren();
    }
  }, 250);

  function pick(t) {
    Object.assign(tag, { uuid: t.uuid, name: t.name, value: t.value, type: t.type });
    valueInput.value = t.value;
    typeSelect.value = t.type;
    picked.textContent = `library: ${t.name}`;
    list.replaceChildren();
    changed();
  }

  valueInput.addEventListener('input', () => {
    if (tag.uuid) { delete tag.uuid; delete tag.name; picked.textContent = ''; }
    search();
  });
  valueInput.addEventListener('blur', () => setTimeout(() => list.replaceChildren(), 150));
  return h('div.picker-box', {}, picked, list);
}
