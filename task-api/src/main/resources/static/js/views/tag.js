// One library tag: header image, names in three languages, counts, its artworks; staff edit names and
// image (a URL, or an uploaded file).
import { api } from '../api.js';
import { h, mount, empty, field, toast } from '../dom.js';
import { t } from '../i18n.js';
import { artworkGrid } from './artwork-grid.js';
import { showErrors, clearErrors } from './field-errors.js';

export async function render(main, { params, can, me }) {
  let tag;
  try {
    tag = await api('GET', `/api/tags/${params[0]}`);
  } catch (e) {
    mount(main, e.status === 404 ? empty(t('tag.notFound'), t('tag.notFoundText'))
      : h('div.alert', { role: 'alert', text: t('tag.loadFailed', { error: e.message }) }));
    return;
  }
  const head = h('div.card.tag-head');
  const box = h('div');
  const staff = ['admin', 'manager'].includes(String(me?.role || '').toLowerCase());

  function draw() {
    mount(head,
      tag.header_img ? h('img.tag-header#tag-header', { src: tag.header_img, alt: tag.name }) : null,
      h('div', {},
        h('h1#tag-name', { text: tag.name }),
        h('dl.names', {},
          h('dt', { text: '中文' }), h('dd#tag-name-zh', { text: tag.name_zh || '—' }),
          h('dt', { text: 'English' }), h('dd#tag-name-en', { text: tag.name_en || '—' }),
          h('dt', { text: t('tag.type') }), h('dd', { text: t(`tagType.${tag.type}`) }),
          h('dt', { text: t('tag.prompt') }), h('dd', { text: tag.value })),
        h('div.stats', {},
          h('div.stat', {}, h('div.n#tag-image-count', { text: tag.image_count }), h('div.l', { text: t('tag.images') })),
          h('div.stat', {}, h('div.n#tag-task-count', { text: tag.task_count }), h('div.l', { text: t('tag.tasks') }))),
        staff ? editor() : null));
  }

  function editor() {
    const zh = h('input#edit-name-zh', { value: tag.name_zh || '' });
    const en = h('input#edit-name-en', { value: tag.name_en || '' });
    const img = h('input#edit-header-img', { value: tag.header_img || '', placeholder: t('tag.headerPlaceholder') });
    const general = h('div.alert#tag-editor-error', { role: 'alert' });
    const form = h('form.row#tag-editor', {
      onsubmit: async (event) => {
        event.preventDefault();
        clearErrors(form);
        const body = { name_zh: zh.value.trim() || null, name_en: en.value.trim() || null, header_img: img.value.trim() || null };
        try {
          tag = await api('PUT', `/api/tags/${tag.uuid}`, body);
          toast(t('tag.saved'));
          draw();
        } catch (e) {
          showErrors(form, e.fieldErrors, general);
          if (!e.fieldErrors.length) general.textContent = e.message;
        }
      } },
    field(t('tag.nameZh'), zh, '$.name_zh'), field(t('tag.nameEn'), en, '$.name_en'),
    field(t('tag.headerUrl'), img, '$.header_img'), h('button.primary', { type: 'submit', text: t('common.save') }), general);
    return h('div', {}, form, uploader());
  }

  // Uploads a picked PNG, JPEG or WebP file; the server answers the tag with its new header_img.
  function uploader() {
    const file = h('input#upload-header-img', { type: 'file', accept: 'image/png,image/jpeg,image/webp' });
    const general = h('div.alert#tag-upload-error', { role: 'alert' });
    const form = h('form.row#tag-upload', {
      onsubmit: async (event) => {
        event.preventDefault();
        clearErrors(form);
        if (!file.files.length) return;
        try {
          tag = await api('PUT', `/api/tags/${tag.uuid}/header_img`, file.files[0]);
          toast(t('tag.uploaded'));
          draw();
        } catch (e) {
          showErrors(form, e.fieldErrors, general);
          if (!e.fieldErrors.length) general.textContent = e.message;
        }
      } },
    field(t('tag.upload'), file, '$'), h('button', { type: 'submit', text: t('tag.uploadButton') }), general);
    return form;
  }

  draw();
  mount(main, h('p', {}, h('a', { href: '#/gallery', text: t('tag.backToGallery') })), head, h('h2', { text: t('tag.artworks') }), box);
  return artworkGrid(box, { tag: tag.uuid, sort: 'likes' }, can.act());
}
