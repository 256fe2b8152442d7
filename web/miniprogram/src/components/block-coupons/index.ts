/** Coupons block: the coupons the server resolved (none until a coupons API exists: then nothing shows). */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: { block: { type: Object, value: {} } },
});
