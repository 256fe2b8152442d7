/**
 * Flash sales: sessions and their items for the console, the session page for shoppers, and
 * buying: the allocator decides at once (allocator.ts), then the order is placed through orders'
 * placeOrder with the item as its activity; if placing fails the units go back. The database
 * stays the truth (pricing.ts reserves in the placing transaction).
 */
import { clock, days } from '../../core/clock.js';
import { config } from '../../core/config.js';
import type { Actor, Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { afterCommit, pageOf, withTransaction, type PageQuery } from '../../core/db/index.js';
import { notFound, ValidationError } from '../../core/errors.js';
import { nearCache } from '../../core/near-cache.js';
import { offersFor, type Offer } from '../market/index.js';
import { KIND, lineFloor, placeOrder, type PlacedOrder } from '../orders/index.js';
import { allocator } from './allocator.js';
import { flashErrors } from './errors.js';
import { gate } from './gate.js';
import * as repo from './repository.js';
import { enqueue } from './tickets.js';
import type { ItemRow, SaleRow, SaleWhen } from './repository.js';
import type { SaleBody } from './schemas.js';

type ShopperCtx = Ctx & { actor: Extract<Actor, { kind: 'shopper' }> };

export function statusOf(sale: Pick<SaleRow, 'startsAt' | 'endsAt'>, now = clock.now()): SaleWhen {
  return now < sale.startsAt ? 'not_started' : now < sale.endsAt ? 'running' : 'ended';
}

/** Refuses what is not buyable now, whoever asks: 409 not_started / ended. */
export function assertRunning(sale: Pick<SaleRow, 'startsAt' | 'endsAt'>, now = clock.now()): void {
  const status = statusOf(sale, now);
  if (status === 'not_started') throw flashErrors.notStarted(sale.startsAt);
  if (status === 'ended') throw flashErrors.ended();
}

// ---- the console ----

/** The body checked against the shop's SKUs: prices below theirs, stock within their live stock, each SKU once. */
async function checkedItems(ctx: Ctx, body: SaleBody, saleId: number | null): Promise<repo.ItemFields[]> {
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  if (endsAt <= startsAt) throw ValidationError.field('endsAt', 'after the start');
  if (endsAt <= clock.now()) throw ValidationError.field('endsAt', 'in the future');
  const seen = new Set<number>();
  body.items.forEach((item, i) => {
    if (seen.has(item.skuId)) throw ValidationError.field(`items[${i}].skuId`, 'listed twice');
    seen.add(item.skuId);
  });
  const offers = await offersFor(ctx, body.items.map((i) => i.skuId));
  const fields = body.items.map((item, i) => {
    const offer = offers.get(item.skuId);
    if (!offer) throw ValidationError.field(`items[${i}].skuId`, 'no such SKU in this shop');
    if (item.price >= offer.price) throw ValidationError.field(`items[${i}].price`, `below the SKU's price (${offer.price})`);
    // the shop funds the sale price down to its cost, never below (orders/floors.ts)
    const floor = lineFloor(ctx, offer, 1);
    if (item.price < floor) throw ValidationError.field(`items[${i}].price`, `at least what the shop pays for it (${floor})`);
    if (item.stock > offer.stock) throw ValidationError.field(`items[${i}].stock`, `at most the SKU's stock (${offer.stock})`);
    if (item.perShopperLimit > item.stock) throw ValidationError.field(`items[${i}].perShopperLimit`, 'at most the sale stock');
    return { skuId: item.skuId, listingId: offer.listingId, price: item.price, stock: item.stock, perShopperLimit: item.perShopperLimit };
  });
  // one session at a time per SKU: an order at a flash price then names exactly one item
  const overlapping = (await repo.itemsOfSkusBetween(ctx, [...seen], startsAt, endsAt)).find((i) => i.saleId !== saleId);
  if (overlapping) throw flashErrors.skuInAnotherSale(overlapping.skuId, overlapping.sale.name);
  return fields;
}

export async function createSale(ctx: Ctx, body: SaleBody): Promise<{ id: number; items: Array<{ id: number; skuId: number }> }> {
  const items = await checkedItems(ctx, body, null);
  return withTransaction(ctx, async (tx) => {
    const id = await repo.insertSale(tx, { name: body.name, startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt) });
    const ids = await repo.insertItems(tx, id, items);
    return { id, items: items.map((item, i) => ({ id: ids[i]!, skuId: item.skuId })) };
  });
}

