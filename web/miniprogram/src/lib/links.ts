/**
 * Where things open in the mini-program (pure: unit-tested under Node). DIY blocks link in the
 * storefront's paths (web/shared/blocks.ts `blockLinks`); `linkTarget` maps them to mini-program pages.
 */
import { shopPath } from '../../../shared/blocks.js';

export const TAB_PAGES = ['/pages/home/index', '/pages/category/index', '/pages/cart/index', '/pages/me/index'];

export const pages = {
  home: () => '/pages/home/index',
  category: (id?: number) => (id ? `/pages/category/index?id=${id}` : '/pages/category/index'),
  search: (q?: string, categoryId?: number) =>
    `/pages/search/index${q || categoryId ? '?' : ''}${[q ? `q=${encodeURIComponent(q)}` : '', categoryId ? `categoryId=${categoryId}` : ''].filter(Boolean).join('&')}`,
  product: (id: number) => `/pages/product/index?id=${id}`,
  cart: () => '/pages/cart/index',
  page: (id: number) => `/pages/home/index?pageId=${id}`,
  checkout: (items: Array<{ skuId: number; quantity: number }>, fromCart = false) =>
    `/pages/checkout/index?items=${encodeURIComponent(JSON.stringify(items))}${fromCart ? '&from=cart' : ''}`,
};

export type LinkTarget = { kind: 'page'; url: string } | { kind: 'web'; url: string } | { kind: 'none' };

/** A block's link as a mini-program page, a web address (copied: no web-view without a business domain) or nothing. */
export function linkTarget(link: string | undefined | null): LinkTarget {
  if (!link || !link.trim()) return { kind: 'none' };
  const path = shopPath(link);
  if (path === null) return /^https?:\/\//i.test(link.trim()) ? { kind: 'web', url: link.trim() } : { kind: 'none' };
  const [pathname = '', search = ''] = path.split('?');
  const params = new Map(search.split('&').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
  let m: RegExpExecArray | null;
  if ((m = /^\/products\/(\d+)$/.exec(pathname))) return { kind: 'page', url: pages.product(Number(m[1])) };
  if ((m = /^\/categories\/(\d+)$/.exec(pathname))) return { kind: 'page', url: pages.search(undefined, Number(m[1])) };
  if ((m = /^\/page\/(\d+)$/.exec(pathname))) return { kind: 'page', url: pages.page(Number(m[1])) };
  if (pathname === '/search') return { kind: 'page', url: pages.search(decodeURIComponent(params.get('q') ?? '')) };
  if (pathname === '/products') return { kind: 'page', url: pages.search() };
  if (pathname === '/categories') return { kind: 'page', url: pages.category() };
  if (pathname === '/cart') return { kind: 'page', url: pages.cart() };
  if (pathname === '/' || pathname === '') return { kind: 'page', url: pages.home() };
  return { kind: 'none' };
}

/**
 * The product a mini-program code opens (`getwxacodeunlimit` scene `p=<id>`, MP-CONTRACT.md): WeChat
 * passes the scene URL-encoded in `options.scene`.
 */
export function sceneProductId(scene: string | undefined): number | null {
  if (!scene) return null;
  let decoded = scene;
  try {
    decoded = decodeURIComponent(scene);
  } catch {
    /* as is */
  }
  const m = /(?:^|&)p=(\d+)(?:&|$)/.exec(decoded);
  return m ? Number(m[1]) : null;
}

/**
 * The distributor's invite code a share's mini-program code carries (scene `p=<id>&i=<code>` or
 * `i=<code>`, server/src/modules/miniprogram `shareScene`), or null.
 */
export function sceneInviteCode(scene: string | undefined): string | null {
  if (!scene) return null;
  let decoded = scene;
  try {
    decoded = decodeURIComponent(scene);
  } catch {
    /* as is */
  }
  const m = /(?:^|&)i=([A-Za-z0-9]{4,16})(?:&|$)/.exec(decoded);
  return m ? m[1]!.toUpperCase() : null;
}
