/** Banner block: a swiper of pictures, each opening its link. */
import { follow } from '../../lib/nav.js';

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: { block: { type: Object, value: {} } },
  methods: {
    tapImage(e: WechatMiniprogram.TouchEvent) {
      follow(String(e.currentTarget.dataset.link ?? ''));
    },
  },
});
