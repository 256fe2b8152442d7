/**
 * What the editor looks up while a page is edited: the shop's categories and custom pages (links,
 * the products block's category), product cards by id (picked products, product links), and the
 * products a `products` block would show, resolved here from the storefront's own product list so
 * the preview follows every edit without saving first.
 */
import { reactive } from 'vue';
import { api, type Page } from '../../../api';
import type { BlockProduct, ProductsProps } from '../../../../../shared/blocks';
import type { StoreCategory } from '../../../types';
import { pagesApi, type PageSummary } from './pages-api';

interface ShopCard {
  id: number;
  title: string;
  price: number;
  image: string | null;
  salesCount: number;
}

const card = (p: ShopCard): BlockProduct => ({ id: p.id, title: p.title, price: p.price, image: p.image, sales: p.salesCount });

export const lookups = reactive({
  categories: [] as Array<{ id: number; label: string }>,
  pages: [] as PageSummary[],
  products: new Map<number, BlockProduct>(),
  /** Resolved product lists by the block's query (see `queryKey`); absent while loading. */
  lists: new Map<string, BlockProduct[]>(),
  /** Product ids being fetched. */
  pending: new Set<number>(),
});

export async function loadLookups(): Promise<void> {
  const [cats, pages] = await Promise.all([api.get<{ items: StoreCategory[] }>('/admin/store-categories'), pagesApi.list()]);
  lookups.categories = cats.items.flatMap((c) => [{ id: c.id, label: c.name }, ...c.children.map((k) => ({ id: k.id, label: `${c.name} / ${k.name}` }))]);
  lookups.pages = pages;
}

export function rememberProducts(cards: BlockProduct[]): void {
  for (const c of cards) lookups.products.set(c.id, c);
}

/** Fetches the cards of products not known yet (a product no longer on sale stays unknown). */
export async function ensureProducts(ids: readonly number[]): Promise<void> {
  const missing = ids.filter((id) => !lookups.products.has(id) && !lookups.pending.has(id));
  missing.forEach((id) => lookups.pending.add(id));
  await Promise.all(
    missing.map(async (id) => {
      try {
        lookups.products.set(id, card(await api.get<ShopCard>(`/shop/products/${id}`)));
      } catch {
        // off sale or gone: the block simply skips it, as the storefront does
      } finally {
        lookups.pending.delete(id);
      }
    }),
  );
}

export function queryKey(p: ProductsProps): string {
  if (p.source === 'manual') return `manual:${(p.productIds ?? []).join(',')}`;
  return `${p.source}:${p.source === 'category' ? (p.categoryId ?? '') : ''}:${p.limit}`;
}

/** The cards a products block shows, or null while they load. */
export function productsFor(p: ProductsProps): BlockProduct[] | null {
  if (p.source === 'manual') {
    const ids = (p.productIds ?? []).slice(0, p.limit);
    if (ids.some((id) => lookups.pending.has(id))) return null;
    return ids.flatMap((id) => lookups.products.get(id) ?? []);
  }
  return lookups.lists.get(queryKey(p)) ?? null;
}

/** Loads what `productsFor` needs for these blocks (call debounced, as the merchant types). */
export async function resolveProducts(blocks: readonly ProductsProps[]): Promise<void> {
  await Promise.all(
    blocks.map(async (p) => {
      if (p.source === 'manual') return ensureProducts((p.productIds ?? []).slice(0, p.limit));
      const key = queryKey(p);
      if (lookups.lists.has(key)) return;
      if (p.source === 'category' && !p.categoryId) return void lookups.lists.set(key, []);
      // as the server resolves them (pages/resolve.ts): a category in the catalog's own order
      const sort = p.source === 'best_selling' ? 'sales' : p.source === 'newest' ? 'newest' : undefined;
      const limit = Math.min(Math.max(p.limit || 1, 1), 50);
      try {
        const res = await api.get<Page<ShopCard>>('/shop/products', { page: 1, pageSize: limit, sort, categoryId: p.source === 'category' ? p.categoryId : undefined });
        const cards = res.items.map(card);
        rememberProducts(cards);
        lookups.lists.set(key, cards);
      } catch {
        lookups.lists.set(key, []);
      }
    }),
  );
}

/** Lists change as the merchant edits products elsewhere: a fresh editor starts from fresh lists. */
export function forgetLists(): void {
  lookups.lists.clear();
}
