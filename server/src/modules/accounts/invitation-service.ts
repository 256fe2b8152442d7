import { hashPassword, issueToken, type IssuedToken } from '../../core/auth/index.js';
import { clock, days } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { randomToken, sha256 } from '../../core/crypto.js';
import { afterCommit, withTransaction } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { assertMayGrant } from '../../core/permissions.js';
import { bilingual, sendEmail } from '../../core/messaging/index.js';
import { accountErrors } from './errors.js';
import * as repo from './repository/staff.js';
import type { InvitationRow } from './repository/staff.js';
import { getRole } from './role-service.js';
import { createOwner, insertStaff } from './staff-service.js';

const TTL_MS = days(7);

export interface InvitationView {
  id: number;
  email: string;
  roleId: number | null;
  asOwner: boolean;
  status: 'pending' | 'accepted' | 'revoked' | 'expired';
  expiresAt: string;
  createdAt: string;
}

function statusOf(i: InvitationRow): InvitationView['status'] {
  if (i.acceptedAt) return 'accepted';
  if (i.revokedAt) return 'revoked';
  return i.expiresAt.getTime() <= clock.nowMs() ? 'expired' : 'pending';
}

const view = (i: InvitationRow): InvitationView => ({
  id: i.id,
  email: i.email,
  roleId: i.roleId,
  asOwner: i.asOwner,
  status: statusOf(i),
  expiresAt: i.expiresAt.toISOString(),
  createdAt: i.createdAt.toISOString(),
});

export interface InviteInput {
  email: string;
  roleId?: number;
  asOwner?: boolean;
  /** The console address the link points at (`https://<tenant host>/admin/`). */
  consoleUrl: string;
  shopName: string;
}

/** Creates the invitation in the caller's transaction; the email leaves after commit. */
export async function invite(ctx: Ctx, input: InviteInput): Promise<InvitationView & { token?: string }> {
  return withTransaction(ctx, async (tx) => {
    // the invitee will hold the role: only a role the inviter could give themselves
    if (input.roleId !== undefined) assertMayGrant(tx, (await getRole(tx, input.roleId)).permissions, 'roleId');
    if (await repo.findStaffByEmail(tx, input.email)) throw accountErrors.emailTaken(input.email);
    // a new invitation replaces any pending one for the same address
    await repo.revokePendingInvitations(tx, input.email, clock.now());
    const token = randomToken();
    const invitation = await repo.insertInvitation(tx, {
      email: input.email,
      roleId: input.roleId ?? null,
      asOwner: input.asOwner ?? false,
      tokenHash: sha256(token),
      invitedBy: tx.actor.kind === 'merchant' ? tx.actor.id : null,
      expiresAt: new Date(clock.nowMs() + TTL_MS),
    });
    const link = `${input.consoleUrl}#/accept-invitation?token=${encodeURIComponent(token)}`;
    await afterCommit(tx, (after) =>
      sendEmail(after, {
        to: input.email,
        subject: `邀请您加入「${input.shopName}」 You are invited to ${input.shopName}`,
        text: bilingual(
          `您被邀请${input.asOwner ? '成为店铺「' + input.shopName + '」的店主' : '加入店铺「' + input.shopName + '」的团队'}。请在 7 天内打开以下链接接受邀请：\n${link}`,
          `You have been invited to ${input.asOwner ? 'own' : 'work on'} the shop ${input.shopName}. Accept within 7 days:\n${link}`,
        ),
      }),
    );
    return view(invitation);
  });
}

export async function listInvitations(ctx: Ctx): Promise<InvitationView[]> {
  return (await repo.recentInvitations(ctx, 100)).map(view);
}

export async function revokeInvitation(ctx: Ctx, id: number): Promise<InvitationView> {
  return withTransaction(ctx, async (tx) => {
    const row = await repo.findInvitation(tx, id);
    if (!row) throw notFound('Invitation');
    if (row.acceptedAt || row.revokedAt) return view(row);
    const revokedAt = clock.now();
    await repo.setInvitationRevoked(tx, id, revokedAt);
    return view({ ...row, revokedAt });
  });
}

/** The invitee sets a name and password and is signed in. */
export async function acceptInvitation(ctx: Ctx, input: { token: string; name: string; password: string }): Promise<IssuedToken & { staffId: number }> {
  return withTransaction(ctx, async (tx) => {
    const tenantId = requireTenantId(tx);
    const row = await repo.openInvitation(tx, sha256(input.token), clock.now());
    if (!row) throw accountErrors.invitationInvalid();
    const claimed = await repo.claimInvitation(tx, row.id, clock.now());
    if (claimed !== 1) throw accountErrors.invitationInvalid();
    const passwordHash = await hashPassword(input.password);
    const staffId = row.asOwner
      ? (await createOwner(tx, { email: row.email, name: input.name, passwordHash })).id
      : (await insertStaff(tx, { email: row.email, name: input.name, roleId: row.roleId!, passwordHash })).id;
    const issued = await issueToken(tx, 'merchant', staffId, tenantId);
    return { ...issued, staffId };
  });
}
