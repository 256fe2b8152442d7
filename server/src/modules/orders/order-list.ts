/**
 * The console's order list and its export, under the same filters: placed between two times, paid
 * by a method, bought by a shopper (nickname or phone, or the recipient's name or phone), holding
 * goods of a title. Each filter that lives in another module (payments, customers) is asked there
 * by its public read, bounded, and comes back as ids. The export writes pages of 500 orders by id
 * to the response as it reads them, so a large shop's export never sits in memory.
 */
import type { Writable } from 'node:stream';
import type { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { pageOf } from '../../core/db/index.js';
import { accessibleWhere, can } from '../../core/permissions.js';
import { sheetWriter, type Cell, type SheetFormat } from '../catalog/index.js';
import { customerBriefs, customersMatching } from '../customers/index.js';
import { methodsOfOrders, ordersPaidWith, type PaymentMethod } from '../payments/index.js';
import type { OrderStatus } from './model.js';
import { orderCountsByStatus, orderPage, ordersBefore, type OrderFilter, type OrderRow } from './repository/orders.js';
import { itemsOfOrders } from './repository/lines.js';
import type { adminOrderFilters, adminOrderListQuery } from './schemas.js';
import { orderViews } from './views.js';

/** A payment or shopper filter narrows to at most this many of the newest matches. */
const MATCH_LIMIT = 2000;
const EXPORT_PAGE = 500;
const STATUSES: OrderStatus[] = ['pending_payment', 'paid', 'shipped', 'received', 'completed', 'cancelled', 'refunded'];

type Filters = z.infer<typeof adminOrderFilters>;

async function orderFilter(ctx: Ctx, q: Filters): Promise<OrderFilter> {
  return {
    accessible: accessibleWhere(ctx, 'read', 'Order'),
    status: q.status,
    channel: q.channel,
    orderNoPrefix: q.q,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    ids: q.payment ? await ordersPaidWith(ctx, q.payment, MATCH_LIMIT) : undefined,
    shopper: q.shopper ? { customerIds: await customersMatching(ctx, q.shopper, MATCH_LIMIT), text: q.shopper } : undefined,
    goods: q.goods,
  };
}

interface Shoppers {
  customers: Map<number, { id: number; nickname: string | null; phone: string | null }>;
  methods: Map<number, PaymentMethod>;
}

/** Who bought each order and how it was paid, two statements a page. */
async function shoppersOf(ctx: Ctx, rows: OrderRow[]): Promise<Shoppers> {
  const [customers, methods] = await Promise.all([
    customerBriefs(ctx, rows.map((o) => o.customerId), can(ctx, 'readPhone', 'Customer')),
    methodsOfOrders(ctx, rows.map((o) => o.id)),
  ]);
  return { customers, methods };
}

export async function staffOrderList(ctx: Ctx, q: z.infer<typeof adminOrderListQuery>) {
  const filter = await orderFilter(ctx, q);
  const [{ rows, count }, byStatus] = await Promise.all([orderPage(ctx, filter, q), orderCountsByStatus(ctx, filter)]);
  const [views, who] = await Promise.all([orderViews(ctx, rows, 'staff'), shoppersOf(ctx, rows)]);
  const items = views.map((v, i) => ({ ...v, customer: who.customers.get(rows[i]!.customerId) ?? null, paymentMethod: who.methods.get(rows[i]!.id) ?? null }));
  const counts = Object.fromEntries([['all', [...byStatus.values()].reduce((a, b) => a + b, 0)], ...STATUSES.map((s) => [s, byStatus.get(s) ?? 0])]) as Record<'all' | OrderStatus, number>;
  return { ...pageOf(q, items, count), counts };
}

// ---- export ----

const STATUS_NAMES: Record<OrderStatus, string> = {
  pending_payment: '待付款',
  paid: '待发货',
  shipped: '已发货',
  received: '已收货',
  completed: '已完成',
  cancelled: '已取消',
  refunded: '已退款',
};
const METHOD_NAMES: Record<PaymentMethod, string> = { wechat: '微信支付', alipay: '支付宝', balance: '余额', sandbox: '模拟支付', till: '门店收银' };
const HEADER = ['订单号', '下单时间', '支付时间', '状态', '配送', '顾客', '顾客手机', '收货人', '收货电话', '收货地址', '商品', '件数', '商品金额', '运费', '优惠', '实付', '已退款', '支付方式', '备注'];
const MONEY_COLUMNS = [12, 13, 14, 15, 16];

/** A time as Beijing time, `2026-12-06 14:03`, the way a shop reads its books. */
const beijingTime = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

async function exportRows(ctx: Ctx, rows: OrderRow[], format: SheetFormat): Promise<Cell[][]> {
  const [items, who] = await Promise.all([itemsOfOrders(ctx, rows.map((o) => o.id)), shoppersOf(ctx, rows)]);
  const yuan = (fen: number): Cell => (format === 'xlsx' ? fen / 100 : (fen / 100).toFixed(2));
  return rows.map((o) => {
    const lines = items.filter((i) => i.orderId === o.id);
    const customer = who.customers.get(o.customerId);
    const method = who.methods.get(o.id);
    const a = o.address;
    return [
      o.orderNo,
      beijingTime(o.createdAt),
      beijingTime(o.paidAt),
      STATUS_NAMES[o.status],
      o.delivery === 'pickup' ? '到店自提' : '快递',
      customer?.nickname ?? '',
      customer?.phone ?? '',
      a?.name ?? '',
      a?.phone ?? '',
      a ? `${a.province}${a.city}${a.district} ${a.detail}` : '',
      lines.map((l) => `${l.title}${Object.values(l.specs).length ? `（${Object.values(l.specs).join('/')}）` : ''} ×${l.quantity}`).join('；'),
      lines.reduce((n, l) => n + l.quantity, 0),
      yuan(o.goodsAmount),
      yuan(o.freightAmount),
      yuan(o.discountAmount),
      yuan(o.paidAmount),
      yuan(o.refundedAmount),
      method ? METHOD_NAMES[method] : '',
      o.remark ?? '',
    ];
  });
}

/** The filtered orders as a sheet, newest first, written to `out` page by page. */
export async function exportOrders(ctx: Ctx, q: Filters & { format: SheetFormat }, out: Writable): Promise<void> {
  const filter = await orderFilter(ctx, q);
  const writer = sheetWriter(q.format, out, MONEY_COLUMNS, '订单');
  await writer.addRows([HEADER]);
  for (let beforeId = Number.MAX_SAFE_INTEGER; ; ) {
    const page = await ordersBefore(ctx, filter, beforeId, EXPORT_PAGE);
    if (page.length) await writer.addRows(await exportRows(ctx, page, q.format));
    if (page.length < EXPORT_PAGE) break;
    beforeId = page[page.length - 1]!.id;
  }
  await writer.finish();
}
