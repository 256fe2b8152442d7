/**
 * Home: the shop's published DIY page (`GET /shop/pages/home`, or a custom page by `?pageId=`)
 * rendered block by block; a shop without one gets the default home (search, top categories, newest
 * products), as the storefront does.
 */
import { ApiError, api, query } from '../../lib/api.js';
import { tenantConfig } from '../../lib/config.js';
import { errorText } from '../../lib/errors.js';
import { followScene } from '../../lib/inviter.js';
import { t } from '../../lib/i18n.js';
import { open, pages } from '../../lib/nav.js';
import { pageData, withStore } from '../../lib/page.js';
import type { Page, PageView, ProductCard, StoreCategory } from '../../lib/types.js';
import { absoluteUrl, blockView, cardOf, type BlockWords } from '../../lib/view.js';

const words = (): BlockWords => ({
  coupon: {
    discount: (value) => t('home.coupon.discount', { value }),
    off: (threshold) => t('home.coupon.off', { threshold }),
    noThreshold: t('home.coupon.noThreshold'),
  },
});

Component({
  data: {
    ...pageData('home'),
    state: 'loading' as 'loading' | 'diy' | 'default' | 'error',
    pageId: 0,
    blocks: [] as Array<Record<string, unknown>>,
    categories: [] as Array<{ id: number; name: string; icon: string; initial: string }>,
    newest: [] as ReturnType<typeof cardOf>[],
    error: '',
    storeName: '',
    storeLogo: '',
    storeInitial: '',
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      void followScene(options.scene); // a shop poster's code: i=<invite code>
      this.setData({ pageId: Number(options.pageId) || 0 });
      withStore(this).then((store) => {
        this.setData({ storeName: store.name, storeLogo: absoluteUrl(store.branding.logoUrl, tenantConfig().apiBase), storeInitial: Array.from(store.name)[0] ?? '' });
        if (!this.data.pageId) wx.setNavigationBarTitle({ title: store.name });
      });
      return this.load();
    },
    async load() {
      const apiBase = tenantConfig().apiBase;
      try {
        const page = await api.get<PageView>(this.data.pageId ? `/shop/pages/${this.data.pageId}` : '/shop/pages/home');
        if (this.data.pageId && page.title) wx.setNavigationBarTitle({ title: page.title });
        this.setData({ state: 'diy', blocks: page.blocks.map((b, i) => blockView(b, i, apiBase, words())) });
      } catch (err) {
        if (err instanceof ApiError && err.status === 404 && !this.data.pageId) return this.loadDefault();
        this.setData({ state: 'error', error: errorText(err) });
      }
    },
    async loadDefault() {
      const apiBase = tenantConfig().apiBase;
      try {
        const [categories, newest] = await Promise.all([
          api.get<{ items: StoreCategory[] }>('/shop/categories'),
          api.get<Page<ProductCard>>(`/shop/products${query({ sort: 'newest', pageSize: 20 })}`),
        ]);
        this.setData({
          state: 'default',
          categories: categories.items.slice(0, 10).map((c) => ({ id: c.id, name: c.name, icon: absoluteUrl(c.iconUrl, apiBase), initial: Array.from(c.name)[0] ?? '' })),
          newest: newest.items.map((p) => cardOf(p, apiBase)),
        });
      } catch (err) {
        this.setData({ state: 'error', error: errorText(err) });
      }
    },
    openCategory(e: WechatMiniprogram.TouchEvent) {
      open(pages.search(undefined, Number(e.currentTarget.dataset.id)));
    },
    openAll() {
      open(pages.search());
    },
    retry() {
      this.setData({ state: 'loading' });
      return this.load();
    },
    onPullDownRefresh() {
      return this.load().then(() => wx.stopPullDownRefresh());
    },
    onShareAppMessage() {
      return { title: this.data.storeName || tenantConfig().name, path: this.data.pageId ? pages.page(this.data.pageId) : pages.home() };
    },
  },
});
