/**
 * Product detail: pictures, price, title, the SKU picker, reviews, and the bottom bar (home, cart,
 * add to cart, buy now -> pages/checkout/index?items=...). Opened by `?id=` or by a mini-program code
 * (`?scene=p%3D<id>`). Shared to a chat with onShareAppMessage, or as the shop's mini-program code
 * (`GET /shop/products/:id/share-code`).
 */
import { ApiError, api, query, requestBinary } from '../../lib/api.js';
import { ensureSignedIn } from '../../lib/auth.js';
import { tenantConfig } from '../../lib/config.js';
import { errorText, showError } from '../../lib/errors.js';
import { t } from '../../lib/i18n.js';
import { followScene } from '../../lib/inviter.js';
import { sceneProductId } from '../../lib/links.js';
import { open, pages } from '../../lib/nav.js';
import { pageData, withStore } from '../../lib/page.js';
import { tradePages } from '../../lib/trade-pages.js';
import { dimensionsOf, priceRange } from '../../lib/sku.js';
import type { ProductDetail, ReviewPage } from '../../lib/types.js';
import { absoluteUrl, fitRichText } from '../../lib/view.js';

const REVIEWS_SHOWN = 3;
const REVIEWS_PAGE = 10;

function reviewView(r: ReviewPage['items'][number], apiBase: string) {
  return {
    id: r.id,
    author: r.author || t('catalog.product.anonymous'),
    stars: '★★★★★'.slice(0, Math.max(0, Math.min(5, Math.round(r.rating)))),
    content: r.content ?? '',
    specs: r.specs ? Object.keys(r.specs).map((k) => r.specs![k]).join(' / ') : '',
    images: r.images.map((u) => absoluteUrl(u, apiBase)),
    reply: r.reply ? t('catalog.product.merchantReply', { text: r.reply }) : '',
    date: r.createdAt.slice(0, 10),
  };
}

