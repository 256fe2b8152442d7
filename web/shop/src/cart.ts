/**
 * The cart: the server's once signed in; before that a local one in localStorage, merged into the
 * server's on sign-in (`POST /shop/cart/merge`). Both are shown as the same `Cart` shape; a local
 * item's `id` is its SKU id.
 */
import { reactive } from 'vue';
import { api, shopperToken, type Cart, type CartItem, type LineItem, type Specs } from './api';

const KEY = `s2b2c:${location.host}:cart`;
const MAX_QTY = 999;

/** What the product page knew about the SKU when it was added (the local cart has no server to ask). */
export interface LocalItem {
  skuId: number;
  quantity: number;
  selected: boolean;
  productId: number;
  title: string;
  image: string | null;
  specs: Specs;
  price: number;
  stock: number;
}

/** Items in the cart, for the tabbar badge. */
export const cartState = reactive({ count: 0 });

const signedIn = () => !!shopperToken.get();

function readLocal(): LocalItem[] {
  try {
    const items = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(items) ? (items as LocalItem[]).filter((i) => Number.isInteger(i?.skuId) && i.quantity > 0) : [];
  } catch {
    return [];
  }
}

function writeLocal(items: LocalItem[]): void {
  if (items.length) localStorage.setItem(KEY, JSON.stringify(items));
  else localStorage.removeItem(KEY);
  cartState.count = items.reduce((n, i) => n + i.quantity, 0);
}

/** The local cart in the server's shape. */
function localCart(): Cart {
  const items: CartItem[] = readLocal().map((i) => ({
    id: i.skuId,
    skuId: i.skuId,
    productId: i.productId,
    title: i.title,
    image: i.image,
    specs: i.specs,
    price: i.price,
    quantity: i.quantity,
    stock: i.stock,
    selected: i.selected,
    available: i.stock >= i.quantity,
    subtotal: i.price * i.quantity,
  }));
  const chosen = items.filter((i) => i.selected && i.available);
  return { items, selectedCount: chosen.reduce((n, i) => n + i.quantity, 0), selectedAmount: chosen.reduce((n, i) => n + i.subtotal, 0) };
}

function counted(cart: Cart): Cart {
  cartState.count = cart.items.reduce((n, i) => n + i.quantity, 0);
  return cart;
}

export async function loadCart(): Promise<Cart> {
  if (!signedIn()) return counted(localCart());
  return counted(await api.get<Cart>('/shop/cart'));
}

export async function addToCart(item: Omit<LocalItem, 'selected'>): Promise<void> {
  if (signedIn()) {
    counted(await api.post<Cart>('/shop/cart/items', { skuId: item.skuId, quantity: item.quantity }));
    return;
  }
  const items = readLocal();
  const had = items.find((i) => i.skuId === item.skuId);
  if (had) Object.assign(had, { ...item, quantity: Math.min(MAX_QTY, had.quantity + item.quantity), selected: true });
  else items.unshift({ ...item, selected: true });
  writeLocal(items);
}

/** Changes one item (`id` is the cart item's id; a SKU id in the local cart). */
export async function updateItem(id: number, patch: { quantity?: number; selected?: boolean }): Promise<Cart> {
  if (signedIn()) return counted(await api.patch<Cart>(`/shop/cart/items/${id}`, patch));
  writeLocal(readLocal().map((i) => (i.skuId === id ? { ...i, ...patch } : i)));
  return localCart();
}

export async function removeItem(id: number): Promise<Cart> {
  if (signedIn()) return counted(await api.del<Cart>(`/shop/cart/items/${id}`));
  writeLocal(readLocal().filter((i) => i.skuId !== id));
  return localCart();
}

export async function selectAll(selected: boolean): Promise<Cart> {
  if (signedIn()) return counted(await api.post<Cart>('/shop/cart/select', { selected }));
  writeLocal(readLocal().map((i) => ({ ...i, selected })));
  return localCart();
}

/** After sign-in: moves the local cart into the shopper's cart. Kept locally if the server refuses. */
export async function mergeLocalCart(): Promise<void> {
  const items = readLocal();
  if (items.length && signedIn()) {
    try {
      await api.post('/shop/cart/merge', { items: items.map((i) => ({ skuId: i.skuId, quantity: i.quantity })) });
      writeLocal([]);
    } catch {
      return;
    }
  }
  await loadCart().catch(() => undefined);
}

/** `3x2,5x1` <-> [{skuId: 3, quantity: 2}, {skuId: 5, quantity: 1}]: the items a checkout is for, in its URL. */
export const encodeItems = (items: LineItem[]): string => items.map((i) => `${i.skuId}x${i.quantity}`).join(',');

export function decodeItems(text: unknown): LineItem[] {
  if (typeof text !== 'string') return [];
  return text
    .split(',')
    .map((part) => /^(\d+)x(\d+)$/.exec(part.trim()))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ skuId: Number(m[1]), quantity: Math.min(MAX_QTY, Math.max(1, Number(m[2]))) }));
}

cartState.count = readLocal().reduce((n, i) => n + i.quantity, 0);
