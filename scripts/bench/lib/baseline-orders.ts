/**
 * The hand-written baseline for POST /api/v1/shop/orders: node:http + a mysql2 pool, one
 * transaction per request that makes the SAME writes our placeOrder() makes for a one-line
 * express order, in the same order, on the same tables and columns:
 *
 *   START TRANSACTION
 *   SELECT  one statement: the tenant by slug (status, plan, settings), the token's session
 *           (auth_sessions by sid: not revoked, same kind, actor and tenant), the customer (active),
 *           the address (the shopper's own), the listing SKU with its listing (price, title,
 *           image, on sale), the SKU and product (specs, supply price, weight, owner, approved),
 *           the category's fee rate, the warehouse the unit ships from (nearest with the stock:
 *           same city, then province, then any; larger stock first, as quote.ts allocates) and
 *           the freight template (the product's, else the owner's default)
 *   UPDATE  sku_stocks   SET stock = stock - n ... WHERE sku_id = ? AND warehouse_id = ? AND stock >= n
 *   UPDATE  product_skus SET stock = LAST_INSERT_ID(stock - n) ... WHERE id = ? AND stock >= n
 *           (the stock left comes back in the OK packet: a sold-out SKU schedules the same
 *           catalog.refresh-stock job ours does, the same way ours learns it: core/db takeFromRow)
 *   INSERT  orders, fulfillments, order_items, order_history, domain_events (order.created: the
 *           event's one outbox row, as ours writes it); no timeout job: an unpaid order's deadline
 *           is its expires_at, which ours sweeps by index
 *   DELETE  cart_items of the bought listing SKU
 *   COMMIT
 *
 * (BASELINE_RESERVE=last moves the two UPDATEs after the inserts and the DELETE, just before the
 * COMMIT: the same writes, the stock rows locked for three statements instead of eight) and
 * answers 201 with the shopper's view of the order, built from what it wrote (as ours does). Deadlocks and lock wait timeouts are retried up to
 * four times, like core/db/transaction.ts.
 *
 * Authentication is the cheapest correct one: the token's HMAC-SHA256 and expiry checked here
 * (APP_SECRET), the session and the customer inside the one SELECT above, so a revoked session or
 * a disabled shopper is refused at once. Ours refuses a revoked session at once too (the session
 * cache in Redis); it keeps the shopper with the session, so disabling a shopper revokes their
 * sessions.
 *
 * What it does not do that ours does (orders.ts prints this list): express's stack (request ids,
 * access log line, helmet headers), the route registry (zod validation of the body, the
 * CASL ability built for the request, the tenant safety-net hooks on every query, AsyncLocalStorage
 * context), the Redis lookup of the session, orders of several lines (split across
 * warehouses or owners), self-pickup, the quote's adjuster pipeline (no adjuster is registered),
 * Idempotency-Key. It imports nothing of the app.
 *
 * Run as a child of orders.ts (IPC); PORT, APP_SECRET, DB_POOL_MAX and BENCH_DATABASE_URL from the environment.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import path from 'node:path';
import mysql, { type PoolConnection, type ResultSetHeader } from 'mysql2/promise';
import { benchDatabaseUrl, ORDERS_DATABASE_URL, PLATFORM_DOMAIN, projectRoot } from './env.js';

const SECRET = process.env.APP_SECRET ?? '';
if (SECRET.length < 32) throw new Error('APP_SECRET is needed to check tokens');
/** The platform fee of a plan when the category sets none (config/default.json, as the server reads it). */
const PLAN_FEE_BPS = (JSON.parse(readFileSync(path.join(projectRoot, 'config', 'default.json'), 'utf8')) as { platformFeeBps: Record<string, number> }).platformFeeBps;
const DEFAULT_CANCEL_MINUTES = 30;
/** BASELINE_RESERVE=last reserves after the inserts and the DELETE (the hot rows locked for 3 statements instead of 9). */
const RESERVE_LAST = process.env.BASELINE_RESERVE === 'last';

