/** The cart as the cart page binds it (pure: unit-tested under Node). */
import { priceParts, yuan } from './money.js';
import type { Cart } from './types.js';
import { absoluteUrl } from './view.js';

export interface CartLineView {
  id: number;
  skuId: number;
  productId: number;
  title: string;
  image: string;
  specs: string;
  price: { int: string; dec: string };
  quantity: number;
  max: number;
  selected: boolean;
  available: boolean;
}

export interface CartPageView {
  lines: CartLineView[];
  count: number;
  total: string;
  allSelected: boolean;
  /** Pieces in the cart (the tab badge). */
  pieces: number;
}

export function cartView(cart: Cart, apiBase: string): CartPageView {
  const lines = cart.items.map((l) => ({
    id: l.id,
    skuId: l.skuId,
    productId: l.productId,
    title: l.title,
    image: absoluteUrl(l.image, apiBase),
    specs: Object.keys(l.specs).map((k) => l.specs[k]).join(' / '),
    price: priceParts(l.price),
    quantity: l.quantity,
    max: Math.max(1, Math.min(999, l.stock)),
    selected: l.selected,
    available: l.available,
  }));
  const available = lines.filter((l) => l.available);
  return {
    lines,
    count: cart.selectedCount,
    total: yuan(cart.selectedAmount),
    allSelected: available.length > 0 && available.every((l) => l.selected),
    pieces: cart.items.reduce((n, l) => n + l.quantity, 0),
  };
}

/** The lines checkout takes: selected and still for sale. */
export function checkoutItems(lines: Array<Pick<CartLineView, 'skuId' | 'quantity' | 'selected' | 'available'>>): Array<{ skuId: number; quantity: number }> {
  return lines.filter((l) => l.selected && l.available).map((l) => ({ skuId: l.skuId, quantity: l.quantity }));
}
