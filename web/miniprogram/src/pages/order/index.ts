/**
 * 订单详情: status and what it waits for, the address, the lines, the amounts, the parcels with
 * their tracking (`GET /shop/orders/:id/tracking`), and a bottom bar of what the status allows:
 * cancel and pay while unpaid, confirm receipt once shipped, after-sales once paid, customer
 * service always.
 */
import { ApiError, api } from '../../lib/api.js';
import { ensureSignedIn } from '../../lib/auth.js';
import { errorText, showError } from '../../lib/errors.js';
import { t } from '../../lib/i18n.js';
import { yuan } from '../../lib/money.js';
import { actionText, orderActions, orderStatusText, specsText, statusHint, trackingStateText, type OrderAction, type OrderStatus } from '../../lib/orders.js';
import { addressLine } from '../../lib/address.js';
import { pageData } from '../../lib/page.js';
import { payChoices, payOrder, type PayMethod } from '../../lib/pay.js';
import { tradePages } from '../../lib/trade-pages.js';

interface Order {
  id: number;
  orderNo: string;
  status: OrderStatus;
  delivery: 'express' | 'pickup';
  createdAt: string;
  paidAt: string | null;
  goodsAmount: number;
  freightAmount: number;
  discountAmount: number;
  payAmount: number;
  refundedAmount: number;
  remark: string | null;
  pickupCode?: string;
  address: { name: string; phone: string; province: string; city: string; district: string; detail: string } | null;
  items: Array<{ id: number; title: string; image: string | null; specs: Record<string, string>; unitPrice: number; quantity: number; refundedQuantity: number }>;
  fulfillments: Array<{ id: number; status: string; shipments: Array<{ id: number; carrier: string; trackingNo: string }> }>;
}

interface Tracking {
  items: Array<{ shipmentId: number; carrierName: string; trackingNo: string; state: string; events: Array<{ time: string; description: string; location?: string }> }>;
}

