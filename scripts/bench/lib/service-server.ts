/**
 * Ablation, not part of the targets: our service function behind a bare node:http handler. It
 * resolves the tenant the same way (core/tenancy resolveTenant: Redis-cached), builds a request
 * context (one CASL ability), validates the query with the route's zod schema and calls
 * shopProducts() inside the AsyncLocalStorage context (the tenant safety net needs it), then
 * JSON.stringify. What it skips is the HTTP stack of buildApp(): express routing, request ids,
 * pino-http, helmet, the route registry's handle(). So
 *   baseline -> service-only  = cost of Sequelize + 2-3 statements instead of 1 SQL-built reply
 *   service-only -> ours      = cost of the express stack around the same service call.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { openPlatform } from '../../../server/src/boot.js';
import { loadConfig } from '../../../server/src/core/config.js';
import { createContext, runInContext } from '../../../server/src/core/context.js';
import { openDatabase } from '../../../server/src/core/db/index.js';
import { assertTenantActive, resolveTenant } from '../../../server/src/core/tenancy.js';
import { shopProducts } from '../../../server/src/modules/market/index.js';
import { shopQuery } from '../../../server/src/modules/market/schemas.js';

const config = loadConfig();
let statements = 0;
await openDatabase(config, () => {
  statements++;
});
await openPlatform({ config });

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/api/v1/shop/products') return send(res, 404, '{}');
    const tenant = await resolveTenant(undefined, req.headers.host);
    assertTenantActive(tenant);
    const ctx = createContext({ tenant, requestId: randomUUID() });
    const query = shopQuery.parse(Object.fromEntries(url.searchParams));
    const page = await runInContext(ctx, () => shopProducts(ctx, query));
    return send(res, 200, JSON.stringify(page));
  } catch (err) {
    const status = (err as { status?: number }).status ?? 500;
    return send(res, status, JSON.stringify({ error: { message: String((err as Error).message) } }));
  }
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ type: 'ready', pid: process.pid }));

process.on('message', (m: { cmd: string; id?: number }) => {
  if (m.cmd === 'stats') process.send?.({ type: 'stats', id: m.id, statements, rss: process.memoryUsage().rss });
  if (m.cmd === 'exit') {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  }
});
