/**
 * The password reset tokens of every email-based account kind (only their hashes are stored).
 * The tenant is a column here, not a scope: null for platform and supplier accounts.
 */
import { Op } from 'sequelize';
import type { Ctx } from '../../../core/context.js';
import { inTx } from '../../../core/db/index.js';
import { PasswordReset } from '../model.js';

export interface PasswordResetRow {
  id: number;
  actorKind: string;
  actorId: number;
  tenantId: number | null;
  expiresAt: Date;
  usedAt: Date | null;
}

const resetRow = (r: PasswordReset): PasswordResetRow => ({
  id: Number(r.id),
  actorKind: r.actorKind,
  actorId: Number(r.actorId),
  tenantId: r.tenantId === null ? null : Number(r.tenantId),
  expiresAt: r.expiresAt,
  usedAt: r.usedAt,
});

export async function insertPasswordReset(ctx: Ctx, fields: { actorKind: string; actorId: number; tenantId: number | null; tokenHash: string; expiresAt: Date }): Promise<void> {
  await PasswordReset.create({ ...fields, usedAt: null }, inTx(ctx));
}

/** The unused reset of this token hash, kind and tenant that expires after `now`. */
export async function openPasswordReset(ctx: Ctx, key: { tokenHash: string; actorKind: string; tenantId: number | null }, now: Date): Promise<PasswordResetRow | null> {
  const r = await PasswordReset.findOne({ where: { ...key, usedAt: null, expiresAt: { [Op.gt]: now } }, ...inTx(ctx) });
  return r ? resetRow(r) : null;
}

/** Marks it used only if nobody did first: 1 when this call claimed it, 0 otherwise. */
export async function claimPasswordReset(ctx: Ctx, id: number, at: Date): Promise<number> {
  const [used] = await PasswordReset.update({ usedAt: at }, { where: { id, usedAt: null }, ...inTx(ctx) });
  return used;
}
