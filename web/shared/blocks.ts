/**
 * The DIY page blocks (API.md, "Shop pages"): one definition serves the editor (the console), the
 * storefront and, later, the mini-program. The server validates the same shapes with zod
 * (`server/src/modules/pages/schemas.ts`); this file is what the apps share.
 */

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

/** A block as `GET /shop/pages/*` answers it: `products` blocks carry the listings they show. */
export type ResolvedBlock = Block & { products?: BlockProduct[] };

export interface PageView {
  id: number;
  version: number;
  title?: string;
  blocks: ResolvedBlock[];
}

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
