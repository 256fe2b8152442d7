/** A shopper's address book; one default address, used first at checkout. */
import type { Actor, Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { conflict, notFound, ValidationError } from '../../core/errors.js';
import { nearCache } from '../../core/near-cache.js';
import { regionOf } from './regions.js';
import * as repo from './repository.js';
import type { AddressRow, NewAddressRow } from './repository.js';

type ShopperCtx = Ctx & { actor: Extract<Actor, { kind: 'shopper' }> };

/** A district's code, or (older clients) the names alone; the schema sees to one of them. */
export interface AddressInput {
  name: string;
  phone: string;
  regionCode?: string;
  province?: string;
  city?: string;
  district?: string;
  detail: string;
  lat?: number | null;
  lng?: number | null;
  isDefault?: boolean;
}

export interface AddressView {
  id: number;
  name: string;
  phone: string;
  regionCode: string | null;
  province: string;
  city: string;
  district: string;
  detail: string;
  lat: number | null;
  lng: number | null;
  isDefault: boolean;
}

const view = (a: AddressRow): AddressView => ({ id: a.id, name: a.name, phone: a.phone, regionCode: a.regionCode, province: a.province, city: a.city, district: a.district, detail: a.detail, lat: a.lat, lng: a.lng, isDefault: a.isDefault });

/**
 * The region columns a change writes: a code brings its names; names without a code drop the old
 * code, which would no longer match them.
 */
function regionColumns(input: Partial<AddressInput>): Partial<Pick<NewAddressRow, 'regionCode' | 'province' | 'city' | 'district'>> {
  if (input.regionCode) {
    const r = regionOf(input.regionCode);
    if (!r) throw ValidationError.field('regionCode', 'no such district');
    return { regionCode: r.code, province: r.province, city: r.city, district: r.district };
  }
  const names = Object.fromEntries((['province', 'city', 'district'] as const).filter((k) => input[k] !== undefined).map((k) => [k, input[k]]));
  return Object.keys(names).length ? { ...names, regionCode: null } : {};
}

/** The columns of an address as the shopper sent it. */
function columnsOf(input: Partial<AddressInput>): Partial<NewAddressRow> {
  const { regionCode: _code, province: _p, city: _c, district: _d, ...rest } = input;
  return { ...rest, ...regionColumns(input) };
}

const MAX_ADDRESSES = 30;

/** A shopper's address book as checkout reads it (quote, then order); every change below drops it. */
const books = nearCache<AddressView[]>('address-books', { ttlSeconds: 60, max: 20_000 });
const bookKey = (ctx: ShopperCtx) => `${requireTenantId(ctx)}:${ctx.actor.id}`;
const changed = (ctx: ShopperCtx) => books.invalidate(ctx, bookKey(ctx));

export async function listAddresses(ctx: ShopperCtx): Promise<AddressView[]> {
  return (await repo.addressesOf(ctx, ctx.actor.id)).map(view);
}

async function clearDefault(ctx: ShopperCtx): Promise<void> {
  await changed(ctx);
  await repo.clearDefaultAddress(ctx, ctx.actor.id);
}

export async function addAddress(ctx: ShopperCtx, input: AddressInput): Promise<AddressView> {
  return withTransaction(ctx, async (tx) => {
    const count = await repo.countAddresses(tx, ctx.actor.id);
    if (count >= MAX_ADDRESSES) throw conflict('address_book_full', `At most ${MAX_ADDRESSES} addresses`);
    const isDefault = input.isDefault ?? count === 0;
    if (isDefault && count > 0) await clearDefault(tx);
    await changed(tx);
    return view(await repo.insertAddress(tx, ctx.actor.id, { ...(columnsOf(input) as Omit<NewAddressRow, 'isDefault'>), isDefault }));
  });
}

async function own(ctx: ShopperCtx, id: number): Promise<AddressRow> {
  const a = await repo.findAddress(ctx, ctx.actor.id, id);
  if (!a) throw notFound('Address');
  return a;
}

export async function updateAddress(ctx: ShopperCtx, id: number, input: Partial<AddressInput>): Promise<AddressView> {
  return withTransaction(ctx, async (tx) => {
    const a = await own(tx, id);
    if (input.isDefault) await clearDefault(tx);
    const changes = columnsOf(input);
    await repo.updateAddressRow(tx, ctx.actor.id, id, changes);
    await changed(tx);
    return view({ ...a, ...changes });
  });
}

export async function removeAddress(ctx: ShopperCtx, id: number): Promise<{ id: number; removed: true }> {
  await own(ctx, id);
  await repo.deleteAddress(ctx, ctx.actor.id, id);
  await changed(ctx);
  return { id, removed: true as const };
}

/** The address an order ships to, checked to be the shopper's own. */
export async function addressForOrder(ctx: ShopperCtx, id: number): Promise<AddressView> {
  const book = await books.get(ctx, bookKey(ctx), async () => (await repo.addressBook(ctx, ctx.actor.id)).map(view));
  const a = book.find((b) => b.id === id);
  if (!a) throw notFound('Address');
  return a;
}