Component({
  data: {
    ...pageData('catalog', 'chat'),
    state: 'loading' as 'loading' | 'ready' | 'error',
    error: '',
    id: 0,
    product: null as null | { title: string; images: string[]; image: string; skus: ProductDetail['skus']; specDimensions: ProductDetail['specDimensions']; description: string },
    minPrice: 0,
    maxPrice: 0,
    sold: '',
    specsHint: '',
    selectedText: '',
    reviews: { count: 0, average: '', items: [] as Array<ReturnType<typeof reviewView>>, title: '', page: 0, more: false },
    reviewsLoading: false,
    pickerVisible: false,
    pickerAction: 'both',
    shareVisible: false,
    shareCode: { loading: false, image: '', error: '' },
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const id = Number(options.id) || sceneProductId(options.scene) || 0;
      void followScene(options.scene);
      this.setData({ id });
      withStore(this);
      if (!id) {
        this.setData({ state: 'error', error: t('catalog.product.notFound') });
        return Promise.resolve();
      }
      return this.load();
    },
    async load() {
      const apiBase = tenantConfig().apiBase;
      try {
        const [product, reviews] = await Promise.all([
          api.get<ProductDetail>(`/shop/products/${this.data.id}`),
          api.get<ReviewPage>(`/shop/products/${this.data.id}/reviews${query({ pageSize: REVIEWS_SHOWN })}`).catch(() => null),
        ]);
        const images = (product.images.length ? product.images : product.image ? [product.image] : []).map((u) => absoluteUrl(u, apiBase));
        const range = priceRange(product.skus);
        const dims = dimensionsOf(product.skus, product.specDimensions);
        wx.setNavigationBarTitle({ title: product.title });
        this.setData({
          state: 'ready',
          product: { title: product.title, images, image: images[0] ?? '', skus: product.skus, specDimensions: dims, description: fitRichText(product.description ?? '') },
          minPrice: range.min,
          maxPrice: range.max,
          sold: product.salesCount ? t('catalog.product.soldCount', { count: product.salesCount }) : '',
          specsHint: dims.length ? t('catalog.product.chooseDimension', { name: dims.map((d) => d.name).join(' / ') }) : '',
          reviews: reviews
            ? {
                count: reviews.count,
                average: reviews.average === null ? '' : t('catalog.product.average', { score: reviews.average.toFixed(1) }),
                items: reviews.items.slice(0, REVIEWS_SHOWN).map((r) => reviewView(r, apiBase)),
                title: t('catalog.product.reviewsCount', { count: reviews.count }),
                page: 0,
                more: reviews.total > REVIEWS_SHOWN,
              }
            : { count: 0, average: '', items: [], title: t('catalog.product.reviews'), page: 0, more: false },
        });
      } catch (err) {
        this.setData({ state: 'error', error: err instanceof ApiError && err.status === 404 ? t('catalog.product.notFound') : errorText(err) });
      }
    },
    openPicker(e: WechatMiniprogram.TouchEvent) {
      this.setData({ pickerVisible: true, pickerAction: String(e.currentTarget.dataset.action || 'both') });
    },
    closePicker() {
      this.setData({ pickerVisible: false });
    },
    pickerChanged(e: WechatMiniprogram.CustomEvent<{ skuId: number; quantity: number; text: string }>) {
      this.setData({ selectedText: e.detail.text });
    },
    async pickerConfirmed(e: WechatMiniprogram.CustomEvent<{ skuId: number; quantity: number; action: string }>) {
      const { skuId, quantity, action } = e.detail;
      if (action === 'buy') {
        this.setData({ pickerVisible: false });
        open(pages.checkout([{ skuId, quantity }]));
        return;
      }
      try {
        await ensureSignedIn();
        await api.post('/shop/cart/items', { skuId, quantity });
        this.setData({ pickerVisible: false });
        wx.showToast({ title: t('catalog.product.added'), icon: 'success' });
      } catch (err) {
        showError(err);
      }
    },
    previewImage(e: WechatMiniprogram.TouchEvent) {
      const urls = this.data.product ? this.data.product.images : [];
      wx.previewImage({ urls, current: String(e.currentTarget.dataset.url) });
    },
    goHome() {
      open(pages.home());
    },
    goCart() {
      open(pages.cart());
    },
    /** Customer service about this product (the chat attaches it as a card). */
    openService() {
      wx.navigateTo({ url: tradePages.chat({ type: 'product', id: this.data.id }) });
    },
    openShare() {
      this.setData({ shareVisible: true });
    },
    closeShare() {
      this.setData({ shareVisible: false, shareCode: { loading: false, image: '', error: '' } });
    },
    async loadShareCode() {
      this.setData({ shareCode: { loading: true, image: '', error: '' } });
      try {
        const png = await requestBinary(`/shop/products/${this.data.id}/share-code`);
        this.setData({ shareCode: { loading: false, image: `data:image/png;base64,${wx.arrayBufferToBase64(png)}`, error: '' } });
      } catch (err) {
        // 404 until the server has the route, 409 until the shop's mini-program is authorised
        const unavailable = err instanceof ApiError && (err.status === 404 || err.status === 409);
        this.setData({ shareCode: { loading: false, image: '', error: unavailable ? t('catalog.product.shareCodeUnavailable') : errorText(err) } });
      }
    },
    /** The rest of the reviews, a page at a time, under the first ones. */
    async moreReviews() {
      if (this.data.reviewsLoading || !this.data.reviews.more) return;
      this.setData({ reviewsLoading: true });
      const page = this.data.reviews.page + 1;
      try {
        const reply = await api.get<ReviewPage>(`/shop/products/${this.data.id}/reviews${query({ page, pageSize: REVIEWS_PAGE })}`);
        const apiBase = tenantConfig().apiBase;
        const shown = new Set(this.data.reviews.items.map((r) => r.id));
        const items = this.data.reviews.items.concat(reply.items.filter((r) => !shown.has(r.id)).map((r) => reviewView(r, apiBase)));
        this.setData({ 'reviews.items': items, 'reviews.page': page, 'reviews.more': page * REVIEWS_PAGE < reply.total });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ reviewsLoading: false });
      }
    },
    onShareAppMessage() {
      const product = this.data.product;
      return { title: product ? product.title : tenantConfig().name, path: pages.product(this.data.id), imageUrl: product ? product.image : '' };
    },
    noop() {},
  },
});
