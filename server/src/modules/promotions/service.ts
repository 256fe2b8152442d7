/**
 * The console's side of promotions: set, edit, end and list full reductions and limited prices,
 * with their status (from the window and an early end) and figures (paid orders that used them,
 * what those orders paid, what the promotion gave). Ids in a body must be this shop's (a listing,
 * a store category, a listing SKU): another shop's id is refused as unknown. Limited-price writes
 * take the shop's guard row first, so the check "no SKU in two activities at once" and the write
 * happen with no other limited-price write in between.
 */
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { pageOf, withTransaction, type Page } from '../../core/db/index.js';
import { notFound, ValidationError } from '../../core/errors.js';
import { listingScopes, offersFor, storeCategoryNames, type Offer } from '../market/index.js';
import { lineFloor } from '../orders/index.js';
import { promotionsErrors } from './errors.js';
import * as repo from './repository.js';
import type { FullReductionRow, LimitedPriceRow, Status, Window } from './repository.js';
import { forgetLive } from './running.js';
import type { FullReductionBody, LimitedPriceBody, ListQuery } from './schemas.js';
import { tierLabel } from './tiers.js';

export function statusOf(w: Window, now: Date): Status {
  if (w.endedAt || w.endsAt <= now) return 'ended';
  return w.startsAt > now ? 'not_started' : 'running';
}

function windowOf(body: { startsAt: string; endsAt: string }): { startsAt: Date; endsAt: Date } {
  const w = { startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt) };
  if (w.endsAt <= clock.now()) throw ValidationError.field('endsAt', 'must be in the future');
  return w;
}

const windowView = (w: Window & { createdAt: Date }, now: Date) => ({
  status: statusOf(w, now),
  startsAt: w.startsAt.toISOString(),
  endsAt: w.endsAt.toISOString(),
  endedAt: w.endedAt?.toISOString() ?? null,
  createdAt: w.createdAt.toISOString(),
});

const noFigures = { orders: 0, gmv: 0, discount: 0 };

// ---- full reductions ----

/** The body's listings and categories, each this shop's (400 naming the one that is not). */
async function targetsOf(ctx: Ctx, body: FullReductionBody): Promise<Array<{ kind: repo.TargetKind; id: number }>> {
  const productIds = body.productIds ?? [];
  const categoryIds = body.categoryIds ?? [];
  const listings = await listingScopes(ctx, productIds);
  productIds.forEach((id, i) => {
    if (!listings.has(id)) throw ValidationError.field(`productIds[${i}]`, 'no such product in this shop');
  });
  const categories = categoryIds.length ? await storeCategoryNames(ctx) : new Map<number, string>();
  categoryIds.forEach((id, i) => {
    if (!categories.has(id)) throw ValidationError.field(`categoryIds[${i}]`, 'no such store category in this shop');
  });
  return [...productIds.map((id) => ({ kind: 'listing' as const, id })), ...categoryIds.map((id) => ({ kind: 'category' as const, id }))];
}

function reductionFields(body: FullReductionBody, targets: unknown[]): repo.FullReductionFields {
  return { name: body.name, ...windowOf(body), scope: targets.length ? 'chosen' : 'all', tiers: body.tiers.map((t) => ({ threshold: t.threshold, ...(t.amountOff !== undefined ? { amountOff: t.amountOff } : { percentOff: t.percentOff }) })) };
}

export async function createFullReduction(ctx: Ctx, body: FullReductionBody): Promise<{ id: number }> {
  const targets = await targetsOf(ctx, body);
  const fields = reductionFields(body, targets);
  const id = await withTransaction(ctx, async (tx) => {
    const created = await repo.insertFullReduction(tx, fields, targets);
    await forgetLive(tx);
    return created;
  });
  return { id };
}

async function fullReductionViews(ctx: Ctx, rows: FullReductionRow[]) {
  const now = clock.now();
  const [listings, categories, figures] = await Promise.all([
    listingScopes(ctx, rows.flatMap((r) => r.listingIds)),
    rows.some((r) => r.categoryIds.length) ? storeCategoryNames(ctx) : new Map<number, string>(),
    repo.usageFigures(ctx, 'full_reduction', rows.map((r) => r.id)),
  ]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    ...windowView(r, now),
    tiers: r.tiers.map((t) => ({ ...t, label: tierLabel(t) })),
    label: r.tiers.map(tierLabel).join('，'),
    scope: r.scope,
    products: r.listingIds.flatMap((id) => {
      const l = listings.get(id);
      return l ? [{ id, title: l.title, image: l.image }] : [];
    }),
    categories: r.categoryIds.flatMap((id) => (categories.has(id) ? [{ id, name: categories.get(id)! }] : [])),
    figures: figures.get(r.id) ?? noFigures,
  }));
}
export type FullReductionView = Awaited<ReturnType<typeof fullReductionViews>>[number];

async function loadReduction(ctx: Ctx, id: number): Promise<FullReductionRow> {
  const row = await repo.findFullReduction(ctx, id);
  if (!row) throw notFound('Full reduction');
  return row;
}

export async function getFullReduction(ctx: Ctx, id: number): Promise<FullReductionView> {
  return (await fullReductionViews(ctx, [await loadReduction(ctx, id)]))[0]!;
}

export async function listFullReductions(ctx: Ctx, q: ListQuery): Promise<Page<FullReductionView>> {
  const { rows, count } = await repo.fullReductionPage(ctx, q.status, clock.now(), q);
  return pageOf(q, await fullReductionViews(ctx, rows), count);
}

