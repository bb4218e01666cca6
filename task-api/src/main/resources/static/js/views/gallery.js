// The gallery: every artwork the person may see, newest or most liked, searched, with tag suggestions.
import { api } from '../api.js';
import { h, mount, debounce } from '../dom.js';
import { t } from '../i18n.js';
import { artworkGrid } from './artwork-grid.js';

export function render(main, { can }) {
  const query = { q: '', sort: 'newest', rating: '' };
  const search = h('input#gallery-search', { type: 'search', autocomplete: 'off',
    placeholder: t('gallery.searchPlaceholder'), 'aria-label': t('gallery.search') });
  const suggestions = h('ul.suggestions#tag-suggestions', { role: 'listbox', 'aria-label': t('gallery.tags') });
  const sort = h('select#gallery-sort', { 'aria-label': t('gallery.sort'),
    onchange: (e) => { query.sort = e.target.value; reload(); } },
  h('option', { value: 'newest', text: t('gallery.newest') }), h('option', { value: 'likes', text: t('gallery.mostLiked') }));
  const good = h('input#gallery-good', { type: 'checkbox',
    onchange: (e) => { query.rating = e.target.checked ? 'good' : ''; reload(); } });
  const box = h('div');
  let stop = null;

  function reload() {
    if (stop) stop();
    stop = artworkGrid(box, query, can.act());
  }

  const suggest = debounce(async () => {
    const q = search.value.trim();
    if (!q) { suggestions.replaceChildren(); return; }
    try {
      const tags = (await api('GET', `/api/tags?${new URLSearchParams({ q, limit: 8 })}`)).items;
      mount(suggestions, tags.map((tag) => h('li', { role: 'option' },
        h('a', { href: `#/tags/${tag.uuid}` },
          tag.header_img ? h('img.avatar', { src: tag.header_img, alt: '' }) : null,
          h('span', { text: tag.name }), ' ',
          h('span.muted', { text: [tag.name_zh, tag.name_en].filter(Boolean).join(' · ') }), ' ',
          h('span.badge', { text: t(`tagType.${tag.type}`) })))));
    } catch {
      suggestions.replaceChildren();
    }
  }, 200);
  const searchGallery = debounce(() => { query.q = search.value.trim(); reload(); }, 400);
  search.addEventListener('input', () => { suggest(); searchGallery(); });

  mount(main,
    h('div.page-head', {}, h('h1', { text: t('gallery.title') })),
    h('div.card', {},
      h('div.row', {}, h('div.search-box', {}, search, suggestions), sort,
        h('label.inline', {}, good, ` ${t('gallery.goodOnly')}`))),
    box);
  reload();
  return () => { if (stop) stop(); };
}
