/**
 * Shipping from a sheet: an owner downloads its orders waiting to ship (one row per order), fills
 * in the carrier and tracking number, and uploads it back. Each row is checked (a known carrier, a
 * tracking number of the usual form, an order of the owner's still to ship) and shipped with the
 * same ship operation as one at a time; a fulfilment ships once however often or however
 * concurrently the same sheet comes back (its transition is conditional), so a row already shipped
 * answers `skipped` rather than shipping twice.
 */
import type { Writable } from 'node:stream';
import type { Ctx } from '../../core/context.js';
import { AppError, ValidationError } from '../../core/errors.js';
import { readSheet, sheetWriter } from '../catalog/index.js';
import { carrierName, normalizeCarrier } from '../fulfillment/index.js';
import { ownerFulfillments, ownerShip, type GoodsOwner, type OwnerFulfillmentView } from './owner-queue.js';

export const SHIP_SHEET_HEADERS = ['订单号', '收件人', '电话', '收货地址', '商品', '快递公司', '运单号'];
const MAX_ROWS = 1000;
const TRACKING = /^[A-Za-z0-9-]{6,40}$/;

export interface ShipRowResult {
  /** The row's number in the sheet (the header is row 1). */
  row: number;
  orderNo: string;
  status: 'shipped' | 'skipped' | 'failed';
  /** Why it did not ship: carrier_unknown, tracking_invalid, order_not_found, already_shipped, or an API error code. */
  code: string | null;
  carrier: string | null;
  trackingNo: string | null;
}

/** The owner's fulfilments in a status, every page (a sheet holds at most MAX_ROWS of them). */
async function queue(ctx: Ctx, owner: GoodsOwner, status: 'to_ship' | 'shipped'): Promise<OwnerFulfillmentView[]> {
  const all: OwnerFulfillmentView[] = [];
  for (let page = 1; all.length < MAX_ROWS; page++) {
    const { items, total } = await ownerFulfillments(ctx, owner, { page, pageSize: 100, status });
    all.push(...items);
    if (!items.length || all.length >= total) break;
  }
  return all;
}

/** The sheet to fill in: every order of the owner's waiting to ship, carrier and tracking number empty. */
export async function writeShipTemplate(ctx: Ctx, owner: GoodsOwner, out: Writable): Promise<void> {
  const writer = sheetWriter('xlsx', out);
  await writer.addRows([SHIP_SHEET_HEADERS]);
  const byOrder = new Map<string, OwnerFulfillmentView[]>();
  for (const f of await queue(ctx, owner, 'to_ship')) byOrder.set(f.orderNo, [...(byOrder.get(f.orderNo) ?? []), f]);
  await writer.addRows(
    [...byOrder].map(([orderNo, fs]) => {
      const a = fs[0]!.address;
      const goods = fs.flatMap((f) => f.items.filter((i) => i.toShip > 0).map((i) => `${i.title}${Object.values(i.specs).length ? `（${Object.values(i.specs).join(' ')}）` : ''} ×${i.toShip}`)).join('；');
      return [orderNo, a?.name ?? '', a?.phone ?? '', a ? `${a.province}${a.city}${a.district}${a.detail}` : '', goods, '', ''];
    }),
  );
  await writer.finish();
}

/** Reads the uploaded sheet, checks each row and ships it: one result per row, in the sheet's order. */
export async function shipFromSheet(ctx: Ctx, owner: GoodsOwner, bytes: Buffer): Promise<{ shipped: number; skipped: number; failed: number; rows: ShipRowResult[] }> {
  const sheet = await readSheet(bytes, MAX_ROWS);
  const col = (name: string) => sheet.headers.indexOf(name);
  const [orderCol, carrierCol, trackingCol] = [col('订单号'), col('快递公司'), col('运单号')];
  if (orderCol < 0 || carrierCol < 0 || trackingCol < 0) throw ValidationError.field('file', `the sheet needs the columns 订单号, 快递公司 and 运单号 (download the template)`);
  const [toShip, shipped] = await Promise.all([queue(ctx, owner, 'to_ship'), queue(ctx, owner, 'shipped')]);
  const rows: ShipRowResult[] = [];
  for (const r of sheet.rows) {
    const orderNo = r.cells[orderCol] ?? '';
    const typed = r.cells[carrierCol] ?? '';
    const trackingNo = (r.cells[trackingCol] ?? '').trim();
    const base = { row: r.row, orderNo, carrier: null, trackingNo: trackingNo || null };
    const code = normalizeCarrier(typed);
    // a carrier the tracking service does not know could never be followed
    if (!code || carrierName(code) === code) {
      rows.push({ ...base, status: 'failed', code: 'carrier_unknown' });
      continue;
    }
    if (!TRACKING.test(trackingNo)) {
      rows.push({ ...base, carrier: code, status: 'failed', code: 'tracking_invalid' });
      continue;
    }
    const mine = toShip.filter((f) => f.orderNo === orderNo);
    if (!mine.length) {
      const done = shipped.some((f) => f.orderNo === orderNo);
      rows.push({ ...base, carrier: code, status: done ? 'skipped' : 'failed', code: done ? 'already_shipped' : 'order_not_found' });
      continue;
    }
    rows.push({ ...base, carrier: code, ...(await shipAll(ctx, owner, mine, code, trackingNo)) });
  }
  const count = (s: ShipRowResult['status']) => rows.filter((x) => x.status === s).length;
  return { shipped: count('shipped'), skipped: count('skipped'), failed: count('failed'), rows };
}

/** Ships each of the order's fulfilments of this owner; one shipped meanwhile (another upload) is skipped. */
async function shipAll(ctx: Ctx, owner: GoodsOwner, fulfilments: OwnerFulfillmentView[], carrier: string, trackingNo: string): Promise<Pick<ShipRowResult, 'status' | 'code'>> {
  let shippedAny = false;
  for (const f of fulfilments) {
    try {
      await ownerShip(ctx, owner, f.id, { carrier, trackingNo });
      shippedAny = true;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'invalid_state' || err.code === 'nothing_to_ship') continue;
      return { status: 'failed', code: err.code };
    }
  }
  return shippedAny ? { status: 'shipped', code: null } : { status: 'skipped', code: 'already_shipped' };
}
