/** Rich text block: the merchant's HTML (sanitised by the server on save) through <rich-text>. */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: { block: { type: Object, value: {} } },
});
