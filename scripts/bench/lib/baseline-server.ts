/**
 * The hand-written baseline: node:http + a mysql2 pool, ONE SQL statement per request over the
 * same tables, answering GET /api/v1/shop/products with the same JSON as our server.
 *
 * The tenant is resolved by slug INSIDE that one statement (a CTE on tenants.slug, unique index),
 * not from a map cached at start, so the baseline does no lookup our server would skip. The
 * statement pages the listings with COUNT(*) OVER () for the total (a COUNT(*) only when the page
 * is empty, as the app does) and joins each listing's SKUs and their live stock. Two ways to shape
 * the reply, both one statement (BASELINE_MODE):
 *   json  MariaDB builds the whole reply with JSON_OBJECT/JSON_ARRAYAGG; the handler writes it as is;
 *   rows  one row per SKU of the page; the handler groups them and JSON.stringifies.
 * Search tokenises the query with the app's own core/search.ts queryTerms() (Han bigrams,
 * a lone Han character, lower-cased words) and ranks in the same statement: candidates by summed weight (top 500,
 * before the on-sale filter, as the app does) holding at least 70% of the query's terms, score then
 * id descending.
 *
 * Run as a child of catalog.ts (IPC); PORT, BASELINE_MODE and BENCH_DATABASE_URL from the environment.
 */
import { createServer, type ServerResponse } from 'node:http';
import mysql from 'mysql2/promise';
// the search tokeniser is a pure function: the baseline shares it rather than a copy that could drift
import { queryTerms } from '../../../server/src/core/search.js';
import { benchDatabaseUrl, PLATFORM_DOMAIN } from './env.js';

const pool = mysql.createPool({
  uri: benchDatabaseUrl(),
  connectionLimit: Number(process.env.DB_POOL_MAX ?? 20),
  charset: 'utf8mb4',
  supportBigNumbers: true,
  // the reply is MariaDB's JSON text as is: no parse and re-stringify in the handler
  jsonStrings: true,
});

const MODE = process.env.BASELINE_MODE === 'rows' ? 'rows' : 'json';

type Sort = 'newest' | 'price_asc' | 'price_desc' | 'sales' | 'relevance';
/** ORDER BY inside the page (l = listings, h = hits) and outside it, on the page's columns (p). */
const ORDERS: Record<Sort, [string, string]> = {
  newest: ['l.id DESC', 'p.id DESC'],
  relevance: ['h.score DESC, l.id DESC', 'p.score DESC, p.id DESC'],
  price_asc: ['l.min_price ASC, l.id DESC', 'p.min_price ASC, p.id DESC'],
  price_desc: ['l.min_price DESC, l.id DESC', 'p.min_price DESC, p.id DESC'],
  sales: ['l.sales_count DESC, l.id DESC', 'p.sales_count DESC, p.id DESC'],
};

class BadRequest extends Error {}

function intParam(v: string | null, def: number | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (v === null || v === '') return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new BadRequest(`bad number ${v}`);
  return n;
}

function statement(slug: string, sp: URLSearchParams): { sql: string; values: unknown[]; page: number; pageSize: number } | null {
  const page = intParam(sp.get('page'), 1, 1)!;
  const pageSize = intParam(sp.get('pageSize'), 20, 1, 100)!;
  const q = (sp.get('q') ?? '').trim();
  if (q.length > 64) throw new BadRequest('q too long');
  const categoryId = intParam(sp.get('categoryId'), undefined, 1);
  const minPrice = intParam(sp.get('minPrice'), undefined, 0);
  const maxPrice = intParam(sp.get('maxPrice'), undefined, 0);
  const sortParam = sp.get('sort');
  if (sortParam && !['newest', 'price_asc', 'price_desc', 'sales'].includes(sortParam)) throw new BadRequest('bad sort');
  const wanted = q ? [...new Set(queryTerms(q))].slice(0, 24) : null;
  if (wanted && !wanted.length) return null;
  const sort: Sort = (sortParam as Sort | null) ?? (wanted ? 'relevance' : 'newest');
  const [inner, outer] = ORDERS[sort];

  const values: unknown[] = [slug];
  let hits = '';
  let from = 'listings l';
  if (wanted) {
    hits = `, h AS (SELECT st.doc_id, SUM(st.weight) AS score FROM search_terms st
        WHERE st.scope_id = (SELECT id FROM t) AND st.doc_type = 'listing' AND st.term IN (?)
        GROUP BY st.doc_id HAVING COUNT(*) >= ? ORDER BY score DESC, st.doc_id DESC LIMIT 500)`;
    values.push(wanted, Math.max(1, Math.ceil(wanted.length * 0.7)));
    from = 'h JOIN listings l ON l.id = h.doc_id';
  }
  const filters: string[] = [];
  const filterValues: unknown[] = [];
  if (minPrice !== undefined) filters.push('AND l.min_price >= ?'), filterValues.push(minPrice);
  if (maxPrice !== undefined) filters.push('AND l.min_price <= ?'), filterValues.push(maxPrice);
  if (categoryId !== undefined) {
    filters.push('AND l.store_category_id IN (SELECT sc.id FROM store_categories sc WHERE sc.tenant_id = (SELECT id FROM t) AND (sc.id = ? OR sc.parent_id = ?))');
    filterValues.push(categoryId, categoryId);
  }
  const where = `l.tenant_id = (SELECT id FROM t) AND l.status = 'on_sale' ${filters.join(' ')}`;
  values.push(...filterValues, pageSize, (page - 1) * pageSize);
  const head = `WITH t AS (SELECT id FROM tenants WHERE slug = ?)${hits},
    p AS (SELECT l.id, l.tenant_id, l.title, l.image, l.min_price, l.sales_count${wanted ? ', h.score' : ''}, COUNT(*) OVER () AS total
          FROM ${from} WHERE ${where} ORDER BY ${inner} LIMIT ? OFFSET ?)`;
  if (MODE === 'rows') {
    // one row per SKU of the page (a NULL row when the page is empty, carrying the tenant and the total)
    const sql = `${head}
      SELECT x.tid, p.id, p.title, p.image, p.min_price, p.sales_count, p.total, ls.id AS sku_id, ps.specs, ls.price, ps.stock,
        CASE WHEN p.id IS NULL AND x.tid IS NOT NULL THEN (SELECT COUNT(*) FROM ${from} WHERE ${where}) END AS empty_total
      FROM (SELECT (SELECT id FROM t) AS tid) x
      LEFT JOIN p ON TRUE
      LEFT JOIN (listing_skus ls JOIN product_skus ps ON ps.id = ls.sku_id) ON ls.tenant_id = p.tenant_id AND ls.listing_id = p.id
      ORDER BY ${outer}, ls.id`;
    values.push(...filterValues);
    return { sql, values, page, pageSize };
  }
  const sql = `${head}
    SELECT (SELECT id FROM t) AS tenant_id, JSON_OBJECT(
      'items', COALESCE(JSON_ARRAYAGG(JSON_OBJECT('id', p.id, 'title', p.title, 'price', p.min_price, 'image', p.image, 'salesCount', p.sales_count,
        'skus', (SELECT COALESCE(JSON_ARRAYAGG(JSON_OBJECT('id', ls.id, 'specs', JSON_QUERY(ps.specs, '$'), 'price', ls.price, 'stock', ps.stock) ORDER BY ls.id), JSON_ARRAY())
                 FROM listing_skus ls JOIN product_skus ps ON ps.id = ls.sku_id WHERE ls.tenant_id = p.tenant_id AND ls.listing_id = p.id)
        ) ORDER BY ${outer}), JSON_ARRAY()),
      'total', COALESCE(MAX(p.total), (SELECT COUNT(*) FROM ${from} WHERE ${where})),
      'page', ?, 'pageSize', ?) AS body
    FROM p`;
  values.push(...filterValues, page, pageSize);
  return { sql, values, page, pageSize };
}

