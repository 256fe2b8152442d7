import { inTenant, systemContext, type Ctx } from '../../core/context.js';
import { tenantRef } from '../tenants/index.js';

/**
 * Work for one shop started without a request (a WeChat push, the callback, a sweep): the system
 * acting inside that shop, in the explicit context and its AsyncLocalStorage mirror alike, so the
 * tenant safety net sees the shop.
 */
export async function asShop<T>(name: string, tenantId: number, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const base = systemContext(name);
  return inTenant(base, await tenantRef(base, tenantId), fn);
}
