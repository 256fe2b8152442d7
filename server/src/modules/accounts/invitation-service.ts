import { Op } from 'sequelize';
import { hashPassword, issueToken, type IssuedToken } from '../../core/auth/index.js';
import { clock, days } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { randomToken, sha256 } from '../../core/crypto.js';
import { afterCommit, inTx, withTransaction } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { assertMayGrant } from '../../core/permissions.js';
import { sendEmail } from '../../core/messaging/index.js';
import { accountErrors } from './errors.js';
import { Staff, StaffInvitation } from './model.js';
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

function statusOf(i: StaffInvitation): InvitationView['status'] {
  if (i.acceptedAt) return 'accepted';
  if (i.revokedAt) return 'revoked';
  return i.expiresAt.getTime() <= clock.nowMs() ? 'expired' : 'pending';
}

const view = (i: StaffInvitation): InvitationView => ({
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
    const tenantId = requireTenantId(tx);
    // the invitee will hold the role: only a role the inviter could give themselves
    if (input.roleId !== undefined) assertMayGrant(tx, (await getRole(tx, input.roleId)).permissions, 'roleId');
    if (await Staff.findOne({ where: { tenantId, email: input.email }, ...inTx(tx) })) throw accountErrors.emailTaken(input.email);
    // a new invitation replaces any pending one for the same address
    await StaffInvitation.update({ revokedAt: clock.now() }, { where: { tenantId, email: input.email, acceptedAt: null, revokedAt: null }, ...inTx(tx) });
    const token = randomToken();
    const invitation = await StaffInvitation.create(
      {
        tenantId,
        email: input.email,
        roleId: input.roleId ?? null,
        asOwner: input.asOwner ?? false,
        tokenHash: sha256(token),
        invitedBy: tx.actor.kind === 'merchant' ? tx.actor.id : null,
        expiresAt: new Date(clock.nowMs() + TTL_MS),
        acceptedAt: null,
        revokedAt: null,
      },
      inTx(tx),
    );
    const link = `${input.consoleUrl}#/accept-invitation?token=${encodeURIComponent(token)}`;
    await afterCommit(tx, (after) =>
      sendEmail(after, {
        to: input.email,
        subject: `You are invited to ${input.shopName}`,
        text: `You have been invited to ${input.asOwner ? 'own' : 'work on'} the shop ${input.shopName}. Accept within 7 days:\n${link}`,
      }),
    );
    return view(invitation);
  });
}

export async function listInvitations(ctx: Ctx): Promise<InvitationView[]> {
  const rows = await StaffInvitation.findAll({ where: { tenantId: requireTenantId(ctx) }, order: [['id', 'DESC']], limit: 100, ...inTx(ctx) });
  return rows.map(view);
}

export async function revokeInvitation(ctx: Ctx, id: number): Promise<InvitationView> {
  return withTransaction(ctx, async (tx) => {
    const row = await StaffInvitation.findOne({ where: { tenantId: requireTenantId(tx), id }, ...inTx(tx) });
    if (!row) throw notFound('Invitation');
    if (!row.acceptedAt && !row.revokedAt) await row.update({ revokedAt: clock.now() }, inTx(tx));
    return view(row);
  });
}

/** The invitee sets a name and password and is signed in. */
export async function acceptInvitation(ctx: Ctx, input: { token: string; name: string; password: string }): Promise<IssuedToken & { staffId: number }> {
  return withTransaction(ctx, async (tx) => {
    const tenantId = requireTenantId(tx);
    const row = await StaffInvitation.findOne({
      where: { tenantId, tokenHash: sha256(input.token), acceptedAt: null, revokedAt: null, expiresAt: { [Op.gt]: clock.now() } },
      ...inTx(tx),
    });
    if (!row) throw accountErrors.invitationInvalid();
    const [claimed] = await StaffInvitation.update({ acceptedAt: clock.now() }, { where: { tenantId, id: row.id, acceptedAt: null }, ...inTx(tx) });
    if (claimed !== 1) throw accountErrors.invitationInvalid();
    const passwordHash = await hashPassword(input.password);
    const staffId = row.asOwner
      ? (await createOwner(tx, { email: row.email, name: input.name, passwordHash })).id
      : (await insertStaff(tx, { email: row.email, name: input.name, roleId: row.roleId!, passwordHash })).id;
    const issued = await issueToken(tx, 'merchant', staffId, tenantId);
    return { ...issued, staffId };
  });
}
