// A responsive grid of artworks with keyset-paged infinite scroll, like buttons and tag chips.
import { api } from '../api.js';
import { h, mount, empty, loading, toast } from '../dom.js';
import { t } from '../i18n.js';

const PAGE = 24;

/** Chips for an artwork's tags, each leading to the tag's page. */
export function tagChips(tags) {
  return h('div.chips', {}, tags.map((t) =>
    h('a.chip', { href: `#/tags/${t.uuid}`, title: [t.name, t.name_zh, t.name_en].filter(Boolean).join(' · '),
      text: t.name_zh || t.name_en || t.name })));
}

function likeButton(item, canLike) {
  const button = h('button.like', { type: 'button', 'aria-pressed': String(item.liked_by_me),
    'aria-label': t('artworks.like', { name: item.task_name }), disabled: !canLike });
  const draw = () => {
    button.setAttribute('aria-pressed', String(item.liked_by_me));
    button.textContent = `${item.liked_by_me ? '♥' : '♡'} ${item.like_count}`;
  };
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const answer = await api(item.liked_by_me ? 'DELETE' : 'PUT', `/api/gallery/${item.subtask_id}/like`);
      item.liked_by_me = answer.liked_by_me;
      item.like_count = answer.like_count;
      draw();
    } catch (e) {
      toast(t('artworks.likeFailed', { message: e.message }));
    } finally {
      button.disabled = false;
    }
  });
  draw();
  return button;
}

function card(item, canLike) {
  const image = item.images.length
    ? h('img', { src: item.images[0].replace(/^\//, ''), alt: item.task_name, loading: 'lazy' })
    : h('div.noimage', { text: t('artworks.noImage') });
  return h('figure.artwork', { 'data-subtask': item.subtask_id },
    h('a', { href: `#/tasks/${item.task_id}` }, image),
    h('figcaption', {},
      h('div.row.artwork-head', {},
        h('strong', { text: item.task_name }),
        likeButton(item, canLike)),
      h('div.muted', { text: t(item.image_count === 1 ? 'artworks.byOne' : 'artworks.byMany', { user: item.username, n: item.image_count }) }),
      tagChips(item.tags)));
}

/** Mounts the grid for a query (tag, user, q, sort, rating) into box; answers a function that stops it. */
export function artworkGrid(box, query, canLike) {
  const grid = h('div.gallery-grid#gallery-grid', { 'aria-label': t('artworks.label') });
  const state = h('div#gallery-state', {}, loading(t('artworks.loading')));
  const sentinel = h('div.sentinel', { 'aria-hidden': 'true' });
  let next = null;
  let busy = false;
  let done = false;
  let count = 0;

  async function more() {
    if (busy || done) return;
    busy = true;
    try {
      const params = new URLSearchParams({ limit: PAGE });
      for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
      if (next) params.set('after', next);
      const page = await api('GET', `/api/gallery?${params}`);
      page.items.forEach((item) => grid.append(card(item, canLike)));
      count += page.items.length;
      next = page.next;
      done = !next;
      if (count === 0) mount(state, empty(t('artworks.none'), t('artworks.noneHint')));
      else state.replaceChildren();
    } catch (e) {
      mount(state, h('div.alert', { role: 'alert', text: t('artworks.failed', { message: e.message }) }));
      done = true;
    } finally {
      busy = false;
    }
    if (!done && sentinel.getBoundingClientRect().top < window.innerHeight + 400) more();
  }

  const observer = new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) more(); },
    { rootMargin: '400px' });
  mount(box, grid, state, sentinel);
  observer.observe(sentinel);
  more();
  return () => observer.disconnect();
}
