/**
 * The server prices everything; a client's prices are never read. A quote takes SKUs and
 * quantities and a destination, and returns: priced lines (the shop's prices), an allocation of
 * every unit to a warehouse of its owner (same city, then same province, then any; a line may be
 * split across warehouses), one fulfilment group per owner and warehouse with its freight, the
 * adjustments of the pricing pipeline (coupons, full reduction, member price, points: modules
 * contribute adjusters to `quoteAdjusters`, run in their order), and the totals.
 */
import type { Ctx } from '../../core/context.js';
import { contributionsTo } from '../../core/hooks.js';
import { conflict, ValidationError } from '../../core/errors.js';
import type { SkuWarehouse } from '../catalog/index.js';
import { freightFor } from '../fulfillment/index.js';
import { offersFor, type Offer } from '../market/index.js';
import { lineFloor } from './floors.js';
import { quoteAdjusters, type QuoteAdjuster } from './hooks.js';
import type { AddressSnapshot, Delivery } from './model.js';

export interface QuoteInput {
  items: Array<{ skuId: number; quantity: number }>;
  address: AddressSnapshot | null;
  delivery: Delivery;
  customerId: number;
  /** Checkout before an address exists: price the goods, leave freight to the address (`addressNeeded`). */
  estimate?: boolean;
  /** The shopper's coupon (their claimed coupon's id). */
  couponId?: number;
  /** Points the shopper wants to spend. */
  usePoints?: number;
  /**
   * The activity this order is bought through (a flash sale's item, a group buy's group), set by
   * that module's buy endpoint, never by a client: its adjuster prices the order, and the stacking
   * rules (stacking.ts) keep the others out.
   */
  activity?: { kind: string; id: number };
  /** Picked up at a place that takes the shop's suppliers' goods too (a community point: the shop brings them). */
  pickupAnyOwner?: boolean;
  /** Same-city delivery: the store's fee is the freight (on the order's first fulfilment), in place of the templates'. */
  placeFreight?: number;
  /** The pickup place holds the goods (a store): no warehouse allocation, one group per owner at warehouse 0. */
  placeStock?: boolean;
}

export interface QuoteLine {
  index: number;
  offer: Offer;
  quantity: number;
  subtotal: number;
  /** This line's share of the adjustments (negative or zero). */
  discount: number;
}

export interface QuotePart {
  lineIndex: number;
  quantity: number;
}

export interface QuoteGroup {
  ownerKind: 'supplier' | 'tenant';
  ownerId: number;
  warehouseId: number;
  parts: QuotePart[];
  freight: number;
}

export interface Adjustment {
  type: string;
  label: string;
  /** Negative for a saving. */
  amount: number;
  /** The adjuster (its contribution's name) that made it: it reserves and releases what it gave. */
  source?: string;
  /**
   * Its share on each line when it prices lines (a limited-time price, a member price): the shares
   * add up to `amount`. Without it the saving is the order's, spread over the lines by what is left
   * of them.
   */
  lines?: Array<{ index: number; amount: number }>;
  /** A saving on the freight (free shipping): it leaves the goods' net prices alone. */
  onFreight?: boolean;
  /** What the saving came from or used up (the shopper's coupon, the activity): its adjuster's `reserve` and `release` act on it. */
  ref?: { kind: string; id: number };
}

export interface Quote {
  lines: QuoteLine[];
  groups: QuoteGroup[];
  adjustments: Adjustment[];
  goodsAmount: number;
  freightAmount: number;
  discountAmount: number;
  payAmount: number;
  /** Priced without a destination (an estimate): freight is not counted and the order cannot be placed yet. */
  addressNeeded: boolean;
}

/** What an adjuster sees: the priced lines and the adjustments of the adjusters before it. */
export type QuoteSoFar = Readonly<Pick<Quote, 'lines' | 'goodsAmount' | 'freightAmount'>> & { readonly adjustments: readonly Adjustment[] };

/**
 * The adjusters in their order, each seeing what the earlier ones gave; every adjustment is a
 * saving (zero or negative, whole fen) and carries its adjuster's name. No I/O of its own: the
 * adjusters are handed in.
 */
export async function runAdjusters(adjusters: ReadonlyArray<{ name: string; value: Pick<QuoteAdjuster, 'adjust'> }>, ctx: Ctx, priced: Omit<QuoteSoFar, 'adjustments'>, input: QuoteInput): Promise<Adjustment[]> {
  const adjustments: Adjustment[] = [];
  for (const adjuster of adjusters) {
    for (const a of await adjuster.value.adjust(ctx, { ...priced, adjustments: [...adjustments] }, input)) {
      if (!Number.isInteger(a.amount) || a.amount > 0) throw new Error(`adjuster ${adjuster.name} returned a non-saving ${a.amount}`);
      if (a.lines && a.lines.reduce((sum, l) => sum + l.amount, 0) !== a.amount) throw new Error(`adjuster ${adjuster.name}: line shares do not add up to ${a.amount}`);
      adjustments.push({ ...a, source: adjuster.name });
    }
  }
  return adjustments;
}

