/**
 * The SKU picker sheet: spec chips per dimension (a value no SKU with stock has together with the
 * other choices is disabled), the chosen SKU's price and stock, a quantity stepper within stock, and
 * the actions. Emits `change` `{ skuId, quantity, text }` as the choice changes, `confirm`
 * `{ skuId, quantity, action }` on an action and `close`. Rules: lib/sku.ts.
 */
import { t, texts } from '../../lib/i18n.js';
import { chipRows, chosenSku, clampQuantity, dimensionsOf, maxQuantity, pick, priceRange, type Chosen, type Dimension, type SkuLike } from '../../lib/sku.js';

interface PickerProduct {
  image: string;
  skus: SkuLike[];
  specDimensions: Dimension[];
}

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    product: { type: Object, value: null as unknown as PickerProduct },
    visible: { type: Boolean, value: false },
    /** 'both' shows add-to-cart and buy-now; 'cart' or 'buy' one confirm button for that action. */
    action: { type: String, value: 'both' },
  },
  data: {
    t: texts('catalog'),
    productKey: '',
    dims: [] as Dimension[],
    chosen: {} as Chosen,
    rows: [] as ReturnType<typeof chipRows>,
    skuId: 0,
    price: 0,
    stockText: '',
    soldOut: false,
    selectedText: '',
    quantity: 1,
    max: 1,
  },
  observers: {
    product(product: PickerProduct | null) {
      // the page passes its product again with every setData of its own: start over only for another product
      const key = product ? product.skus.map((s) => `${s.id}:${s.stock}:${s.price}`).join(',') : '';
      if (!product || key === this.data.productKey) return;
      const dims = dimensionsOf(product.skus, product.specDimensions);
      this.setData({ dims, quantity: 1, productKey: key });
      this.choose({});
    },
  },
  methods: {
    choose(chosen: Chosen) {
      const product = this.data.product as PickerProduct | null;
      if (!product) return;
      const dims = this.data.dims;
      const sku = chosenSku(product.skus, dims, chosen);
      const missing = dims.filter((d) => chosen[d.name] === undefined).map((d) => d.name);
      const quantity = clampQuantity(this.data.quantity, sku);
      const range = priceRange(product.skus);
      const selectedText = sku ? dims.map((d) => sku.specs[d.name]).join(' / ') : '';
      this.setData({
        chosen,
        rows: chipRows(product.skus, dims, chosen),
        skuId: sku ? sku.id : 0,
        price: sku ? sku.price : range.min,
        soldOut: !!sku && sku.stock < 1,
        stockText: sku ? (sku.stock > 0 ? t('catalog.product.stock', { count: sku.stock }) : t('catalog.product.soldOut')) : t('catalog.product.chooseDimension', { name: missing.join(' / ') }),
        selectedText,
        quantity,
        max: maxQuantity(sku),
      });
      this.triggerEvent('change', { skuId: sku ? sku.id : 0, quantity, text: selectedText });
    },
    tapChip(e: WechatMiniprogram.TouchEvent) {
      const { name, value } = e.currentTarget.dataset as { name: string; value: string };
      const product = this.data.product as PickerProduct;
      this.choose(pick(product.skus, this.data.chosen, name, value));
    },
    changeQuantity(e: WechatMiniprogram.CustomEvent<{ value: number }>) {
      this.setData({ quantity: e.detail.value });
      this.triggerEvent('change', { skuId: this.data.skuId, quantity: e.detail.value, text: this.data.selectedText });
    },
    confirm(e: WechatMiniprogram.TouchEvent) {
      const action = String(e.currentTarget.dataset.action);
      if (!this.data.skuId) {
        wx.showToast({ title: this.data.stockText || t('catalog.product.choose'), icon: 'none' });
        return;
      }
      if (this.data.soldOut) {
        wx.showToast({ title: t('catalog.product.soldOut'), icon: 'none' });
        return;
      }
      this.triggerEvent('confirm', { skuId: this.data.skuId, quantity: this.data.quantity, action });
    },
    close() {
      this.triggerEvent('close');
    },
    noop() {},
  },
});
