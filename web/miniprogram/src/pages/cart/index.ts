/**
 * The cart (`GET /shop/cart`, live prices and stock): select lines or all, change quantities within
 * stock, remove in edit mode, and check out the selected lines (pages/checkout/index?items=...).
 * The shopper is signed in silently with wx.login when the tab opens.
 */
import { api } from '../../lib/api.js';
import { ensureSignedIn } from '../../lib/auth.js';
import { cartView, checkoutItems, type CartLineView } from '../../lib/cart-view.js';
import { tenantConfig } from '../../lib/config.js';
import { errorText, showError } from '../../lib/errors.js';
import { t } from '../../lib/i18n.js';
import { open, pages } from '../../lib/nav.js';
import { pageData, withStore } from '../../lib/page.js';
import type { Cart } from '../../lib/types.js';

const CART_TAB = 2;

Component({
  data: {
    ...pageData('cart'),
    state: 'loading' as 'loading' | 'ready' | 'signin' | 'error',
    error: '',
    lines: [] as CartLineView[],
    count: 0,
    total: '¥0.00',
    allSelected: false,
    editing: false,
    checkoutText: '',
  },
  methods: {
    onLoad() {
      withStore(this);
      wx.setNavigationBarTitle({ title: t('cart.title') });
    },
    onShow() {
      return this.refresh();
    },
    async refresh() {
      try {
        await ensureSignedIn();
      } catch (err) {
        this.setData({ state: 'signin', error: errorText(err) });
        return;
      }
      try {
        this.show(await api.get<Cart>('/shop/cart'));
      } catch (err) {
        this.setData({ state: 'error', error: errorText(err) });
      }
    },
    show(cart: Cart) {
      const view = cartView(cart, tenantConfig().apiBase);
      this.setData({ state: 'ready', ...view, checkoutText: t('cart.checkout', { count: view.count }) });
      if (view.pieces) wx.setTabBarBadge({ index: CART_TAB, text: String(Math.min(view.pieces, 99)) });
      else wx.removeTabBarBadge({ index: CART_TAB });
    },
    async change(id: number, body: { quantity?: number; selected?: boolean }) {
      try {
        this.show(await api.put<Cart>(`/shop/cart/items/${id}`, body));
      } catch (err) {
        showError(err);
        await this.refresh();
      }
    },
    toggle(e: WechatMiniprogram.TouchEvent) {
      const line = this.data.lines.find((l) => l.id === Number(e.currentTarget.dataset.id));
      if (!line || !line.available) return Promise.resolve();
      return this.change(line.id, { selected: !line.selected });
    },
    quantity(e: WechatMiniprogram.CustomEvent<{ value: number }>) {
      return this.change(Number((e.currentTarget as { dataset: { id?: number } }).dataset.id), { quantity: e.detail.value });
    },
    async toggleAll() {
      try {
        this.show(await api.post<Cart>('/shop/cart/select', { selected: !this.data.allSelected }));
      } catch (err) {
        showError(err);
      }
    },
    toggleEdit() {
      this.setData({ editing: !this.data.editing });
    },
    remove() {
      const chosen = this.data.lines.filter((l) => l.selected);
      if (!chosen.length) {
        wx.showToast({ title: t('cart.chooseItems'), icon: 'none' });
        return;
      }
      wx.showModal({
        content: t('cart.removeConfirm'),
        confirmText: t('cart.remove'),
        cancelText: t('common.cancel'),
        confirmColor: this.data.theme,
        success: async (res) => {
          if (!res.confirm) return;
          try {
            let cart: Cart | null = null;
            for (const line of chosen) cart = await api.delete<Cart>(`/shop/cart/items/${line.id}`);
            if (cart) this.show(cart);
            this.setData({ editing: false });
          } catch (err) {
            showError(err);
            await this.refresh();
          }
        },
      });
    },
    checkout() {
      const items = checkoutItems(this.data.lines);
      if (!items.length) {
        wx.showToast({ title: t('cart.chooseItems'), icon: 'none' });
        return;
      }
      open(pages.checkout(items, true));
    },
    openProduct(e: WechatMiniprogram.TouchEvent) {
      open(pages.product(Number(e.currentTarget.dataset.id)));
    },
    goShopping() {
      open(pages.home());
    },
    signIn() {
      this.setData({ state: 'loading' });
      return this.refresh();
    },
  },
});
