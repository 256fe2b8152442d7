/**
 * The default home's part of the storefront's first screen (core/static-web.ts): its category tabs
 * and first page of goods, read as web/shop's ProductArea reads them, and the photos of the cards
 * it draws first (ProductGrid's eager ones, at its `sizes`), so they load with the page's scripts.
 */
import { contribute } from '../../core/hooks.js';
import { storefrontFirstScreen } from '../../core/static-web.js';
import * as repo from './repository.js';

const FIRST_PAGE = '/shop/products?page=1&pageSize=20&sort=newest';
const EAGER_CARDS = 2;
const CARD = { variants: ['thumb', 'card'] as const, sizes: '(min-width: 640px) 300px, 50vw' };

export const defaultHomeFirstScreen = contribute(
  storefrontFirstScreen,
  'market.default-home',
  async (screen, ctx) => {
    if (screen.home !== 'default') return screen;
    const { rows } = await repo.shopListingPage(ctx, { ranked: null, sort: 'newest' }, { page: 1, pageSize: EAGER_CARDS });
    const images = rows.flatMap((r) => (r.image ? [{ url: r.image, ...CARD }] : []));
    return { ...screen, reads: [...screen.reads, '/shop/categories', FIRST_PAGE], images: [...screen.images, ...images] };
  },
  20,
);
