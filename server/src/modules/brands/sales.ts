/**
 * 品牌分销 sales: what the brand's distributors sold of its range, per day, per distributor or per
 * product. Sums of the distributors' paid order lines of the brand's goods only, refunds subtracted;
 * no order, shopper, phone or address ever leaves here, and none of the distributors' other goods.
 */
import type { Writable } from 'node:stream';
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { sheetWriter, type Cell } from '../catalog/index.js';
import { ownerSalesInShops, type OwnerSalesGroup, type OwnerSalesRow } from '../orders/index.js';
import { brandErrors } from './errors.js';
import { assertBrandOwner, distributorsOf, type Distributor } from './network.js';

export type SalesGroup = 'day' | 'distributor' | 'product';

export interface SalesQuery {
  from?: string;
  to?: string;
  distributorId?: number;
  groupBy: SalesGroup;
}

export interface SalesFigures {
  orders: number;
  units: number;
  /** Paid for the lines (GMV), in fen. */
  gmv: number;
  refunds: number;
  refundedUnits: number;
  /** gmv - refunds. */
  net: number;
}

export interface SalesRow extends SalesFigures {
  /** The day (YYYY-MM-DD), the distributor's or the product's id, as text. */
  key: string;
  /** What the row is called on screen: the day, the distributor's shop name or the product's title. */
  label: string;
}

export interface SalesReport {
  from: string;
  to: string;
  groupBy: SalesGroup;
  distributorId: number | null;
  distributors: Distributor[];
  totals: SalesFigures;
  rows: SalesRow[];
}

const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3_600_000;
const beijingToday = () => new Date(clock.now().getTime() + BEIJING_MS).toISOString().slice(0, 10);
/** The instant a Beijing day starts. */
const dayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) - BEIJING_MS);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00.000Z`) + n * DAY_MS).toISOString().slice(0, 10);

const figures = (r: OwnerSalesRow | undefined): SalesFigures => ({
  orders: r?.orders ?? 0,
  units: r?.units ?? 0,
  gmv: r?.paid ?? 0,
  refunds: r?.refunded ?? 0,
  refundedUnits: r?.refundedUnits ?? 0,
  net: (r?.paid ?? 0) - (r?.refunded ?? 0),
});

const ORDER_GROUP: Record<SalesGroup, OwnerSalesGroup> = { day: 'day', distributor: 'shop', product: 'product' };

export async function brandSales(ctx: Ctx, q: SalesQuery): Promise<SalesReport> {
  const brandId = await assertBrandOwner(ctx);
  const to = q.to ?? beijingToday();
  const from = q.from ?? addDays(to, -29);
  if (from > to) throw brandErrors.rangeTooLong();
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS > 366) throw brandErrors.rangeTooLong();
  const distributors = await distributorsOf(ctx, brandId);
  if (q.distributorId !== undefined && !distributors.some((d) => d.id === q.distributorId)) throw brandErrors.unknownDistributor();
  const shopIds = q.distributorId !== undefined ? [q.distributorId] : distributors.map((d) => d.id);
  const owner = { kind: 'tenant' as const, id: brandId };
  const range = { from: dayStart(from), to: dayStart(addDays(to, 1)) };
  const [rows, [total]] = await Promise.all([
    ownerSalesInShops(ctx, owner, shopIds, range, ORDER_GROUP[q.groupBy]),
    ownerSalesInShops(ctx, owner, shopIds, range, 'total'),
  ]);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  let out: SalesRow[];
  if (q.groupBy === 'day') {
    // every day of the range, so a chart's axis has no gaps
    out = [];
    for (let day = from; day <= to; day = addDays(day, 1)) out.push({ key: day, label: day, ...figures(byKey.get(day)) });
  } else if (q.groupBy === 'distributor') {
    out = distributors.filter((d) => shopIds.includes(d.id)).map((d) => ({ key: String(d.id), label: d.name, ...figures(byKey.get(String(d.id))) }));
    out.sort((a, b) => b.gmv - a.gmv || Number(a.key) - Number(b.key));
  } else {
    out = rows.map((r) => ({ key: r.key, label: r.title ?? r.key, ...figures(r) })).sort((a, b) => b.gmv - a.gmv || Number(a.key) - Number(b.key));
  }
  return { from, to, groupBy: q.groupBy, distributorId: q.distributorId ?? null, distributors, totals: figures(total), rows: out };
}

const GROUP_HEADER: Record<SalesGroup, string> = { day: '日期', distributor: '分销商', product: '商品' };
const yuan = (fen: number): Cell => fen / 100;

/** The same figures as a sheet (XLSX): one row per day, distributor or product, then the total. */
export async function exportBrandSales(ctx: Ctx, q: SalesQuery, out: Writable): Promise<void> {
  const report = await brandSales(ctx, q);
  const writer = sheetWriter('xlsx', out, [4, 5, 6], '分销销售');
  const distributor = report.distributorId ? report.distributors.find((d) => d.id === report.distributorId)?.name ?? '' : '全部分销商';
  await writer.addRows([
    ['品牌分销销售', `${report.from} 至 ${report.to}`, distributor],
    [],
    [GROUP_HEADER[report.groupBy], '订单数', '销售件数', '退款件数', '销售额(元)', '退款(元)', '净销售额(元)'],
    ...report.rows.map((r) => [r.label, r.orders, r.units, r.refundedUnits, yuan(r.gmv), yuan(r.refunds), yuan(r.net)]),
    ['合计', report.totals.orders, report.totals.units, report.totals.refundedUnits, yuan(report.totals.gmv), yuan(report.totals.refunds), yuan(report.totals.net)],
  ]);
  await writer.finish();
}
