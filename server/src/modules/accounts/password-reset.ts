/**
 * Password reset by emailed one-time link, for every email-based account kind. A module that owns
 * an account kind contributes to `resettableAccounts`, named by the kind, how to find an account by email and set its password; the flow (token,
 * expiry, single use, revoking sessions) is the same for all.
 */
import { hashPassword, revokeActorSessions, type TokenKind } from '../../core/auth/index.js';
import { clock, hours } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { randomToken, sha256 } from '../../core/crypto.js';
import { afterCommit, withTransaction } from '../../core/db/index.js';
import { contribute, defineHook, namedContribution, type HookContribution } from '../../core/hooks.js';
import { bilingual, sendEmail } from '../../core/messaging/index.js';
import { accountErrors } from './errors.js';
import * as repo from './repository/password-resets.js';

export interface ResettableAccounts {
  find(ctx: Ctx, email: string): Promise<{ id: number } | null>;
  setPasswordHash(ctx: Ctx, id: number, hash: string): Promise<void>;
  /** Where the reset page lives, e.g. the tenant's console. */
  link(ctx: Ctx, token: string): string;
}

export const resettableAccounts = defineHook<ResettableAccounts>('accounts.resettable', 'named');

/** A contribution to `resettableAccounts` for one token kind. */
export function resettable(kind: TokenKind, accounts: ResettableAccounts): HookContribution {
  return contribute(resettableAccounts, kind, accounts);
}

const TTL_MS = hours(1);

/** Always answers the same, whether or not the email has an account. */
export async function requestPasswordReset(ctx: Ctx, kind: TokenKind, email: string): Promise<{ sent: true }> {
  const accounts = namedContribution(resettableAccounts, kind);
  if (!accounts) throw new Error(`no password reset for ${kind}`);
  const account = await accounts.find(ctx, email);
  if (account) {
    const token = randomToken();
    await withTransaction(ctx, async (tx) => {
      await repo.insertPasswordReset(tx, { actorKind: kind, actorId: account.id, tenantId: tx.tenantId, tokenHash: sha256(token), expiresAt: new Date(clock.nowMs() + TTL_MS) });
      await afterCommit(tx, (after) =>
        sendEmail(after, {
          to: email,
          subject: '重置密码 Reset your password',
          text: bilingual(
            `有人申请重置 ${email} 的密码。如果是您本人，请在 1 小时内打开以下链接设置新密码：\n${accounts.link(after, token)}\n如非本人操作，请忽略本邮件。`,
            `Someone asked to reset the password of ${email}. If it was you, open this link within an hour:\n${accounts.link(after, token)}\nOtherwise ignore this email.`,
          ),
        }),
      );
    });
  }
  return { sent: true as const };
}

export async function confirmPasswordReset(ctx: Ctx, kind: TokenKind, token: string, password: string): Promise<{ reset: true }> {
  const accounts = namedContribution(resettableAccounts, kind)!;
  return withTransaction(ctx, async (tx) => {
    const row = await repo.openPasswordReset(tx, { tokenHash: sha256(token), actorKind: kind, tenantId: tx.tenantId }, clock.now());
    if (!row) throw accountErrors.resetInvalid();
    const used = await repo.claimPasswordReset(tx, row.id, clock.now());
    if (used !== 1) throw accountErrors.resetInvalid();
    await accounts.setPasswordHash(tx, row.actorId, await hashPassword(password));
    await revokeActorSessions(tx, kind, row.actorId, tx.tenantId);
    return { reset: true as const };
  });
}
