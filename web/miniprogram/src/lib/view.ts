/**
 * What pages and block components bind (pure: unit-tested under Node). Prices arrive in fen and leave
 * as display parts; picture paths the API gives relative to the shop (`/uploads/...`) become absolute
 * (an <image> in the mini-program has no page origin to resolve them against).
 */
import type { BlockCoupon, ResolvedBlock } from '../../../shared/blocks.js';
import { priceParts, yuan } from './money.js';

/** `/uploads/a.webp` -> `https://shop.example.com/uploads/a.webp` (the API base's origin); absolute URLs unchanged. */
export function absoluteUrl(url: string | null | undefined, apiBase: string): string {
  if (!url) return '';
  if (/^(https?:)?\/\//i.test(url) || url.startsWith('data:')) return url.startsWith('//') ? `https:${url}` : url;
  const origin = /^(https?:\/\/[^/]+)/i.exec(apiBase)?.[1] ?? '';
  return `${origin}${url.startsWith('/') ? '' : '/'}${url}`;
}

export interface CardInput {
  id: number;
  title: string;
  price: number;
  image: string | null;
  marketPrice?: number | null;
  salesCount?: number;
  sales?: number;
}

export interface CardView {
  id: number;
  title: string;
  image: string;
  price: { int: string; dec: string };
  marketPrice: string;
  sold: number;
}

export function cardOf(p: CardInput, apiBase: string): CardView {
  const market = p.marketPrice && p.marketPrice > p.price ? yuan(p.marketPrice) : '';
  return { id: p.id, title: p.title, image: absoluteUrl(p.image, apiBase), price: priceParts(p.price), marketPrice: market, sold: p.salesCount ?? p.sales ?? 0 };
}

/** Icon navigation: up to five a row (four when there are four or eight), as the storefront lays it out. */
export function navColumns(count: number): number {
  return count <= 5 ? Math.max(count, 1) : count % 4 === 0 ? 4 : 5;
}

export const isPicture = (icon: string) => icon.startsWith('/') || /^https?:\/\//i.test(icon);

/** Images in merchant HTML fit the screen (rich-text draws no CSS from the page). */
export function fitRichText(html: string): string {
  return html.replace(/<img\b(?![^>]*\bstyle=)/gi, '<img style="max-width:100%;height:auto;display:block;"');
}

export interface CouponWords {
  discount: (value: number) => string;
  off: (threshold: string) => string;
  noThreshold: string;
}

export function couponView(c: BlockCoupon, words: CouponWords): { id: number; title: string; value: string; unit: string; condition: string } {
  const discount = c.kind === 'discount';
  return {
    id: c.id,
    title: c.title,
    value: discount ? String(c.value) : String(priceParts(c.value).int),
    unit: discount ? '' : '¥',
    condition: c.threshold ? words.off(yuan(c.threshold)) : words.noThreshold,
  };
}

export interface BlockWords {
  coupon: CouponWords;
}

/** One block as its component binds it; `key` keeps list diffs small. */
export function blockView(block: ResolvedBlock, index: number, apiBase: string, words: BlockWords): Record<string, unknown> {
  const base = { key: `${index}-${block.type}`, type: block.type };
  switch (block.type) {
    case 'banner':
      return { ...base, images: block.props.images.map((img) => ({ url: absoluteUrl(img.url, apiBase), link: img.link ?? '' })) };
    case 'products':
      return { ...base, title: block.props.title ?? '', columns: block.props.columns ?? 2, products: (block.products ?? []).map((p) => cardOf(p, apiBase)) };
    case 'notice':
      return { ...base, text: block.props.text };
    case 'nav':
      return {
        ...base,
        columns: navColumns(block.props.items.length),
        items: block.props.items.map((item) => ({
          label: item.label,
          link: item.link,
          picture: isPicture(item.icon) ? absoluteUrl(item.icon, apiBase) : '',
          initial: Array.from(item.label)[0] ?? '',
        })),
      };
    case 'coupons':
      return { ...base, coupons: (block.coupons ?? []).map((c) => couponView(c, words.coupon)) };
    case 'richtext':
      return { ...base, html: fitRichText(block.props.html) };
    case 'video':
      return { ...base, url: absoluteUrl(block.props.url, apiBase), poster: absoluteUrl(block.props.poster, apiBase) };
    case 'search':
      return base;
  }
}
