/** "Me": profile, addresses, balance and orders (built by the mptrade helper on this stub). */
import { pageData } from '../../lib/page.js';

Component({
  data: pageData(),
  methods: {
    onLoad() {
      wx.setNavigationBarTitle({ title: this.data.t.common.tabs.me });
    },
  },
});
