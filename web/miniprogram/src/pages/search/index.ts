/**
 * Search: the history (kept on the phone, newest first) and the shop's hot words before a search;
 * results sorted as chosen, the next page as the list reaches the bottom, an empty state in words.
 * Opened with `?q=` (a DIY link or a hot word) or `?categoryId=` (a category's listing).
 */
import { api, query } from '../../lib/api.js';
import { tenantConfig } from '../../lib/config.js';
import { errorText } from '../../lib/errors.js';
import { t } from '../../lib/i18n.js';
import { pageData, withStore } from '../../lib/page.js';
import { hasMore, mergePage } from '../../lib/paging.js';
import { remember } from '../../lib/search-history.js';
import type { Page, ProductCard } from '../../lib/types.js';
import { cardOf, type CardView } from '../../lib/view.js';

const PAGE_SIZE = 20;
const HISTORY_KEY = 'searchHistory';
type Sort = '' | 'newest' | 'sales' | 'price_asc' | 'price_desc';

const readHistory = (): string[] => {
  const stored = wx.getStorageSync(HISTORY_KEY) as unknown;
  return Array.isArray(stored) ? stored.filter((x): x is string => typeof x === 'string') : [];
};

function sortTabs(active: Sort) {
  const words = t('catalog.search.sort.default');
  return [
    { key: '', label: words },
    { key: 'sales', label: t('catalog.search.sort.sales') },
    { key: 'newest', label: t('catalog.search.sort.newest') },
    { key: active === 'price_desc' ? 'price_asc' : 'price_desc', label: active === 'price_asc' ? t('catalog.search.sort.priceAsc') : active === 'price_desc' ? t('catalog.search.sort.priceDesc') : t('catalog.search.sort.priceAsc') },
  ].map((tab) => ({ ...tab, active: tab.key === active || (tab.key.startsWith('price') && active.startsWith('price')) }));
}

Component({
  data: {
    ...pageData('catalog'),
    input: '',
    q: '',
    categoryId: 0,
    searched: false,
    history: [] as string[],
    hot: [] as string[],
    sort: '' as Sort,
    tabs: sortTabs(''),
    results: [] as CardView[],
    total: 0,
    page: 0,
    more: false,
    loading: false,
    error: '',
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      withStore(this);
      const q = options.q ? decodeURIComponent(options.q) : '';
      const categoryId = Number(options.categoryId) || 0;
      this.setData({ history: readHistory(), input: q, categoryId });
      api
        .get<{ words: string[] }>('/shop/search/hot')
        .then((r) => this.setData({ hot: r.words.slice(0, 10) }))
        .catch(() => undefined);
      if (q || categoryId) return this.search(q);
      return Promise.resolve();
    },
    typed(e: WechatMiniprogram.Input) {
      this.setData({ input: e.detail.value });
    },
    submit() {
      return this.search(this.data.input);
    },
    tapWord(e: WechatMiniprogram.TouchEvent) {
      const word = String(e.currentTarget.dataset.word);
      this.setData({ input: word, categoryId: 0 });
      return this.search(word);
    },
    clearHistory() {
      wx.removeStorageSync(HISTORY_KEY);
      this.setData({ history: [] });
    },
    search(word: string) {
      const q = word.trim();
      if (!q && !this.data.categoryId) return Promise.resolve();
      if (q) {
        const history = remember(this.data.history, q);
        wx.setStorageSync(HISTORY_KEY, history);
        this.setData({ history });
      }
      this.setData({ q, searched: true, results: [], page: 0, more: false, total: 0, error: '' });
      return this.load(1);
    },
    async load(page: number) {
      if (this.data.loading) return;
      this.setData({ loading: true });
      const asked = { q: this.data.q, categoryId: this.data.categoryId || undefined, sort: this.data.sort || undefined };
      try {
        const reply = await api.get<Page<ProductCard>>(`/shop/products${query({ ...asked, page, pageSize: PAGE_SIZE })}`);
        if (asked.q !== this.data.q || (asked.sort ?? '') !== this.data.sort) return; // a newer search is on its way
        const apiBase = tenantConfig().apiBase;
        this.setData({ results: mergePage(this.data.results, { ...reply, items: reply.items.map((p) => cardOf(p, apiBase)) }), total: reply.total, page, more: hasMore(reply) });
      } catch (err) {
        this.setData({ error: errorText(err) });
      } finally {
        this.setData({ loading: false });
      }
    },
    tapSort(e: WechatMiniprogram.TouchEvent) {
      const sort = String(e.currentTarget.dataset.key) as Sort;
      this.setData({ sort, tabs: sortTabs(sort), results: [], page: 0, more: false });
      return this.load(1);
    },
    onReachBottom() {
      if (this.data.searched && this.data.more && !this.data.loading) return this.load(this.data.page + 1);
      return Promise.resolve();
    },
    onShareAppMessage() {
      return { title: tenantConfig().name, path: `/pages/search/index${query({ q: this.data.q, categoryId: this.data.categoryId || undefined })}` };
    },
  },
});
