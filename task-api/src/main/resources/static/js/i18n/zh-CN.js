// 简体中文. One key per line; every key here must also be in en.js.
export default {
  'common.loading': '加载中…',
};
