/** Video block: the native <video> with its poster. */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: { block: { type: Object, value: {} } },
});
