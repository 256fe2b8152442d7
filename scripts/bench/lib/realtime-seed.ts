/**
 * The people realtime.ts connects, made fresh on every run in its own database (shop_bench_rt):
 *
 * - shops through the real sign-up (`POST /merchants/signup`, owner and storefront included);
 * - per shop a role holding only `support.serve` and its agents, through the console's own routes
 *   (`POST /admin/roles`, `POST /admin/staff`: one scrypt hash each, so agents are few);
 * - shoppers as bulk-inserted `customers` rows (5,000 sign-ups would be 5,000 scrypt hashes:
 *   minutes of CPU that measure nothing here), each then signed in with the server's own
 *   issueToken() (core/auth: an auth_sessions row, a real token), as seed-orders.ts does. Agents
 *   get their tokens the same way instead of 500 more password checks at login.
 */
import type { Sequelize } from 'sequelize';
import { issueToken } from '../../../server/src/core/auth/index.js';
import { createContext } from '../../../server/src/core/context.js';
import { dropAllTables, migrateUp } from '../../../server/src/core/db/index.js';
import { PLATFORM_DOMAIN, slugOf } from './env.js';
import { request } from './harness.js';
import { insert } from './seeding.js';
import type { Connection } from 'mysql2/promise';

export interface Person {
  id: number;
  token: string;
}

export interface SeededShop {
  id: number;
  slug: string;
  host: string;
  shoppers: Person[];
  agents: Person[];
}

export async function freshSchema(sequelize: Sequelize): Promise<number> {
  await dropAllTables(sequelize);
  return (await migrateUp(sequelize)).length;
}

async function call<T>(port: number, method: string, path: string, host: string, body: unknown, token?: string): Promise<T> {
  const res = await request(port, method, `/api/v1${path}`, { Host: host, 'Content-Type': 'application/json', Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, JSON.stringify(body));
  if (res.status >= 300) throw new Error(`${method} ${path} on ${host}: ${res.status} ${res.body}`);
  return JSON.parse(res.body) as T;
}

/** Runs `fn` over `items`, `width` at a time, in order of the answers' items. */
export async function pool<I, O>(items: readonly I[], width: number, fn: (item: I, index: number) => Promise<O>): Promise<O[]> {
  const out = new Array<O>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

export async function seedShops(port: number, conn: Connection, opts: { tenants: number; shoppers: number; agents: number }): Promise<SeededShop[]> {
  const ctx = createContext({ requestId: 'bench-realtime-seed', userAgent: 'scripts/bench/realtime.ts' });
  const shops: SeededShop[] = [];
  for (let t = 1; t <= opts.tenants; t++) {
    const slug = slugOf(t);
    const host = `${slug}.${PLATFORM_DOMAIN}`;
    const signed = await call<{ tenant: { id: number }; token: string }>(port, 'POST', '/merchants/signup', PLATFORM_DOMAIN, { storeName: `实时压测店${t}`, slug, email: `owner@${slug}.bench`, password: 'Owner#2026' });
    const role = await call<{ id: number }>(port, 'POST', '/admin/roles', host, { name: '客服', permissions: ['support.serve'] }, signed.token);
    const agentIds = await pool(Array.from({ length: opts.agents }, (_, k) => k + 1), 4, async (k) =>
      (await call<{ id: number }>(port, 'POST', '/admin/staff', host, { email: `agent${k}@${slug}.bench`, name: `客服${k}`, roleId: role.id, password: 'Agent#2026' }, signed.token)).id,
    );
    shops.push({ id: signed.tenant.id, slug, host, shoppers: [], agents: await pool(agentIds, 8, async (id) => ({ id, token: (await issueToken(ctx, 'merchant', id, signed.tenant.id)).token })) });
  }

  const now = new Date();
  const rows: unknown[][] = [];
  for (const shop of shops) {
    for (let k = 1; k <= opts.shoppers; k++) rows.push([shop.id, `139${String(shop.id).padStart(3, '0')}${String(k).padStart(5, '0')}`, null, `买家${shop.id}-${k}`, null, null, null, 'active', null, now, now]);
  }
  await insert(conn, 'customers', ['tenant_id', 'phone', 'password_hash', 'nickname', 'avatar_url', 'wechat_openid', 'wechat_unionid', 'status', 'last_login_at', 'created_at', 'updated_at'], rows);
  const [ids] = (await conn.query('SELECT id, tenant_id FROM customers ORDER BY id')) as unknown as [Array<{ id: number; tenant_id: number }>];
  const tokens = await pool(ids, 16, async (c) => ({ tenantId: c.tenant_id, id: c.id, token: (await issueToken(ctx, 'shopper', c.id, c.tenant_id)).token }));
  for (const p of tokens) shops.find((s) => s.id === p.tenantId)!.shoppers.push({ id: p.id, token: p.token });
  return shops;
}
