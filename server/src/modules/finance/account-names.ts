/**
 * Who an account is, in words. The ledger knows an account by type and id; the modules that own
 * shops and suppliers name theirs (one contribution per account type), so the operator's screens
 * read "供应商「茶园」" rather than "Supplier #3".
 */
import type { Ctx } from '../../core/context.js';
import { defineHook, namedContribution } from '../../core/hooks.js';

/** Names by id for one account type, in one statement. */
export const accountNames = defineHook<(ctx: Ctx, ids: number[]) => Promise<Map<number, string>>>('finance.account-names', 'named');

/** Each account with its name (null where no module names its type, or the owner is gone). */
export async function withNames<A extends { type: string; id: number }>(ctx: Ctx, accounts: A[]): Promise<Array<A & { name: string | null }>> {
  const byType = new Map<string, number[]>();
  for (const a of accounts) byType.set(a.type, [...(byType.get(a.type) ?? []), a.id]);
  const names = new Map<string, Map<number, string>>();
  await Promise.all(
    [...byType].map(async ([type, ids]) => {
      const named = namedContribution(accountNames, type);
      if (named) names.set(type, await named(ctx, ids));
    }),
  );
  return accounts.map((a) => ({ ...a, name: names.get(a.type)?.get(a.id) ?? null }));
}