interface Row {
  tid: number | null;
  id: number | null;
  title: string;
  image: string | null;
  min_price: number;
  sales_count: number;
  total: number;
  sku_id: number | null;
  specs: string;
  price: number;
  stock: number;
  empty_total: number | null;
}

/** rows mode: the page's rows grouped into the reply, in the statement's order. */
function replyOf(rows: Row[], page: number, pageSize: number): string | null {
  if (!rows.length || rows[0]!.tid === null) return null;
  const items: Array<{ id: number; title: string; price: number; image: string | null; salesCount: number; skus: Array<{ id: number; specs: unknown; price: number; stock: number }> }> = [];
  let total = 0;
  let current: (typeof items)[number] | undefined;
  for (const r of rows) {
    if (r.id === null) {
      total = Number(r.empty_total ?? 0);
      continue;
    }
    total = r.total;
    if (current?.id !== r.id) {
      current = { id: r.id, title: r.title, price: r.min_price, image: r.image, salesCount: r.sales_count, skus: [] };
      items.push(current);
    }
    if (r.sku_id !== null) current.skus.push({ id: r.sku_id, specs: JSON.parse(r.specs), price: r.price, stock: r.stock });
  }
  return JSON.stringify({ items, total, page, pageSize });
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

const suffix = `.${PLATFORM_DOMAIN}`;
let statements = 0;

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method !== 'GET' || url.pathname !== '/api/v1/shop/products') return send(res, 404, '{"error":{"code":"not_found","message":"No route"}}');
    const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
    const slug = host.endsWith(suffix) ? host.slice(0, -suffix.length) : '';
    if (!/^[a-z][a-z0-9-]*$/.test(slug)) return send(res, 404, JSON.stringify({ error: { code: 'tenant_not_found', message: `No shop at ${host}` } }));
    const st = statement(slug, url.searchParams);
    if (!st) {
      const page = Number(url.searchParams.get('page') ?? 1);
      const pageSize = Number(url.searchParams.get('pageSize') ?? 20);
      return send(res, 200, JSON.stringify({ items: [], total: 0, page, pageSize }));
    }
    statements++;
    const [rows] = (await pool.query(st.sql, st.values)) as unknown as [Array<Row & { tenant_id: number | null; body: string }>];
    const body = MODE === 'rows' ? replyOf(rows, st.page, st.pageSize) : rows[0] && rows[0].tenant_id !== null ? rows[0].body : null;
    if (body === null) return send(res, 404, JSON.stringify({ error: { code: 'tenant_not_found', message: `No shop at ${host}` } }));
    return send(res, 200, body);
  } catch (err) {
    if (err instanceof BadRequest) return send(res, 400, JSON.stringify({ error: { code: 'validation_failed', message: err.message } }));
    if (!closing) console.error(err);
    return send(res, 500, '{"error":{"code":"internal","message":"Internal error"}}');
  }
});
server.keepAliveTimeout = 65_000;
let closing = false;

server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ type: 'ready', pid: process.pid }));

process.on('message', (m: { cmd: string; id?: number }) => {
  if (m.cmd === 'stats') process.send?.({ type: 'stats', id: m.id, statements, rss: process.memoryUsage().rss });
  if (m.cmd === 'exit') {
    closing = true;
    server.close();
    server.closeAllConnections();
    process.exit(0);
  }
});
