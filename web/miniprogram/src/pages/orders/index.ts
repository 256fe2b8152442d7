/**
 * 我的订单: status tabs (全部 / 待付款 / 待发货 / 待收货 / 已收货), `GET /shop/orders?status=`, ten at a
 * time as the list scrolls (onReachBottom); an older answer never overwrites a newer tab's.
 */
import { api, query } from '../../lib/api.js';
import { ensureSignedIn } from '../../lib/auth.js';
import { showError } from '../../lib/errors.js';
import { t } from '../../lib/i18n.js';
import { yuan } from '../../lib/money.js';
import { ORDER_TABS, orderStatusText, tabText, type OrderStatus } from '../../lib/orders.js';
import { pageData } from '../../lib/page.js';
import { tradePages } from '../../lib/trade-pages.js';

interface OrderRow {
  id: number;
  orderNo: string;
  status: OrderStatus;
  payAmount: number;
  items: Array<{ id: number; title: string; image: string | null; quantity: number }>;
}

const PAGE_SIZE = 10;
let asked = 0;

Component({
  data: {
    ...pageData('orders'),
    tabs: [] as Array<{ key: string; label: string }>,
    tab: 'all',
    orders: [] as Array<{ id: number; orderNo: string; status: string; images: string[]; title: string; count: string; amount: string; amountLabel: string }>,
    page: 0,
    more: true,
    loading: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      wx.setNavigationBarTitle({ title: t('orders.title') });
      const tab = ORDER_TABS.find((x) => x.key === options.status)?.key ?? 'all';
      this.setData({ tabs: ORDER_TABS.map((x) => ({ key: x.key, label: tabText(x.key) })), tab });
    },

    onShow() {
      // back from an order page: its status may have changed
      void this.reload();
    },

    onPullDownRefresh() {
      void this.reload().then(() => wx.stopPullDownRefresh());
    },

    onReachBottom() {
      if (this.data.more && !this.data.loading) void this.loadPage(this.data.page + 1);
    },

    pickTab(e: WechatMiniprogram.TouchEvent) {
      const tab = (e.currentTarget.dataset as { key: string }).key;
      if (tab === this.data.tab) return;
      this.setData({ tab });
      void this.reload();
    },

    async reload() {
      this.setData({ orders: [], page: 0, more: true });
      await this.loadPage(1);
    },

    async loadPage(page: number) {
      const n = ++asked;
      this.setData({ loading: true });
      try {
        await ensureSignedIn();
        const status = ORDER_TABS.find((x) => x.key === this.data.tab)?.status ?? undefined;
        const res = await api.get<{ items: OrderRow[]; total: number }>(`/shop/orders${query({ status, page, pageSize: PAGE_SIZE })}`);
        if (n !== asked) return;
        const rows = res.items.map((o) => ({
          id: o.id,
          orderNo: o.orderNo,
          status: orderStatusText(o.status),
          images: o.items.slice(0, 4).map((i) => i.image ?? ''),
          title: o.items.length === 1 ? o.items[0]!.title : '',
          count: t('orders.count', { n: o.items.reduce((s, i) => s + i.quantity, 0) }),
          amount: yuan(o.payAmount),
          amountLabel: o.status === 'pending_payment' ? t('orders.toPay') : t('orders.paidLabel'),
        }));
        const orders = page === 1 ? rows : [...this.data.orders, ...rows];
        this.setData({ orders, page, more: orders.length < res.total });
      } catch (err) {
        if (n === asked) showError(err);
      } finally {
        if (n === asked) this.setData({ loading: false });
      }
    },

    open(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: tradePages.order(Number((e.currentTarget.dataset as { id: number }).id)) });
    },
  },
});
