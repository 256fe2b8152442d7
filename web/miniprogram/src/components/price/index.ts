/** A price in the theme colour: a small ¥, the yuan, the smaller fen ("¥12.50"). */
import { priceParts } from '../../lib/money.js';

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    fen: { type: Number, value: 0 },
    size: { type: String, value: 'md' },
  },
  data: { int: '0', dec: '.00' },
  observers: {
    fen(fen: number) {
      this.setData(priceParts(fen));
    },
  },
});
