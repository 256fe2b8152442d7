/**
 * The workbenches' figures. Each part is read from the module that owns it, through its public
 * functions, and only when the reader may read what it counts: a staff member without orders.read
 * gets no sales figures, a reviewer on the platform sees only the queues of their permissions.
 */
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { can } from '../../core/permissions.js';
import { shopHome } from '../pages/index.js';
import { casesAwaitingShop, casesToArbitrateCount } from '../aftersales/index.js';
import { listForReview } from '../catalog/index.js';
import { listWithdrawals } from '../finance/index.js';
import { listingCounts } from '../market/index.js';
import { orderTodo, salesByChannel, salesByDay, type DaySalesRow } from '../orders/index.js';
import { offeredMethods } from '../payments/index.js';
import { unrepliedReviews } from '../reviews/index.js';
import { storeView, DEFAULT_COLOR } from '../storefront/index.js';
import { listSuppliers, suppliersAppliedSince } from '../suppliers/index.js';
import { listApps, tenantsOpenedSince } from '../tenants/index.js';
import { beijingDay, dayStart, lastDays } from './days.js';
import { insertVisit, visitorsByDay } from './repository.js';

const TREND_DAYS = 30;

/** A storefront visitor seen today; true the first time today. */
export async function recordVisit(ctx: Ctx, visitorId: string): Promise<{ counted: boolean }> {
  return { counted: await insertVisit(ctx, beijingDay(clock.now()), visitorId) };
}

export interface DayFigures {
  day: string;
  orders: number;
  amount: number;
  visitors: number;
}

function trendOf(days: string[], sales: DaySalesRow[], visitors?: Map<string, number>): DayFigures[] {
  const byDay = new Map(sales.map((s) => [s.day, s]));
  return days.map((day) => ({ day, orders: byDay.get(day)?.orders ?? 0, amount: byDay.get(day)?.amount ?? 0, visitors: visitors?.get(day) ?? 0 }));
}

/** A number, or null when the reader may not read what it counts. */
const when = <T>(allowed: boolean, read: () => Promise<T>): Promise<T | null> => (allowed ? read() : Promise.resolve(null));

export type SetupStep = 'brand' | 'products' | 'payment' | 'homePage' | 'miniProgram';

/** Whether the shop has published a home page (the pages module answers not found until it has). */
async function homePublished(ctx: Ctx): Promise<boolean> {
  try {
    await shopHome(ctx);
    return true;
  } catch (err) {
    if (err instanceof AppError && err.status === 404) return false;
    throw err;
  }
}

async function setupGuide(ctx: Ctx, listings: number | null): Promise<Array<{ step: SetupStep; done: boolean }>> {
  const [store, methods, apps] = await Promise.all([storeView(ctx), offeredMethods(ctx), listApps(ctx, requireTenantId(ctx))]);
  const branded = store.branding.logoUrl !== null || store.branding.primaryColor.toLowerCase() !== DEFAULT_COLOR.toLowerCase();
  return [
    { step: 'brand', done: branded },
    { step: 'products', done: (listings ?? (await listingCounts(ctx)).listings) > 0 },
    { step: 'payment', done: methods.some((m) => m.method === 'wechat' || m.method === 'alipay') },
    { step: 'homePage', done: await homePublished(ctx) },
    { step: 'miniProgram', done: apps.length > 0 },
  ];
}

export async function workbench(ctx: Ctx) {
  const days = lastDays(clock.now(), TREND_DAYS);
  const readsOrders = can(ctx, 'read', 'Order');
  const [orders, aftersales, reviews, goods, sales, visitors] = await Promise.all([
    when(readsOrders, () => orderTodo(ctx)),
    when(can(ctx, 'read', 'Aftersale'), () => casesAwaitingShop(ctx)),
    when(can(ctx, 'read', 'Review'), () => unrepliedReviews(ctx)),
    when(can(ctx, 'read', 'Listing'), () => listingCounts(ctx)),
    when(readsOrders, () => salesByDay(ctx, dayStart(days[0]!), 'shop')),
    when(readsOrders, () => visitorsByDay(ctx, days[0]!)),
  ]);
  const channels = await when(readsOrders, async () => ({ today: await salesByChannel(ctx, dayStart(days[days.length - 1]!)), month: await salesByChannel(ctx, dayStart(days[0]!)) }));
  const trend = sales ? trendOf(days, sales, visitors ?? undefined) : null;
  return {
    todo: {
      toPay: orders?.toPay ?? null,
      toShip: orders?.toShip ?? null,
      toPickUp: orders?.toPickUp ?? null,
      aftersales,
      reviews,
      lowStock: goods?.lowStock ?? null,
    },
    today: trend ? trend[trend.length - 1]! : null,
    yesterday: trend ? trend[trend.length - 2]! : null,
    trend,
    channels,
    setup: can(ctx, 'read', 'StoreSettings') ? await setupGuide(ctx, goods?.listings ?? null) : null,
  };
}

const onePage = { page: 1, pageSize: 1 } as const;

export async function platformDashboard(ctx: Ctx) {
  const now = clock.now();
  const days = lastDays(now, TREND_DAYS);
  const weekStart = dayStart(days[days.length - 7]!);
  const todayStart = dayStart(days[days.length - 1]!);
  const [sales, tenantsToday, tenantsWeek, suppliersToday, suppliersWeek, suppliersPending, productsNew, productsChanged, arbitration, withdrawals] = await Promise.all([
    when(can(ctx, 'read', 'Finance'), () => salesByDay(ctx, dayStart(days[0]!), 'platform')),
    when(can(ctx, 'read', 'Tenant'), () => tenantsOpenedSince(ctx, todayStart)),
    when(can(ctx, 'read', 'Tenant'), () => tenantsOpenedSince(ctx, weekStart)),
    when(can(ctx, 'read', 'Supplier'), () => suppliersAppliedSince(ctx, todayStart)),
    when(can(ctx, 'read', 'Supplier'), () => suppliersAppliedSince(ctx, weekStart)),
    when(can(ctx, 'read', 'Supplier'), async () => (await listSuppliers(ctx, { ...onePage, status: 'pending' })).total),
    when(can(ctx, 'read', 'Product'), async () => (await listForReview(ctx, { ...onePage, status: 'pending_review' })).total),
    when(can(ctx, 'read', 'Product'), async () => (await listForReview(ctx, { ...onePage, revision: 'pending' })).total),
    when(can(ctx, 'read', 'Aftersale'), () => casesToArbitrateCount()),
    when(can(ctx, 'read', 'Finance'), async () => (await listWithdrawals(ctx, { ...onePage, status: 'pending' })).total),
  ]);
  const trend = sales ? trendOf(days, sales) : null;
  const sum = (rows: DayFigures[], key: 'orders' | 'amount') => rows.reduce((n, r) => n + r[key], 0);
  return {
    sales: trend
      ? {
          today: { orders: trend[trend.length - 1]!.orders, amount: trend[trend.length - 1]!.amount },
          week: { orders: sum(trend.slice(-7), 'orders'), amount: sum(trend.slice(-7), 'amount') },
          trend: trend.map(({ day, orders, amount }) => ({ day, orders, amount })),
        }
      : null,
    newTenants: tenantsToday === null ? null : { today: tenantsToday, week: tenantsWeek ?? 0 },
    newSuppliers: suppliersToday === null ? null : { today: suppliersToday, week: suppliersWeek ?? 0 },
    queues: {
      suppliers: suppliersPending,
      products: productsNew === null ? null : productsNew + (productsChanged ?? 0),
      arbitration,
      withdrawals,
    },
  };
}
