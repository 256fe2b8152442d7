/**
 * 收货地址: the address book (`GET /shop/addresses`), default first. Opened from checkout with
 * `?select=1`, tapping an address chooses it for the order and goes back.
 */
import { addressLine, maskedPhone, type Address } from '../../../lib/address.js';
import { api } from '../../../lib/api.js';
import { ensureSignedIn } from '../../../lib/auth.js';
import { showError } from '../../../lib/errors.js';
import { t } from '../../../lib/i18n.js';
import { pageData } from '../../../lib/page.js';
import { CHOSEN_ADDRESS_KEY, tradePages } from '../../../lib/trade-pages.js';

Component({
  data: {
    ...pageData('checkout'),
    loading: true,
    select: false,
    items: [] as Array<{ id: number; name: string; phone: string; line: string; isDefault: boolean }>,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      wx.setNavigationBarTitle({ title: t('checkout.address.title') });
      this.setData({ select: options.select === '1' });
    },

    onShow() {
      void this.load();
    },

    async load() {
      try {
        await ensureSignedIn();
        const { items } = await api.get<{ items: Address[] }>('/shop/addresses');
        const sorted = [...items].sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
        this.setData({ items: sorted.map((a) => ({ id: a.id, name: a.name, phone: maskedPhone(a.phone), line: addressLine(a), isDefault: a.isDefault })) });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ loading: false });
      }
    },

    choose(e: WechatMiniprogram.TouchEvent) {
      const id = Number((e.currentTarget.dataset as { id: number }).id);
      if (!this.data.select) return this.edit(e);
      wx.setStorageSync(CHOSEN_ADDRESS_KEY, id);
      wx.navigateBack();
    },

    edit(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: tradePages.addressEdit(Number((e.currentTarget.dataset as { id: number }).id), this.data.select) });
    },

    add() {
      wx.navigateTo({ url: tradePages.addressEdit(undefined, this.data.select) });
    },
  },
});
