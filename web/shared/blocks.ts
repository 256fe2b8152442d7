/**
 * The DIY page blocks (API.md, "Shop pages"): one definition serves the editor (the console), the
 * storefront and, later, the mini-program. The server validates the same shapes with zod
 * (`server/src/modules/pages/schemas.ts`); this file is what the apps share.
 */

import type { z } from 'zod';
import type { blockInput, blockProductSchema } from '../../server/src/modules/pages/schemas.js';

type ServerBlock = z.input<typeof blockInput>;
type ServerProduct = z.output<typeof blockProductSchema>;

export interface BannerProps {
  images: Array<{ url: string; link?: string }>;
}
export type ProductSource = 'newest' | 'best_selling' | 'category' | 'manual';
export interface ProductsProps {
  source: ProductSource;
  categoryId?: number;
  productIds?: number[];
  limit: number;
  /** How the storefront lays the cards out; not in API.md's minimum, optional. */
  columns?: 1 | 2 | 3;
  title?: string;
}
export interface NoticeProps {
  text: string;
}
export interface NavProps {
  items: Array<{ icon: string; label: string; link: string }>;
}
export interface CouponsProps {
  couponIds: number[];
}
export interface RichTextProps {
  html: string;
}
export interface VideoProps {
  url: string;
  poster?: string;
}
export type SearchProps = Record<string, never>;

export interface BlockPropsByType {
  banner: BannerProps;
  products: ProductsProps;
  notice: NoticeProps;
  nav: NavProps;
  coupons: CouponsProps;
  richtext: RichTextProps;
  video: VideoProps;
  search: SearchProps;
}
export type BlockType = keyof BlockPropsByType;
export const BLOCK_TYPES: BlockType[] = ['banner', 'search', 'notice', 'nav', 'products', 'coupons', 'richtext', 'video'];

export type Block = { [K in BlockType]: { type: K; props: BlockPropsByType[K] } }[BlockType];

/** A product card as a resolved `products` block carries it (the storefront's listing shape). */
export interface BlockProduct {
  id: number;
  title: string;
  price: number;
  marketPrice?: number | null;
  image: string | null;
  sales?: number;
}

/** A coupon as a resolved `coupons` block carries it (the coupons module answers pages' blockCoupons hook). */
export interface BlockCoupon {
  id: number;
  title: string;
  /** Fen off, or a discount in tenths (`8.5` 折) when `kind` is 'discount'; 0 for free shipping. */
  value: number;
  kind?: 'amount' | 'discount' | 'free_shipping';
  /** Spend at least this (fen) to use it; 0 for none. */
  threshold?: number;
}

/** A block as `GET /shop/pages/*` answers it: `products` blocks carry the listings they show. */
export type ResolvedBlock = Block & { products?: BlockProduct[]; coupons?: BlockCoupon[] };
/** One type's resolved block, as each block component takes it. */
export type ResolvedBlockOf<K extends BlockType> = Extract<ResolvedBlock, { type: K }>;

/**
 * Where block links point, in the storefront's own paths (hash routes): a product, a store
 * category's listing, a search, a custom page; anything else is an http(s) address.
 */
export const blockLinks = {
  /** Every product on sale, newest first. */
  allProducts: () => '/products',
  product: (id: number) => `/products/${id}`,
  category: (id: number) => `/categories/${id}`,
  search: (q: string) => `/search?q=${encodeURIComponent(q)}`,
  page: (id: number) => `/page/${id}`,
  /** The shop's help centre (FAQ and help pages) and its articles and videos. */
  help: () => '/help',
  content: () => '/content',
};

/** An in-shop path for a link (older spellings such as `/product/12` included), or null for a web address. */
export function shopPath(link: string): string | null {
  const trimmed = link.trim();
  if (/^https?:\/\//i.test(trimmed)) return null;
  if (!trimmed.startsWith('/') || trimmed.startsWith('//')) return null;
  return trimmed.replace(/^\/product\/(\d+)/, '/products/$1').replace(/^\/category\/(\d+)$/, '/categories/$1');
}

export interface PageView {
  id: number;
  version: number;
  title?: string;
  blocks: ResolvedBlock[];
}

/**
 * Compiles only while these types and the server's schemas say the same thing (type-only imports:
 * nothing of the server reaches a bundle).
 */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Flat<T> = T extends object ? { [K in keyof T]: Flat<T[K]> } : T;
export const blocksMatchServer: [Same<Flat<ServerBlock>, Flat<Block>>, Same<Flat<ServerProduct>, Flat<BlockProduct>>] = [true, true];

/** What a freshly added block starts with in the editor. */
export function defaultBlock(type: BlockType): Block {
  switch (type) {
    case 'banner':
      return { type, props: { images: [] } };
    case 'products':
      return { type, props: { source: 'newest', limit: 6, columns: 2 } };
    case 'notice':
      return { type, props: { text: '' } };
    case 'nav':
      return { type, props: { items: [] } };
    case 'coupons':
      return { type, props: { couponIds: [] } };
    case 'richtext':
      return { type, props: { html: '' } };
    case 'video':
      return { type, props: { url: '' } };
    case 'search':
      return { type, props: {} };
  }
}
