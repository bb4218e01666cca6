// Suggestions from the tag library under a tag's text: picking one makes the tag the library's
// (its uuid, name, header image and prompt text); characters show their header images.
import { api } from '../api.js';
import { h, mount, debounce } from '../dom.js';
import { t } from '../i18n.js';

export function tagPicker(tag, valueInput, typeSelect, changed, index) {
  const list = h('ul.suggestions.picker', { role: 'listbox', 'aria-label': t('form.libraryTags') });
  const picked = h(`span.muted.picked#tag-${index}-picked`);

  function showPicked() {
    mount(picked, tag.uuid || tag.name
      ? [tag.type === 'character' && tag.header_img ? h(`img.avatar#tag-${index}-header`, { src: tag.header_img, alt: tag.name || '' }) : null,
        h('span', { text: t('form.fromLibrary', { name: tag.name || tag.value }) })]
      : []);
  }

  const search = debounce(async () => {
    const q = valueInput.value.trim();
    if (!q || document.activeElement !== valueInput) { list.replaceChildren(); return; }
    try {
      const found = (await api('GET', `/api/tags?${new URLSearchParams({ q, type: tag.type, limit: 6 })}`)).items;
      mount(list, found.map((x) => h('li', { role: 'option' },
        h('button.link.pick', { type: 'button', onmousedown: (e) => e.preventDefault(), onclick: () => pick(x) },
          x.type === 'character' && x.header_img ? h('img.avatar', { src: x.header_img, alt: '' }) : null,
          h('span', { text: x.name }), ' ',
          h('span.muted', { text: [x.name_zh, x.name_en].filter(Boolean).join(' · ') })))));
    } catch {
      list.replaceChildren();
    }
  }, 250);

  function pick(x) {
    Object.assign(tag, { uuid: x.uuid, name: x.name, value: x.value, type: x.type });
    if (x.header_img) tag.header_img = x.header_img;
    else delete tag.header_img;
    valueInput.value = x.value;
    typeSelect.value = x.type;
    showPicked();
    list.replaceChildren();
    changed();
  }

  valueInput.addEventListener('input', () => {
    if (tag.uuid || tag.name) { delete tag.uuid; delete tag.name; delete tag.header_img; showPicked(); }
    search();
  });
  valueInput.addEventListener('blur', () => setTimeout(() => list.replaceChildren(), 150));
  showPicked();
  return h('div.picker-box', {}, picked, list);
}
