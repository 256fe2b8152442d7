/**
 * The one escape hatch from the tenant safety net, for platform work that must see many tenants
 * (tenant resolution, platform reports, workers draining every tenant's jobs). Grep for
 * `acrossTenants(` to review every use; each states why.
 */
import { runCrossTenant } from '../context.js';

export function acrossTenants<T>(reason: string, fn: () => Promise<T>): Promise<T> {
  if (!reason.trim()) throw new Error('acrossTenants needs a reason');
  return runCrossTenant(reason, fn);
}

/**
 * The tenant condition for rows that may belong to several shops (a supplier's or the platform's
 * queue): every tenant they name when read across tenants, and the one tenant, as a plain value,
 * inside a tenant's context (where the safety net compares it with the context's).
 */
export function tenantsOf(rows: Array<{ tenantId: number }>): number | number[] {
  const ids = [...new Set(rows.map((r) => r.tenantId))];
  return ids.length === 1 ? ids[0]! : ids;
}
