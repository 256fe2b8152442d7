/** Quantity stepper within [min, max]; emits `change` with `{ value }`. */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    value: { type: Number, value: 1 },
    min: { type: Number, value: 1 },
    max: { type: Number, value: 999 },
    disabled: { type: Boolean, value: false },
  },
  methods: {
    emit(value: number) {
      const next = Math.min(Math.max(value, this.data.min), this.data.max);
      if (next !== this.data.value) this.triggerEvent('change', { value: next });
    },
    minus() {
      if (!this.data.disabled) this.emit(this.data.value - 1);
    },
    plus() {
      if (!this.data.disabled) this.emit(this.data.value + 1);
    },
    typed(e: WechatMiniprogram.Input) {
      this.emit(Math.floor(Number(e.detail.value)) || this.data.min);
    },
  },
});