export const MAX_LINES = 50;

/** The "warehouse" of goods a pickup place holds itself (PickupPlace.holdsStock): nothing is taken from or given back to a warehouse. */
export const PLACE_WAREHOUSE = 0;

export type WarehouseStock = SkuWarehouse & { skuId: number };

const rank = (w: WarehouseStock, address: AddressSnapshot | null) => (address && w.city === address.city ? 0 : address && w.province === address.province ? 1 : 2);

/**
 * Units of each line assigned to warehouses: nearest first, larger stock first among equals, then
 * the older warehouse; one warehouse with enough beats a split. Pure.
 */
export function allocate(lines: QuoteLine[], stocks: WarehouseStock[], address: AddressSnapshot | null): Map<number, QuotePart[]> {
  const left = new Map(stocks.map((s) => [`${s.skuId}:${s.warehouseId}`, s.stock]));
  const byWarehouse = new Map<number, QuotePart[]>();
  for (const line of lines) {
    const candidates = stocks.filter((s) => s.skuId === line.offer.skuId).sort((a, b) => rank(a, address) - rank(b, address) || b.stock - a.stock || a.warehouseId - b.warehouseId);
    // one warehouse with enough stock beats splitting a line across several
    const whole = candidates.find((c) => (left.get(`${c.skuId}:${c.warehouseId}`) ?? 0) >= line.quantity);
    let need = line.quantity;
    for (const c of whole ? [whole] : candidates) {
      const key = `${c.skuId}:${c.warehouseId}`;
      const take = Math.min(need, left.get(key) ?? 0);
      if (take <= 0) continue;
      left.set(key, (left.get(key) ?? 0) - take);
      byWarehouse.set(c.warehouseId, [...(byWarehouse.get(c.warehouseId) ?? []), { lineIndex: line.index, quantity: take }]);
      need -= take;
      if (need === 0) break;
    }
    if (need > 0) throw conflict('insufficient_stock', `Not enough stock for ${line.offer.title}`, { skuId: line.offer.listingSkuId, requested: line.quantity, available: line.quantity - need });
  }
  return byWarehouse;
}

/** Spreads a total over lines in proportion to their subtotals; the last line takes the remainder. Pure. */
export function spread(total: number, lines: ReadonlyArray<Pick<QuoteLine, 'subtotal'>>): number[] {
  const goods = lines.reduce((sum, l) => sum + l.subtotal, 0);
  if (!goods || !total) return lines.map(() => 0);
  const shares = lines.map((l) => Math.trunc((total * l.subtotal) / goods));
  shares[shares.length - 1]! += total - shares.reduce((a, b) => a + b, 0);
  return shares;
}

/**
 * What each line costs after the adjustments so far (positive fen, by line index): line-priced
 * savings on their lines, order savings spread over what is left. What an adjuster computes its
 * threshold or percentage on. Pure.
 */
export function netLines(lines: ReadonlyArray<Pick<QuoteLine, 'subtotal'>>, adjustments: readonly Adjustment[]): number[] {
  const net = lines.map((l) => l.subtotal);
  let orderWide = 0;
  for (const a of adjustments) {
    if (a.lines) for (const share of a.lines) net[share.index]! += share.amount;
    else if (!a.onFreight) orderWide += -a.amount;
  }
  const left = net.reduce((sum, n) => sum + n, 0);
  spread(Math.min(orderWide, left), net.map((subtotal) => ({ subtotal }))).forEach((share, i) => (net[i]! -= share));
  return net.map((n) => Math.max(0, n));
}

/**
 * Each line's share of the savings (zero or positive fen), adding up to `discountAmount`, none
 * above its line's `caps` (what the line may give: its subtotal less its floor, floors.ts). The
 * caller keeps `discountAmount` within the caps' sum. Pure.
 */
export function lineDiscounts(lines: ReadonlyArray<Pick<QuoteLine, 'subtotal'>>, adjustments: readonly Adjustment[], discountAmount: number, caps: readonly number[] = lines.map((l) => l.subtotal)): number[] {
  const net = netLines(lines, adjustments);
  const shares = lines.map((l, i) => l.subtotal - net[i]!);
  const given = shares.reduce((a, b) => a + b, 0);
  // free shipping's saving (and anything the cap cut) is spread by what each line still costs
  const rest = discountAmount - given;
  if (rest >= 0) spread(rest, net.map((subtotal) => ({ subtotal }))).forEach((share, i) => (shares[i]! += share));
  else spread(discountAmount, lines).forEach((share, i) => (shares[i] = share));
  return fitUnder(shares, caps);
}

