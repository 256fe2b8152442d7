/** A shopper's address book; one default address, used first at checkout. */
import type { Actor, Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { conflict, notFound } from '../../core/errors.js';
import { nearCache } from '../../core/near-cache.js';
import * as repo from './repository.js';
import type { AddressRow } from './repository.js';

type ShopperCtx = Ctx & { actor: Extract<Actor, { kind: 'shopper' }> };

export interface AddressInput {
  name: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  isDefault?: boolean;
}

export interface AddressView extends AddressInput {
  id: number;
  isDefault: boolean;
}

const view = (a: AddressRow): AddressView => ({ id: a.id, name: a.name, phone: a.phone, province: a.province, city: a.city, district: a.district, detail: a.detail, isDefault: a.isDefault });

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
    return view(await repo.insertAddress(tx, ctx.actor.id, { ...input, isDefault }));
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
    await repo.updateAddressRow(tx, ctx.actor.id, id, input);
    await changed(tx);
    return view({ ...a, ...input });
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
