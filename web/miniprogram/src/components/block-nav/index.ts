/** Icon navigation block: pictures, or the label's first character on a theme-tinted disc (Vant icon names have no mini-program font). */
import { follow } from '../../lib/nav.js';

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: { block: { type: Object, value: {} } },
  methods: {
    tapItem(e: WechatMiniprogram.TouchEvent) {
      follow(String(e.currentTarget.dataset.link ?? ''));
    },
  },
});
