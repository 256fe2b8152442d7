/** Product cards in one, two or three columns (CardView from lib/view.ts); a tap opens the product. */
import { open, pages } from '../../lib/nav.js';

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    products: { type: Array, value: [] },
    columns: { type: Number, value: 2 },
  },
  methods: {
    openProduct(e: WechatMiniprogram.TouchEvent) {
      open(pages.product(Number(e.currentTarget.dataset.id)));
    },
  },
});
