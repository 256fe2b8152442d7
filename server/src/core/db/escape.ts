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