/** Items, prices, stock and window change only before the start (409 already_started). */
export async function updateSale(ctx: Ctx, id: number, body: SaleBody): Promise<void> {
  // another shop's session is not found, whatever the body says
  if (!(await repo.findSale(ctx, id))) throw notFound('Flash sale');
  const items = await checkedItems(ctx, body, id);
  await withTransaction(ctx, async (tx) => {
    const sale = await repo.findSale(tx, id, true);
    if (!sale) throw notFound('Flash sale');
    if (statusOf(sale) !== 'not_started') throw flashErrors.alreadyStarted();
    await repo.updateSale(tx, id, { name: body.name, startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt) });
    await repo.deleteItemsOf(tx, id);
    await repo.insertItems(tx, id, items);
    await sessions.invalidate(tx, sessionKey(tx, id));
  });
}

/** Ends a session now (a running one, or one not started yet); 409 ended when it has. */
export async function endSale(ctx: Ctx, id: number): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    if (!(await repo.findSale(tx, id))) throw notFound('Flash sale');
    if (!(await repo.endSaleAt(tx, id, clock.now()))) throw flashErrors.ended();
    await sessions.invalidate(tx, sessionKey(tx, id));
  });
}

const iso = (d: Date) => d.toISOString();

function itemView(item: ItemRow, offer: Offer | undefined) {
  return {
    id: item.id,
    skuId: item.skuId,
    listingId: item.listingId,
    title: offer?.title ?? '',
    specs: offer?.specs ?? {},
    image: offer?.image ?? null,
    originalPrice: offer?.price ?? item.price,
    price: item.price,
    stock: item.stock,
    sold: item.sold,
    perShopperLimit: item.perShopperLimit,
    liveStock: offer?.stock ?? 0,
  };
}

const noFigures = { orders: 0, paidOrders: 0, gmv: 0 };

export async function adminSales(ctx: Ctx, status: SaleWhen | undefined, page: PageQuery) {
  const { rows, count } = await repo.salePage(ctx, clock.now(), status, page);
  const ids = rows.map((s) => s.id);
  const [items, figures] = await Promise.all([repo.itemsOfSales(ctx, ids), repo.figuresOf(ctx, ids)]);
  return pageOf(
    page,
    rows.map((sale) => {
      const own = items.filter((i) => i.saleId === sale.id);
      const sold = own.reduce((sum, i) => sum + i.sold, 0);
      return { id: sale.id, name: sale.name, startsAt: iso(sale.startsAt), endsAt: iso(sale.endsAt), status: statusOf(sale), itemCount: own.length, stock: own.reduce((sum, i) => sum + i.stock, 0), figures: { sold, ...(figures.get(sale.id) ?? noFigures) } };
    }),
    count,
  );
}

export async function adminSale(ctx: Ctx, id: number) {
  const sale = await repo.findSale(ctx, id);
  if (!sale) throw notFound('Flash sale');
  const [items, figures] = await Promise.all([repo.itemsOfSales(ctx, [id]), repo.figuresOf(ctx, [id])]);
  const offers = await offersFor(ctx, items.map((i) => i.skuId));
  return {
    id,
    name: sale.name,
    startsAt: iso(sale.startsAt),
    endsAt: iso(sale.endsAt),
    status: statusOf(sale),
    items: items.map((i) => itemView(i, offers.get(i.skuId))),
    figures: { sold: items.reduce((sum, i) => sum + i.sold, 0), ...(figures.get(id) ?? noFigures) },
  };
}

// ---- shoppers ----

/** A session and its items as every buy reads them: kept in memory, dropped on every edit. */
interface Session {
  sale: SaleRow;
  items: ItemRow[];
}
const sessions = nearCache<Session | null>('flashsale.sessions', { ttlSeconds: 30, max: 2000 });
const sessionKey = (ctx: Ctx, id: number) => `${requireTenantId(ctx)}:${id}`;

/** A session's window as buys read it (the near cache): edits and an early end drop it at once, everywhere. */
export async function saleOf(ctx: Ctx, id: number): Promise<SaleRow | null> {
  return (await session(ctx, id))?.sale ?? null;
}

async function session(ctx: Ctx, id: number): Promise<Session | null> {
  return sessions.get(ctx, sessionKey(ctx, id), async () => {
    const sale = await repo.findSale(ctx, id);
    return sale ? { sale, items: await repo.itemsOfSales(ctx, [id]) } : null;
  });
}

