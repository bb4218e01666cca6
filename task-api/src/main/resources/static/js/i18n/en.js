// English messages. One key per line; every key here must also be in zh-CN.js.
export default {
  'common.loading': 'Loading…',
};
