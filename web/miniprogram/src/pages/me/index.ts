/**
 * 我的 (tab): the shopper's avatar and nickname (`GET /shop/me`), balance, order shortcuts by status
 * with their counts, addresses, customer service, after-sales, and the language (中文 / English,
 * kept in storage; the app relaunches on this page so every word follows).
 */
import { api, query } from '../../lib/api.js';
import { ensureSignedIn } from '../../lib/auth.js';
import { showError } from '../../lib/errors.js';
import { currentLocale, setLocale, t, type Locale } from '../../lib/i18n.js';
import { yuan } from '../../lib/money.js';
import { pageData } from '../../lib/page.js';
import { tradePages } from '../../lib/trade-pages.js';

interface Me {
  id: number;
  phone: string | null;
  nickname: string | null;
  avatarUrl: string | null;
}

const SHORTCUTS = ['pending_payment', 'paid', 'shipped', 'received'] as const;

/** 138****0000 for a shopper without a nickname. */
const masked = (phone: string | null) => (phone && phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '');

Component({
  data: {
    ...pageData('me', 'orders'),
    signedIn: false,
    name: '',
    avatar: '',
    initial: '',
    balance: '',
    shortcuts: SHORTCUTS.map((s) => ({ status: s as string, label: '', count: 0 })),
    locale: 'zh-CN' as Locale,
  },
  methods: {
    onLoad() {
      wx.setNavigationBarTitle({ title: t('common.tabs.me') });
      this.setData({ locale: currentLocale(), shortcuts: SHORTCUTS.map((s) => ({ status: s, label: t(`me.shortcuts.${s}`), count: 0 })) });
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
        const [me, balance, counts] = await Promise.all([
          api.get<Me>('/shop/me'),
          api.get<{ balance: number }>('/shop/balance'),
          Promise.all(SHORTCUTS.map((s) => api.get<{ total: number }>(`/shop/orders${query({ status: s, page: 1, pageSize: 1 })}`).then((r) => r.total))),
        ]);
        const name = me.nickname || masked(me.phone) || t('me.wechatUser');
        this.setData({
          signedIn: true,
          name,
          avatar: me.avatarUrl ?? '',
          initial: me.nickname ? me.nickname.slice(0, 1) : '',
          balance: yuan(balance.balance),
          shortcuts: SHORTCUTS.map((s, i) => ({ status: s, label: t(`me.shortcuts.${s}`), count: counts[i] ?? 0 })),
        });
      } catch (err) {
        this.setData({ signedIn: false, name: t('me.guest'), initial: '' });
        showError(err);
      }
    },

    signIn() {
      if (!this.data.signedIn) void this.load();
    },

    openOrders(e: WechatMiniprogram.TouchEvent) {
      const status = (e.currentTarget.dataset as { status?: string }).status;
      wx.navigateTo({ url: tradePages.orders(status || undefined) });
    },

    openAddresses() {
      wx.navigateTo({ url: tradePages.addresses() });
    },

    openChat() {
      wx.navigateTo({ url: tradePages.chat() });
    },

    switchLocale(e: WechatMiniprogram.TouchEvent) {
      const locale = (e.currentTarget.dataset as { locale: Locale }).locale;
      if (locale === this.data.locale) return;
      setLocale(locale);
      wx.reLaunch({ url: '/pages/me/index' });
    },
  },
});
