/**
 * Categories: the shop's top categories on a left rail; on the right the chosen one's children as
 * chips and its products, more as the list scrolls (`GET /shop/products?categoryId=&page=`).
 */
import { api, query } from '../../lib/api.js';
import { tenantConfig } from '../../lib/config.js';
import { errorText } from '../../lib/errors.js';
import { pageData, withStore } from '../../lib/page.js';
import { hasMore, mergePage } from '../../lib/paging.js';
import type { Page, ProductCard, StoreCategory } from '../../lib/types.js';
import { cardOf, type CardView } from '../../lib/view.js';

const PAGE_SIZE = 20;

Component({
  data: {
    ...pageData('catalog'),
    state: 'loading' as 'loading' | 'ready' | 'empty' | 'error',
    error: '',
    tree: [] as StoreCategory[],
    rail: [] as Array<{ id: number; name: string }>,
    activeId: 0,
    children: [] as Array<{ id: number; name: string }>,
    childId: 0,
    products: [] as CardView[],
    page: 0,
    more: false,
    loading: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      withStore(this);
      return this.loadTree(Number(options.id) || 0);
    },
    async loadTree(wanted: number) {
      try {
        const { items } = await api.get<{ items: StoreCategory[] }>('/shop/categories');
        if (!items.length) {
          this.setData({ state: 'empty' });
          return;
        }
        const first = items.find((c) => c.id === wanted) ?? items[0]!;
        this.setData({ state: 'ready', tree: items, rail: items.map((c) => ({ id: c.id, name: c.name })) });
        await this.activate(first.id);
      } catch (err) {
        this.setData({ state: 'error', error: errorText(err) });
      }
    },
    activate(id: number) {
      const category = this.data.tree.find((c) => c.id === id);
      this.setData({ activeId: id, childId: 0, children: (category?.children ?? []).map((c) => ({ id: c.id, name: c.name })), products: [], page: 0, more: false });
      return this.loadProducts(1);
    },
    async loadProducts(page: number) {
      if (this.data.loading) return;
      this.setData({ loading: true });
      const categoryId = this.data.childId || this.data.activeId;
      try {
        const reply = await api.get<Page<ProductCard>>(`/shop/products${query({ categoryId, page, pageSize: PAGE_SIZE })}`);
        // a late answer for a category no longer shown is dropped
        if ((this.data.childId || this.data.activeId) !== categoryId) return;
        const apiBase = tenantConfig().apiBase;
        const cards = reply.items.map((p) => cardOf(p, apiBase));
        this.setData({ products: mergePage(this.data.products, { ...reply, items: cards }), page, more: hasMore(reply) });
      } catch (err) {
        wx.showToast({ title: errorText(err), icon: 'none' });
      } finally {
        this.setData({ loading: false });
      }
    },
    tapRail(e: WechatMiniprogram.TouchEvent) {
      const id = Number(e.currentTarget.dataset.id);
      if (id !== this.data.activeId) return this.activate(id);
      return Promise.resolve();
    },
    tapChild(e: WechatMiniprogram.TouchEvent) {
      const id = Number(e.currentTarget.dataset.id) || 0;
      if (id === this.data.childId) return Promise.resolve();
      this.setData({ childId: id, products: [], page: 0, more: false });
      return this.loadProducts(1);
    },
    loadMore() {
      if (this.data.more && !this.data.loading) return this.loadProducts(this.data.page + 1);
      return Promise.resolve();
    },
    onShareAppMessage() {
      return { title: tenantConfig().name, path: '/pages/category/index' };
    },
  },
});