async function shopItems(ctx: Ctx, sales: SaleRow[], customerId: number | null) {
  const items = await repo.itemsOfSales(ctx, sales.map((s) => s.id));
  const [offers, bought] = await Promise.all([offersFor(ctx, items.map((i) => i.skuId)), customerId ? repo.boughtOf(ctx, items.map((i) => i.id), customerId) : new Map<number, number>()]);
  return (saleId: number) =>
    items
      .filter((i) => i.saleId === saleId)
      .map((i) => ({ ...itemView(i, offers.get(i.skuId)), soldPercent: Math.min(100, Math.floor((i.sold * 100) / i.stock)), bought: bought.get(i.id) ?? 0 }));
}

const customerOf = (ctx: Ctx) => (ctx.actor.kind === 'shopper' ? ctx.actor.id : null);

export async function shopSale(ctx: Ctx, id: number) {
  const sale = await repo.findSale(ctx, id);
  if (!sale) throw notFound('Flash sale');
  const itemsOf = await shopItems(ctx, [sale], customerOf(ctx));
  return { id, name: sale.name, startsAt: iso(sale.startsAt), endsAt: iso(sale.endsAt), status: statusOf(sale), serverTime: iso(clock.now()), items: itemsOf(id) };
}

/** Sessions running now or starting within a day. */
export async function shopSales(ctx: Ctx) {
  const now = clock.now();
  const sales = await repo.openSales(ctx, now, new Date(now.getTime() + days(1)), 10);
  const itemsOf = await shopItems(ctx, sales, customerOf(ctx));
  return { serverTime: iso(now), items: sales.map((s) => ({ id: s.id, name: s.name, startsAt: iso(s.startsAt), endsAt: iso(s.endsAt), status: statusOf(s), items: itemsOf(s.id) })) };
}

/** What a won attempt gets: the order placed now (direct), or a ticket the shopper polls (queued). */
export type Bought = PlacedOrder | { ticket: string };

/** Orders of one item placed a few at a time per process (gate.ts): its row's lock serialises them anyway. */
const placing = gate(3);

/** Counts stay a day past the session's end: an unpaid order cancelled late still gives its units back. */
const countsTtlSeconds = (sale: SaleRow) => Math.ceil((sale.endsAt.getTime() - clock.nowMs() + days(1)) / 1000);

/**
 * One shopper's attempt: refused before the start and after the end (409), decided at once by
 * the allocator (409 sold_out, limit_reached), then placed as an order at the sale price; a
 * failed placement gives the units back.
 */
export async function buy(ctx: ShopperCtx, saleId: number, itemId: number, input: { quantity: number; addressId: number }): Promise<Bought> {
  const found = await session(ctx, saleId);
  const item = found?.items.find((i) => i.id === itemId);
  if (!found || !item) throw notFound('Flash sale item');
  assertRunning(found.sale);
  if (input.quantity > item.perShopperLimit) throw flashErrors.limitReached(item.perShopperLimit);
  const key = { tenantId: requireTenantId(ctx), itemId };
  const seed = async () => {
    const fresh = await repo.findItem(ctx, itemId);
    return fresh ? fresh.stock - fresh.sold : 0;
  };
  const verdict = await allocator().take(key, ctx.actor.id, input.quantity, item.perShopperLimit, seed, countsTtlSeconds(found.sale));
  if (verdict === 'sold_out') throw flashErrors.soldOut();
  if (verdict === 'limit_reached') throw flashErrors.limitReached(item.perShopperLimit);
  if (config().flashSale.orderWrite === 'queued') {
    // the winner is answered now; the job places the order (tickets.ts), giving the units back if it cannot
    try {
      return { ticket: await enqueue(ctx, { customerId: ctx.actor.id, sessionId: ctx.actor.sessionId, itemId, skuId: item.skuId, quantity: input.quantity, addressId: input.addressId }) };
    } catch (err) {
      await allocator().give(key, ctx.actor.id, input.quantity);
      throw err;
    }
  }
  try {
    return await placing(`${key.tenantId}:${itemId}`, () => placeOrder(ctx, { items: [{ skuId: item.skuId, quantity: input.quantity }], addressId: input.addressId, activity: { kind: KIND.flashSale, id: itemId } }));
  } catch (err) {
    await allocator().give(key, ctx.actor.id, input.quantity);
    throw err;
  }
}

/** Units of a cancelled order go back to the allocator once the cancellation has committed. */
export async function giveBackAfterCommit(tx: Ctx, itemId: number, customerId: number, quantity: number): Promise<void> {
  const tenantId = requireTenantId(tx);
  await afterCommit(tx, () => allocator().give({ tenantId, itemId }, customerId, quantity));
}
