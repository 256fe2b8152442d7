/**
 * 确认订单: the items (cart lines or buy-now, `?items=[{skuId,quantity}]`) priced by the server
 * (`POST /shop/orders/quote`: lines, freight, savings), the delivery address from the address book,
 * the way to pay, then `POST /shop/orders` (one Idempotency-Key per visit, a new one only after a
 * refusal) and paying it. A shopper who is not signed in is signed in through wx.login first. A
 * payment closed by the shopper leaves the order pending: the bar turns into 继续支付.
 */
import { addressLine, maskedPhone, type Address } from '../../lib/address.js';
import { ApiError, api, request } from '../../lib/api.js';
import { ensureSignedIn } from '../../lib/auth.js';
import { errorText, showError } from '../../lib/errors.js';
import { t } from '../../lib/i18n.js';
import { yuan } from '../../lib/money.js';
import { specsText } from '../../lib/orders.js';
import { pageData } from '../../lib/page.js';
import { payChoices, payOrder, type PayMethod } from '../../lib/pay.js';
import { CHOSEN_ADDRESS_KEY, tradePages } from '../../lib/trade-pages.js';

interface Item {
  skuId: number;
  quantity: number;
}

interface Quote {
  lines: Array<{ skuId: number; title: string; image: string | null; specs: Record<string, string>; unitPrice: number; quantity: number; subtotal: number }>;
  goodsAmount: number;
  freightAmount: number;
  savings: number;
  payAmount: number;
  addressNeeded: boolean;
}

interface Placed {
  id: number;
  orderNo: string;
  payAmount: number;
}

export function parseItems(raw: string | undefined): Item[] {
  if (!raw) return [];
  try {
    const list = JSON.parse(decodeURIComponent(raw)) as unknown;
    if (!Array.isArray(list)) return [];
    return list
      .map((x: { skuId?: unknown; quantity?: unknown }) => ({ skuId: Number(x.skuId), quantity: Number(x.quantity) }))
      .filter((x) => Number.isInteger(x.skuId) && x.skuId > 0 && Number.isInteger(x.quantity) && x.quantity > 0);
  } catch {
    return [];
  }
}

