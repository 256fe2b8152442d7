/**
 * A shop's stores: made and edited in the console, listed for shoppers nearest first (with, when
 * the checkout names its lines, whether each store holds them all and whether its same-city
 * delivery reaches the shopper).
 */
import type { Ctx } from '../../core/context.js';
import { storeErrors } from './errors.js';
import * as repo from './repository.js';
import type { StoreRow } from './repository.js';
import type { StoreBody, StoreUpdate } from './schemas.js';

const EARTH_RADIUS_M = 6_371_000;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in whole metres (haversine). Pure. */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))));
}

export type Position = { lat: number; lng: number };
export const positionOf = (s: { lat: number | null; lng: number | null }): Position | null => (s.lat === null || s.lng === null ? null : { lat: s.lat, lng: s.lng });

export const addressLine = (s: Pick<StoreRow, 'province' | 'city' | 'district' | 'detail'>) => `${s.province}${s.city === s.province ? '' : s.city}${s.district}${s.detail}`;

export function adminStoreView(s: StoreRow) {
  return { ...s, address: addressLine(s), createdAt: s.createdAt.toISOString() };
}

export async function storeOf(ctx: Ctx, id: number): Promise<StoreRow> {
  const s = await repo.findStore(ctx, id);
  if (!s) throw storeErrors.notFound();
  return s;
}

export async function createStore(ctx: Ctx, body: StoreBody) {
  const id = await repo.insertStore(ctx, {
    name: body.name,
    province: body.province,
    city: body.city,
    district: body.district,
    detail: body.detail,
    hours: body.hours,
    phone: body.phone,
    lat: body.lat ?? null,
    lng: body.lng ?? null,
    pickup: body.pickup ?? true,
    deliveryRadiusM: body.deliveryRadiusM ?? 0,
    deliveryFee: body.deliveryFee ?? 0,
    active: body.active ?? true,
  });
  return adminStoreView(await storeOf(ctx, id));
}

export async function updateStore(ctx: Ctx, id: number, body: StoreUpdate) {
  await storeOf(ctx, id);
  const fields = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  if (Object.keys(fields).length) await repo.updateStore(ctx, id, fields);
  return adminStoreView(await storeOf(ctx, id));
}

export async function adminStores(ctx: Ctx) {
  return { items: (await repo.listStores(ctx, false)).map(adminStoreView) };
}

/** What a checkout asks about: these units of these SKUs. */
export type Wanted = Array<{ skuId: number; quantity: number }>;

export function parseWanted(items: string | undefined): Wanted | null {
  if (!items) return null;
  const units = new Map<number, number>();
  for (const pair of items.split(',')) {
    const [sku, qty] = pair.split(':').map(Number) as [number, number];
    units.set(sku, (units.get(sku) ?? 0) + qty);
  }
  return [...units].map(([skuId, quantity]) => ({ skuId, quantity }));
}

/** The SKUs of `wanted` a store cannot cover from `stock` (its counts by SKU). Pure. */
export function missingAt(stock: ReadonlyMap<number, number>, wanted: Wanted): number[] {
  return wanted.filter((w) => (stock.get(w.skuId) ?? 0) < w.quantity).map((w) => w.skuId);
}

/**
 * The shop's open stores for shoppers: nearest first from the given position (stores without a map
 * position last), each saying whether it holds every wanted line and whether its same-city
 * delivery reaches the position.
 */
export async function shopStores(ctx: Ctx, query: { lat?: number; lng?: number; items?: string }) {
  const stores = await repo.listStores(ctx, true);
  const here = query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : null;
  const wanted = parseWanted(query.items);
  const counts = wanted ? await repo.stocksOf(ctx, stores.map((s) => s.id), wanted.map((w) => w.skuId)) : [];
  const items = stores.map((s) => {
    const at = positionOf(s);
    const distance = here && at ? distanceM(here, at) : null;
    const stock = new Map(counts.filter((c) => c.storeId === s.id).map((c) => [c.skuId, c.stock]));
    const missing = wanted ? missingAt(stock, wanted) : [];
    return {
      id: s.id,
      name: s.name,
      address: addressLine(s),
      hours: s.hours,
      phone: s.phone,
      lat: s.lat,
      lng: s.lng,
      distanceM: distance,
      pickup: s.pickup,
      deliveryRadiusM: s.deliveryRadiusM,
      deliveryFee: s.deliveryFee,
      delivers: distance !== null && s.deliveryRadiusM > 0 && distance <= s.deliveryRadiusM,
      inStock: wanted ? missing.length === 0 : null,
      missing,
    };
  });
  items.sort((a, b) => (a.distanceM ?? Infinity) - (b.distanceM ?? Infinity) || a.id - b.id);
  return { items };
}