/** Moves what a line cannot give (above its cap) to the lines that still can, by their room. Pure. */
function fitUnder(shares: number[], caps: readonly number[]): number[] {
  const out = [...shares];
  for (let round = 0; round <= out.length; round++) {
    let excess = 0;
    out.forEach((s, i) => {
      if (s > caps[i]!) {
        excess += s - caps[i]!;
        out[i] = caps[i]!;
      }
    });
    const room = out.map((s, i) => caps[i]! - s);
    if (!excess || !room.some((r) => r > 0)) break;
    spread(excess, room.map((subtotal) => ({ subtotal }))).forEach((add, i) => (out[i]! += add));
  }
  return out;
}

export async function quote(ctx: Ctx, input: QuoteInput): Promise<Quote> {
  if (!input.items.length) throw ValidationError.field('items', 'choose at least one product');
  const seen = new Set<number>();
  input.items.forEach((item, i) => {
    if (seen.has(item.skuId)) throw ValidationError.field(`items[${i}].skuId`, 'listed twice; add the quantities up');
    seen.add(item.skuId);
  });
  const offers = await offersFor(ctx, input.items.map((i) => i.skuId));
  const lines: QuoteLine[] = input.items.map((item, index) => {
    const offer = offers.get(item.skuId);
    if (!offer) throw ValidationError.field(`items[${index}].skuId`, 'no such product SKU in this shop');
    if (!offer.sellable) throw conflict('not_on_sale', `${offer.title} is not on sale`, { skuId: item.skuId });
    return { index, offer, quantity: item.quantity, subtotal: offer.price * item.quantity, discount: 0 };
  });
  if (input.delivery !== 'express' && !input.pickupAnyOwner && lines.some((l) => l.offer.ownerKind !== 'tenant' || l.offer.ownerId !== ctx.tenantId)) {
    throw ValidationError.field('delivery', 'pickup is for the shop\'s own goods only');
  }
  const addressNeeded = input.delivery !== 'pickup' && !input.address;
  if (addressNeeded && !input.estimate) throw ValidationError.field('addressId', 'an address is needed for delivery');

  const stocks = lines.flatMap((l) => l.offer.warehouses.map((w) => ({ ...w, skuId: l.offer.skuId })));
  const allocation = input.placeStock ? new Map([[PLACE_WAREHOUSE, lines.map((l) => ({ lineIndex: l.index, quantity: l.quantity }))]]) : allocate(lines, stocks, input.address);
  const groups: QuoteGroup[] = [];
  for (const [warehouseId, parts] of allocation) {
    const first = lines[parts[0]!.lineIndex]!.offer;
    const freight =
      input.delivery !== 'express' || !input.address
        ? 0
        : await freightFor(
            ctx,
            { kind: first.ownerKind, id: first.ownerId },
            input.address.province,
            parts.map((p) => {
              const o = lines[p.lineIndex]!.offer;
              return { freightTemplateId: o.freightTemplateId, quantity: p.quantity, weightGrams: o.weightGrams, amount: o.price * p.quantity };
            }),
          );
    groups.push({ ownerKind: first.ownerKind, ownerId: first.ownerId, warehouseId, parts, freight });
  }
  if (input.delivery === 'same_city' && input.address && groups[0]) groups[0].freight = input.placeFreight ?? 0;

  const goodsAmount = lines.reduce((sum, l) => sum + l.subtotal, 0);
  const freightAmount = groups.reduce((sum, g) => sum + g.freight, 0);
  const adjustments = await runAdjusters(contributionsTo(quoteAdjusters), ctx, { lines, goodsAmount, freightAmount }, input);
  // savings never take a line below its floor (the shop funds them down to its cost, floors.ts),
  // and a paid order pays at least a fen
  const caps = lines.map((l) => l.subtotal - lineFloor(ctx, l.offer, l.quantity));
  const savings = -adjustments.reduce((sum, a) => sum + a.amount, 0);
  const discountAmount = Math.max(0, Math.min(savings, caps.reduce((a, b) => a + b, 0), goodsAmount + freightAmount - 1));
  lineDiscounts(lines, adjustments, discountAmount, caps).forEach((share, i) => (lines[i]!.discount = share));
  return { lines, groups, adjustments, goodsAmount, freightAmount, discountAmount, payAmount: goodsAmount + freightAmount - discountAmount, addressNeeded };
}
