/** Notice block: one line of news with a speaker mark, in the theme colour on a light tint. */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: { block: { type: Object, value: {} } },
});