export async function updateFullReduction(ctx: Ctx, id: number, body: FullReductionBody): Promise<FullReductionView> {
  const row = await loadReduction(ctx, id);
  if (statusOf(row, clock.now()) === 'ended') throw promotionsErrors.ended();
  const targets = await targetsOf(ctx, body);
  const fields = reductionFields(body, targets);
  await withTransaction(ctx, async (tx) => {
    if (!(await repo.updateFullReduction(tx, id, fields, targets))) throw promotionsErrors.ended();
    await forgetLive(tx);
  });
  return getFullReduction(ctx, id);
}

export async function endFullReduction(ctx: Ctx, id: number): Promise<FullReductionView> {
  await loadReduction(ctx, id);
  await withTransaction(ctx, async (tx) => {
    if (!(await repo.endFullReduction(tx, id, clock.now()))) throw promotionsErrors.ended();
    await forgetLive(tx);
  });
  return getFullReduction(ctx, id);
}

// ---- limited prices ----

/** The body's SKUs, each this shop's, each price between its cost and the shop's price (400 naming the item). */
async function itemsOf(ctx: Ctx, body: LimitedPriceBody): Promise<{ items: repo.NewItem[]; offers: Map<number, Offer> }> {
  const offers = await offersFor(ctx, body.items.map((i) => i.skuId));
  const items = body.items.map((item, i) => {
    const offer = offers.get(item.skuId);
    if (!offer) throw ValidationError.field(`items[${i}].skuId`, 'no such product SKU in this shop');
    if (item.price > offer.price) throw ValidationError.field(`items[${i}].price`, `above the SKU's price (${offer.price} fen)`, 'too_big');
    // the shop funds the saving down to its cost, never below (orders/floors.ts)
    const floor = lineFloor(ctx, offer, 1);
    if (item.price < floor) throw ValidationError.field(`items[${i}].price`, `at least what the shop pays for it (${floor} fen)`);
    return { listingId: offer.listingId, listingSkuId: item.skuId, price: item.price };
  });
  return { items, offers };
}

async function writeLimitedPrice(ctx: Ctx, id: number | null, body: LimitedPriceBody): Promise<number> {
  const { items, offers } = await itemsOf(ctx, body);
  const fields = { name: body.name, ...windowOf(body) };
  await repo.ensureGuard(ctx);
  return withTransaction(ctx, async (tx) => {
    await repo.takeGuard(tx);
    const [clash] = await repo.overlappingItems(tx, items.map((i) => i.listingSkuId), fields, id);
    if (clash) throw promotionsErrors.overlap(clash.listingSkuId, offers.get(clash.listingSkuId)?.title ?? '', clash.limitedPriceId);
    await forgetLive(tx);
    if (id === null) return repo.insertLimitedPrice(tx, fields, items);
    if (!(await repo.updateLimitedPrice(tx, id, fields, items))) throw promotionsErrors.ended();
    return id;
  });
}

export async function createLimitedPrice(ctx: Ctx, body: LimitedPriceBody): Promise<{ id: number }> {
  return { id: await writeLimitedPrice(ctx, null, body) };
}

async function limitedPriceViews(ctx: Ctx, rows: LimitedPriceRow[]) {
  const now = clock.now();
  const [offers, figures] = await Promise.all([offersFor(ctx, [...new Set(rows.flatMap((r) => r.items.map((i) => i.listingSkuId)))]), repo.usageFigures(ctx, 'limited_price', rows.map((r) => r.id))]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    ...windowView(r, now),
    items: r.items.map((i) => {
      const o = offers.get(i.listingSkuId);
      const originalPrice = o?.price ?? i.price;
      return {
        skuId: i.listingSkuId,
        productId: i.listingId,
        title: o?.title ?? '',
        specs: o?.specs ?? {},
        image: o?.image ?? null,
        originalPrice,
        price: i.price,
        discountPercent: originalPrice > 0 ? Math.round(((originalPrice - i.price) * 100) / originalPrice) : 0,
      };
    }),
    figures: figures.get(r.id) ?? noFigures,
  }));
}
export type LimitedPriceView = Awaited<ReturnType<typeof limitedPriceViews>>[number];

async function loadLimitedPrice(ctx: Ctx, id: number): Promise<LimitedPriceRow> {
  const row = await repo.findLimitedPrice(ctx, id);
  if (!row) throw notFound('Limited price');
  return row;
}

export async function getLimitedPrice(ctx: Ctx, id: number): Promise<LimitedPriceView> {
  return (await limitedPriceViews(ctx, [await loadLimitedPrice(ctx, id)]))[0]!;
}

export async function listLimitedPrices(ctx: Ctx, q: ListQuery): Promise<Page<LimitedPriceView>> {
  const { rows, count } = await repo.limitedPricePage(ctx, q.status, clock.now(), q);
  return pageOf(q, await limitedPriceViews(ctx, rows), count);
}

export async function updateLimitedPrice(ctx: Ctx, id: number, body: LimitedPriceBody): Promise<LimitedPriceView> {
  const row = await loadLimitedPrice(ctx, id);
  if (statusOf(row, clock.now()) === 'ended') throw promotionsErrors.ended();
  await writeLimitedPrice(ctx, id, body);
  return getLimitedPrice(ctx, id);
}

export async function endLimitedPrice(ctx: Ctx, id: number): Promise<LimitedPriceView> {
  await loadLimitedPrice(ctx, id);
  await withTransaction(ctx, async (tx) => {
    if (!(await repo.endLimitedPrice(tx, id, clock.now()))) throw promotionsErrors.ended();
    await forgetLive(tx);
  });
  return getLimitedPrice(ctx, id);
}