const pool = mysql.createPool({
  uri: benchDatabaseUrl(ORDERS_DATABASE_URL),
  connectionLimit: Number(process.env.DB_POOL_MAX ?? 20),
  charset: 'utf8mb4',
  timezone: 'Z',
  supportBigNumbers: true,
  dateStrings: false,
});

const counts = { begin: 0, select: 0, update: 0, insert: 0, delete: 0, commit: 0, rollback: 0, deadlockRetries: 0, duplicateOrderNo: 0 };
let statements = 0;

// ------------------------------------------------------------------ tokens

interface Claims {
  sid: string;
  kind: string;
  sub: number;
  tid: number | null;
  exp: number;
}
const TOKEN_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function verify(token: string): Claims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== TOKEN_HEADER) return null;
  const expected = Buffer.from(createHmac('sha256', SECRET).update(`${parts[0]}.${parts[1]}`).digest('base64url'));
  const given = Buffer.from(parts[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const c = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Claims;
    if (c.kind !== 'shopper' || typeof c.sid !== 'string' || !Number.isInteger(c.sub) || typeof c.exp !== 'number' || c.exp <= Date.now() / 1000) return null;
    return c;
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------ input

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Input {
  skuId: number;
  quantity: number;
  addressId: number;
  remark: string | null;
}

const posInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0 && (v as number) <= Number.MAX_SAFE_INTEGER;

function parseInput(raw: string): Input {
  let b: Record<string, unknown>;
  try {
    b = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    throw new Refusal(400, 'validation_failed', 'body is not JSON');
  }
  if (!b || typeof b !== 'object' || Array.isArray(b)) throw new Refusal(400, 'validation_failed', 'body must be an object');
  for (const k of Object.keys(b)) if (!['items', 'addressId', 'delivery', 'remark'].includes(k)) throw new Refusal(400, 'validation_failed', `unknown field ${k}`);
  const items = b.items as Array<Record<string, unknown>> | undefined;
  if (!Array.isArray(items) || items.length !== 1) throw new Refusal(400, 'validation_failed', 'the baseline takes exactly one line');
  const [item] = items;
  if (!item || typeof item !== 'object' || Object.keys(item).some((k) => k !== 'skuId' && k !== 'quantity')) throw new Refusal(400, 'validation_failed', 'items[0]');
  if (!posInt(item.skuId)) throw new Refusal(400, 'validation_failed', 'items[0].skuId');
  if (!Number.isInteger(item.quantity) || (item.quantity as number) < 1 || (item.quantity as number) > 999) throw new Refusal(400, 'validation_failed', 'items[0].quantity');
  if (b.delivery !== undefined && b.delivery !== 'express') throw new Refusal(400, 'validation_failed', 'the baseline delivers by express only');
  if (!posInt(b.addressId)) throw new Refusal(400, 'validation_failed', 'addressId: an address is needed for delivery');
  let remark: string | null = null;
  if (b.remark !== undefined) {
    if (typeof b.remark !== 'string' || b.remark.trim().length > 200) throw new Refusal(400, 'validation_failed', 'remark');
    remark = b.remark.trim();
  }
  return { skuId: item.skuId as number, quantity: item.quantity as number, addressId: b.addressId as number, remark };
}

// ------------------------------------------------------------------ the one SELECT

const READ = `
SELECT t.id AS tenant_id, t.status AS tenant_status, t.plan, t.settings,
       s.id AS session_id, c.status AS customer_status,
       a.id AS address_id, a.name AS a_name, a.phone AS a_phone, a.province AS a_province, a.city AS a_city, a.district AS a_district, a.detail AS a_detail,
       ls.id AS listing_sku_id, ls.listing_id, ls.sku_id, ls.price, l.title, l.image, l.status AS listing_status,
       ps.product_id, ps.specs, ps.supply_price, ps.weight_grams,
       p.owner_kind, p.owner_id, p.status AS product_status, cat.fee_bps,
       (SELECT ss.warehouse_id FROM sku_stocks ss JOIN warehouses w ON w.id = ss.warehouse_id
         WHERE ss.sku_id = ls.sku_id AND ss.stock >= ?
         ORDER BY CASE WHEN w.city = a.city THEN 0 WHEN w.province = a.province THEN 1 ELSE 2 END, ss.stock DESC, ss.warehouse_id
         LIMIT 1) AS warehouse_id,
       ft.mode, ft.default_rule, ft.region_rules, ft.free_threshold
  FROM tenants t
  LEFT JOIN auth_sessions s ON s.sid = ? AND s.revoked_at IS NULL AND s.actor_kind = 'shopper' AND s.actor_id = ? AND s.tenant_id <=> ?
  LEFT JOIN customers c ON c.tenant_id = t.id AND c.id = s.actor_id
  LEFT JOIN addresses a ON a.tenant_id = t.id AND a.customer_id = c.id AND a.id = ?
  LEFT JOIN listing_skus ls ON ls.tenant_id = t.id AND ls.id = ?
  LEFT JOIN listings l ON l.tenant_id = ls.tenant_id AND l.id = ls.listing_id
  LEFT JOIN product_skus ps ON ps.id = ls.sku_id
  LEFT JOIN products p ON p.id = ps.product_id
  LEFT JOIN categories cat ON cat.id = p.category_id
  LEFT JOIN freight_templates ft ON ft.id = (
       SELECT x.id FROM freight_templates x
        WHERE x.owner_kind = p.owner_kind AND x.owner_id = p.owner_id AND (x.id <=> p.freight_template_id OR x.is_default = 1)
        ORDER BY (x.id <=> p.freight_template_id) DESC, x.id LIMIT 1)
 WHERE t.slug = ?`;

interface Row {
  tenant_id: number;
  tenant_status: string;
  plan: string;
  settings: string;
  session_id: number | null;
  customer_status: string | null;
  address_id: number | null;
  a_name: string;
  a_phone: string;
  a_province: string;
  a_city: string;
  a_district: string;
  a_detail: string;
  listing_sku_id: number | null;
  listing_id: number;
  sku_id: number;
  price: number;
  title: string;
  image: string | null;
  listing_status: string;
  product_id: number | null;
  specs: string;
  supply_price: number;
  weight_grams: number;
  owner_kind: 'supplier' | 'tenant';
  owner_id: number;
  product_status: string;
  fee_bps: number | null;
  warehouse_id: number | null;
  mode: 'piece' | 'weight' | null;
  default_rule: string | null;
  region_rules: string | null;
  free_threshold: number | null;
}

interface Rule {
  first: number;
  firstFee: number;
  additional: number;
  additionalFee: number;
}

/** fulfillment/freight.ts ruleFee (copied: the baseline imports nothing of the app). */
function ruleFee(rule: Rule, units: number): number {
  if (units <= 0) return 0;
  const extra = Math.max(0, units - rule.first);
  return rule.firstFee + (extra > 0 ? Math.ceil(extra / Math.max(1, rule.additional)) * rule.additionalFee : 0);
}

function freightOf(r: Row, quantity: number): number {
  if (!r.mode || !r.default_rule) return 0;
  const amount = Number(r.price) * quantity;
  if (r.free_threshold !== null && amount >= Number(r.free_threshold)) return 0;
  const units = r.mode === 'piece' ? quantity : quantity * r.weight_grams;
  const regions = JSON.parse(r.region_rules ?? '[]') as Array<Rule & { provinces: string[] }>;
  const rule = regions.find((x) => x.provinces.includes(r.a_province)) ?? (JSON.parse(r.default_rule) as Rule);
  return ruleFee(rule, units);
}

/** orders/place.ts newOrderNo: UTC time to the second and six random digits. */
function newOrderNo(at: Date): string {
  return `${at.toISOString().replace(/[-:TZ.]/g, '').slice(0, 14)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

// ------------------------------------------------------------------ the transaction

async function q<T = unknown>(conn: PoolConnection, kind: keyof typeof counts, sql: string, values?: unknown[]): Promise<T> {
  counts[kind]++;
  statements++;
  const [result] = await conn.query(sql, values);
  return result as T;
}

async function place(slug: string, claims: Claims, input: Input): Promise<{ status: number; body: unknown }> {
  const conn = await pool.getConnection();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return await placeOnce(conn, slug, claims, input);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (attempt >= 4 || (code !== 'ER_LOCK_DEADLOCK' && code !== 'ER_LOCK_WAIT_TIMEOUT')) throw err;
        counts.deadlockRetries++;
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
      }
    }
  } finally {
    conn.release();
  }
}

async function placeOnce(conn: PoolConnection, slug: string, claims: Claims, input: Input): Promise<{ status: number; body: unknown }> {
  const qty = input.quantity;
  await q(conn, 'begin', 'START TRANSACTION');
  try {
    const [r] = await q<Row[]>(conn, 'select', READ, [qty, claims.sid, claims.sub, claims.tid, input.addressId, input.skuId, slug]);
    if (!r) throw new Refusal(404, 'tenant_not_found', `No shop at ${slug}.${PLATFORM_DOMAIN}`);
    if (r.tenant_status === 'suspended') throw new Refusal(403, 'tenant_suspended', `The shop ${slug} is suspended`);
    if (claims.tid !== r.tenant_id) throw new Refusal(401, 'unauthenticated', 'This token belongs to another shop');
    if (r.session_id === null || r.customer_status !== 'active') throw new Refusal(401, 'unauthenticated', 'Invalid or expired token');
    if (r.address_id === null) throw new Refusal(404, 'not_found', 'Address not found');
    if (r.listing_sku_id === null || r.product_id === null) throw new Refusal(400, 'validation_failed', 'items[0].skuId: no such product SKU in this shop');
    if (r.listing_status !== 'on_sale' || r.product_status !== 'approved') throw new Refusal(409, 'not_on_sale', `${r.title} is not on sale`);
    if (r.warehouse_id === null) throw new Refusal(409, 'insufficient_stock', `Not enough stock for ${r.title}`);

    const now = new Date();
    const price = Number(r.price);
    const freight = freightOf(r, qty);
    const goods = price * qty;
    const stored = JSON.parse(r.settings || '{}') as { orders?: { autoCancelMinutes?: number } };
    const expiresAt = new Date(now.getTime() + (stored.orders?.autoCancelMinutes ?? DEFAULT_CANCEL_MINUTES) * 60_000);
    const feeBps = r.fee_bps ?? PLAN_FEE_BPS[r.plan ?? 'trial'] ?? 0;
    const supplyPrice = r.owner_kind === 'tenant' && r.owner_id === r.tenant_id ? 0 : Number(r.supply_price);
    const address = { name: r.a_name, phone: r.a_phone, province: r.a_province, city: r.a_city, district: r.a_district, detail: r.a_detail };

    // reserve: the warehouse's count, then the SKU's total, each only if enough is left; true when it sold out
    const reserve = async (): Promise<boolean> => {
      const fromWarehouse = await q<ResultSetHeader>(conn, 'update', 'UPDATE sku_stocks SET stock = stock - ?, updated_at = ? WHERE stock >= ? AND sku_id = ? AND warehouse_id = ?', [qty, now, qty, r.sku_id, r.warehouse_id]);
      if (fromWarehouse.affectedRows !== 1) throw new Refusal(409, 'insufficient_stock', `Not enough stock for ${r.title}`);
      const fromSku = await q<ResultSetHeader>(conn, 'update', 'UPDATE product_skus SET stock = LAST_INSERT_ID(stock - ?), updated_at = ? WHERE id = ? AND stock >= ?', [qty, now, r.sku_id, qty]);
      if (fromSku.affectedRows !== 1) throw new Refusal(409, 'insufficient_stock', `Not enough stock for ${r.title}`);
      return fromSku.insertId === 0;
    };
    let soldOut = RESERVE_LAST ? false : await reserve();

    // two orders of a shop in the same second may draw the same number: draw again, as ours does
    let orderNo = '';
    let order: ResultSetHeader | undefined;
    for (let attempt = 1; !order; attempt++) {
      orderNo = newOrderNo(now);
      try {
        order = await q<ResultSetHeader>(
          conn, 'insert',
          `INSERT INTO orders (tenant_id, order_no, customer_id, status, delivery, goods_amount, freight_amount, discount_amount, pay_amount, paid_amount, refunded_amount,
             adjustments, address, remark, pickup_code, expires_at, paid_at, shipped_at, received_at, completed_at, cancelled_at, cancel_reason, settled, created_at, updated_at)
           VALUES (?, ?, ?, 'pending_payment', 'express', ?, ?, 0, ?, 0, 0, '[]', ?, ?, NULL, ?, NULL, NULL, NULL, NULL, NULL, NULL, 0, ?, ?)`,
          [r.tenant_id, orderNo, claims.sub, goods, freight, goods + freight, JSON.stringify(address), input.remark, expiresAt, now, now],
        );
      } catch (err) {
        if ((err as { code?: string }).code !== 'ER_DUP_ENTRY' || attempt >= 5) throw err;
        counts.duplicateOrderNo++;
      }
    }
    const orderId = order.insertId;
    const fulfillment = await q<ResultSetHeader>(
      conn, 'insert',
      `INSERT INTO fulfillments (tenant_id, order_id, owner_kind, owner_id, warehouse_id, status, freight_amount, shipped_at, received_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, NULL, NULL, ?, ?)`,
      [r.tenant_id, orderId, r.owner_kind, r.owner_id, r.warehouse_id, freight, now, now],
    );
    const specs = JSON.parse(r.specs) as Record<string, string>;
    const item = await q<ResultSetHeader>(
      conn, 'insert',
      `INSERT INTO order_items (tenant_id, order_id, fulfillment_id, listing_id, listing_sku_id, product_id, sku_id, owner_kind, owner_id, title, specs, image,
         unit_price, supply_price, quantity, subtotal, discount, paid, fee_bps, shipped_quantity, refunded_quantity, reviewed, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 0, 0, 0, ?, ?)`,
      [r.tenant_id, orderId, fulfillment.insertId, r.listing_id, r.listing_sku_id, r.product_id, r.sku_id, r.owner_kind, r.owner_id, r.title, JSON.stringify(specs), r.image,
        price, supplyPrice, qty, goods, goods, feeBps, now, now],
    );
    await q(conn, 'insert', `INSERT INTO order_history (tenant_id, order_id, from_status, to_status, actor_kind, actor_id, note, created_at) VALUES (?, ?, NULL, 'pending_payment', 'shopper', ?, NULL, ?)`, [
      r.tenant_id, orderId, claims.sub, now,
    ]);
    await q(
      conn, 'insert',
      `INSERT INTO domain_events (tenant_id, type, payload, occurred_at, request_id, actor_kind, dispatched_at, created_at) VALUES (?, 'order.created', ?, ?, NULL, 'shopper', NULL, ?)`,
      [r.tenant_id, JSON.stringify({ tenantId: r.tenant_id, orderId, orderNo, customerId: claims.sub }), now, now],
    );
    await q(conn, 'delete', 'DELETE FROM cart_items WHERE tenant_id = ? AND customer_id = ? AND listing_sku_id IN (?)', [r.tenant_id, claims.sub, r.listing_sku_id]);
    // BASELINE_RESERVE=last: the stock rows are locked for the last three statements only (UPDATE, UPDATE, COMMIT)
    if (RESERVE_LAST) soldOut = await reserve();
    if (soldOut) {
      // what stock-service scheduleRefresh() does when a SKU reaches zero (never in a benchmark run)
      await q(
        conn, 'insert',
        `INSERT IGNORE INTO jobs (tenant_id, name, payload, run_at, status, attempts, max_attempts, locked_until, last_error, dedupe_key, finished_at, created_at, updated_at)
         VALUES (?, 'catalog.refresh-stock', ?, ?, 'pending', 0, 10, NULL, NULL, ?, NULL, ?, ?)`,
        [r.tenant_id, JSON.stringify({ productId: r.product_id }), now, `refresh-stock:${r.product_id}`, now, now],
      );
    }
    await q(conn, 'commit', 'COMMIT');

    const iso = now.toISOString();
    return {
      status: 201,
      body: {
        id: orderId, orderNo, status: 'pending_payment', delivery: 'express', goodsAmount: goods, freightAmount: freight, discountAmount: 0, totalAmount: goods + freight,
        payAmount: goods + freight, paidAmount: 0, refundedAmount: 0, adjustments: [], address, remark: input.remark, expiresAt: expiresAt.toISOString(),
        paidAt: null, shippedAt: null, receivedAt: null, completedAt: null, cancelledAt: null, cancelReason: null, createdAt: iso,
        items: [{
          id: item.insertId, productId: r.listing_id, skuId: r.listing_sku_id, title: r.title, specs, image: r.image, unitPrice: price, quantity: qty, subtotal: goods,
          discount: 0, paid: goods, shippedQuantity: 0, refundedQuantity: 0, refundedAmount: 0, refundingQuantity: 0, refundingAmount: 0, cancelledQuantity: 0, reviewed: false,
        }],
        fulfillments: [{
          id: fulfillment.insertId, status: 'pending', owner: r.owner_kind === 'tenant' && r.owner_id === r.tenant_id ? 'shop' : 'supplier', freightAmount: freight,
          carrier: null, trackingNo: null, shipments: [], itemIds: [item.insertId],
        }],
      },
    };
  } catch (err) {
    counts.rollback++;
    statements++;
    await conn.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

// ------------------------------------------------------------------ http

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
const errorBody = (code: string, message: string) => JSON.stringify({ error: { code, message } });

const suffix = `.${PLATFORM_DOMAIN}`;
let closing = false;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    try {
      if (req.method !== 'POST' || req.url !== '/api/v1/shop/orders') return send(res, 404, errorBody('not_found', 'No route'));
      const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
      const slug = host.endsWith(suffix) ? host.slice(0, -suffix.length) : '';
      if (!/^[a-z][a-z0-9-]*$/.test(slug)) return send(res, 404, errorBody('tenant_not_found', `No shop at ${host}`));
      const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      const claims = m ? verify(m[1]!) : null;
      if (!claims) return send(res, 401, errorBody('unauthenticated', 'Invalid or expired token'));
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return send(res, 415, errorBody('unsupported_media_type', 'Send the body as application/json'));
      const input = parseInput(Buffer.concat(chunks).toString('utf8'));
      const reply = await place(slug, claims, input);
      return send(res, reply.status, JSON.stringify(reply.body));
    } catch (err) {
      if (err instanceof Refusal) return send(res, err.status, errorBody(err.code, err.message));
      if (!closing) console.error(err);
      return send(res, 500, errorBody('internal', 'Internal error'));
    }
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ type: 'ready', pid: process.pid }));

process.on('message', (m: { cmd: string; id?: number }) => {
  if (m.cmd === 'stats') process.send?.({ type: 'stats', id: m.id, statements, counts: { ...counts }, rss: process.memoryUsage().rss });
  if (m.cmd === 'exit') {
    closing = true;
    server.close();
    server.closeAllConnections();
    void pool.end().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  }
});
