/** The storefront's API client: same-origin, the shopper's token kept per host. */
import { createClient, tokenStore } from '../../shared/api';

export { ApiError, isApiError, type Page } from '../../shared/api';

export const shopperToken = tokenStore('shopper');

let unauthorized: () => void = () => {};

/** What to do when the shopper's session ends (a signed request answered 401). */
export function onUnauthorized(handler: () => void): void {
  unauthorized = handler;
}

export const api = createClient({ token: shopperToken.get, onUnauthorized: () => unauthorized() });

export interface Store {
  name: string;
  slug: string;
  branding: {
    logoUrl: string | null;
    primaryColor: string;
    notice?: string;
    servicePhone?: string;
    banners?: { imageUrl: string; link?: string }[];
  };
}

export interface Shopper {
  id: number;
  phone: string | null;
  nickname: string | null;
  avatarUrl: string | null;
  wechatBound: boolean;
  createdAt: string;
}

/** A product card as `GET /shop/products` will list it (prices in fen). */
export interface ProductCard {
  id: number;
  title: string;
  price: number;
  image?: string | null;
}

export const yuan = (fen: number): string => (fen / 100).toFixed(2);