const newKey = () => `mp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

let items: Item[] = [];
let addresses: Address[] = [];
let idempotencyKey = newKey();

Component({
  data: {
    ...pageData('checkout', 'payment'),
    loading: true,
    error: '',
    address: null as null | { id: number; name: string; phone: string; line: string },
    lines: [] as Array<{ key: string; title: string; image: string; specs: string; price: string; quantity: number }>,
    count: '',
    goods: '',
    freight: '',
    savings: '',
    hasSavings: false,
    total: '',
    remark: '',
    methods: [] as Array<{ method: PayMethod; label: string; note: string }>,
    method: '' as PayMethod | '',
    balance: 0,
    submitting: false,
    /** An order placed whose payment did not complete: the bar offers to pay it again. */
    pendingOrderId: 0,
    message: '',
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      wx.setNavigationBarTitle({ title: t('checkout.title') });
      items = parseItems(options.items);
      addresses = [];
      idempotencyKey = newKey();
      void this.start();
    },

    onShow() {
      // back from the address book: the address chosen there
      const chosen = Number(wx.getStorageSync(CHOSEN_ADDRESS_KEY) || 0);
      if (!chosen) return;
      wx.removeStorageSync(CHOSEN_ADDRESS_KEY);
      void this.loadAddresses(chosen).then(() => this.quote());
    },

    async start() {
      if (!items.length) {
        this.setData({ loading: false, error: t('checkout.noItems') });
        return;
      }
      try {
        await ensureSignedIn();
      } catch (err) {
        this.setData({ loading: false, error: t('checkout.signInFirst') });
        showError(err);
        return;
      }
      try {
        await Promise.all([this.loadAddresses(0), this.loadMethods()]);
        await this.quote();
      } catch (err) {
        this.setData({ error: errorText(err) });
      } finally {
        this.setData({ loading: false });
      }
    },

    async loadAddresses(prefer: number) {
      addresses = (await api.get<{ items: Address[] }>('/shop/addresses')).items;
      const current = this.data.address?.id ?? 0;
      const pick = addresses.find((a) => a.id === prefer) ?? addresses.find((a) => a.id === current) ?? addresses.find((a) => a.isDefault) ?? addresses[0];
      this.setData({ address: pick ? { id: pick.id, name: pick.name, phone: maskedPhone(pick.phone), line: addressLine(pick) } : null });
    },

    async loadMethods() {
      const { methods, balance } = await payChoices();
      this.setData({
        methods: methods.map((m) => ({ method: m, label: t(`payment.method.${m}`), note: m === 'balance' ? t('checkout.balanceLeft', { amount: yuan(balance) }) : '' })),
        method: methods[0] ?? '',
        balance,
      });
    },

    async quote() {
      const addressId = this.data.address?.id;
      try {
        const q = await api.post<Quote>('/shop/orders/quote', { items, ...(addressId ? { addressId } : {}) });
        const count = q.lines.reduce((n, l) => n + l.quantity, 0);
        this.setData({
          error: '',
          lines: q.lines.map((l) => ({ key: String(l.skuId), title: l.title, image: l.image ?? '', specs: specsText(l.specs), price: yuan(l.unitPrice), quantity: l.quantity })),
          count: t('checkout.count', { n: count }),
          goods: yuan(q.goodsAmount),
          freight: q.addressNeeded ? '—' : q.freightAmount ? yuan(q.freightAmount) : t('checkout.freeFreight'),
          savings: yuan(-q.savings),
          hasSavings: q.savings > 0,
          total: yuan(q.payAmount),
        });
      } catch (err) {
        this.setData({ error: err instanceof ApiError && err.status < 500 ? errorText(err) : t('checkout.quoteFailed') });
      }
    },

    chooseAddress() {
      // without any address yet, straight to a new one (used at once when saved)
      wx.navigateTo({ url: addresses.length ? tradePages.addresses(true) : tradePages.addressEdit(undefined, true) });
    },

    onRemark(e: WechatMiniprogram.Input) {
      this.setData({ remark: e.detail.value });
    },

    pickMethod(e: WechatMiniprogram.TouchEvent) {
      this.setData({ method: (e.currentTarget.dataset as { method: PayMethod }).method });
    },

    async submit() {
      if (this.data.submitting) return;
      if (this.data.pendingOrderId) return this.pay(this.data.pendingOrderId);
      if (!this.data.address) {
        wx.showToast({ title: t('checkout.chooseAddress'), icon: 'none' });
        return;
      }
      this.setData({ submitting: true, message: '' });
      let order: Placed;
      try {
        const remark = this.data.remark.trim();
        order = await request<Placed>('POST', '/shop/orders', { items, addressId: this.data.address.id, ...(remark ? { remark } : {}) }, { headers: { 'Idempotency-Key': idempotencyKey } });
      } catch (err) {
        idempotencyKey = newKey();
        this.setData({ submitting: false });
        showError(err);
        return;
      }
      this.setData({ pendingOrderId: order.id });
      await this.pay(order.id);
    },

    async pay(orderId: number) {
      const method = this.data.method;
      if (!method) return;
      this.setData({ submitting: true, message: '' });
      try {
        const outcome = await payOrder(orderId, method);
        if (outcome === 'paid') {
          wx.showToast({ title: t('checkout.paid'), icon: 'success' });
          wx.redirectTo({ url: tradePages.order(orderId) });
          return;
        }
        this.setData({ message: outcome === 'cancelled' ? t('checkout.payCancelled') : t('checkout.payFailed') });
      } catch (err) {
        const short = err instanceof ApiError && err.code === 'insufficient_balance';
        this.setData({ message: short ? t('checkout.insufficientBalance') : errorText(err) });
      } finally {
        this.setData({ submitting: false });
      }
    },
  },
});
