/**
 * The counter: who may work at which store, the store's orders, and handing pickup orders over.
 * A holder of `stores.manage` works at every store's counter; a clerk (`stores.counter`) only at
 * the store they are bound to: another store, or another store's order or pickup code, is 404 to
 * them, as if it did not exist.
 */
import type { Ctx } from '../../core/context.js';
import { clock } from '../../core/clock.js';
import { ValidationError } from '../../core/errors.js';
import { can } from '../../core/permissions.js';
import { staffNames } from '../accounts/index.js';
import { loadOrder, orderViews, pickupByCode, verifyPickup } from '../orders/index.js';
import { storeErrors } from './errors.js';
import * as repo from './repository.js';
import type { StoreRow } from './repository.js';
import { adminStoreView, storeOf } from './stores.js';

type StaffCtx = Ctx & { actor: { kind: 'merchant'; id: number } };

const isManager = (ctx: Ctx) => can(ctx, 'update', 'Store');

/** The store this staff member may work at the counter of, or 404. */
export async function counterStore(ctx: StaffCtx, storeId: number): Promise<StoreRow> {
  if (!isManager(ctx) && (await repo.clerkStoreOf(ctx, ctx.actor.id)) !== storeId) throw storeErrors.notFound();
  return storeOf(ctx, storeId);
}

/** The signed-in staff member's store (a clerk's console opens on it). */
export async function myStore(ctx: StaffCtx) {
  const storeId = await repo.clerkStoreOf(ctx, ctx.actor.id);
  const store = storeId ? await repo.findStore(ctx, storeId) : null;
  return { store: store ? adminStoreView(store) : null, manager: isManager(ctx) };
}

export async function bindClerk(ctx: Ctx, storeId: number, staffId: number) {
  await storeOf(ctx, storeId);
  const names = await staffNames(ctx, [staffId]);
  if (!names.has(staffId)) throw storeErrors.staffNotFound();
  await repo.bindClerk(ctx, staffId, storeId);
  return clerks(ctx, storeId);
}

export async function unbindClerk(ctx: Ctx, storeId: number, staffId: number) {
  await storeOf(ctx, storeId);
  if (!(await repo.unbindClerk(ctx, storeId, staffId))) throw storeErrors.staffNotFound();
  return clerks(ctx, storeId);
}

export async function clerks(ctx: Ctx, storeId: number) {
  await storeOf(ctx, storeId);
  const ids = await repo.clerksOf(ctx, storeId);
  const names = await staffNames(ctx, ids);
  return { items: ids.map((id) => ({ staffId: id, name: names.get(id) ?? null })) };
}

/** Midnight today in the server's clock (the shop's day starts there for the counter's list). */
function startOfToday(): Date {
  const now = clock.now();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

/** A store's orders, newest first (today's only with `today`). */
export async function counterOrders(ctx: StaffCtx, storeId: number, query: { today?: '1' | '0'; page: number; pageSize: number }) {
  await counterStore(ctx, storeId);
  const { ids, total } = await repo.storeOrderIds(ctx, storeId, { since: query.today === '1' ? startOfToday() : undefined }, query);
  const orders = await Promise.all(ids.map((id) => loadOrder(ctx, id)));
  const kinds = new Map<number, string>();
  for (const id of ids) kinds.set(id, (await repo.storeOrderOf(ctx, id))?.kind ?? 'pickup');
  const views = await orderViews(ctx, orders, 'staff');
  return { items: views.map((v) => ({ ...v, storeKind: kinds.get(v.id) ?? 'pickup' })), total, page: query.page, pageSize: query.pageSize };
}

/** The order behind a code, only if this store serves it. */
async function storeOrderByCode(ctx: StaffCtx, storeId: number, code: string) {
  await counterStore(ctx, storeId);
  const found = await pickupByCode(ctx, code).catch((err: unknown) => {
    if ((err as { status?: number }).status === 404) throw storeErrors.codeUnknown();
    throw err;
  });
  const held = await repo.storeOrderOf(ctx, found.order.id);
  if (!held || held.storeId !== storeId) throw storeErrors.codeUnknown();
  return found;
}

export async function lookUpPickup(ctx: StaffCtx, storeId: number, code: string | undefined) {
  await counterStore(ctx, storeId);
  if (code === undefined) throw ValidationError.field('code', 'type or scan the pickup code', 'required');
  const found = await storeOrderByCode(ctx, storeId, code);
  const [order] = await orderViews(ctx, [found.order], 'staff');
  return { order: order!, customer: found.customer, refusal: found.refusal };
}

/** Hands a pickup order of this store over against its code (the orders module's one handover). */
export async function handOver(ctx: StaffCtx, storeId: number, code: string) {
  await storeOrderByCode(ctx, storeId, code);
  const order = await verifyPickup(ctx, code);
  const [view] = await orderViews(ctx, [await loadOrder(ctx, order.id)], 'staff');
  return view!;
}