/** "2026-12-06 08:36", as web/shared/dates.ts writes it in Chinese (the runtime has no Intl for zh). */
function timeText(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

Component({
  data: {
    ...pageData('orders'),
    id: 0,
    loading: true,
    error: '',
    order: null as null | Record<string, unknown>,
    parcels: [] as Array<{ key: string; title: string; state: string; events: Array<{ key: string; time: string; text: string }> }>,
    actions: [] as Array<{ action: OrderAction; label: string; primary: boolean }>,
    busy: false,
    message: '',
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      wx.setNavigationBarTitle({ title: t('orders.detailTitle') });
      this.setData({ id: Number(options.id || 0) });
    },

    onShow() {
      void this.load();
    },

    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },

    async load() {
      try {
        await ensureSignedIn();
        const o = await api.get<Order>(`/shop/orders/${this.data.id}`);
        this.show(o);
        if (o.fulfillments.some((f) => f.shipments.length)) await this.loadTracking();
      } catch (err) {
        this.setData({ error: errorText(err) });
      } finally {
        this.setData({ loading: false });
      }
    },

    show(o: Order) {
      const actions = [...orderActions(o), 'chat' as const].sort((a, b) => order(a) - order(b));
      const main: OrderAction | undefined = actions.includes('pay') ? 'pay' : actions.includes('receive') ? 'receive' : undefined;
      this.setData({
        order: {
          id: o.id,
          orderNo: o.orderNo,
          status: orderStatusText(o.status),
          hint: statusHint(o),
          pickupCode: o.pickupCode ?? '',
          address: o.address ? { name: o.address.name, phone: o.address.phone, line: addressLine(o.address) } : null,
          lines: o.items.map((i) => ({ id: i.id, title: i.title, image: i.image ?? '', specs: specsText(i.specs), price: yuan(i.unitPrice), quantity: i.quantity })),
          goods: yuan(o.goodsAmount),
          freight: o.freightAmount ? yuan(o.freightAmount) : t('checkout.freeFreight'),
          savings: o.discountAmount ? yuan(-Math.abs(o.discountAmount)) : '',
          pay: yuan(o.payAmount),
          refunded: o.refundedAmount ? yuan(o.refundedAmount) : '',
          remark: o.remark ?? '',
          createdAt: timeText(o.createdAt),
          paidAt: timeText(o.paidAt),
        },
        actions: actions.map((a) => ({ action: a, label: actionText(a), primary: a === main })),
      });
    },

    async loadTracking() {
      try {
        const tracking = await api.get<Tracking>(`/shop/orders/${this.data.id}/tracking`);
        this.setData({
          parcels: tracking.items.map((p, n) => ({
            key: String(p.shipmentId),
            title: `${t('orders.parcel', { n: n + 1 })} · ${p.carrierName} ${p.trackingNo}`,
            state: trackingStateText(p.state),
            // the carrier's description already names the place
            events: p.events.map((e, k) => ({ key: `${p.shipmentId}-${k}`, time: timeText(e.time), text: e.description || e.location || '' })),
          })),
        });
      } catch {
        // no tracking is not an error of the order: its parcels still show their numbers
      }
    },

    copyNo() {
      const o = this.data.order as { orderNo: string } | null;
      if (o) wx.setClipboardData({ data: o.orderNo });
    },

    act(e: WechatMiniprogram.TouchEvent) {
      const action = (e.currentTarget.dataset as { action: OrderAction }).action;
      if (action === 'cancel') return this.confirmThen(t('orders.cancelConfirm'), () => this.post('cancel', t('orders.cancelled')));
      if (action === 'receive') return this.confirmThen(t('orders.receiveConfirm'), () => this.post('receive', t('orders.received')));
      if (action === 'pay') return void this.pay();
      if (action === 'track') return void wx.pageScrollTo({ selector: '#parcels', duration: 200 });
      if (action === 'aftersale') return void wx.navigateTo({ url: tradePages.aftersale(this.data.id) });
      if (action === 'chat') return void wx.navigateTo({ url: tradePages.chat({ type: 'order', id: this.data.id }) });
    },

    confirmThen(content: string, run: () => Promise<void>) {
      wx.showModal({ content, success: (res) => void (res.confirm && run()) });
    },

    async post(what: 'cancel' | 'receive', done: string) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        await api.post(`/shop/orders/${this.data.id}/${what}`);
        wx.showToast({ title: done, icon: 'success' });
        await this.load();
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ busy: false });
      }
    },

    async pay() {
      if (this.data.busy) return;
      this.setData({ busy: true, message: '' });
      try {
        const { methods } = await payChoices();
        const method = await choose(methods);
        if (!method) return;
        const outcome = await payOrder(this.data.id, method);
        if (outcome === 'paid') wx.showToast({ title: t('checkout.paid'), icon: 'success' });
        else this.setData({ message: outcome === 'cancelled' ? t('checkout.payCancelled') : t('checkout.payFailed') });
        await this.load();
      } catch (err) {
        this.setData({ message: err instanceof ApiError && err.code === 'insufficient_balance' ? t('checkout.insufficientBalance') : errorText(err) });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});

/** The bar's order: the quiet actions first, the main one last (at the right, as Youzan places it). */
function order(a: OrderAction): number {
  return ['chat', 'cancel', 'aftersale', 'track', 'pay', 'receive'].indexOf(a);
}

/** One method: that one; several: WeChat's action sheet, in the shop's order. */
function choose(methods: PayMethod[]): Promise<PayMethod | null> {
  if (methods.length <= 1) return Promise.resolve(methods[0] ?? null);
  return new Promise((resolve) => {
    wx.showActionSheet({
      itemList: methods.map((m) => t(`payment.method.${m}`)),
      success: (res) => resolve(methods[res.tapIndex] ?? null),
      fail: () => resolve(null),
    });
  });
}
