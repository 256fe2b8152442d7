/**
 * Who an account is, in words. The ledger knows an account by type and id; the operator's screens
 * read "供应商「茶园」" rather than "Supplier #3", so lists name shops and suppliers by asking the
 * modules that own them (one statement per type).
 */
import type { Ctx } from '../../core/context.js';
import { supplierNames } from '../suppliers/index.js';
import { tenantNames } from '../tenants/index.js';

const namers: Record<string, (ctx: Ctx, ids: number[]) => Promise<Map<number, string>>> = { supplier: supplierNames, tenant: tenantNames };

/** Each account with its name (null for the platform, clearing and shoppers, or an owner that is gone). */
export async function withNames<A extends { type: string; id: number }>(ctx: Ctx, accounts: A[]): Promise<Array<A & { name: string | null }>> {
  const names = new Map<string, Map<number, string>>();
  await Promise.all(
    Object.entries(namers).map(async ([type, named]) => {
      const ids = accounts.filter((a) => a.type === type).map((a) => a.id);
      if (ids.length) names.set(type, await named(ctx, ids));
    }),
  );
  return accounts.map((a) => ({ ...a, name: names.get(a.type)?.get(a.id) ?? null }));
}
